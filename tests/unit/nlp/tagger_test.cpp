#include "text2kg/nlp/tagger.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <tuple>

#include "tag_parse_fixture.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"

namespace text2kg::nlp {
namespace {

using testing::committed_tagger;
using testing::make_document;

Document tagged(const std::vector<std::string>& sentences) {
  Document doc = make_document(sentences);
  committed_tagger().process(doc);
  return doc;
}

TEST(Tagger, DeclaresItsStage) {
  const Tagger& tagger = committed_tagger();
  EXPECT_EQ(tagger.name(), "tagger");
  EXPECT_TRUE(tagger.required_layers().has(Layer::Tokens | Layer::Sentences));
  EXPECT_TRUE(tagger.provided_layers().has(Layer::Pos));
}

TEST(Tagger, TagsDeterminersNounsAndVerbs) {
  const Document doc = tagged({"The soldiers took the city on Monday ."});
  const auto& t = doc.tokens();
  EXPECT_EQ(t[0].upos, Upos::DET);
  EXPECT_EQ(t[0].xpos, "DT");
  EXPECT_EQ(t[1].upos, Upos::NOUN);
  EXPECT_EQ(t[1].xpos, "NNS");
  EXPECT_EQ(t[2].upos, Upos::VERB);
  EXPECT_EQ(t[2].xpos, "VBD");
  EXPECT_EQ(t[3].upos, Upos::DET);
  EXPECT_EQ(t[5].upos, Upos::ADP);
  EXPECT_EQ(t[6].upos, Upos::PROPN);
  EXPECT_EQ(t[7].upos, Upos::PUNCT);
}

TEST(Tagger, FillsFeaturesFromTheClassAndWord) {
  const Document doc = tagged({"She was taken by the military ."});
  EXPECT_EQ(doc.tokens()[0].upos, Upos::PRON);
  EXPECT_NE(doc.tokens()[0].feats.find("Case=Nom"), std::string::npos) << doc.tokens()[0].feats;
  EXPECT_EQ(doc.tokens()[1].upos, Upos::AUX);
  EXPECT_EQ(doc.tokens()[2].xpos, "VBN");
  EXPECT_NE(doc.tokens()[2].feats.find("VerbForm=Part"), std::string::npos) << doc.tokens()[2].feats;
}

TEST(Tagger, HandlesOddInput) {
  Document empty = make_document({});
  committed_tagger().process(empty);
  EXPECT_TRUE(empty.tokens().empty());
  const Document doc = tagged({"!!! ??? ...", "x", "\xC3\xA9t\xC3\xA9 2024-11-10 @user http://example.com"});
  for (const Token& token : doc.tokens()) EXPECT_FALSE(token.xpos.empty());
}

TEST(Tagger, SaveAndLoadGiveIdenticalPredictions) {
  std::stringstream buffer;
  committed_tagger().save(buffer);
  const auto loaded = Tagger::load(buffer);
  auto docs = io::read_conllu_file(testing::shared_dir() / "data" / "ud" / "en_ewt-ud-dev.conllu");
  docs.resize(std::min<std::size_t>(docs.size(), 40));
  for (const Document& gold : docs) {
    Document a = gold, b = gold;
    committed_tagger().process(a);
    loaded->process(b);
    for (std::size_t t = 0; t < a.tokens().size(); ++t) {
      ASSERT_EQ(a.tokens()[t].upos, b.tokens()[t].upos);
      ASSERT_EQ(a.tokens()[t].xpos, b.tokens()[t].xpos);
      ASSERT_EQ(a.tokens()[t].feats, b.tokens()[t].feats);
    }
  }
}

TEST(Tagger, LearnsATinyTreebank) {
  // Two classes of words that only context separates: "can" is AUX before a verb, NOUN after "a".
  std::vector<Document> train;
  const std::vector<std::pair<std::string, std::vector<std::pair<Upos, std::string>>>> data = {
      {"we can swim", {{Upos::PRON, "PRP"}, {Upos::AUX, "MD"}, {Upos::VERB, "VB"}}},
      {"a can fell", {{Upos::DET, "DT"}, {Upos::NOUN, "NN"}, {Upos::VERB, "VBD"}}},
      {"they can run", {{Upos::PRON, "PRP"}, {Upos::AUX, "MD"}, {Upos::VERB, "VB"}}},
      {"a can rolled", {{Upos::DET, "DT"}, {Upos::NOUN, "NN"}, {Upos::VERB, "VBD"}}},
  };
  for (const auto& [text, tags] : data) {
    Document doc = make_document({text});
    for (std::size_t i = 0; i < tags.size(); ++i) {
      doc.mutable_tokens()[i].upos = tags[i].first;
      doc.mutable_tokens()[i].xpos = tags[i].second;
      doc.mutable_tokens()[i].feats = std::string(1, '_');
    }
    train.push_back(std::move(doc));
  }
  TaggerTrainingOptions options;
  options.epochs = 10;
  options.bucket_bits = 12;
  const auto tagger = Tagger::train(train, options);
  for (const Document& gold : train) {
    Document doc = gold;
    tagger->process(doc);
    for (std::size_t t = 0; t < doc.tokens().size(); ++t) {
      EXPECT_EQ(doc.tokens()[t].upos, gold.tokens()[t].upos) << doc.form(static_cast<std::uint32_t>(t));
      EXPECT_EQ(doc.tokens()[t].xpos, gold.tokens()[t].xpos);
    }
  }
  // Training is deterministic: same data and seed, same bytes.
  std::stringstream first, second;
  tagger->save(first);
  Tagger::train(train, options)->save(second);
  EXPECT_EQ(first.str(), second.str());
}

TEST(Tagger, WordClustersTagUnseenWordsAndTravelInTheModel) {
  // One-word sentences: nothing but the word itself tells NOUN from VERB. The test words were
  // never seen in training; only their clusters (shared with the training words) decide.
  WordClusters clusters;
  for (const char* w : {"zork", "quux", "plimp", "snorg", "wabble"}) clusters.add(w, {3, 30, 300});
  for (const char* w : {"blick", "frob", "greep", "tazzle", "mimph"}) clusters.add(w, {4, 40, 400});
  std::vector<Document> train;
  for (int repeat = 0; repeat < 3; ++repeat) {
    for (const auto& [form, upos, xpos] : {std::tuple{"zork", Upos::NOUN, "NN"}, std::tuple{"blick", Upos::VERB, "VB"}}) {
      Document doc = make_document({form});
      doc.mutable_tokens()[0].upos = upos;
      doc.mutable_tokens()[0].xpos = xpos;
      doc.mutable_tokens()[0].feats = "_";
      train.push_back(std::move(doc));
    }
  }
  TaggerTrainingOptions options;
  options.epochs = 5;
  options.bucket_bits = 12;
  options.clusters = &clusters;
  const auto tagger = Tagger::train(train, options);
  clusters = WordClusters();  // the model keeps its own copy
  EXPECT_EQ(tagger->clusters().size(), 10U);
  std::stringstream buffer;
  tagger->save(buffer);
  const auto loaded = Tagger::load(buffer);
  EXPECT_EQ(loaded->clusters().size(), 10U);
  for (const Tagger* t : {tagger.get(), loaded.get()}) {
    for (const char* noun : {"quux", "Plimp", "snorg", "wabble"}) {
      Document doc = make_document({noun});
      t->process(doc);
      EXPECT_EQ(doc.tokens()[0].upos, Upos::NOUN) << noun;
    }
    for (const char* verb : {"frob", "greep", "Tazzle", "mimph"}) {
      Document doc = make_document({verb});
      t->process(doc);
      EXPECT_EQ(doc.tokens()[0].upos, Upos::VERB) << verb;
    }
  }
}

TEST(Tagger, RejectsMissingAndForeignModels) {
  try {
    Tagger::load(std::filesystem::path("/nonexistent/tagger.bin"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/tagger.bin"), std::string::npos);
  }
  std::stringstream foreign("T2KGDEP2 this is not a tagger");
  EXPECT_THROW(Tagger::load(foreign), Error);
  std::stringstream whole;
  committed_tagger().save(whole);
  std::stringstream truncated(whole.str().substr(0, whole.str().size() / 2));
  EXPECT_THROW(Tagger::load(truncated), Error);
}

}  // namespace
}  // namespace text2kg::nlp
