#include "text2kg/io/graphml_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "sample_graph.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/graphml_writer.hpp"

namespace text2kg::io {
namespace {

std::string graphml_of(const graph::KnowledgeGraph& g, const GraphmlOptions& options = {}) {
  std::ostringstream out;
  write_graphml(g, out, options);
  return out.str();
}

graph::KnowledgeGraph read(const std::string& text) {
  graph::KnowledgeGraph g;
  read_graphml_into(g, text, "in.graphml");
  g.prepare();
  return g;
}

TEST(GraphmlReader, WriteReadWriteIsByteIdentical) {
  const std::string first = graphml_of(testing::sample_graph());
  EXPECT_EQ(graphml_of(read(first)), first);
  const std::string apoc = graphml_of(testing::sample_graph(), {.apoc_exact = true});
  EXPECT_EQ(graphml_of(read(apoc), {.apoc_exact = true}), apoc);
}

/// A few hundred random relations: big enough that floating-point sums (PageRank) would show
/// any dependence on the order in which nodes and edges arrive.
/// `prefix` followed by `number`, built piecewise: g++ 12 -O3 warns falsely (-Wrestrict) on
/// `"E" + std::to_string(i)`.
std::string numbered(const char* prefix, std::uint64_t number) {
  std::string text = prefix;
  text += std::to_string(number);
  return text;
}

std::vector<Triple> random_triples() {
  std::mt19937 random(7);
  std::vector<Argument> entities;
  for (int i = 0; i < 300; ++i) {
    entities.push_back(testing::argument(i % 3 == 0 ? EntityType::Person : EntityType::Place, numbered("E", static_cast<std::uint64_t>(i))));
  }
  std::vector<Triple> triples;
  for (std::uint32_t i = 0; i < 900; ++i) {
    const auto& subject = entities[random() % entities.size()];
    const auto& object = entities[(random() % entities.size()) * (random() % 2)];
    const std::string lemma = numbered("rel", random() % 7);
    std::string surface = lemma;
    surface += "_s";
    triples.push_back(testing::triple(subject, surface, lemma, object, numbered("d", i % 5), i,
                                      0.5 + 0.001 * static_cast<double>(random() % 500)));
  }
  return triples;
}

TEST(GraphmlReader, LargerGraphsRoundTripAndIgnoreArrivalOrder) {
  const auto triples = random_triples();
  graph::KnowledgeGraph forward, backward;
  for (const Triple& t : triples) forward.add_triple(t);
  for (auto t = triples.rbegin(); t != triples.rend(); ++t) backward.add_triple(*t);
  forward.prepare();
  backward.prepare();
  const std::string written = graphml_of(forward);
  EXPECT_EQ(graphml_of(backward), written);
  EXPECT_EQ(graphml_of(read(written)), written);
}

TEST(GraphmlReader, RestoresExactStringsAndEverySupportField) {
  const auto original = testing::sample_graph();
  const auto g = read(graphml_of(original));
  ASSERT_EQ(g.node_count(), 5U);
  ASSERT_EQ(g.edge_count(), 4U);
  const Argument hostile = testing::argument(EntityType::Organization, testing::kHostileName);
  const auto node = g.find(hostile.key);
  ASSERT_TRUE(node);
  EXPECT_EQ(g.node(*node).entity.name, testing::kHostileName);
  EXPECT_EQ(g.node(*node).entity.aliases, std::vector<std::string>{testing::kHostileName});

  const auto said = g.find_edge(hostile.key, "say\rto & \"so\"", "place/bolivia");
  ASSERT_TRUE(said);
  EXPECT_EQ(g.text(g.edge(*said).predicate), "said\x02<to>");
  EXPECT_EQ(g.text(g.edge(*said).support.at(0).sentence_text), "Text with <tags> & a control \x03 char\r\n and ]]> too.");

  const auto morales = testing::argument(EntityType::Person, "Evo Morales");
  const auto fled = g.find_edge(morales.key, "flee_to", "place/mexico");
  ASSERT_TRUE(fled);
  ASSERT_EQ(g.edge(*fled).support.size(), 2U);
  const Provenance first = g.provenance(g.edge(*fled).support[0]);
  EXPECT_EQ(first.sentence_text, "Morales fled to \"Mexico\".");
  EXPECT_EQ(first.sentence_chars, (ByteSpan{0, 24}));
  EXPECT_EQ(first.object_chars, (ByteSpan{17, 23}));
  EXPECT_EQ(first.confidence, 0.875);
  const Provenance second = g.provenance(g.edge(*fled).support[1]);
  EXPECT_EQ(second.doc_id, "afp-2");
  EXPECT_EQ(second.sentence, 2U);
  EXPECT_EQ(second.level, Evidence::Resolved);
  EXPECT_EQ(second.rule, "clause.svo_obl");
  EXPECT_EQ(second.time_normalized, "2019-11-11");
  EXPECT_EQ(static_cast<float>(second.confidence), 0.5F);

  const auto resign = g.find_edge(morales.key, "resign_from", "organization/bolivian_army");
  ASSERT_TRUE(resign);
  const Provenance negated = g.provenance(g.edge(*resign).support.at(0));
  EXPECT_TRUE(negated.negated);
  EXPECT_EQ(negated.modality, "would");
  EXPECT_EQ(negated.place, "La Paz");
  EXPECT_EQ(negated.attributed_to, "organization/bolivian_army");

  EXPECT_EQ(g.documents().size(), 2U);
  EXPECT_EQ(g.documents().at("afp-1").url, "https://example.org/a?x=1&y=2");
  EXPECT_EQ(g.node(*g.find(morales.key)).entity.same_as, "http://www.wikidata.org/entity/Q42410");
}

TEST(GraphmlReader, MergesIntoAGraphThatHoldsData) {
  graph::KnowledgeGraph g;
  const auto morales = testing::argument(EntityType::Person, "Evo Morales");
  g.add_triple(testing::triple(morales, "visited", "visit", testing::argument(EntityType::Place, "Cuba"), "afp-9"));
  read_graphml_into(g, graphml_of(testing::sample_graph()), "in.graphml");
  EXPECT_EQ(g.node_count(), 6U);
  EXPECT_EQ(g.edge_count(), 5U);
  EXPECT_EQ(g.node(*g.find(morales.key)).entity.mention_count, 4U);  // 1 here + 3 read
}

/// Replaces the first occurrence of `what` in the sample file.
std::string sample_with(const std::string& what, const std::string& by) {
  std::string text = graphml_of(testing::sample_graph());
  const auto at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  if (at != std::string::npos) text.replace(at, what.size(), by);
  return text;
}

std::size_t line_of_text(const std::string& text, const std::string& what) {
  const auto at = text.find(what);
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
}

void expect_error(const std::string& text, const std::string& expected) {
  graph::KnowledgeGraph g;
  g.add_entity({"person/kept", "Kept", EntityType::Person, {}, 1, ""});
  try {
    read_graphml_into(g, text, "bad.graphml");
    ADD_FAILURE() << "no error, expected " << expected;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
  EXPECT_EQ(g.node_count(), 1U);  // unchanged
}

TEST(GraphmlReader, MalformedXmlIsReportedWithItsLine) {
  const std::string text = sample_with("</node>", "</nod>");
  expect_error(text, "bad.graphml:" + std::to_string(line_of_text(text, "</nod>")) + ": malformed XML");
}

TEST(GraphmlReader, EdgeToAnUndeclaredNodeIsReportedWithItsLine) {
  const std::string text = sample_with("source=\"n2\"", "source=\"n99\"");
  expect_error(text, "bad.graphml:" + std::to_string(line_of_text(text, "n99")) + ": edge source 'n99'");
}

TEST(GraphmlReader, MalformedProvenanceJsonIsReportedWithItsLine) {
  const std::string text = sample_with("[{\"doc\":\"afp-1\",\"sentence\":0", "[{\"doc\":\"afp-1\",\"sentence\":");
  expect_error(text, "bad.graphml:" + std::to_string(line_of_text(text, "\"sentence\":,")) + ": malformed JSON");
}

TEST(GraphmlReader, MissingFieldsAndBadValuesAreErrors) {
  expect_error(sample_with("<data key=\"uid\">person/evo_morales</data>", ""), "has no uid");
  expect_error(sample_with("<data key=\"mentions\">3</data>", "<data key=\"mentions\">four</data>"),
               "bad mention count: 'four'");
  expect_error(sample_with("<data key=\"type\">Person</data>", "<data key=\"type\">Wizard</data>"),
               "unknown entity type 'Wizard'");
  expect_error(sample_with("\"level\":\"resolved\"", "\"level\":\"guessed\""), "unknown evidence level");
  expect_error("<root/>", "bad.graphml: not a GraphML file");
}

}  // namespace
}  // namespace text2kg::io
