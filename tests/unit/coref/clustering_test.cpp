#include "text2kg/coref/clustering.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace text2kg::coref {
namespace {

std::vector<std::uint32_t> members_of(const Clustering& clusters, std::uint32_t mention) {
  const auto members = clusters.members(clusters.cluster_of(mention));
  return {members.begin(), members.end()};
}

TEST(Clustering, SingletonsListThemselvesUntilMerged) {
  const Clustering clusters(3);
  for (std::uint32_t m = 0; m < 3; ++m) {
    EXPECT_EQ(clusters.cluster_of(m), m);
    EXPECT_EQ(members_of(clusters, m), std::vector<std::uint32_t>{m});
    EXPECT_TRUE(clusters.first_in_cluster(m));
  }
  EXPECT_EQ(clusters.clusters().size(), 3U);
}

TEST(Clustering, MergesKeepMembersAscendingAndEmptyTheClusterMergedAway) {
  Clustering clusters(6);
  clusters.merge(4, 1);
  EXPECT_TRUE(clusters.same(1, 4));
  EXPECT_EQ(members_of(clusters, 1), (std::vector<std::uint32_t>{1, 4}));
  const std::uint32_t gone = clusters.cluster_of(1) == 4 ? 1 : 4;
  EXPECT_TRUE(clusters.members(gone).empty());
  EXPECT_FALSE(clusters.first_in_cluster(4));
  clusters.merge(0, 4);  // the larger cluster is kept
  EXPECT_EQ(clusters.cluster_of(0), clusters.cluster_of(1));
  EXPECT_EQ(members_of(clusters, 0), (std::vector<std::uint32_t>{0, 1, 4}));
  clusters.merge(1, 0);  // already one cluster: nothing changes
  const std::uint32_t version = clusters.version(clusters.cluster_of(0));
  clusters.merge(4, 1);
  EXPECT_EQ(clusters.version(clusters.cluster_of(0)), version);
  const std::vector<std::vector<std::uint32_t>> expected = {{0, 1, 4}, {2}, {3}, {5}};
  EXPECT_EQ(clusters.clusters(), expected);
  EXPECT_EQ(clusters.clusters(2), (std::vector<std::vector<std::uint32_t>>{{0, 1, 4}}));
}

}  // namespace
}  // namespace text2kg::coref
