#include "text2kg/coref/cluster_facts.hpp"

#include <gtest/gtest.h>

namespace text2kg::coref {
namespace {

TEST(ClusterFacts, ComputesOncePerClusterUntilAMergeChangesIt) {
  Clustering clusters(4);
  ClusterFacts facts(4);
  int computed = 0;
  const auto type_of = [&](std::uint32_t cluster, EntityType value) {
    return facts.type(clusters, cluster, [&] {
      ++computed;
      return value;
    });
  };
  EXPECT_EQ(type_of(0, EntityType::Person), EntityType::Person);
  EXPECT_EQ(type_of(0, EntityType::Place), EntityType::Person);  // cached
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(type_of(3, EntityType::Place), EntityType::Place);
  clusters.merge(0, 1);  // changes cluster 0 (kept) and 1, not 3
  EXPECT_EQ(type_of(clusters.cluster_of(0), EntityType::Organization), EntityType::Organization);
  EXPECT_EQ(type_of(3, EntityType::Person), EntityType::Place);
  EXPECT_EQ(computed, 3);
  // the agreement and the names' type are kept apart from the type
  const Agreement he{number::kSingular, gender::kMale, animacy::kAnimate, person::kThird};
  EXPECT_EQ(facts.agreement(clusters, 3, [&] { return he; }).gender, gender::kMale);
  EXPECT_EQ(facts.named_type(clusters, 3, [] { return EntityType::Event; }), EntityType::Event);
  EXPECT_EQ(type_of(3, EntityType::Person), EntityType::Place);
}

TEST(ClusterFacts, KeepsAClustersContentWordsUntilAMergeChangesIt) {
  Clustering clusters(3);
  ClusterFacts facts(3);
  int computed = 0;
  const auto words_of = [&](std::uint32_t cluster, std::vector<std::uint32_t> value) {
    return facts.content_words(clusters, cluster, [&] {
      ++computed;
      return value;
    });
  };
  EXPECT_EQ(words_of(0, {1, 2}), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(words_of(0, {7}), (std::vector<std::uint32_t>{1, 2}));  // cached
  EXPECT_EQ(computed, 1);
  clusters.merge(0, 2);
  EXPECT_EQ(words_of(clusters.cluster_of(0), {1, 2, 3}), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(computed, 2);
}

}  // namespace
}  // namespace text2kg::coref
