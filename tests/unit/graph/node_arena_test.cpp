#include "text2kg/graph/node_arena.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <list>
#include <string>
#include <vector>

#include "text2kg/graph/huge_vector.hpp"
#include "text2kg/graph/knowledge_graph.hpp"
#include "triples.hpp"

namespace text2kg::graph {
namespace {

using ArenaList = std::list<std::string, ArenaAllocator<std::string>>;

TEST(NodeArena, ReusesReleasedBlocks) {
  NodeArena arena;
  void* a = arena.allocate(40);
  void* b = arena.allocate(40);
  EXPECT_NE(a, b);
  arena.deallocate(a, 40);
  EXPECT_EQ(arena.allocate(40), a);
  void* other_size = arena.allocate(200);  // not the arena's block size: from operator new
  arena.deallocate(other_size, 200);
  arena.deallocate(b, 40);
}

TEST(ArenaAllocator, ListsGrowShrinkAndCopyIndependently) {
  ArenaList list;
  for (int i = 0; i < 10000; ++i) list.push_back("element " + std::to_string(i));
  list.remove_if([](const std::string& s) { return s.back() == '7'; });
  EXPECT_EQ(list.size(), 9000U);
  for (int i = 0; i < 1000; ++i) list.push_front("again " + std::to_string(i));
  ArenaList copy = list;
  copy.clear();
  EXPECT_EQ(list.size(), 10000U);
  EXPECT_EQ(list.front(), "again 999");
  EXPECT_EQ(list.back(), "element 9999");
  ArenaList moved = std::move(list);
  EXPECT_EQ(moved.size(), 10000U);
}

// Growing past 2 MB moves the elements from operator new storage to mapped huge-page blocks
// and between those; each is released the way it was allocated (ASan checks the small ones).
TEST(HugePageAllocator, VectorsGrowAcrossBothKindsOfStorageAndKeepTheirElements) {
  std::vector<std::string, HugePageAllocator<std::string>> texts;
  for (int i = 0; i < 200000; ++i) texts.push_back("element " + std::to_string(i));  // 6.4 MB of strings
  EXPECT_EQ(texts[123456], "element 123456");
  const auto copy = texts;
  texts.clear();
  texts.shrink_to_fit();
  EXPECT_EQ(copy.size(), 200000U);
  EXPECT_EQ(copy.back(), "element 199999");
  std::vector<std::uint8_t, HugePageAllocator<std::uint8_t>> bytes(kHugePageBytes + 1, 7);
  EXPECT_EQ(bytes.back(), 7);
}

TEST(KnowledgeGraphCopy, CopyIsPreparedAndIndependent) {
  const Argument morales = testing::argument(EntityType::Person, "Evo Morales");
  const Argument mexico = testing::argument(EntityType::Place, "Mexico");
  KnowledgeGraph g;
  g.add_triple(testing::triple(morales, "fled_to", "flee_to", mexico, "a", 0));
  g.prepare();
  KnowledgeGraph copy = g;
  ASSERT_TRUE(copy.prepared());
  ASSERT_EQ(copy.edges_in_order().size(), 1U);
  EXPECT_EQ(copy.text(copy.edge(copy.edges_in_order()[0]).predicate_lemma), "flee_to");
  copy.add_triple(testing::triple(morales, "fled_to", "flee_to", mexico, "b", 0));
  EXPECT_EQ(copy.edge_count(), 1U);
  EXPECT_EQ(copy.edge(*copy.find_edge(morales.key, "flee_to", mexico.key)).support.size(), 2U);
  EXPECT_EQ(g.edge(g.edges_in_order()[0]).support.size(), 1U);
}

}  // namespace
}  // namespace text2kg::graph
