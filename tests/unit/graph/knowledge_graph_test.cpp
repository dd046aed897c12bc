#include "text2kg/graph/knowledge_graph.hpp"

#include <gtest/gtest.h>

#include "triples.hpp"

namespace text2kg::graph {
namespace {
using testing::argument;
using testing::triple;

const Argument kMorales = argument(EntityType::Person, "Evo Morales");
const Argument kMexico = argument(EntityType::Place, "Mexico");
const Argument kBolivia = argument(EntityType::Place, "Bolivia");

TEST(KnowledgeGraph, OneEdgePerSubjectLemmaObjectWithAllSupport) {
  KnowledgeGraph g;
  g.add_triple(triple(kMorales, "fled_to", "flee_to", kMexico, "a", 0, 0.5));
  g.add_triple(triple(kMorales, "flees_to", "flee_to", kMexico, "a", 3, 0.5));
  g.add_triple(triple(kMorales, "left", "leave", kBolivia, "a", 1));
  EXPECT_EQ(g.node_count(), 3U);
  ASSERT_EQ(g.edge_count(), 2U);
  const auto e = g.find_edge(kMorales.key, "flee_to", kMexico.key);
  ASSERT_TRUE(e);
  EXPECT_EQ(g.edge(*e).support.size(), 2U);
  EXPECT_EQ(g.text(g.edge(*e).predicate), "fled_to");
  EXPECT_DOUBLE_EQ(g.edge(*e).confidence(), 0.75);
}

TEST(KnowledgeGraph, SameEvidenceTwiceIsKeptOnce) {
  KnowledgeGraph g;
  g.add_triple(triple(kMorales, "fled_to", "flee_to", kMexico));
  g.add_triple(triple(kMorales, "fled_to", "flee_to", kMexico));
  EXPECT_EQ(g.edge(*g.find_edge(kMorales.key, "flee_to", kMexico.key)).support.size(), 1U);
}

TEST(KnowledgeGraph, EntitiesMergeByKeyAndKeepTypesApart) {
  KnowledgeGraph g;
  Entity a{"person/evo_morales", "Evo Morales", EntityType::Person, {"Morales"}, 2, ""};
  Entity b{"person/evo_morales", "Morales", EntityType::Person, {"Mr Morales", "Evo Morales"}, 3, ""};
  g.add_entity(a);
  g.add_entity(b);
  g.add_entity({"place/washington", "Washington", EntityType::Place, {}, 1, ""});
  g.add_entity({"person/washington", "Washington", EntityType::Person, {}, 1, ""});
  ASSERT_EQ(g.node_count(), 3U);
  const Entity& merged = g.node(*g.find("person/evo_morales")).entity;
  EXPECT_EQ(merged.name, "Evo Morales");
  EXPECT_EQ(merged.mention_count, 5U);
  EXPECT_EQ(merged.aliases, (std::vector<std::string>{"Evo Morales", "Morales", "Mr Morales"}));
}

TEST(KnowledgeGraph, AnUntypedNameJoinsTheOneTypedEntityOfItsName) {
  const Argument untyped = argument(EntityType::None, "Ostrava");
  const Argument place = argument(EntityType::Place, "Ostrava");
  KnowledgeGraph g;
  g.add_triple(triple(kMorales, "visited", "visit", untyped, "a", 0));
  g.add_triple(triple(kMorales, "left", "leave", place, "b", 0));
  g.add_triple(triple(kMorales, "visited", "visit", place, "b", 1));
  ASSERT_EQ(g.node_count(), 3U);
  EXPECT_EQ(g.join_untyped_names(), 1U);
  ASSERT_EQ(g.node_count(), 2U);
  EXPECT_FALSE(g.find("thing/ostrava"));
  const auto visited = g.find_edge("person/evo_morales", "visit", "place/ostrava");
  ASSERT_TRUE(visited);
  EXPECT_EQ(g.edge(*visited).support.size(), 2U);  // both documents' evidence on one edge
  EXPECT_EQ(g.node(*g.find("place/ostrava")).entity.type, EntityType::Place);
  EXPECT_EQ(g.join_untyped_names(), 0U);
}

TEST(KnowledgeGraph, AnUntypedNameWithTwoTypedReadingsStaysApart) {
  KnowledgeGraph g;
  g.add_entity({"thing/washington", "Washington", EntityType::None, {}, 1, ""});
  g.add_entity({"place/washington", "Washington", EntityType::Place, {}, 1, ""});
  g.add_entity({"person/washington", "Washington", EntityType::Person, {}, 1, ""});
  g.add_entity({"concept/police", "police", EntityType::Concept, {}, 1, ""});
  g.add_entity({"thing/police", "Police", EntityType::None, {}, 1, ""});
  EXPECT_EQ(g.join_untyped_names(), 0U);  // two typed Washingtons; a concept is no name
  EXPECT_EQ(g.node_count(), 5U);
}

TEST(KnowledgeGraph, OrderOfArrivalDoesNotMatter) {
  const auto t1 = triple(kMorales, "fled_to", "flee_to", kMexico, "a", 0);
  const auto t2 = triple(kMexico, "granted_asylum_to", "grant_asylum_to", kMorales, "a", 1);
  const auto t3 = triple(kMorales, "left", "leave", kBolivia, "b", 0);
  KnowledgeGraph forward;
  for (const auto& t : {t1, t2, t3}) forward.add_triple(t);
  KnowledgeGraph backward;
  for (const auto& t : {t3, t2, t1}) backward.add_triple(t);
  KnowledgeGraph merged;
  merged.add_triple(t3);
  KnowledgeGraph part;
  part.add_triple(t1);
  part.add_triple(t2);
  merged.merge(part);
  forward.prepare();
  backward.prepare();
  merged.prepare();
  for (const KnowledgeGraph* g : {&backward, &merged}) {
    ASSERT_EQ(g->node_count(), forward.node_count());
    const auto a = forward.edges_in_order();
    const auto b = g->edges_in_order();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(forward.text(forward.edge(a[i]).predicate), g->text(g->edge(b[i]).predicate));
      EXPECT_EQ(forward.edge(a[i]).support.size(), g->edge(b[i]).support.size());
    }
    const auto na = forward.nodes_in_order();
    const auto nb = g->nodes_in_order();
    for (std::size_t i = 0; i < na.size(); ++i) EXPECT_EQ(forward.node(na[i]).entity.key, g->node(nb[i]).entity.key);
  }
}

TEST(KnowledgeGraph, ProvenanceSurvivesPooling) {
  KnowledgeGraph g;
  Triple t = triple(kMorales, "fled_to", "flee_to", kMexico, "a", 4, 0.625);
  t.provenance.modality = "would";
  t.provenance.negated = true;
  t.provenance.time = "late on Monday";
  t.provenance.subject_chars = {10, 21};
  const Edge e = g.add_triple(t);
  const Provenance back = g.provenance(g.edge(e).support.front());
  EXPECT_EQ(back.doc_id, "a");
  EXPECT_EQ(back.sentence, 4U);
  EXPECT_EQ(back.modality, "would");
  EXPECT_EQ(back.time, "late on Monday");
  EXPECT_EQ(back.sentence_text, t.provenance.sentence_text);
  EXPECT_EQ(back.subject_chars, (ByteSpan{10, 21}));
  EXPECT_TRUE(back.negated);
  EXPECT_DOUBLE_EQ(back.confidence, 0.625);
  EXPECT_TRUE(g.edge(e).negated());
}

TEST(KnowledgeGraph, MetricsFromBoostGraph) {
  KnowledgeGraph g;
  g.add_triple(triple(kMorales, "fled_to", "flee_to", kMexico, "a", 0));
  g.add_triple(triple(kBolivia, "expelled", "expel", kMorales, "a", 1));
  g.add_triple(triple(kBolivia, "expelled", "expel", kMorales, "a", 2));
  g.add_entity({"person/nobody", "Nobody", EntityType::Person, {}, 1, ""});
  g.prepare();
  const auto& morales = g.node(*g.find(kMorales.key)).metrics;
  EXPECT_EQ(morales.in_degree, 1U);
  EXPECT_EQ(morales.out_degree, 1U);
  EXPECT_DOUBLE_EQ(morales.weighted_degree, 3.0);  // two supporting sentences in, one out
  const auto& nobody = g.node(*g.find("person/nobody")).metrics;
  EXPECT_NE(nobody.component, morales.component);
  double total = 0;
  for (const Vertex v : g.nodes_in_order()) total += g.node(v).metrics.pagerank;
  EXPECT_NEAR(total, 1.0, 1e-9);
  EXPECT_GT(g.node(*g.find(kMexico.key)).metrics.pagerank, nobody.pagerank);
}

}  // namespace
}  // namespace text2kg::graph

namespace text2kg::graph {
namespace {

// The five rarely set strings share one packed pool entry: every combination of empty and
// set fields, bytes a separator would collide with (NUL, length-like bytes), and long values.
TEST(KnowledgeGraph, RarelySetProvenanceStringsSurviveThePackedEntry) {
  const std::vector<std::string> values = {"", "would", std::string("a\0b", 3), "\x05\x00\x00\x00x", std::string(300, 'y'),
                                           "Añez ✓"};
  KnowledgeGraph g;
  std::uint32_t sentence = 0;
  for (int mask = 0; mask < 32; ++mask) {
    Triple t = testing::triple(kMorales, "said", "say", kMexico, "doc", sentence++, 0.5);
    const auto pick = [&](int bit) { return (mask >> bit) & 1 ? values[static_cast<std::size_t>(bit + mask) % values.size()] : ""; };
    t.provenance.modality = pick(0);
    t.provenance.attributed_to = pick(1);
    t.provenance.time = pick(2);
    t.provenance.time_normalized = pick(3);
    t.provenance.place = pick(4);
    const Edge e = g.add_triple(t);
    const auto& support = g.edge(e).support;
    const auto found = std::find_if(support.begin(), support.end(), [&](const Support& s) { return s.sentence == t.provenance.sentence; });
    ASSERT_NE(found, support.end());
    EXPECT_EQ(found->extras == 0, t.provenance.modality.empty() && t.provenance.attributed_to.empty() &&
                                      t.provenance.time.empty() && t.provenance.time_normalized.empty() &&
                                      t.provenance.place.empty());
    const SupportExtras more = g.extras(*found);
    EXPECT_EQ(more.modality, t.provenance.modality) << mask;
    EXPECT_EQ(more.attributed_to, t.provenance.attributed_to) << mask;
    EXPECT_EQ(more.time, t.provenance.time) << mask;
    EXPECT_EQ(more.time_normalized, t.provenance.time_normalized) << mask;
    EXPECT_EQ(more.place, t.provenance.place) << mask;
    const Provenance back = g.provenance(*found);
    EXPECT_EQ(back.place, t.provenance.place);
  }
}

TEST(KnowledgeGraph, EdgeOrderReadsLikeAVectorOfEdges) {
  KnowledgeGraph g;
  g.add_triple(testing::triple(kMorales, "fled_to", "flee_to", kMexico, "a", 0));
  g.add_triple(testing::triple(kMorales, "left", "leave", kBolivia, "a", 1));
  g.add_triple(testing::triple(kMexico, "hosts", "host", kMorales, "a", 2));
  g.prepare();
  const EdgeOrder& order = g.edges_in_order();
  ASSERT_EQ(order.size(), 3U);
  std::size_t i = 0;
  for (const Edge e : order) {
    EXPECT_EQ(e, order[i]);
    EXPECT_EQ(g.source(e), g.source(order[i]));
    EXPECT_EQ(g.target(e), g.target(order[i]));
    EXPECT_EQ(&g.edge(e), &g.edge(order[i]));
    ++i;
  }
  EXPECT_EQ(order.end() - order.begin(), 3);
  EXPECT_EQ(g.text(g.edge(order.front()).predicate_lemma), "flee_to");  // Bolivia < Mexico: evo_morales first
  EXPECT_EQ(*g.find_edge(kMexico.key, "host", kMorales.key), order.back());
}

// Indexes and the export order name an edge by its record alone and read its ends from
// there: for every edge Boost holds, that gives back the same edge, ends and record.
TEST(KnowledgeGraph, AnEdgeIsFoundAgainFromItsPropertyPointer) {
  KnowledgeGraph g;
  const std::vector<Argument> people = {kMorales, kMexico, kBolivia};
  int sentence = 0;
  for (const Argument& a : people) {
    for (const Argument& b : people) {
      if (&a != &b) g.add_triple(testing::triple(a, "met", "meet", b, "doc", sentence++));
    }
  }
  std::size_t seen = 0;
  for (const Edge& e : boost::make_iterator_range(boost::edges(g.graph()))) {
    const Edge again = edge_of_property(e.get_property());
    EXPECT_EQ(again, e);
    EXPECT_EQ(g.source(again), g.source(e));
    EXPECT_EQ(g.target(again), g.target(e));
    EXPECT_EQ(&g.edge(again), &g.edge(e));
    ++seen;
  }
  EXPECT_EQ(seen, 6U);
  // The relation index finds each again by its ends and lemma, adding nothing.
  for (const Argument& a : people) {
    for (const Argument& b : people) {
      if (&a != &b) g.add_triple(testing::triple(a, "met", "meet", b, "doc", 0));
    }
  }
  EXPECT_EQ(g.edge_count(), 6U);
}

}  // namespace
}  // namespace text2kg::graph
