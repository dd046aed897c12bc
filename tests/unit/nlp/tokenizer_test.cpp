#include "text2kg/nlp/tokenizer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "paths.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/nlp/line_layout.hpp"

namespace text2kg::nlp {
namespace {

const Tokenizer& tokenizer() {
  static const auto loaded = Tokenizer::load(testing::source_dir() / "models" / "tokenizer.bin");
  return *loaded;
}

Document run(std::string text) {
  Document doc("test", std::move(text));
  tokenizer().process(doc);
  return doc;
}

/// Surface tokens joined by '|' (a multiword token once, as written).
std::string surface(const Document& doc) {
  std::string out;
  const auto mwts = doc.multiword_tokens();
  std::size_t next = 0;
  for (std::uint32_t t = 0; t < doc.tokens().size();) {
    if (!out.empty()) out += '|';
    if (next < mwts.size() && mwts[next].words.begin == t) {
      out += doc.text_of(mwts[next].chars);
      t = mwts[next++].words.end;
    } else {
      out += doc.form(t++);
    }
  }
  return out;
}

/// Syntactic words joined by '|'.
std::string words(const Document& doc) {
  std::string out;
  for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
    if (t) out += '|';
    out += doc.form(t);
  }
  return out;
}

std::vector<std::string> sentences(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences()) out.emplace_back(doc.text_of(s.chars));
  return out;
}

TEST(LineLayout, OneParagraphPerLineOrHardWrapped) {
  const std::string per_line =
      "Local councils ask for new taxes\nSunday, August 2, 2015\n"
      "Several councils have asked schools to pay taxes for property and local services, despite the resistance of the church.\n"
      "The mayor said the budget would be balanced.\n";
  EXPECT_TRUE(line_breaks_end_paragraphs(per_line));
  const std::string wrapped =
      "The council met on Monday to discuss the budget for the coming year and\n"
      "the mayor said that the new taxes on property would be approved by the\n"
      "members of the assembly before the end of the month, after a debate on\n"
      "the schools.\n";
  EXPECT_FALSE(line_breaks_end_paragraphs(wrapped));
  EXPECT_FALSE(line_breaks_end_paragraphs("one line\n"));
}

TEST(Tokenizer, AHeadlineOnItsOwnLineIsASentence) {
  const Document doc = run(
      "Local councils ask for new taxes\nSunday, August 2, 2015\n"
      "Several councils have asked schools to pay taxes for property and local services, despite the resistance of the church.\n"
      "The mayor said the budget would be balanced.\n");
  EXPECT_EQ(sentences(doc), (std::vector<std::string>{
                                "Local councils ask for new taxes", "Sunday, August 2, 2015",
                                "Several councils have asked schools to pay taxes for property and local services, despite the resistance of the church.",
                                "The mayor said the budget would be balanced."}));
}

TEST(Tokenizer, SplitsStraightAndCurlyQuotes) {
  EXPECT_EQ(surface(run("\u201cHello,\u201d she said.")), "\u201c|Hello|,|\u201d|she|said|.");
  EXPECT_EQ(surface(run("He said \"no\" twice.")), "He|said|\"|no|\"|twice|.");
  EXPECT_EQ(surface(run("It was \u2018fine\u2019 \u2014 really\u2026")), "It|was|\u2018|fine|\u2019|\u2014|really|\u2026");
}

TEST(Tokenizer, KeepsAbbreviationsWithTheirPeriod) {
  const Document doc = run("Mr. Smith met Dr. Jones in the U.S. on Jan. 5 last year.");
  EXPECT_EQ(surface(doc), "Mr.|Smith|met|Dr.|Jones|in|the|U.S.|on|Jan.|5|last|year|.");
  EXPECT_EQ(doc.sentences().size(), 1U);
}

TEST(Tokenizer, KeepsInitialsInsideOneSentence) {
  const Document doc = run("J. K. Rowling wrote the books. They sold well.");
  EXPECT_EQ(surface(doc), "J.|K.|Rowling|wrote|the|books|.|They|sold|well|.");
  EXPECT_EQ(sentences(doc), (std::vector<std::string>{"J. K. Rowling wrote the books.", "They sold well."}));
}

TEST(Tokenizer, SplitsPossessivesAsMultiwordTokens) {
  const Document doc = run("Bush's plan and the soldiers' rights.");
  EXPECT_EQ(surface(doc), "Bush's|plan|and|the|soldiers'|rights|.");
  EXPECT_EQ(words(doc), "Bush|'s|plan|and|the|soldiers|'|rights|.");
  ASSERT_EQ(doc.multiword_tokens().size(), 2U);
  EXPECT_EQ(doc.multiword_tokens()[0].words, (TokenRange{0, 2}));
}

TEST(Tokenizer, SplitsCliticsAsEwtDoes) {
  EXPECT_EQ(words(run("I don't think they'll come; we cannot wait.")),
            "I|do|n't|think|they|'ll|come|;|we|can|not|wait|.");
  EXPECT_EQ(words(run("You're sure I'm gonna win? We've won, he'd say.")),
            "You|'re|sure|I|'m|gon|na|win|?|We|'ve|won|,|he|'d|say|.");
  EXPECT_EQ(words(run("She won\u2019t and can\u2019t.")), "She|wo|n\u2019t|and|ca|n\u2019t|.");
}

TEST(Tokenizer, MultiwordWordsShareTheSurfaceSpanAsTheReaderDoes) {
  const Document doc = run("Don't go.");
  ASSERT_EQ(doc.multiword_tokens().size(), 1U);
  const MultiwordToken& mwt = doc.multiword_tokens()[0];
  EXPECT_EQ(doc.text_of(mwt.chars), "Don't");
  for (std::uint32_t t = mwt.words.begin; t < mwt.words.end; ++t) {
    EXPECT_EQ(doc.tokens()[t].chars, mwt.chars);
    EXPECT_FALSE(doc.tokens()[t].form_override.empty());
  }
  std::ostringstream out;
  io::write_conllu(doc, out);
  EXPECT_NE(out.str().find("1-2\tDon't\t"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("1\tDo\t"), std::string::npos);
  EXPECT_NE(out.str().find("2\tn't\t"), std::string::npos);
  // and the reader gives back the same words
  const auto back = io::read_conllu(out.str(), "written");
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(words(back[0]), words(doc));
}

TEST(Tokenizer, KeepsUrlsAndEmailAddressesWhole) {
  EXPECT_EQ(surface(run("See http://www.example.com/a-b/c.html, then call.")),
            "See|http://www.example.com/a-b/c.html|,|then|call|.");
  EXPECT_EQ(surface(run("Write to john.smith@example.org.")), "Write|to|john.smith@example.org|.");
  EXPECT_EQ(surface(run("(www.example.com)")), "(|www.example.com|)");
}

TEST(Tokenizer, KeepsNumbersAndSplitsCurrencyAndPercent) {
  EXPECT_EQ(surface(run("It cost $1,000.50, up 3.5% from 1999.")), "It|cost|$|1,000.50|,|up|3.5|%|from|1999|.");
  EXPECT_EQ(surface(run("Call 303-832-8160 at 3:30 pm.")), "Call|303-832-8160|at|3:30|pm|.");
  EXPECT_EQ(surface(run("It is 375mm long.")), "It|is|375|mm|long|.");
  EXPECT_EQ(surface(run("the 20th time")), "the|20th|time");
}

TEST(Tokenizer, KeepsDates) {
  EXPECT_EQ(surface(run("On 12/25/2004 and 2005-01-05 it rained.")), "On|12/25/2004|and|2005-01-05|it|rained|.");
}

TEST(Tokenizer, SplitsHyphensAsEwtDoes) {
  // EWT splits most hyphenated words but keeps learned ones and prefixes such as "non-"
  EXPECT_EQ(surface(run("a non-stop e-mail")), "a|non-stop|e-mail");
  EXPECT_EQ(surface(run("the Al-Jazeera report")), "the|Al|-|Jazeera|report");
  EXPECT_EQ(surface(run("wait -- no")), "wait|--|no");
  EXPECT_EQ(surface(run("and/or")), "and|/|or");
}

TEST(Tokenizer, SplitsEllipsesAndEmoticons) {
  EXPECT_EQ(surface(run("past...and")), "past|...|and");
  EXPECT_EQ(surface(run("great :)")), "great|:)");
}

TEST(Tokenizer, EndsHeadlinesWithoutPunctuationAtParagraphBreaks) {
  const Document doc = run("Storm hits coast\n\nThousands fled their homes. Roads closed.\n\nMore soon");
  EXPECT_EQ(sentences(doc),
            (std::vector<std::string>{"Storm hits coast", "Thousands fled their homes.", "Roads closed.", "More soon"}));
  ASSERT_EQ(doc.sentences().size(), 4U);
  EXPECT_TRUE(doc.sentences()[0].starts_paragraph);
  EXPECT_TRUE(doc.sentences()[1].starts_paragraph);
  EXPECT_FALSE(doc.sentences()[2].starts_paragraph);
  EXPECT_TRUE(doc.sentences()[3].starts_paragraph);
}

TEST(Tokenizer, NeverLetsASentenceCrossABlankLine) {
  const Document doc = run("the first paragraph has no end\n\nand the second one neither");
  EXPECT_EQ(doc.sentences().size(), 2U);
}

TEST(Tokenizer, SplitsSentencesAtFinalPunctuation) {
  EXPECT_EQ(sentences(run("He left. She stayed! Why? Because it rained.")),
            (std::vector<std::string>{"He left.", "She stayed!", "Why?", "Because it rained."}));
  EXPECT_EQ(sentences(run("\"We won,\" he said. \"We will win again.\" Then he left.")),
            (std::vector<std::string>{"\"We won,\" he said.", "\"We will win again.\"", "Then he left."}));
}

TEST(Tokenizer, GivesByteOffsetsIntoTheUntouchedTextAndSpaceAfter) {
  const std::string text = "  Caf\u00e9 \u201copen\u201d,\tnow.\n";
  const Document doc = run(text);
  EXPECT_EQ(surface(doc), "Caf\u00e9|\u201c|open|\u201d|,|now|.");
  EXPECT_EQ(doc.tokens()[0].chars, (ByteSpan{2, 7}));
  EXPECT_TRUE(doc.tokens()[0].space_after);
  EXPECT_FALSE(doc.tokens()[1].space_after);
  EXPECT_FALSE(doc.tokens()[3].space_after);
  EXPECT_TRUE(doc.tokens()[4].space_after);
  EXPECT_TRUE(validate(doc).empty());
  EXPECT_TRUE(doc.layers().has(Layer::Tokens | Layer::Sentences));
}

TEST(Tokenizer, HandlesEmptyAndOddInput) {
  EXPECT_TRUE(run("").tokens().empty());
  EXPECT_TRUE(run(" \n\n\t ").sentences().empty());
  const Document odd = run("\xff\xfe abc \xe2\x80");  // ill-formed bytes must not crash or overrun
  EXPECT_TRUE(validate(odd).empty());
}

TEST(Tokenizer, ModelSurvivesSaveAndLoad) {
  std::stringstream first;
  tokenizer().model().save(first);
  const std::string bytes = first.str();
  std::istringstream in(bytes);
  const TokenizerModel loaded = TokenizerModel::load(in, "memory");
  std::stringstream second;
  loaded.save(second);
  EXPECT_EQ(second.str(), bytes);
  Tokenizer again(TokenizerModel::load(*std::make_unique<std::istringstream>(bytes), "memory"));
  Document a("a", "Mr. Smith didn't go. He stayed home!"), b("b", "Mr. Smith didn't go. He stayed home!");
  tokenizer().process(a);
  again.process(b);
  EXPECT_EQ(words(a), words(b));
  EXPECT_EQ(sentences(a), sentences(b));
}

TEST(Tokenizer, RejectsAForeignModelFileNamingIt) {
  const auto path = std::filesystem::temp_directory_path() / "text2kg_not_a_tokenizer.bin";
  std::ofstream(path) << "hello\n";
  try {
    (void)Tokenizer::load(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("text2kg_not_a_tokenizer.bin"), std::string::npos);
    std::filesystem::remove(path);
  }
}

TEST(Tokenizer, TrainsOnGoldDocumentsDeterministically) {
  const std::string conllu =
      "# newdoc id = d\n# text = Dr. Who left. He's back.\n"
      "1\tDr.\t_\t_\t_\t_\t_\t_\t_\t_\n2\tWho\t_\t_\t_\t_\t_\t_\t_\t_\n3\tleft\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
      "4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "1-2\tHe's\t_\t_\t_\t_\t_\t_\t_\t_\n1\tHe\t_\t_\t_\t_\t_\t_\t_\t_\n2\t's\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "3\tback\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  const auto gold = io::read_conllu(conllu, "tiny.conllu");
  std::stringstream a, b;
  train_tokenizer(gold, 3).save(a);
  train_tokenizer(gold, 3).save(b);
  EXPECT_EQ(a.str(), b.str());
  const TokenizerModel model = train_tokenizer(gold, 3);
  EXPECT_EQ(model.whole_tokens.count("dr."), 1U);
}

}  // namespace
}  // namespace text2kg::nlp
