#include "text2kg/nlp/arc_hybrid.hpp"

#include <gtest/gtest.h>

namespace text2kg::nlp {
namespace {

/// Follows zero-cost transitions only and returns the heads it built.
std::vector<std::int32_t> follow_oracle(const std::vector<std::int32_t>& heads, const std::vector<std::uint16_t>& labels,
                                        std::uint16_t label_count) {
  ArcHybridState state;
  state.reset(static_cast<std::uint32_t>(heads.size() - 1));
  std::vector<int> costs;
  while (!state.finished()) {
    state.costs(heads, labels, label_count, costs);
    std::size_t chosen = costs.size();
    for (std::size_t c = 0; c < costs.size(); ++c) {
      if (costs[c] == 0) {
        chosen = c;
        break;
      }
    }
    if (chosen == costs.size()) ADD_FAILURE() << "no zero-cost transition";
    if (chosen == 0) {
      state.shift();
    } else if (chosen <= label_count) {
      state.left(static_cast<std::uint16_t>(chosen));
    } else {
      state.right(static_cast<std::uint16_t>(chosen - label_count));
    }
  }
  std::vector<std::int32_t> built(heads.size(), 0);
  for (std::int32_t w = 1; w < static_cast<std::int32_t>(heads.size()); ++w) {
    built[static_cast<std::size_t>(w)] = state.head(w);
    EXPECT_EQ(state.label(w), labels[static_cast<std::size_t>(w)]);
  }
  return built;
}

TEST(ArcHybrid, ZeroCostTransitionsRebuildAProjectiveTree) {
  // "He was taken by the military ." : taken is the root.
  const std::vector<std::int32_t> heads = {0, 3, 3, 0, 6, 6, 3, 3};
  const std::vector<std::uint16_t> labels = {0, 1, 2, 3, 4, 5, 1, 2};
  EXPECT_EQ(follow_oracle(heads, labels, 5), heads);
}

TEST(ArcHybrid, OneWordAttachesToTheRoot) {
  EXPECT_EQ(follow_oracle({0, 0}, {0, 1}, 1), (std::vector<std::int32_t>{0, 0}));
}

TEST(ArcHybrid, RootTakesADependentOnlyAtTheEnd) {
  ArcHybridState state;
  state.reset(2);
  EXPECT_FALSE(state.can_right());
  EXPECT_FALSE(state.can_left());
  state.shift();
  EXPECT_FALSE(state.can_right());  // the buffer is not empty yet
  EXPECT_TRUE(state.can_left());
  state.left(1);
  EXPECT_EQ(state.head(1), 2);
  state.shift();
  EXPECT_TRUE(state.can_right());
  state.right(1);
  EXPECT_TRUE(state.finished());
  EXPECT_EQ(state.head(2), 0);
  EXPECT_EQ(state.left_child(2, 0), 1);
  EXPECT_EQ(state.left_count(2), 1U);
}

TEST(ArcHybrid, CostsCountLostArcsAndWrongLabels) {
  // Gold: 1 <- 2 (label 1), 2 <- root.
  const std::vector<std::int32_t> heads = {0, 2, 0};
  const std::vector<std::uint16_t> labels = {0, 1, 2};
  ArcHybridState state;
  state.reset(2);
  state.shift();  // stack [0 1], buffer [2]
  std::vector<int> costs;
  state.costs(heads, labels, 2, costs);
  EXPECT_EQ(costs[0], 2);   // shifting 2 loses 1 <- 2 and root -> 2
  EXPECT_EQ(costs[1], 0);   // LEFT label 1 is right
  EXPECT_EQ(costs[2], 1);   // LEFT label 2: right head, wrong label
  EXPECT_EQ(costs[3], -1);  // RIGHT onto the root is illegal before the end
}

}  // namespace
}  // namespace text2kg::nlp
