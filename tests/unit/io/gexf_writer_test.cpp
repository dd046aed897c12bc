#include "text2kg/io/gexf_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <regex>
#include <pugixml.hpp>
#include <sstream>

#include "sample_graph.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/base/utf8.hpp"

namespace text2kg::io {
namespace {

std::string gexf_of(const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  write_gexf(g, out);
  return out.str();
}

TEST(GexfWriter, DeclaresAttributesPerClassAndWritesEveryNodeAndEdge) {
  const auto g = testing::sample_graph();
  const std::string text = gexf_of(g);
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(text.c_str()));
  const pugi::xml_node root = document.child("gexf");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://gexf.net/1.3");
  EXPECT_STREQ(root.attribute("xmlns:viz").value(), "http://gexf.net/1.3/viz");
  EXPECT_STREQ(root.attribute("version").value(), "1.3");
  EXPECT_FALSE(root.attribute("xsi:schemaLocation"));
  const pugi::xml_node graph = root.child("graph");
  EXPECT_STREQ(graph.attribute("defaultedgetype").value(), "directed");
  std::set<std::string> classes;
  for (const pugi::xml_node attributes : graph.children("attributes")) classes.insert(attributes.attribute("class").value());
  EXPECT_EQ(classes, (std::set<std::string>{"node", "edge"}));
  EXPECT_EQ(std::distance(graph.child("nodes").children("node").begin(), graph.child("nodes").children("node").end()), 5);
  EXPECT_EQ(std::distance(graph.child("edges").children("edge").begin(), graph.child("edges").children("edge").end()), 4);
  EXPECT_STREQ(graph.child("nodes").attribute("count").value(), "5");
}

TEST(GexfWriter, EdgesCarryKindLabelAndWeight) {
  const std::string text = gexf_of(testing::sample_graph());
  EXPECT_NE(text.find("label=\"fled_to\" kind=\"flee_to\" weight=\"2\""), std::string::npos);
  EXPECT_NE(text.find("label=\"granted_asylum_to\" kind=\"grant_asylum_to\" weight=\"1\""), std::string::npos);
  EXPECT_NE(text.find("<attvalue for=\"negated\" value=\"true\" />"), std::string::npos);
}

TEST(GexfWriter, NodesAreSizedByPagerankAndColouredByType) {
  const auto g = testing::sample_graph();
  pugi::xml_document document;
  const std::string text = gexf_of(g);
  ASSERT_TRUE(document.load_string(text.c_str()));
  double largest = 0;
  for (const pugi::xml_node node : document.child("gexf").child("graph").child("nodes").children("node")) {
    const double size = node.child("viz:size").attribute("value").as_double();
    EXPECT_GE(size, 4.0);
    EXPECT_LE(size, 50.0);
    largest = std::max(largest, size);
    const std::string type =
        node.child("attvalues").find_child_by_attribute("attvalue", "for", "type").attribute("value").value();
    const pugi::xml_node colour = node.child("viz:color");
    const int rgb = colour.attribute("r").as_int() * 1000000 + colour.attribute("g").as_int() * 1000 +
                    colour.attribute("b").as_int();
    if (type == "Person") {
      EXPECT_EQ(rgb, 31119180);
    } else if (type == "Place") {
      EXPECT_EQ(rgb, 44160044);
    } else {
      EXPECT_EQ(rgb, 255127014);  // Organization
    }
  }
  EXPECT_DOUBLE_EQ(largest, 50.0);  // the node with the highest PageRank
}

TEST(GexfWriter, HostileTextIsSafeAndLabelsAreTokens) {
  const std::string text = gexf_of(testing::sample_graph());
  EXPECT_FALSE(utf8::find_invalid(text));
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_FALSE(byte < 0x20 && byte != '\n') << int(byte);
  }
  EXPECT_NE(text.find("label=\"A&amp;B &lt;Corp> &quot;Q&quot; 'S' T L C\xEF\xBF\xBDX\xEF\xBF\xBD\""), std::string::npos);
}

TEST(GexfWriter, DeterministicNoNonFiniteNumbersAndChecksPreconditions) {
  const auto g = testing::sample_graph();
  EXPECT_EQ(gexf_of(g), gexf_of(g));

  graph::KnowledgeGraph odd;
  auto t = testing::triple(testing::argument(EntityType::Person, "A"), "met", "meet",
                           testing::argument(EntityType::Person, "B"));
  t.provenance.confidence = std::numeric_limits<double>::quiet_NaN();
  odd.add_triple(t);
  std::ostringstream out;
  EXPECT_THROW(write_gexf(odd, out), Error);  // not prepared
  odd.prepare();
  std::string lower = gexf_of(odd);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  // A number position (after > " : , [ or =) holding nan or inf, in any case or sign.
  const std::regex non_finite(R"([>":,\[=]\s*[-+]?(nan|inf))");
  EXPECT_FALSE(std::regex_search(lower, non_finite));
}

class FullDisk : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

TEST(GexfWriter, StreamFailureThrows) {
  FullDisk full;
  std::ostream out(&full);
  EXPECT_THROW(write_gexf(testing::sample_graph(), out), Error);
}

}  // namespace
}  // namespace text2kg::io
