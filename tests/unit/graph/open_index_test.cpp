#include "text2kg/graph/open_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace text2kg::graph {
namespace {

struct Slot {
  std::uint32_t id = UINT32_MAX;
  bool empty() const { return id == UINT32_MAX; }
};

TEST(OpenIndex, FindsEveryRecordByItsOutsideKeyAcrossGrowth) {
  std::vector<std::string> keys;
  for (int i = 0; i < 20000; ++i) keys.push_back("person/name_" + std::to_string(i));
  OpenIndex<Slot> index;
  const auto rehash = [&](const Slot& s) { return hash_bytes(keys[s.id]); };
  for (std::uint32_t id = 0; id < keys.size(); ++id) index.insert(hash_bytes(keys[id]), Slot{id}, rehash);
  EXPECT_EQ(index.size(), keys.size());
  for (std::uint32_t id = 0; id < keys.size(); ++id) {
    const Slot* found = index.find(hash_bytes(keys[id]), [&](const Slot& s) { return keys[s.id] == keys[id]; });
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->id, id);
  }
  EXPECT_EQ(index.find(hash_bytes("person/absent"), [&](const Slot& s) { return keys[s.id] == "person/absent"; }),
            nullptr);
  index.clear();
  EXPECT_EQ(index.size(), 0U);
  EXPECT_EQ(index.find(hash_bytes(keys[0]), [](const Slot&) { return true; }), nullptr);
}

TEST(OpenIndex, CollidingHashesStayApart) {
  OpenIndex<Slot> index;
  const auto same = [](const Slot&) { return std::uint64_t{7}; };
  for (std::uint32_t id = 0; id < 100; ++id) index.insert(7, Slot{id}, same);
  for (std::uint32_t id = 0; id < 100; ++id) {
    const Slot* found = index.find(7, [&](const Slot& s) { return s.id == id; });
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->id, id);
  }
}

TEST(HashBytes, DependsOnEveryByte) {
  EXPECT_NE(hash_bytes("abcdefgh1"), hash_bytes("abcdefgh2"));
  EXPECT_NE(hash_bytes("abcdefgh"), hash_bytes("abcdefgi"));
  EXPECT_NE(hash_bytes(""), hash_bytes(std::string(1, '\0')));
  EXPECT_EQ(hash_bytes("same text"), hash_bytes(std::string("same text")));
}

}  // namespace
}  // namespace text2kg::graph
