#include "text2kg/nlp/conll_eval.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"

namespace text2kg::nlp {
namespace {

/// One sentence from entries "form" (a plain token) or "surface w1 w2 ..." (a multiword
/// token), surfaces separated by spaces in the text, as the official script's own tests.
Document sentence_of(const std::vector<std::string>& entries) {
  std::string text;
  std::vector<std::vector<std::string>> parts;
  for (const auto& entry : entries) {
    std::vector<std::string> fields;
    std::istringstream in(entry);
    for (std::string f; in >> f;) fields.push_back(f);
    parts.push_back(fields);
    if (!text.empty()) text += ' ';
    text += fields[0];
  }
  Document doc("d", text);
  std::uint32_t at = 0;
  for (const auto& fields : parts) {
    const ByteSpan chars{at, at + static_cast<std::uint32_t>(fields[0].size())};
    at = chars.end + 1;
    if (fields.size() == 1) {
      doc.add_token(chars, true);
      continue;
    }
    MultiwordToken mwt{{static_cast<std::uint32_t>(doc.tokens().size()), 0}, chars};
    for (std::size_t w = 1; w < fields.size(); ++w) {
      const auto t = doc.add_token(chars, false);
      doc.mutable_tokens()[t].form_override = fields[w];
    }
    mwt.words.end = static_cast<std::uint32_t>(doc.tokens().size());
    doc.mutable_multiword_tokens().push_back(mwt);
  }
  doc.add_sentence(0, true);
  doc.add_layers(Layer::Tokens | Layer::Sentences);
  return doc;
}

std::size_t word_count(const std::vector<std::string>& entries) {
  std::size_t n = 0;
  for (const auto& e : entries) {
    const auto spaces = static_cast<std::size_t>(std::count(e.begin(), e.end(), ' '));
    n += spaces == 0 ? 1 : spaces;
  }
  return n;
}

void expect_words(const std::vector<std::string>& gold, const std::vector<std::string>& system, std::size_t correct) {
  const EvalReport report = evaluate_conll({sentence_of(gold)}, {sentence_of(system)});
  const EvalScore& words = report["Words"];
  EXPECT_EQ(words.gold, word_count(gold));
  EXPECT_EQ(words.system, word_count(system));
  EXPECT_EQ(words.correct, correct) << "gold " << ::testing::PrintToString(gold) << " system "
                                    << ::testing::PrintToString(system);
}

// The cases of conll18_ud_eval.py's own unit tests, with the scores it expects.
TEST(ConllEval, AlignsEqualWords) {
  expect_words({"a"}, {"a"}, 1);
  expect_words({"a", "b", "c"}, {"a", "b", "c"}, 3);
}

TEST(ConllEval, AlignsMultiwordTokensWithPlainWords) {
  expect_words({"abc a b c"}, {"a", "b", "c"}, 3);
  expect_words({"a", "bc b c", "d"}, {"a", "b", "c", "d"}, 4);
  expect_words({"abcd a b c d"}, {"ab a b", "cd c d"}, 4);
  expect_words({"abc a b c", "de d e"}, {"a", "bcd b c d", "e"}, 5);
}

TEST(ConllEval, ScoresMisalignedTokens) {
  expect_words({"abcd"}, {"a", "b", "c", "d"}, 0);
  expect_words({"abc", "d"}, {"a", "b", "c", "d"}, 1);
  expect_words({"a", "bc", "d"}, {"a", "b", "c", "d"}, 2);
  expect_words({"a", "bc b c", "d"}, {"a", "b", "cd"}, 2);
  expect_words({"abc a BX c", "def d EX f"}, {"ab a b", "cd c d", "ef e f"}, 4);
  expect_words({"ab a b", "cd bc d"}, {"a", "bc", "d"}, 2);
  expect_words({"a", "bc b c", "d"}, {"ab AX BX", "cd CX a"}, 1);
}

TEST(ConllEval, RefusesDifferentTexts) {
  EXPECT_THROW((void)evaluate_conll({sentence_of({"a"})}, {sentence_of({"b"})}), Error);
}

TEST(ConllEval, IgnoresUnicodeSpacesInsideForms) {
  // "10\u00a0000" as one gold token, "10" + "000" in the system: texts still match
  const EvalReport r = evaluate_conll({sentence_of({"10\u00a0000"})}, {sentence_of({"10", "000"})});
  EXPECT_EQ(r["Tokens"].correct, 0U);
  EXPECT_EQ(r["Tokens"].system, 2U);
}

TEST(ConllEval, ComputesEveryMetricOnAHandMadePair) {
  const auto gold = io::read_conllu(
      "1\tJohn\tJohn\tPROPN\tNNP\tNumber=Sing|Foo=Bar\t2\tnsubj\t_\t_\n"
      "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
      "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
      "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
      "2\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
      "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
      "gold.conllu");
  // one sentence instead of two; "smiled" mistagged; "left" mislemmatised; "." and "John"
  // attached or labelled wrongly
  const auto system = io::read_conllu(
      "1\tJohn\tJohn\tPROPN\tNNP\tNumber=Sing\t2\tobj\t_\t_\n"
      "2\tleft\tleft\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
      "3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n"
      "4\tHe\the\tPRON\tPRP\t_\t5\tnsubj:pass\t_\t_\n"
      "5\tsmiled\tsmile\tNOUN\tVBD\t_\t2\tparataxis\t_\tSpaceAfter=No\n"
      "6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n",
      "system.conllu");
  const EvalReport r = evaluate_conll(gold, system);
  EXPECT_EQ(r["Tokens"].correct, 6U);
  EXPECT_DOUBLE_EQ(r["Tokens"].f1(), 1.0);
  EXPECT_EQ(r["Sentences"].gold, 2U);
  EXPECT_EQ(r["Sentences"].system, 1U);
  EXPECT_EQ(r["Sentences"].correct, 0U);
  EXPECT_EQ(r["UPOS"].correct, 5U);
  EXPECT_EQ(r["XPOS"].correct, 6U);
  EXPECT_EQ(r["UFeats"].correct, 6U);  // Foo is not a universal feature
  EXPECT_EQ(r["AllTags"].correct, 5U);
  EXPECT_EQ(r["Lemmas"].correct, 5U);
  EXPECT_EQ(r["UAS"].correct, 4U);
  EXPECT_EQ(r["LAS"].correct, 3U);  // nsubj:pass counts as nsubj
  EXPECT_DOUBLE_EQ(r["UPOS"].aligned_accuracy(), 5.0 / 6.0);
  const std::string table = format_report(r);
  EXPECT_NE(table.find("Tokens     |    100.00 |    100.00 |    100.00 |\n"), std::string::npos) << table;
  EXPECT_NE(table.find("UPOS       |     83.33 |     83.33 |     83.33 |     83.33\n"), std::string::npos) << table;
}

TEST(ConllEval, ComparesAbsentColumnsAsUnderscore) {
  const auto gold = io::read_conllu("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n", "gold.conllu");
  const auto system = gold_tokenized_documents(gold);
  const EvalReport r = evaluate_conll(gold, system);
  EXPECT_EQ(r["Words"].correct, 1U);
  EXPECT_EQ(r["UPOS"].correct, 0U);
  EXPECT_EQ(r["Lemmas"].correct, 0U);
  EXPECT_EQ(r["UAS"].correct, 0U);
}

TEST(ConllEval, RawDocumentsKeepTextAndDropEveryLayer) {
  const auto gold = io::read_conllu(
      "# newdoc id = a\n# newpar\n# text = Hi there.\n1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tthere\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# text = Bye.\n1\tBye\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# newpar\n# text = New\n1\tNew\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# newdoc id = b\n# text = Two\n1\tTwo\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
      "raw.conllu");
  const auto raw = raw_documents(gold);
  ASSERT_EQ(raw.size(), 2U);
  EXPECT_EQ(raw[0].id(), "a");
  EXPECT_EQ(raw[0].text(), "Hi there. Bye.\n\nNew");
  EXPECT_EQ(raw[1].text(), "Two");
  EXPECT_TRUE(raw[0].tokens().empty());
  EXPECT_EQ(raw[0].layers(), Layers{});
}

TEST(ConllEval, GoldTokenizedDocumentsKeepMultiwordTokens) {
  const auto gold = io::read_conllu(
      "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
      "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n",
      "mwt.conllu");
  const auto copy = gold_tokenized_documents(gold);
  ASSERT_EQ(copy[0].multiword_tokens().size(), 1U);
  EXPECT_EQ(copy[0].form(1), "n't");
  EXPECT_FALSE(copy[0].layers().has(Layer::Pos));
  const EvalReport r = evaluate_conll(gold, copy);
  EXPECT_EQ(r["Tokens"].correct, 2U);
  EXPECT_EQ(r["Words"].correct, 3U);
}

}  // namespace
}  // namespace text2kg::nlp
