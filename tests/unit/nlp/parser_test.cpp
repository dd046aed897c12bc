#include "text2kg/nlp/parser.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tag_parse_fixture.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/nlp/pipeline.hpp"

namespace text2kg::nlp {
namespace {

using testing::analyse;
using testing::committed_parser;
using testing::find_word;
using testing::make_document;

/// "deprel(head-form)" of a word, for readable failures.
std::string arc(const Document& doc, std::string_view form) {
  const std::int32_t t = find_word(doc, form);
  if (t < 0) return "missing";
  const Token& token = doc.tokens()[static_cast<std::size_t>(t)];
  const std::string head = token.head < 0 ? "ROOT" : std::string(doc.form(static_cast<std::uint32_t>(token.head)));
  return token.deprel + "(" + head + ")";
}

void expect_valid(const Document& doc) {
  const auto problems = validate(doc);
  EXPECT_TRUE(problems.empty()) << problems.front();
  for (const Sentence& sentence : doc.sentences()) {
    int roots = 0;
    for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) {
      const Token& token = doc.tokens()[t];
      if (token.head < 0) {
        ++roots;
        EXPECT_EQ(token.deprel, "root");
      } else {
        EXPECT_TRUE(sentence.tokens.contains(static_cast<std::uint32_t>(token.head)));
        EXPECT_NE(token.deprel, "root");
      }
    }
    EXPECT_EQ(roots, sentence.tokens.empty() ? 0 : 1);
  }
}

/// "W x" as two nouns, twice over: with W starting in "a" the first word heads (nmod), with
/// W starting in "b" the second does (compound); the words are alpha, apex, beta and bravo.
std::vector<Document> first_word_decides_the_head() {
  std::vector<Document> train;
  for (int repeat = 0; repeat < 2; ++repeat) {
    for (const char* first : {"alpha", "apex", "beta", "bravo"}) {
      Document doc = make_document({std::string(first) + " x"});
      const bool a = first[0] == 'a';
      for (Token& token : doc.mutable_tokens()) {
        token.upos = Upos::NOUN;
        token.xpos = "NN";
      }
      doc.mutable_tokens()[0].head = a ? -1 : 1;
      doc.mutable_tokens()[0].deprel = a ? "root" : "compound";
      doc.mutable_tokens()[1].head = a ? 0 : -1;
      doc.mutable_tokens()[1].deprel = a ? "nmod" : "root";
      train.push_back(std::move(doc));
    }
  }
  return train;
}

TEST(Parser, DeclaresItsStage) {
  EXPECT_EQ(committed_parser().name(), "parser");
  EXPECT_TRUE(committed_parser().required_layers().has(Layer::Pos));
  EXPECT_TRUE(committed_parser().provided_layers().has(Layer::Deps));
}

TEST(Parser, PassiveWithByAgent) {
  const Document doc = analyse({"The president was taken by the military ."});
  EXPECT_EQ(arc(doc, "taken"), "root(ROOT)");
  EXPECT_EQ(arc(doc, "president"), "nsubj:pass(taken)");
  EXPECT_EQ(arc(doc, "was"), "aux:pass(taken)");
  EXPECT_EQ(arc(doc, "military"), "obl:agent(taken)");
  EXPECT_EQ(arc(doc, "by"), "case(military)");
  EXPECT_EQ(arc(doc, "The"), "det(president)");
  expect_valid(doc);
}

TEST(Parser, RelativeClause) {
  const Document doc = analyse({"The man who called the police left the city ."});
  EXPECT_EQ(arc(doc, "called"), "acl:relcl(man)");
  EXPECT_EQ(arc(doc, "who"), "nsubj(called)");
  EXPECT_EQ(arc(doc, "man"), "nsubj(left)");
  EXPECT_EQ(arc(doc, "city"), "obj(left)");
}

TEST(Parser, Apposition) {
  const Document doc = analyse({"John Smith , the mayor of Boston , resigned on Friday ."});
  EXPECT_EQ(arc(doc, "mayor"), "appos(John)");
  EXPECT_EQ(arc(doc, "Smith"), "flat(John)");
  EXPECT_EQ(arc(doc, "John"), "nsubj(resigned)");
  EXPECT_EQ(arc(doc, "Boston"), "nmod(mayor)");
}

TEST(Parser, Coordination) {
  const Document doc = analyse({"Mary and John visited Paris ."});
  EXPECT_EQ(arc(doc, "John"), "conj(Mary)");
  EXPECT_EQ(arc(doc, "and"), "cc(John)");
  EXPECT_EQ(arc(doc, "Mary"), "nsubj(visited)");
  EXPECT_EQ(arc(doc, "Paris"), "obj(visited)");
}

TEST(Parser, Possessives) {
  const Document doc = analyse({"The army 's commander sold his house ."});
  EXPECT_EQ(arc(doc, "army"), "nmod:poss(commander)");
  EXPECT_EQ(arc(doc, "'s"), "case(army)");
  EXPECT_EQ(arc(doc, "commander"), "nsubj(sold)");
  EXPECT_EQ(arc(doc, "his"), "nmod:poss(house)");
  const Document proper = analyse({"Bolivia 's president resigned on Sunday ."});
  EXPECT_EQ(arc(proper, "Bolivia"), "nmod:poss(president)");
  EXPECT_EQ(arc(proper, "Sunday"), "obl(resigned)");
}

TEST(Parser, TreesAreValidOnOddInput) {
  std::string long_sentence;
  const char* words[] = {"the", "army", "said", "that", ",", "and", "in", "2024", "(", "Bolivia", ")", "was"};
  for (int i = 0; i < 200; ++i) long_sentence += std::string(i ? " " : "") + words[i % 12];
  const Document doc = analyse({"Hello", ". . . ! ? ,", long_sentence, "\xC3\xA9t\xC3\xA9 @user #tag http://x.org 3.5%"});
  ASSERT_EQ(doc.sentences().size(), 4U);
  EXPECT_EQ(doc.tokens()[0].head, -1);
  expect_valid(doc);
  Document empty = make_document({});
  committed_parser().process(empty);
  EXPECT_TRUE(empty.tokens().empty());
}

/// Stands in for the tokenizer: the test documents come tokenized and split.
class Pretokenized final : public Stage {
 public:
  std::string_view name() const override { return "pretokenized"; }
  Layers required_layers() const override { return {}; }
  Layers provided_layers() const override { return Layer::Tokens | Layer::Sentences; }
  void process(Document&) const override {}
};

TEST(Parser, RunsInAPipelineThatValidatesEachStage) {
  Pipeline pipeline;
  pipeline.add(std::make_unique<Pretokenized>());
  pipeline.add(Tagger::load(testing::model_path("tagger.bin")));
  pipeline.add(Parser::load(testing::model_path("parser.bin")));
  Document doc = make_document({"Police arrested two men in Chicago on Sunday .", "They were released later ."});
  EXPECT_NO_THROW(pipeline.run(doc, true));
  EXPECT_TRUE(doc.layers().has(Layer::Deps));
}

TEST(Parser, SaveAndLoadGiveIdenticalPredictions) {
  std::stringstream buffer;
  committed_parser().save(buffer);
  const auto loaded = Parser::load(buffer);
  auto docs = io::read_conllu_file(testing::shared_dir() / "data" / "ud" / "en_ewt-ud-dev.conllu");
  docs.resize(std::min<std::size_t>(docs.size(), 40));
  for (const Document& gold : docs) {
    Document a = gold, b = gold;
    committed_parser().process(a);
    loaded->process(b);
    for (std::size_t t = 0; t < a.tokens().size(); ++t) {
      ASSERT_EQ(a.tokens()[t].head, b.tokens()[t].head);
      ASSERT_EQ(a.tokens()[t].deprel, b.tokens()[t].deprel);
    }
    expect_valid(a);
  }
}

/// Subject-verb-object with and without a determiner.
std::vector<Document> tiny_treebank() {
  struct Word {
    const char* form;
    Upos upos;
    const char* xpos;
    int head;  ///< 1-based within the sentence, 0 = root
    const char* deprel;
  };
  const std::vector<std::vector<Word>> sentences = {
      {{"dogs", Upos::NOUN, "NNS", 2, "nsubj"}, {"chase", Upos::VERB, "VBP", 0, "root"}, {"cats", Upos::NOUN, "NNS", 2, "obj"}},
      {{"the", Upos::DET, "DT", 2, "det"}, {"dog", Upos::NOUN, "NN", 3, "nsubj"}, {"chased", Upos::VERB, "VBD", 0, "root"},
       {"a", Upos::DET, "DT", 5, "det"}, {"cat", Upos::NOUN, "NN", 3, "obj"}},
      {{"cats", Upos::NOUN, "NNS", 2, "nsubj"}, {"see", Upos::VERB, "VBP", 0, "root"}, {"the", Upos::DET, "DT", 4, "det"},
       {"birds", Upos::NOUN, "NNS", 2, "obj"}, {".", Upos::PUNCT, ".", 2, "punct"}},
  };
  std::vector<Document> train;
  for (const auto& words : sentences) {
    std::string text;
    for (const Word& w : words) text += std::string(text.empty() ? "" : " ") + w.form;
    Document doc = make_document({text});
    for (std::size_t i = 0; i < words.size(); ++i) {
      Token& token = doc.mutable_tokens()[i];
      token.upos = words[i].upos;
      token.xpos = words[i].xpos;
      token.head = words[i].head - 1;
      token.deprel = words[i].deprel;
    }
    train.push_back(std::move(doc));
  }
  return train;
}

/// Parses each gold document afresh and expects its tree back exactly.
void expect_reparsed(const Parser& parser, const std::vector<Document>& gold_docs) {
  for (const Document& gold : gold_docs) {
    Document doc = gold;
    for (Token& token : doc.mutable_tokens()) {
      token.head = -7;
      token.deprel.clear();
    }
    parser.process(doc);
    for (std::size_t t = 0; t < doc.tokens().size(); ++t) {
      EXPECT_EQ(doc.tokens()[t].head, gold.tokens()[t].head) << doc.form(static_cast<std::uint32_t>(t));
      EXPECT_EQ(doc.tokens()[t].deprel, gold.tokens()[t].deprel) << doc.form(static_cast<std::uint32_t>(t));
    }
    expect_valid(doc);
  }
}

/// Training options small enough for the tiny treebank.
ParserTrainingOptions tiny_options(std::size_t beam) {
  ParserTrainingOptions options;
  options.epochs = 15;
  options.bucket_bits = 12;
  options.label_bucket_bits = 12;
  options.beam = beam;
  return options;
}

TEST(Parser, LearnsATinyTreebank) {
  const std::vector<Document> train = tiny_treebank();
  const ParserTrainingOptions options = tiny_options(1);
  const auto parser = Parser::train(train, options);
  EXPECT_EQ(parser->beam_width(), 1U);
  expect_reparsed(*parser, train);
  std::stringstream first, second;
  parser->save(first);
  Parser::train(train, options)->save(second);
  EXPECT_EQ(first.str(), second.str());
}

TEST(Parser, ABeamParserLearnsATinyTreebankAndKeepsItsWidthThroughSaveAndLoad) {
  const std::vector<Document> train = tiny_treebank();
  ParserTrainingOptions options = tiny_options(4);
  const auto parser = Parser::train(train, options);
  EXPECT_EQ(parser->beam_width(), 4U);
  expect_reparsed(*parser, train);
  std::stringstream saved;
  parser->save(saved);
  const std::string bytes = saved.str();
  const auto loaded = Parser::load(saved);
  EXPECT_EQ(loaded->beam_width(), 4U);
  expect_reparsed(*loaded, train);
  std::stringstream again;
  Parser::train(train, options)->save(again);
  EXPECT_EQ(again.str(), bytes);  // deterministic
  options.beam = 0;
  EXPECT_THROW(Parser::train(train, options), Error);
}

TEST(Parser, AModelOfTheFormatBeforeBeamWidthsLoadsAsGreedy) {
  std::stringstream saved;
  Parser::train(tiny_treebank(), tiny_options(4))->save(saved);
  // T2KGDEP4 is T2KGDEP5 without the trailing beam width
  std::string old = saved.str();
  ASSERT_EQ(old.substr(0, 8), "T2KGDEP5");
  old[7] = '4';
  old.resize(old.size() - sizeof(std::uint32_t));
  std::stringstream old_stream(old);
  EXPECT_EQ(Parser::load(old_stream)->beam_width(), 1U);
  // and a width past any trained one is a damaged file
  std::string damaged = saved.str();
  damaged[damaged.size() - 1] = '\x7f';
  std::stringstream damaged_stream(damaged);
  EXPECT_THROW(Parser::load(damaged_stream), Error);
}

TEST(Parser, WordClustersDecideAttachmentOfUnseenWordsAndTravelInTheModel) {
  // Two-word sentences with identical tags: in "A x" the first word is the head, in "B x"
  // the second. The test words were never seen; only their clusters tell A from B.
  WordClusters clusters;
  for (const char* w : {"alpha", "apex", "aardvark", "anvil"}) clusters.add(w, {5, 50, 500});
  for (const char* w : {"beta", "bravo", "bongo", "bishop"}) clusters.add(w, {6, 60, 600});
  const std::vector<Document> train = first_word_decides_the_head();
  ParserTrainingOptions options;
  options.epochs = 8;
  options.bucket_bits = 12;
  options.label_bucket_bits = 12;
  options.clusters = &clusters;
  const auto parser = Parser::train(train, options);
  clusters = WordClusters();  // the model keeps its own copy
  std::stringstream buffer;
  parser->save(buffer);
  const auto loaded = Parser::load(buffer);
  EXPECT_EQ(loaded->clusters().size(), 8U);
  for (const Parser* p : {parser.get(), loaded.get()}) {
    for (const char* first : {"aardvark", "anvil", "bongo", "bishop"}) {
      Document doc = make_document({std::string(first) + " x"});
      for (Token& token : doc.mutable_tokens()) {
        token.upos = Upos::NOUN;
        token.xpos = "NN";
      }
      p->process(doc);
      EXPECT_EQ(doc.tokens()[0].head, first[0] == 'a' ? -1 : 1) << first;
      EXPECT_EQ(doc.tokens()[0].deprel, first[0] == 'a' ? "root" : "compound") << first;
    }
  }
}

TEST(Parser, AFastHashModelLearnsAndKeepsItsHashThroughSaveAndLoad) {
  // "A x": the first word heads; "B x": the second does. Seen words this time, so the
  // word templates alone (hashed the fast way) must learn it.
  const std::vector<Document> train = first_word_decides_the_head();
  ParserTrainingOptions options;
  options.epochs = 8;
  options.bucket_bits = 12;
  options.label_bucket_bits = 12;
  options.fast_hash = true;
  const auto fast = Parser::train(train, options);
  options.fast_hash = false;
  const auto fnv = Parser::train(train, options);
  std::stringstream fast_bytes, fnv_bytes;
  fast->save(fast_bytes);
  fnv->save(fnv_bytes);
  EXPECT_NE(fast_bytes.str(), fnv_bytes.str());
  const std::string saved = fast_bytes.str();
  const auto loaded = Parser::load(fast_bytes);
  std::stringstream again;
  loaded->save(again);
  EXPECT_EQ(again.str(), saved);  // the hash choice is part of the model
  for (const Document& gold : train) {
    Document doc = gold;
    loaded->process(doc);
    for (std::size_t t = 0; t < doc.tokens().size(); ++t) {
      EXPECT_EQ(doc.tokens()[t].head, gold.tokens()[t].head) << doc.form(static_cast<std::uint32_t>(t));
      EXPECT_EQ(doc.tokens()[t].deprel, gold.tokens()[t].deprel) << doc.form(static_cast<std::uint32_t>(t));
    }
  }
}

TEST(Parser, RejectsMissingAndForeignModels) {
  try {
    Parser::load(std::filesystem::path("/nonexistent/parser.bin"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/parser.bin"), std::string::npos);
  }
  std::stringstream foreign("T2KGTAG1 this is not a parser");
  EXPECT_THROW(Parser::load(foreign), Error);
  std::stringstream whole;
  committed_parser().save(whole);
  std::stringstream truncated(whole.str().substr(0, whole.str().size() - 100));
  EXPECT_THROW(Parser::load(truncated), Error);
}

}  // namespace
}  // namespace text2kg::nlp
