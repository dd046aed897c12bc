#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <sstream>

#include "ld_fixtures.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/neo4j_writer.hpp"

namespace text2kg::io {
namespace {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A strict RFC 4180 reader: rows of fields, quotes doubled inside quoted fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty() && !was_quoted) << "quote inside an unquoted field at byte " << i;
      quoted = was_quoted = true;
    } else if (c == ',' || c == '\n') {
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
      if (c == '\n') rows.emplace_back();
    } else {
      EXPECT_FALSE(was_quoted) << "text after a closing quote at byte " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

class Neo4jFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("text2kg_neo4j_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST(Neo4jText, CsvFieldsAreQuotedOnlyWhenNeededWithQuotesDoubled) {
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field(""), "");
}

/// number_text() as first written: to_chars' shortest text, every '+' dropped, ".0" added
/// when there is neither a point nor an exponent.
std::string reference_number(double value) {
  if (!std::isfinite(value)) return "";
  char text[64];
  const char* const end = std::to_chars(text, text + sizeof text, value).ptr;
  std::string out;
  for (const char* p = text; p != end; ++p) {
    if (*p != '+') out += *p;
  }
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

TEST(Neo4jText, NumbersAreShortestRoundTripWithAPointAndNoPlus) {
  EXPECT_EQ(number_text(3), "3.0");
  EXPECT_EQ(number_text(-0.0), "-0.0");
  EXPECT_EQ(number_text(1e22), "1e22");
  EXPECT_EQ(number_text(4.226269709960333e-05), "4.226269709960333e-05");
  EXPECT_EQ(number_text(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_EQ(number_text(-std::numeric_limits<double>::infinity()), "");
  std::vector<double> values = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 9999.5, 10000, 10001, 12345, 1e5, 123456,
                                1e15, 1e16, 1e17, 1e21, 1e23, 0.1, 0.5, 1e-5, 5e-324, 2.2250738585072014e-308,
                                std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
                                4294967295.0, 4294967296.0, -1, -9999, -10000, 0.30000000000000004};
  std::mt19937_64 random(7);
  for (int i = 0; i < 20000; ++i) {
    values.push_back(static_cast<double>(random() % 30000));  // degrees and weights
    values.push_back(std::uniform_real_distribution<double>(0, 1e-4)(random));  // PageRank
    const std::uint64_t bits = random();
    double any;
    std::memcpy(&any, &bits, sizeof any);
    values.push_back(any);
  }
  for (const double value : values) {
    std::ostringstream shown;
    shown.precision(17);
    shown << value;
    EXPECT_EQ(number_text(value), reference_number(value)) << shown.str();
  }
}

TEST(Neo4jText, IdentifiersAreBacktickedAndTypesUpperSnake) {
  EXPECT_EQ(cypher_identifier("Person"), "`Person`");
  EXPECT_EQ(cypher_identifier("we`ird"), "`we``ird`");
  EXPECT_EQ(relationship_type("flee_to"), "FLEE_TO");
  EXPECT_EQ(relationship_type("be part of"), "BE_PART_OF");
  EXPECT_EQ(relationship_type("  --x--  "), "X");
  EXPECT_EQ(relationship_type("!!"), "RELATED_TO");
}

TEST_F(Neo4jFiles, WritesThreeFilesWithImportHeadersIntoANewDirectory) {
  const auto g = testing::graph_of(testing::sample_triples());
  write_neo4j(g, dir_ / "nested");
  const auto nodes = parse_csv(read_file(dir_ / "nested" / "nodes.csv"));
  const auto rels = parse_csv(read_file(dir_ / "nested" / "relationships.csv"));
  ASSERT_EQ(nodes.size(), g.node_count() + 1);
  ASSERT_EQ(rels.size(), g.edge_count() + 1);
  EXPECT_EQ(nodes[0][0], "uid:ID(Entity)");
  EXPECT_EQ(nodes[0][1], ":LABEL");
  EXPECT_EQ(nodes[0][4], "aliases:string[]");
  EXPECT_EQ(rels[0][0], ":START_ID(Entity)");
  EXPECT_EQ(rels[0][2], ":TYPE");
  EXPECT_EQ(rels[0][6], "confidence:double");
  for (const auto& row : nodes) EXPECT_EQ(row.size(), nodes[0].size());
  for (const auto& row : rels) EXPECT_EQ(row.size(), rels[0].size());
  bool hostile_seen = false;
  for (const auto& row : nodes) {
    if (row[2] != testing::kHostileName) continue;
    hostile_seen = true;
    EXPECT_EQ(row[1], "Entity;Organization");
    // The one ';' inside the alias became ',' so the array splits right.
    EXPECT_EQ(row[4].find(';'), std::string::npos);
  }
  EXPECT_TRUE(hostile_seen);
  bool evidence_seen = false;
  for (const auto& row : rels) {
    if (row[2] == "SAY") {
      evidence_seen = true;
      EXPECT_EQ(row[11], "He said: \"no\"\n\tthen <left> & \x02 went.");
      EXPECT_EQ(row[9], "other \"doc\"");
    }
  }
  EXPECT_TRUE(evidence_seen);
  EXPECT_TRUE(fs::exists(dir_ / "nested" / "import.cypher"));
}

/// The aliases as nodes.csv joins them: by ';', a ';' inside an alias turned into ','.
std::string joined_aliases(const std::vector<std::string>& aliases) {
  std::ostringstream joined;
  for (std::size_t i = 0; i < aliases.size(); ++i) {
    std::string alias = aliases[i];
    std::replace(alias.begin(), alias.end(), ';', ',');
    joined << (i == 0 ? "" : ";") << alias;
  }
  return joined.str();
}

// Node rows copy short texts in word-sized pieces that also look for bytes needing quotes:
// every length up to past two SSE blocks, with such a byte at every position, must come out
// exactly as csv_field() quotes it.
TEST_F(Neo4jFiles, NodeRowsQuoteNamesAndAliasesOfEveryLengthWithSpecialsAnywhere) {
  graph::KnowledgeGraph g;
  std::vector<Entity> entities;
  for (std::size_t size = 0; size <= 40; ++size) {
    for (std::size_t at = 0; at <= size; ++at) {
      for (const char special : {',', '"', '\n', ';', 'x'}) {
        std::string text(size, 'n');
        if (at < size) text[at] = special;
        std::ostringstream key;
        key << "thing/k" << entities.size() << std::string(size, 'k');
        Entity e;
        e.key = key.str();
        e.name = text;
        e.type = EntityType::Person;
        e.aliases = {text, "b" + std::string(size / 2, 'a'), std::string(1, special)};
        std::sort(e.aliases.begin(), e.aliases.end());
        e.mention_count = static_cast<std::uint32_t>(size);
        e.same_as = text;
        entities.push_back(e);
        g.add_entity(e);
      }
    }
  }
  g.prepare();
  write_neo4j(g, dir_);
  const std::string text = read_file(dir_ / "nodes.csv");
  const auto rows = parse_csv(text);
  ASSERT_EQ(rows.size(), entities.size() + 1);
  std::map<std::string, const std::vector<std::string>*> by_key;
  for (const auto& row : rows) by_key[row[0]] = &row;
  for (const Entity& added : entities) {
    const Entity& e = g.node(*g.find(added.key)).entity;  // aliases as the graph merged them
    const auto found = by_key.find(e.key);
    ASSERT_NE(found, by_key.end()) << e.key;
    const std::vector<std::string>& row = *found->second;
    ASSERT_EQ(row.size(), 12U);
    EXPECT_EQ(row[1], "Entity;Person");
    EXPECT_EQ(row[2], e.name);
    EXPECT_EQ(row[4], joined_aliases(e.aliases)) << e.key;
    EXPECT_EQ(row[5], std::to_string(e.mention_count));
    EXPECT_EQ(row[6], e.same_as);
    std::ostringstream bytes;  // and quoted exactly as csv_field() quotes
    bytes << '\n' << csv_field(e.key) << ",Entity;Person," << csv_field(e.name) << ",Person,"
          << csv_field(joined_aliases(e.aliases)) << ',' << e.mention_count << ',' << csv_field(e.same_as) << ',';
    EXPECT_NE(text.find(bytes.str()), std::string::npos) << e.key;
  }
}

TEST_F(Neo4jFiles, CypherScriptLoadsBothFilesAfterTheConstraintMergingOnStableIds) {
  const auto g = testing::graph_of(testing::sample_triples());
  write_neo4j(g, dir_);
  const std::string script = read_file(dir_ / "import.cypher");
  const auto constraint = script.find("CREATE CONSTRAINT text2kg_entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;");
  const auto nodes = script.find("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\nCALL (row) {\n");
  const auto rels = script.find("LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\nCALL (row) {\n");
  ASSERT_NE(constraint, std::string::npos);
  ASSERT_NE(nodes, std::string::npos);
  ASSERT_NE(rels, std::string::npos);
  EXPECT_LT(constraint, nodes);
  EXPECT_LT(nodes, rels);  // relationships MATCH their entities, so these come first
  EXPECT_NE(script.find("MERGE (n:Entity {uid: row.`uid:ID(Entity)`})\n  SET n:$(split(row.`:LABEL`, ';')),"),
            std::string::npos);
  EXPECT_NE(script.find("MATCH (a:Entity {uid: row.`:START_ID(Entity)`})\n  MATCH (b:Entity {uid: row.`:END_ID(Entity)`})\n"
                        "  MERGE (a)-[r:$(row.`:TYPE`) {sid: row.sid}]->(b)\n  SET r.predicate = row.predicate,"),
            std::string::npos);
  std::size_t transactions = 0;
  for (std::size_t at = 0; (at = script.find("} IN TRANSACTIONS OF 10000 ROWS;\n", at)) != std::string::npos; ++at) {
    ++transactions;
  }
  EXPECT_EQ(transactions, 2U);
  std::ostringstream counts;
  counts << "// " << g.node_count() << " entities, " << g.edge_count() << " relationships.\n";
  EXPECT_NE(script.find(counts.str()), std::string::npos);
  // The data is in the CSV files only: no name or sentence is copied into the script.
  EXPECT_EQ(script.find("Morales"), std::string::npos);
  EXPECT_EQ(script.find("He said"), std::string::npos);
}

/// The conversion import.cypher must apply to a neo4j-admin header's type, written out here
/// independently of the writer.
std::string expected_value(const std::string& header) {
  const std::string field = "row." + (header.find(':') == std::string::npos ? header : "`" + header + "`");
  const auto ends = [&](std::string_view suffix) { return header.ends_with(suffix); };
  if (ends(":long")) return "toInteger(" + field + ")";
  if (ends(":double")) return "toFloat(" + field + ")";
  if (ends(":boolean")) return "toBoolean(" + field + ")";
  if (ends(":string[]")) return "split(" + field + ", ';')";
  return field;
}

// The script and the files cannot drift apart: every property column of both headers is set,
// converted as its type says, and the script reads no field that the headers do not have.
TEST_F(Neo4jFiles, CypherScriptSetsEveryCsvColumnWithTheConversionItsTypeNames) {
  const auto g = testing::graph_of(testing::sample_triples());
  write_neo4j(g, dir_);
  const std::string script = read_file(dir_ / "import.cypher");
  std::vector<std::string> headers;
  for (const auto& [file, variable] : {std::pair{"nodes.csv", "n"}, std::pair{"relationships.csv", "r"}}) {
    const auto rows = parse_csv(read_file(dir_ / file));
    ASSERT_FALSE(rows.empty());
    for (const std::string& header : rows[0]) {
      headers.push_back(header);
      const std::string name = header.substr(0, header.find(':'));
      if (name.empty() || name == "uid" || name == "sid") continue;  // structure and MERGE keys
      const std::string assignment = std::string(variable) + "." + name + " = " + expected_value(header);
      EXPECT_NE(script.find(assignment), std::string::npos) << assignment;
    }
  }
  for (std::size_t at = 0; (at = script.find("row.", at)) != std::string::npos; at += 4) {
    std::string key;
    if (script[at + 4] == '`') {
      key = script.substr(at + 5, script.find('`', at + 5) - (at + 5));
    } else {
      std::size_t end = at + 4;
      while (end < script.size() && (std::isalnum(static_cast<unsigned char>(script[end])) || script[end] == '_')) ++end;
      key = script.substr(at + 4, end - (at + 4));
    }
    EXPECT_NE(std::find(headers.begin(), headers.end(), key), headers.end()) << "row." << key;
  }
}

TEST_F(Neo4jFiles, CypherScriptStaysTheSameSizeHoweverLargeTheGraph) {
  graph::KnowledgeGraph g;
  const Argument hub = testing::argument(EntityType::Person, "Hub");
  for (int i = 0; i < 2500; ++i) {
    std::string name = "P";  // built piecewise: g++ 12 -O3 warns falsely (-Wrestrict) on "P" + std::string
    name += std::to_string(i);
    g.add_triple(testing::triple(hub, "met", "meet", testing::argument(EntityType::Person, name)));
  }
  g.prepare();
  write_neo4j(g, dir_);
  const std::string script = read_file(dir_ / "import.cypher");
  EXPECT_NE(script.find("// 2501 entities, 2500 relationships.\n"), std::string::npos);
  EXPECT_LT(script.size(), 4096U);
}

TEST_F(Neo4jFiles, NonFiniteNumbersAreLeftEmpty) {
  auto triples = testing::sample_triples();
  triples[0].provenance.confidence = std::numeric_limits<double>::quiet_NaN();
  const auto g = testing::graph_of(triples);
  write_neo4j(g, dir_);
  for (const char* file : {"nodes.csv", "relationships.csv", "import.cypher"}) {
    const std::string text = read_file(dir_ / file);
    EXPECT_EQ(text.find("nan"), std::string::npos) << file;
    EXPECT_EQ(text.find("inf"), std::string::npos) << file;
  }
}

TEST_F(Neo4jFiles, AnUnwritableDirectoryIsAnError) {
  const auto g = testing::graph_of(testing::sample_triples());
  std::ofstream(dir_.string() + "_file") << "x";
  EXPECT_THROW(write_neo4j(g, fs::path(dir_.string() + "_file") / "sub"), Error);
  fs::remove(dir_.string() + "_file");
}

}  // namespace
}  // namespace text2kg::io
