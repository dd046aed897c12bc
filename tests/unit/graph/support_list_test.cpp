#include "text2kg/graph/support_list.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace text2kg::graph {
namespace {

Support record(std::uint32_t sentence) {
  Support s;
  s.sentence = sentence;
  s.confidence = static_cast<float>(sentence) / 10.0F;
  return s;
}

std::vector<std::uint32_t> sentences(const SupportList& list) {
  std::vector<std::uint32_t> out;
  for (const Support& s : list) out.push_back(s.sentence);
  return out;
}

TEST(SupportList, StartsEmptyAndHoldsOneInline) {
  SupportList list;
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(list.begin(), list.end());
  list.push_back(record(7));
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list.front().sentence, 7U);
  EXPECT_EQ(list[0].sentence, 7U);
  EXPECT_EQ(list.at(0).sentence, 7U);
  EXPECT_THROW((void)list.at(1), std::out_of_range);
}

TEST(SupportList, InsertsAtAnyPositionAcrossTheMoveToTheHeap) {
  SupportList list;
  list.insert(list.end(), record(5));
  list.insert(list.begin(), record(1));  // second record: moves to the heap
  list.insert(list.begin() + 1, record(3));
  list.insert(list.end(), record(9));
  list.insert(list.begin() + 3, record(7));
  EXPECT_EQ(sentences(list), (std::vector<std::uint32_t>{1, 3, 5, 7, 9}));
  EXPECT_FLOAT_EQ(list.at(4).confidence, 0.9F);
  EXPECT_EQ(list.back().sentence, 9U);
}

TEST(SupportList, CopiesAndMovesAreIndependent) {
  SupportList one;
  one.push_back(record(1));
  SupportList many;
  for (std::uint32_t i = 0; i < 5; ++i) many.push_back(record(i));

  SupportList copy_of_many = many;
  copy_of_many.push_back(record(99));
  EXPECT_EQ(many.size(), 5U);
  EXPECT_EQ(copy_of_many.size(), 6U);

  SupportList copy_of_one(one);
  copy_of_one = many;  // inline -> heap
  EXPECT_EQ(sentences(copy_of_one), sentences(many));
  copy_of_one = one;  // heap -> inline
  EXPECT_EQ(sentences(copy_of_one), (std::vector<std::uint32_t>{1}));

  SupportList moved = std::move(many);
  EXPECT_EQ(sentences(moved), (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
  SupportList target;
  target.push_back(record(42));
  target.push_back(record(43));
  target = std::move(moved);
  EXPECT_EQ(target.size(), 5U);
  EXPECT_EQ(target.front().sentence, 0U);
}

}  // namespace
}  // namespace text2kg::graph
