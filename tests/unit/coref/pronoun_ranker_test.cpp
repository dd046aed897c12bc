#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "coref_fixture.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/coref/coref_resolver.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/coref/pronoun_ranker_training.hpp"
#include "text2kg/io/conllu.hpp"

namespace text2kg::coref {
namespace {

using testing::statistics;

/// "<A> met <B>. She smiled." with gold chains saying that she is B (the object), as
/// CoNLL-U with GUM's Entity= annotations; `first` and `second` are one-word names.
std::string met_then_she(const std::string& id, const std::string& first, const std::string& second) {
  std::ostringstream out;
  out << "# newdoc id = " << id << "\n"
      << "1\t" << first << '\t' << first << "\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-new-1-coref)\n"
      << "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      << "3\t" << second << '\t' << second << "\tPROPN\tNNP\t_\t2\tobj\t_\tEntity=(2-person-new-1-coref)|SpaceAfter=No\n"
      << "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
      << "1\tShe\tshe\tPRON\tPRP\tCase=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs\t2\tnsubj\t_\tEntity=(2-person-giv-1-ana)\n"
      << "2\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
      << "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
  return out.str();
}

Document recognised(const std::string& conllu) {
  Document doc = io::read_conllu(conllu, "doc.conllu").at(0);
  testing::name(doc, 0, 0, EntityType::Person);
  testing::name(doc, 2, 2, EntityType::Person);
  return doc;
}

/// The mention text that "she" (the last mention) is clustered with, or "" when alone.
std::string antecedent_of_she(const Document& doc, const CorefOptions& options) {
  const CorefResult result = resolve_coreference(doc, statistics(), options);
  const std::uint32_t she = static_cast<std::uint32_t>(result.mentions.size() - 1);
  for (const auto& cluster : result.clusters) {
    if (std::find(cluster.begin(), cluster.end(), she) == cluster.end()) continue;
    for (const std::uint32_t m : cluster) {
      if (m != she) return lower_text(doc, result.mentions[m].extent);
    }
  }
  return "";
}

TEST(PronounRanker, LearnsFromGoldChainsWhatTheSieveOrderGetsWrong) {
  // the sieve order tries the subject first; the gold chains say "she" is the object
  std::vector<Document> train;
  std::vector<std::vector<std::int32_t>> entities;
  const char* names[][2] = {{"Kim", "Dana"}, {"Lee", "Ana"}, {"Sam", "Eva"}, {"Max", "Ida"}, {"Ray", "Uma"}};
  for (std::size_t i = 0; i < std::size(names); ++i) {
    std::ostringstream id;
    id << 't' << i;
    train.push_back(recognised(met_then_she(id.str(), names[i][0], names[i][1])));
    entities.push_back(gold_token_entities(train.back()));
  }
  EXPECT_EQ(entities[0], (std::vector<std::int32_t>{0, -1, 1, -1, 1, -1, -1}));
  PronounRankerTraining training;
  training.epochs = 5;
  const PronounRanker ranker = train_pronoun_ranker(train, entities, statistics(), training);
  const Document test = recognised(met_then_she("test", "Jo", "Mia"));
  EXPECT_EQ(antecedent_of_she(test, CorefOptions{}), "jo");
  const auto shared = std::make_shared<const PronounRanker>(ranker);
  EXPECT_EQ(antecedent_of_she(test, with_ranker(CorefOptions{}, shared)), "mia");
  // the same weights, saved and read back
  const auto file = std::filesystem::temp_directory_path() / "text2kg_pronoun_ranker_test.tsv";
  ranker.save(file, "test model");
  const auto loaded = std::make_shared<const PronounRanker>(PronounRanker::load(file));
  EXPECT_EQ(loaded->size(), ranker.size());
  EXPECT_EQ(antecedent_of_she(test, with_ranker(CorefOptions{}, loaded)), "mia");
  std::filesystem::remove(file);
}

TEST(PronounRanker, LeavesAPronounAloneWhenThatScoresHighest) {
  const Document test = recognised(met_then_she("test", "Jo", "Mia"));
  // only the "alone" bias is weighted: no candidate beats it
  const CorefResult result = resolve_coreference(test, statistics());
  std::vector<std::uint64_t> alone;
  const Clustering clusters(result.mentions.size());
  const SieveContext context{test, result.mentions, clusters};
  const std::uint32_t she = static_cast<std::uint32_t>(result.mentions.size() - 1);
  const std::vector<std::uint32_t> candidates = {0};
  pronoun_alone_features(context, she, candidates, alone);
  const PronounRanker ranker({{alone.front(), 1.0F}});
  EXPECT_EQ(ranker.choose(context, she, candidates), std::nullopt);
  EXPECT_EQ(antecedent_of_she(test, with_ranker(CorefOptions{}, std::make_shared<const PronounRanker>(ranker))), "");
}

TEST(PronounRanker, BadLineNamesFileAndLine) {
  const auto file = std::filesystem::temp_directory_path() / "text2kg_pronoun_ranker_bad.tsv";
  std::ofstream(file) << "# comment\n0123456789abcdef\t0.5\nnot-a-feature\t1\n";
  try {
    PronounRanker::load(file);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("text2kg_pronoun_ranker_bad.tsv:3:"), std::string::npos) << e.what();
  }
  std::filesystem::remove(file);
  EXPECT_THROW(PronounRanker::load(file), InputError);  // missing file
}

}  // namespace
}  // namespace text2kg::coref
