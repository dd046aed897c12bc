#include "text2kg/graph/string_pool.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace text2kg::graph {
namespace {

TEST(StringPool, IdZeroIsTheEmptyString) {
  StringPool pool;
  EXPECT_EQ(pool.get(0), "");
  EXPECT_EQ(pool.intern(""), 0U);
  EXPECT_EQ(pool.size(), 1U);
}

TEST(StringPool, SameTextSameIdAcrossGrowth) {
  StringPool pool;
  std::vector<std::uint32_t> ids;
  for (int i = 0; i < 50000; ++i) ids.push_back(pool.intern("text number " + std::to_string(i)));
  EXPECT_EQ(pool.size(), 50001U);
  for (int i = 0; i < 50000; ++i) {
    EXPECT_EQ(pool.intern("text number " + std::to_string(i)), ids[static_cast<std::size_t>(i)]);
    ASSERT_EQ(pool.get(ids[static_cast<std::size_t>(i)]), "text number " + std::to_string(i));
  }
  EXPECT_EQ(pool.size(), 50001U);
}

TEST(StringPool, KeepsBytesExactlyIncludingNulAndLongStrings) {
  StringPool pool;
  const std::string with_nul("a\0b", 3);
  const std::string longer_than_a_block(3 << 20, 'x');  // a string larger than one arena block
  const auto a = pool.intern(with_nul);
  const auto b = pool.intern(longer_than_a_block);
  const auto c = pool.intern("after");
  EXPECT_NE(pool.intern("a"), a);
  EXPECT_EQ(pool.get(a), with_nul);
  EXPECT_EQ(pool.get(b), longer_than_a_block);
  EXPECT_EQ(pool.get(c), "after");
}

TEST(StringPool, CopyIsIndependentAndKeepsIds) {
  StringPool pool;
  const auto id = pool.intern("Evo Morales");
  StringPool copy = pool;
  copy.intern("only in the copy");
  EXPECT_EQ(copy.get(id), "Evo Morales");
  EXPECT_EQ(copy.intern("Evo Morales"), id);
  EXPECT_EQ(pool.size(), 2U);
  EXPECT_EQ(copy.size(), 3U);
  pool = copy;
  EXPECT_EQ(pool.get(2), "only in the copy");
}

}  // namespace
}  // namespace text2kg::graph

namespace text2kg::graph {
namespace {

TEST(StringPool, DroppedIndexIsRebuiltByTheNextIntern) {
  StringPool pool;
  std::vector<std::uint32_t> ids;
  for (int i = 0; i < 5000; ++i) ids.push_back(pool.intern("text " + std::to_string(i)));
  pool.drop_index();
  EXPECT_EQ(pool.get(ids[1234]), "text 1234");
  EXPECT_EQ(pool.intern("text 4321"), ids[4321]);  // found again, not added twice
  EXPECT_EQ(pool.size(), 5001U);
  const std::uint32_t fresh = pool.intern("new");
  EXPECT_EQ(fresh, 5001U);
  EXPECT_EQ(pool.intern(""), 0U);
  pool.drop_index();
  pool.drop_index();
  EXPECT_EQ(pool.intern("new"), fresh);
  // Strings longer than a block still get one of their own.
  const std::string big(5U << 20, 'x');
  const std::uint32_t big_id = pool.intern(big);
  EXPECT_EQ(pool.get(big_id), big);
  EXPECT_EQ(pool.get(ids[0]), "text 0");
}

}  // namespace
}  // namespace text2kg::graph
