#include "text2kg/io/conllu.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "text2kg/base/error.hpp"

namespace text2kg::io {
namespace {

constexpr const char* kSample =
    "# newdoc id = doc1\n"
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# newpar\n"
    "# sent_id = s2\n"
    "# text = Yes\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\tEntity=(1-abstract)\n"
    "\n";

TEST(Conllu, ReadsWordsMultiwordTokensAndText) {
  const auto docs = read_conllu(kSample, "sample.conllu");
  ASSERT_EQ(docs.size(), 1U);
  const Document& doc = docs[0];
  EXPECT_EQ(doc.id(), "doc1");
  EXPECT_EQ(doc.text(), "I don't know.\n\nYes");
  ASSERT_EQ(doc.tokens().size(), 6U);
  EXPECT_EQ(doc.form(1), "do");
  EXPECT_EQ(doc.form(2), "n't");
  EXPECT_EQ(doc.text_of(doc.tokens()[2].chars), "don't");
  EXPECT_EQ(doc.tokens()[3].head, -1);
  EXPECT_EQ(doc.tokens()[0].head, 3);
  EXPECT_EQ(doc.tokens()[2].lemma, "not");
  EXPECT_EQ(doc.tokens()[5].misc, "Entity=(1-abstract)");
  ASSERT_EQ(doc.sentences().size(), 2U);
  EXPECT_TRUE(doc.sentences()[1].starts_paragraph);
  EXPECT_EQ(doc.sentences()[1].id, "s2");
  EXPECT_TRUE(doc.layers().has(Layer::Deps | Layer::Lemmas | Layer::Pos));
  EXPECT_TRUE(validate(doc).empty());
}

TEST(Conllu, WriteThenReadGivesTheSameAnnotation) {
  const auto docs = read_conllu(kSample, "sample.conllu");
  std::ostringstream out;
  write_conllu(docs[0], out);
  const auto again = read_conllu(out.str(), "again.conllu");
  ASSERT_EQ(again.size(), 1U);
  EXPECT_EQ(again[0].text(), docs[0].text());
  std::ostringstream out2;
  write_conllu(again[0], out2);
  EXPECT_EQ(out2.str(), out.str());
  EXPECT_NE(out.str().find("2-3\tdon't\t"), std::string::npos);
  EXPECT_NE(out.str().find("4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"), std::string::npos);
}

TEST(Conllu, MalformedLineNamesFileAndLine) {
  try {
    read_conllu("1\tI\tI\tPRON\n", "bad.conllu");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "bad.conllu:1: expected 10 tab-separated columns");
  }
}

}  // namespace
}  // namespace text2kg::io
