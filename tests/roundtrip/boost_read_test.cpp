// boost::read_graphml, a third-party reader, on what write_graphml writes.
//
// Boost 1.74 parses a boolean <data> with lexical_cast<bool>, which accepts only "1"/"0",
// while xs:boolean, APOC (Boolean.valueOf) and graphology need "true"/"false". We keep
// "true"/"false"; this test shows Boost rejecting them as written, then reads the file with
// only the boolean values spelled 1/0, everything else byte for byte as written.
#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <sstream>

#include "sample_graph.hpp"
#include "text2kg/io/graphml_writer.hpp"

namespace {

struct Vertex {
  std::string uid, name, type, labels;
  long mentions = 0;
  double pagerank = 0;
};
struct EdgeProperties {
  std::string label, predicate_lemma;
  double weight = 0;
  long support = 0;
  bool negated = false;
};
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Vertex, EdgeProperties>;

std::string written(bool apoc_exact) {
  std::ostringstream out;
  text2kg::io::write_graphml(text2kg::testing::sample_graph(), out, {.apoc_exact = apoc_exact});
  return out.str();
}

/// The file with its boolean values as Boost's lexical_cast<bool> wants them.
std::string with_numeric_booleans(std::string text) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{">true</data>", ">1</data>"},
                                 std::pair<std::string, std::string>{">false</data>", ">0</data>"}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at)) text.replace(at, from.size(), to);
  }
  return text;
}

BoostGraph read_back(const std::string& text) {
  std::istringstream file(text);
  BoostGraph read;
  boost::dynamic_properties properties(boost::ignore_other_properties);
  properties.property("uid", boost::get(&Vertex::uid, read));
  properties.property("name", boost::get(&Vertex::name, read));
  properties.property("type", boost::get(&Vertex::type, read));
  properties.property("labels", boost::get(&Vertex::labels, read));
  properties.property("mentions", boost::get(&Vertex::mentions, read));
  properties.property("pagerank", boost::get(&Vertex::pagerank, read));
  properties.property("label", boost::get(&EdgeProperties::label, read));
  properties.property("predicate_lemma", boost::get(&EdgeProperties::predicate_lemma, read));
  properties.property("weight", boost::get(&EdgeProperties::weight, read));
  properties.property("support", boost::get(&EdgeProperties::support, read));
  properties.property("negated", boost::get(&EdgeProperties::negated, read));
  boost::read_graphml(file, read, properties);
  return read;
}

TEST(BoostReadGraphml, ReadsEveryNodeEdgeAndTypedValue) {
  for (const bool apoc_exact : {false, true}) {
    const BoostGraph g = read_back(with_numeric_booleans(written(apoc_exact)));
    ASSERT_EQ(boost::num_vertices(g), 5U);
    ASSERT_EQ(boost::num_edges(g), 4U);
    EXPECT_EQ(g[2].uid, "person/evo_morales");
    EXPECT_EQ(g[2].name, "Evo Morales");
    EXPECT_EQ(g[2].labels, ":Person:Entity");
    EXPECT_EQ(g[2].mentions, 3);
    double total_rank = 0;
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v) total_rank += g[v].pagerank;
    EXPECT_NEAR(total_rank, 1.0, 1e-9);
    bool saw_flee = false, saw_negated = false;
    for (const auto& e : boost::make_iterator_range(boost::edges(g))) {
      if (g[e].label == "FLEE_TO") {
        saw_flee = true;
        EXPECT_EQ(boost::source(e, g), 2U);
        EXPECT_EQ(boost::target(e, g), 4U);
        EXPECT_DOUBLE_EQ(g[e].weight, 2.0);
        EXPECT_EQ(g[e].support, 2);
        EXPECT_EQ(g[e].predicate_lemma, "flee_to");
      }
      saw_negated = saw_negated || g[e].negated;
    }
    EXPECT_TRUE(saw_flee);
    EXPECT_TRUE(saw_negated);
  }
}

TEST(BoostReadGraphml, Boost174RejectsTrueFalseBooleans) {
  EXPECT_THROW(read_back(written(false)), boost::parse_error);
}

}  // namespace
