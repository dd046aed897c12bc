// The graph store's compact indexes: a change after prepare() (which drops the relation
// index) still merges into the existing edge, and many relations over hub nodes stay apart.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "text2kg/graph/knowledge_graph.hpp"
#include "triples.hpp"

namespace text2kg::graph {
namespace {
using testing::argument;
using testing::triple;

TEST(KnowledgeGraphStore, AddingAfterPrepareMergesIntoTheExistingEdge) {
  const Argument morales = argument(EntityType::Person, "Evo Morales");
  const Argument mexico = argument(EntityType::Place, "Mexico");
  KnowledgeGraph g;
  g.add_triple(triple(morales, "fled_to", "flee_to", mexico, "a", 0));
  g.prepare();
  ASSERT_EQ(g.edges_in_order().size(), 1U);
  g.add_triple(triple(morales, "fled_to", "flee_to", mexico, "b", 0));
  g.add_triple(triple(mexico, "received", "receive", morales, "b", 1));
  EXPECT_FALSE(g.prepared());
  EXPECT_EQ(g.edge_count(), 2U);
  const auto fled = g.find_edge(morales.key, "flee_to", mexico.key);
  ASSERT_TRUE(fled.has_value());
  ASSERT_EQ(g.edge(*fled).support.size(), 2U);
  EXPECT_EQ(g.text(g.edge(*fled).support[1].doc), "b");
}

TEST(KnowledgeGraphStore, ManyRelationsOverHubsAreOrderedAndFound) {
  KnowledgeGraph g;
  const Argument hub = argument(EntityType::Organization, "Hub");
  for (int i = 0; i < 3000; ++i) {
    const Argument other = argument(EntityType::Person, "Person " + std::to_string(i));
    const std::string lemma = "rel" + std::to_string(i % 7);
    g.add_triple(triple(hub, lemma, lemma, other, "d", static_cast<std::uint32_t>(i)));
    g.add_triple(triple(other, lemma, lemma, hub, "d", static_cast<std::uint32_t>(i)));
    g.add_triple(triple(other, lemma, lemma, hub, "e", static_cast<std::uint32_t>(i)));  // same edge again
  }
  EXPECT_EQ(g.edge_count(), 6000U);
  g.prepare();
  const auto& order = g.edges_in_order();
  ASSERT_EQ(order.size(), 6000U);
  for (std::size_t i = 1; i < order.size(); ++i) {
    const auto key = [&](const Edge& e) {
      return std::make_tuple(g.node(g.source(e)).entity.key, std::string(g.text(g.edge(e).predicate_lemma)),
                             g.node(g.target(e)).entity.key);
    };
    ASSERT_LT(key(order[i - 1]), key(order[i])) << "at " << i;
  }
  const Argument person = argument(EntityType::Person, "Person 123");
  const auto e = g.find_edge(person.key, "rel4", hub.key);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(g.edge(*e).support.size(), 2U);
  EXPECT_FALSE(g.find_edge(person.key, "rel5", hub.key).has_value());
}

}  // namespace
}  // namespace text2kg::graph
