#include "text2kg/io/news_reader.hpp"

#include <gtest/gtest.h>

namespace text2kg::io {
namespace {

TEST(NewsReader, ReadsDocumentsWithMetadata) {
  std::vector<NewsReadFailure> failures;
  const auto docs = read_news_jsonl(
      "{\"id\":\"a1\",\"title\":\"T\",\"date\":\"2019-11-12T10:00:00Z\",\"url\":\"https://x.org/a\",\"text\":\"Hi.\"}\n"
      "\n"
      "{\"text\":\"No id here.\"}\n",
      "corpus.jsonl", failures);
  EXPECT_TRUE(failures.empty());
  ASSERT_EQ(docs.size(), 2U);
  EXPECT_EQ(docs[0].id(), "a1");
  EXPECT_EQ(docs[0].meta().title, "T");
  EXPECT_EQ(docs[0].meta().date, "2019-11-12");
  EXPECT_EQ(docs[0].meta().url, "https://x.org/a");
  EXPECT_EQ(docs[0].text(), "Hi.");
  EXPECT_EQ(docs[1].id(), "corpus-3");
}

TEST(NewsReader, ReportsBadLinesByFileAndLineAndKeepsTheRest) {
  std::vector<NewsReadFailure> failures;
  const auto docs = read_news_jsonl("{\"text\": \"ok\"}\n{\"text\": \n[1]\n{\"text\":\"\"}\n{\"text\":\"\xff\"}\n",
                                    "c.jsonl", failures);
  EXPECT_EQ(docs.size(), 1U);
  ASSERT_EQ(failures.size(), 4U);
  EXPECT_EQ(failures[0].where, "c.jsonl:2");
  EXPECT_NE(failures[0].reason.find("invalid JSON"), std::string::npos);
  EXPECT_EQ(failures[1].reason, "not a JSON object");
  EXPECT_EQ(failures[2].reason, "no \"text\", or an empty one");
  EXPECT_EQ(failures[3].where, "c.jsonl:5");
}

}  // namespace
}  // namespace text2kg::io
