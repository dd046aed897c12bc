#include "text2kg/coref/feature_weight_table.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace text2kg::coref {
namespace {

TEST(FeatureWeightTable, SumsTheWeightsOfKnownFeaturesOnly) {
  const FeatureWeightTable table({{7, 1.5F}, {23, -0.25F}, {0, 2.0F}});
  const std::vector<std::uint64_t> features = {7, 23, 99, 0, 7};
  EXPECT_DOUBLE_EQ(table.score(features), 1.5 - 0.25 + 2.0 + 1.5);  // 99 is unknown
  EXPECT_DOUBLE_EQ(table.score({}), 0.0);
}

TEST(FeatureWeightTable, FindsEveryFeatureWhenMostCollide) {
  // Keys that share their low bits probe past each other.
  std::unordered_map<std::uint64_t, float> weights;
  for (std::uint64_t k = 1; k <= 40; ++k) weights[k << 20] = static_cast<float>(k);
  const FeatureWeightTable table(weights);
  for (const auto& [feature, weight] : weights) {
    const std::uint64_t one[] = {feature};
    EXPECT_DOUBLE_EQ(table.score(one), weight);
  }
  const std::uint64_t missing[] = {41ULL << 20};
  EXPECT_DOUBLE_EQ(table.score(missing), 0.0);
}

TEST(FeatureWeightTable, AnEmptyTableScoresZero) {
  const FeatureWeightTable empty;
  const std::uint64_t one[] = {5};
  EXPECT_DOUBLE_EQ(empty.score(one), 0.0);
}

}  // namespace
}  // namespace text2kg::coref
