#include "text2kg/nlp/lemmatizer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "paths.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"

namespace text2kg::nlp {
namespace {

const Lemmatizer& lemmatizer() {
  static const auto loaded = Lemmatizer::load(testing::source_dir() / "models" / "lemmatizer.bin");
  return *loaded;
}

std::string lemma(std::string_view form, std::string_view upos, std::string_view xpos) {
  return lemmatize(lemmatizer().model(), form, upos, xpos);
}

TEST(Lemmatizer, KnowsIrregularForms) {
  EXPECT_EQ(lemma("went", "VERB", "VBD"), "go");
  EXPECT_EQ(lemma("was", "AUX", "VBD"), "be");
  EXPECT_EQ(lemma("children", "NOUN", "NNS"), "child");
  EXPECT_EQ(lemma("better", "ADJ", "JJR"), "good");
  EXPECT_EQ(lemma("n't", "PART", "RB"), "not");
  EXPECT_EQ(lemma("'s", "AUX", "VBZ"), "be");
}

TEST(Lemmatizer, AppliesLearnedSuffixRulesToUnseenWords) {
  EXPECT_EQ(lemma("blorfed", "VERB", "VBD"), "blorf");
  EXPECT_EQ(lemma("zorping", "VERB", "VBG"), "zorp");
  EXPECT_EQ(lemma("glimmies", "NOUN", "NNS"), "glimmy");
  EXPECT_EQ(lemma("snarks", "NOUN", "NNS"), "snark");
  EXPECT_EQ(lemma("Snarks", "NOUN", "NNS"), "snark");
}

TEST(Lemmatizer, FollowsEwtCase) {
  EXPECT_EQ(lemma("The", "DET", "DT"), "the");
  EXPECT_EQ(lemma("I", "PRON", "PRP"), "I");
  EXPECT_EQ(lemma("Smithers", "PROPN", "NNP"), "Smithers");  // unseen proper noun keeps its form
  EXPECT_EQ(lemma("Running", "VERB", "VBG"), "run");
}

TEST(Lemmatizer, FallsBackToUposWithoutXpos) {
  EXPECT_EQ(lemma("went", "VERB", ""), "go");
  EXPECT_EQ(lemma("houses", "NOUN", ""), "house");
}

TEST(Lemmatizer, UsesWordNetExceptionsForIrregularsTheTreebankLacks) {
  const LemmatizerModel model = train_lemmatizer({}, "/usr/share/wordnet");
  if (model.exceptions.empty()) GTEST_SKIP() << "wordnet-base not installed";
  EXPECT_EQ(lemmatize(model, "geese", "NOUN", "NNS"), "goose");
  EXPECT_EQ(lemmatize(model, "outdid", "VERB", "VBD"), "outdo");
}

TEST(Lemmatizer, PrefersTheSuffixRuleThatMakesADictionaryWord) {
  // "-ed" is stripped from more training verbs than "-d", but "conven" is no verb.
  EXPECT_EQ(lemma("convened", "VERB", "VBD"), "convene");
  EXPECT_EQ(lemma("intervened", "VERB", "VBN"), "intervene");
  // When the best rule makes a word already, it stands.
  EXPECT_EQ(lemma("outfoxed", "VERB", "VBD"), "outfox");
  EXPECT_EQ(lemma("stonewalled", "VERB", "VBD"), "stonewall");
  // A word no rule turns into a dictionary word gets the best rule's answer, as before.
  EXPECT_EQ(lemma("blorfed", "VERB", "VBD"), lemmatize(LemmatizerModel{lemmatizer().model().lexicon,
                                                                      lemmatizer().model().suffix_rules,
                                                                      lemmatizer().model().exceptions, {}, {}},
                                                     "blorfed", "VERB", "VBD"));
}

TEST(Lemmatizer, AModelWithoutTheDictionarySectionsStillLoads) {
  std::stringstream full;
  lemmatizer().model().save(full);
  const std::string text = full.str();
  const std::string old_format = text.substr(0, text.find("\nA ") + 1);
  std::istringstream in(old_format);
  const LemmatizerModel loaded = LemmatizerModel::load(in, "old.bin");
  EXPECT_TRUE(loaded.dictionary.empty());
  EXPECT_TRUE(loaded.suffix_alternatives.empty());
  EXPECT_EQ(lemmatize(loaded, "went", "VERB", "VBD"), "go");
  EXPECT_FALSE(lemmatizer().model().dictionary.empty());
}

TEST(Lemmatizer, FillsTheLemmaLayerOfADocument) {
  const auto docs = io::read_conllu(
      "1\tThe\t_\tDET\tDT\t_\t_\t_\t_\t_\n2\tdogs\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n3\tran\t_\tVERB\tVBD\t_\t_\t_\t_\t_\n\n",
      "pos.conllu");
  Document doc = docs.at(0);
  EXPECT_FALSE(doc.layers().has(Layer::Lemmas));
  lemmatizer().process(doc);
  EXPECT_TRUE(doc.layers().has(Layer::Lemmas));
  EXPECT_EQ(doc.tokens()[0].lemma, "the");
  EXPECT_EQ(doc.tokens()[1].lemma, "dog");
  EXPECT_EQ(doc.tokens()[2].lemma, "run");
  EXPECT_EQ(lemmatizer().required_layers(), Layer::Tokens | Layer::Pos);
}

TEST(Lemmatizer, ModelSurvivesSaveAndLoad) {
  std::stringstream first;
  lemmatizer().model().save(first);
  std::istringstream in(first.str());
  const LemmatizerModel loaded = LemmatizerModel::load(in, "memory");
  std::stringstream second;
  loaded.save(second);
  EXPECT_EQ(second.str(), first.str());
  EXPECT_EQ(lemmatize(loaded, "went", "VERB", "VBD"), "go");
}

TEST(Lemmatizer, RejectsATruncatedModelNamingTheLine) {
  std::istringstream in("text2kg-lemmatizer v1\nL 2\nwent\tVBD\t4\t1\tgo\n");
  try {
    (void)LemmatizerModel::load(in, "cut.bin");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "cut.bin:4: truncated model");
  }
}

TEST(Lemmatizer, TrainsFromGoldLemmas) {
  const auto gold = io::read_conllu(
      "1\tcats\tcat\tNOUN\tNNS\t_\t_\t_\t_\t_\n2\tbats\tbat\tNOUN\tNNS\t_\t_\t_\t_\t_\n"
      "3\tmice\tmouse\tNOUN\tNNS\t_\t_\t_\t_\t_\n\n",
      "tiny.conllu");
  const LemmatizerModel model = train_lemmatizer(gold, {});
  EXPECT_EQ(lemmatize(model, "mice", "NOUN", "NNS"), "mouse");
  EXPECT_EQ(lemmatize(model, "hats", "NOUN", "NNS"), "hat");  // suffix rule "-ats" -> "-at"
}

}  // namespace
}  // namespace text2kg::nlp
