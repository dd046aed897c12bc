#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "coref_fixture.hpp"
#include "text2kg/coref/coref_resolver.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/coref/link_filter_training.hpp"
#include "text2kg/coref/pronoun_ranker_training.hpp"
#include "text2kg/io/conllu.hpp"

namespace text2kg::coref {
namespace {

using testing::statistics;

/// "People <first>. People <second>." with gold chains saying that the two are different
/// (generic) groups, as CoNLL-U with GUM's Entity= annotations.
std::string generic_people(const std::string& id, const std::string& first, const std::string& second) {
  std::ostringstream out;
  out << "# newdoc id = " << id << "\n";
  int entity = 1;
  for (const std::string& verb : {first, second}) {
    out << "1\tPeople\tpeople\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\tEntity=(" << entity++ << "-person-new-1-sgl)\n"
        << "2\t" << verb << '\t' << verb << "\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
        << "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
  }
  return out.str();
}

/// How many clusters of two or more mentions the resolver builds.
std::size_t chains(const Document& doc, const CorefOptions& options) {
  const CorefResult result = resolve_coreference(doc, statistics(), options);
  return static_cast<std::size_t>(std::count_if(result.clusters.begin(), result.clusters.end(),
                                                [](const auto& c) { return c.size() >= 2; }));
}

TEST(LinkFilter, LearnsToRefuseLinksTheGoldChainsLackAndSurvivesASaveAndLoad) {
  std::vector<Document> train;
  std::vector<std::vector<std::int32_t>> entities;
  const char* verbs[][2] = {{"came", "left"}, {"sang", "danced"}, {"won", "lost"}};
  for (std::size_t i = 0; i < std::size(verbs); ++i) {
    std::ostringstream id;
    id << 't' << i;
    train.push_back(io::read_conllu(generic_people(id.str(), verbs[i][0], verbs[i][1]), "t.conllu").at(0));
    entities.push_back(gold_token_entities(train.back()));
  }
  LinkFilterTraining training;
  training.epochs = 3;
  const LinkFilter filter = train_link_filter(train, entities, statistics(), training);
  EXPECT_GT(filter.size(), 0U);
  const Document test = io::read_conllu(generic_people("test", "ran", "slept"), "test.conllu").at(0);
  EXPECT_EQ(chains(test, CorefOptions{}), 1U);  // exact match links the two on its own
  EXPECT_EQ(chains(test, with_link_filter(CorefOptions{}, std::make_shared<const LinkFilter>(filter))), 0U);
  const auto file = std::filesystem::temp_directory_path() / "text2kg_link_filter_test.tsv";
  filter.save(file, "test model");
  const auto loaded = std::make_shared<const LinkFilter>(LinkFilter::load(file));
  EXPECT_EQ(loaded->size(), filter.size());
  EXPECT_EQ(chains(test, with_link_filter(CorefOptions{}, loaded)), 0U);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace text2kg::coref
