#include "text2kg/io/graphml_writer.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <fstream>
#include <limits>
#include <regex>
#include <pugixml.hpp>
#include <sstream>

#include "paths.hpp"
#include "sample_graph.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/base/utf8.hpp"
#include "text2kg/io/graphml_format.hpp"
#include "text2kg/text/entity_type.hpp"

namespace text2kg::io {
namespace {

std::string graphml_of(const graph::KnowledgeGraph& g, const GraphmlOptions& options = {}) {
  std::ostringstream out;
  write_graphml(g, out, options);
  return out.str();
}

pugi::xml_document parse(const std::string& text) {
  pugi::xml_document document;
  const auto result = document.load_string(text.c_str());
  EXPECT_TRUE(result) << result.description() << " at byte " << result.offset;
  return document;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(GraphmlWriter, KeysMatchTheCommittedKeyTable) {
  const std::string json = read_file(testing::source_dir() / "schemas" / "graphml-keys.json");
  rapidjson::Document table;
  table.Parse(json.c_str());
  ASSERT_FALSE(table.HasParseError());
  const auto& keys = table["keys"];
  ASSERT_TRUE(keys.IsArray());

  const auto document = parse(graphml_of(testing::sample_graph()));
  rapidjson::SizeType i = 0;
  for (const pugi::xml_node key : document.child("graphml").children("key")) {
    ASSERT_LT(i, keys.Size());
    const auto& expected = keys[i++];
    EXPECT_STREQ(key.attribute("id").value(), expected["id"].GetString());
    EXPECT_STREQ(key.attribute("for").value(), expected["for"].GetString());
    EXPECT_STREQ(key.attribute("attr.name").value(), expected["attr.name"].GetString());
    EXPECT_STREQ(key.attribute("attr.type").value(), expected["attr.type"].GetString());
    ASSERT_TRUE(expected["meaning"].IsString());
    EXPECT_EQ(expected["meaning"].GetString(), text2kg::io::graphml::keys()[i - 1].meaning) << key.attribute("id").value();
  }
  EXPECT_EQ(i, keys.Size());
  EXPECT_EQ(i, text2kg::io::graphml::keys().size());
}

// The type key's description is written out by hand (the key table is constexpr), and
// schemas/graphml-keys.json must equal it (above): a new EntityType fails here until both say it.
TEST(GraphmlWriter, TypeKeyNamesEveryEntityType) {
  const auto keys = text2kg::io::graphml::keys();
  const auto type_key = std::find_if(keys.begin(), keys.end(), [](const auto& key) { return key.id == "type"; });
  ASSERT_NE(type_key, keys.end());
  for (std::size_t t = 1; t < text2kg::kEntityTypeCount; ++t) {
    const std::string_view name = text2kg::to_string(static_cast<text2kg::EntityType>(t));
    EXPECT_NE(type_key->meaning.find(name), std::string_view::npos) << name;
  }
}

TEST(GraphmlWriter, KeyIdsAreUniqueAndEveryKeyIsFullyTyped) {
  const auto document = parse(graphml_of(testing::sample_graph()));
  std::set<std::string> ids;
  for (const pugi::xml_node key : document.child("graphml").children("key")) {
    EXPECT_TRUE(ids.insert(key.attribute("id").value()).second) << key.attribute("id").value();
    const std::string domain = key.attribute("for").value();
    EXPECT_TRUE(domain == "node" || domain == "edge" || domain == "graph") << domain;
    const std::string type = key.attribute("attr.type").value();
    EXPECT_TRUE(type == "string" || type == "long" || type == "double" || type == "boolean") << type;
    EXPECT_FALSE(std::string(key.attribute("attr.name").value()).empty());
  }
  EXPECT_TRUE(ids.count("labels") && ids.count("label") && ids.count("nlabel") && ids.count("weight"));
}

TEST(GraphmlWriter, NodesFirstInKeyOrderThenEdgesNumberedInOrder) {
  const auto g = testing::sample_graph();
  const std::string text = graphml_of(g);
  EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0U);
  EXPECT_EQ(text.find("DOCTYPE"), std::string::npos);
  const auto document = parse(text);
  const pugi::xml_node graph = document.child("graphml").child("graph");
  EXPECT_STREQ(graph.attribute("edgedefault").value(), "directed");
  std::vector<std::string> kinds;
  std::set<std::string> node_ids;
  std::string previous_uid;
  std::size_t nodes = 0, edges = 0;
  for (const pugi::xml_node child : graph.children()) {
    const std::string name = child.name();
    if (name == "node") {
      EXPECT_EQ(edges, 0U) << "a node after an edge";
      EXPECT_EQ(std::string(child.attribute("id").value()), "n" + std::to_string(nodes));
      const std::string uid = child.find_child_by_attribute("data", "key", "uid").child_value();
      EXPECT_LT(previous_uid, uid);
      previous_uid = uid;
      node_ids.insert(child.attribute("id").value());
      EXPECT_FALSE(child.attribute("directed"));
      ++nodes;
    } else if (name == "edge") {
      EXPECT_EQ(std::string(child.attribute("id").value()), "e" + std::to_string(edges));
      EXPECT_TRUE(node_ids.count(child.attribute("source").value()));
      EXPECT_TRUE(node_ids.count(child.attribute("target").value()));
      EXPECT_FALSE(child.attribute("directed"));
      ++edges;
    }
  }
  EXPECT_EQ(nodes, g.node_count());
  EXPECT_EQ(edges, g.edge_count());
}

TEST(GraphmlWriter, RelationshipTypeIsTheFirstDataOfEveryEdge) {
  const auto document = parse(graphml_of(testing::sample_graph()));
  std::vector<std::string> types;
  for (const pugi::xml_node edge : document.child("graphml").child("graph").children("edge")) {
    const pugi::xml_node first = edge.child("data");
    EXPECT_STREQ(first.attribute("key").value(), "label");
    types.push_back(first.child_value());
  }
  EXPECT_EQ(types.size(), 4U);
  EXPECT_NE(std::find(types.begin(), types.end(), "FLEE_TO"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "SAY_TO_SO"), types.end());
  EXPECT_EQ(graphml::relationship_type("flee_to"), "FLEE_TO");
  EXPECT_EQ(graphml::relationship_type("  --"), "RELATED_TO");
  EXPECT_EQ(graphml::relationship_type("say\rto & \"so\""), "SAY_TO_SO");
}

TEST(GraphmlWriter, NodeLabelsForNeo4jAndGephi) {
  const auto document = parse(graphml_of(testing::sample_graph()));
  const pugi::xml_node graph = document.child("graphml").child("graph");
  const pugi::xml_node morales = graph.find_child([](pugi::xml_node n) {
    return std::string(n.find_child_by_attribute("data", "key", "uid").child_value()) == "person/evo_morales";
  });
  ASSERT_TRUE(morales);
  EXPECT_STREQ(morales.child("data").attribute("key").value(), "labels");
  EXPECT_STREQ(morales.child("data").child_value(), ":Person:Entity");
  EXPECT_STREQ(morales.find_child_by_attribute("data", "key", "nlabel").child_value(), "Evo Morales");
  EXPECT_STREQ(morales.find_child_by_attribute("data", "key", "aliases").child_value(), "[\"Evo Morales\",\"Morales\"]");
  EXPECT_STREQ(morales.find_child_by_attribute("data", "key", "mentions").child_value(), "3");
  EXPECT_STREQ(morales.find_child_by_attribute("data", "key", "same_as").child_value(),
               "http://www.wikidata.org/entity/Q42410");
  EXPECT_EQ(graphml::node_labels(EntityType::None), ":Entity");
}

TEST(GraphmlWriter, HostileTextIsEscapedAndNoControlCharacterReachesTheFile) {
  const std::string text = graphml_of(testing::sample_graph());
  EXPECT_FALSE(utf8::find_invalid(text));
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    EXPECT_FALSE(byte < 0x20 && byte != '\t' && byte != '\n') << "control byte " << int(byte) << " at " << i;
  }
  EXPECT_EQ(text.find("\xEF\xBF\xBF"), std::string::npos);  // U+FFFF is not an XML character
  EXPECT_NE(text.find("A&amp;B &lt;Corp&gt; \"Q\" 'S'\tT\nL\nC\xEF\xBF\xBDX\xEF\xBF\xBD</data>"), std::string::npos);
  EXPECT_NE(text.find("\\u0001X\\uFFFF"), std::string::npos);  // the exact value, in JSON
  const auto document = parse(text);  // and it is well-formed
  EXPECT_TRUE(document.child("graphml"));
}

TEST(GraphmlWriter, BooleansAreLowerCase) {
  const auto document = parse(graphml_of(testing::sample_graph()));
  std::multiset<std::string> values;
  for (const pugi::xml_node edge : document.child("graphml").child("graph").children("edge")) {
    values.insert(edge.find_child_by_attribute("data", "key", "negated").child_value());
  }
  EXPECT_EQ(values.count("true"), 1U);
  EXPECT_EQ(values.count("false"), 3U);
}

TEST(GraphmlWriter, NonFiniteNumbersAreNeverWritten) {
  graph::KnowledgeGraph g;
  auto t = testing::triple(testing::argument(EntityType::Person, "A"), "met", "meet",
                           testing::argument(EntityType::Person, "B"));
  t.provenance.confidence = std::numeric_limits<double>::quiet_NaN();
  g.add_triple(t);
  t.provenance.sentence = 1;
  t.provenance.confidence = std::numeric_limits<double>::infinity();
  g.add_triple(t);
  g.prepare();
  const std::string text = graphml_of(g);
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  // A number position (after > " : , [ or =) holding nan or inf, in any case or sign.
  const std::regex non_finite(R"([>":,\[=]\s*[-+]?(nan|inf))");
  EXPECT_FALSE(std::regex_search(lower, non_finite));
  EXPECT_EQ(text.find("<data key=\"confidence\">"), std::string::npos);  // omitted, not NaN
  EXPECT_NE(text.find("\"confidence\":null"), std::string::npos);
}

TEST(GraphmlWriter, ApocExactAddsLabelAttributesOnlyWhenAsked) {
  const auto g = testing::sample_graph();
  const std::string strict = graphml_of(g);
  EXPECT_EQ(strict.find(" labels=\""), std::string::npos);
  EXPECT_EQ(strict.find(" label=\""), std::string::npos);
  const std::string apoc = graphml_of(g, {.apoc_exact = true});
  const auto document = parse(apoc);
  const pugi::xml_node graph = document.child("graphml").child("graph");
  for (const pugi::xml_node node : graph.children("node")) {
    EXPECT_STREQ(node.attribute("labels").value(), node.child("data").child_value());
  }
  for (const pugi::xml_node edge : graph.children("edge")) {
    EXPECT_STREQ(edge.attribute("label").value(), edge.child("data").child_value());
  }
  EXPECT_NE(apoc.find("<node id=\"n2\" labels=\":Person:Entity\">"), std::string::npos);
}

TEST(GraphmlWriter, WritingTwiceAndInAnyArrivalOrderGivesTheSameBytes) {
  const auto g = testing::sample_graph();
  EXPECT_EQ(graphml_of(g), graphml_of(g));
  graph::KnowledgeGraph merged;
  merged.merge(g);
  merged.prepare();
  EXPECT_EQ(graphml_of(merged), graphml_of(g));
}

TEST(GraphmlWriter, RequiresAPreparedGraph) {
  graph::KnowledgeGraph g;
  g.add_entity({"person/a", "A", EntityType::Person, {}, 1, ""});
  std::ostringstream out;
  EXPECT_THROW(write_graphml(g, out), Error);
}

/// A stream buffer that refuses every byte, like a full disk.
class FullDisk : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

TEST(GraphmlWriter, StreamFailureThrows) {
  FullDisk full;
  std::ostream out(&full);
  EXPECT_THROW(write_graphml(testing::sample_graph(), out), Error);
}

// The writers escape node and edge text themselves for speed; it must match pugixml byte for byte.
TEST(GraphmlFormat, EscapingIsIdenticalToPugixml) {
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  for (const std::string& text : {all, std::string("plain words only"), testing::kHostileName,
                                   std::string(40, '&') + "x<y>z\"w" + std::string(33, 'a') + "\x1F"}) {
    pugi::xml_document document;
    pugi::xml_node element = document.append_child("a");
    element.append_attribute("v").set_value(text.c_str());
    element.append_child(pugi::node_pcdata).set_value(text.c_str());
    std::ostringstream printed;
    element.print(printed, "", pugi::format_raw);
    std::string mine = "<a v=\"";
    graphml::append_escaped_attribute(mine, text);
    mine += "\">";
    graphml::append_escaped_text(mine, text);
    mine += "</a>";
    EXPECT_EQ(mine, printed.str());
  }
}

TEST(GraphmlFormat, JsonStringsKeepExactValuesAndAreXmlSafe) {
  const std::string nul_inside("a\0b", 3);
  for (const std::string& text : {testing::kHostileName, nul_inside, std::string("back\\slash \"q\" \xC3\xA9t\xC3\xA9"),
                                   std::string(50, 'x') + "\x7F\xEF\xBF\xBE" + std::string(20, 'y')}) {
    std::string json;
    graphml::append_json_string(json, text);
    EXPECT_TRUE(graphml::survives_xml(json)) << json;
    rapidjson::Document parsed;
    parsed.Parse(json.c_str(), json.size());
    ASSERT_FALSE(parsed.HasParseError()) << json;
    EXPECT_EQ(std::string(parsed.GetString(), parsed.GetStringLength()), text);
  }
  std::string json;
  graphml::append_json_string(json, "bad \xFF byte");
  EXPECT_EQ(json, "\"bad \xEF\xBF\xBD byte\"");
}

TEST(GraphmlFormat, SurvivesXmlFindsEveryAlteredValue) {
  EXPECT_TRUE(graphml::survives_xml("Evo Morales\tand\nline"));
  EXPECT_TRUE(graphml::survives_xml("caf\xC3\xA9 " + std::string(40, 'z')));
  EXPECT_FALSE(graphml::survives_xml("cr\r"));
  EXPECT_FALSE(graphml::survives_xml(std::string(30, 'a') + "\x01"));
  EXPECT_FALSE(graphml::survives_xml("\xC3\xA9\xEF\xBF\xBF"));
  EXPECT_FALSE(graphml::survives_xml("\xC3"));
  EXPECT_EQ(graphml::xml_text("a\r\nb\rc\x01"), "a\nb\nc\xEF\xBF\xBD");
}

TEST(GraphmlFormat, NumbersUseTheCLocaleShortestForm) {
  std::string out;
  graphml::append_number(out, 0.1);
  out += ' ';
  graphml::append_number(out, 0.9F);
  out += ' ';
  graphml::append_number(out, std::uint64_t{4294967296});
  EXPECT_EQ(out, "0.1 0.9 4294967296");
}

}  // namespace
}  // namespace text2kg::io
