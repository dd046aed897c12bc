// import.cypher: a LOAD CSV script over nodes.csv and relationships.csv, for a running
// database. It is generated from the two CSV headers, so a column added to a file is
// imported by the script with the conversion its header type names.
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/io/neo4j_writer.hpp"

namespace text2kg::io {
namespace {

/// Rows per transaction. Neo4j's default is 1000; 10,000 keeps the commit overhead small
/// while a transaction's state stays a few MB.
constexpr int kRowsPerTransaction = 10000;

/// One column of a neo4j-admin header, "name:type" or ":FIELD(space)".
struct Column {
  std::string header;    // as written, and so the key LOAD CSV gives the field under
  std::string property;  // "uid" of "uid:ID(Entity)"; empty for :LABEL, :TYPE, ...
  std::string type;      // "long" of "mentions:long", "ID(Entity)", "LABEL"; "" for plain
};

std::vector<Column> columns_of(std::string_view header_line) {
  if (!header_line.empty() && header_line.back() == '\n') header_line.remove_suffix(1);
  std::vector<Column> columns;
  std::size_t start = 0;
  while (start <= header_line.size()) {
    const std::size_t comma = std::min(header_line.find(',', start), header_line.size());
    const std::string_view header = header_line.substr(start, comma - start);
    const std::size_t colon = header.find(':');
    Column column{std::string(header), std::string(header.substr(0, colon)), ""};
    if (colon != std::string_view::npos) column.type = std::string(header.substr(colon + 1));
    columns.push_back(std::move(column));
    start = comma + 1;
  }
  return columns;
}

bool plain_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (const char c : name) {
    const bool word = c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!word) return false;
  }
  return true;
}

/// row.name, or row.`uid:ID(Entity)` for a header that is no plain identifier.
std::string field(const Column& column) {
  return "row." + (plain_identifier(column.header) ? column.header : cypher_identifier(column.header));
}

std::string property(std::string_view name) {
  return plain_identifier(name) ? std::string(name) : cypher_identifier(name);
}

/// The field converted as neo4j-admin would store it: LOAD CSV gives strings only, and null
/// for an empty field, which every conversion keeps null (the property is then not set).
std::string converted(const Column& column) {
  const std::string value = field(column);
  const std::string& type = column.type;
  if (type.empty() || type == "string" || type.starts_with("ID(")) return value;
  if (type == "long" || type == "int" || type == "short" || type == "byte") return "toInteger(" + value + ")";
  if (type == "double" || type == "float") return "toFloat(" + value + ")";
  if (type == "boolean") return "toBoolean(" + value + ")";
  if (type == "string[]") return "split(" + value + ", ';')";
  throw std::logic_error("import.cypher: no conversion for the CSV column " + column.header);
}

const Column& column_of_type(const std::vector<Column>& columns, std::string_view type) {
  for (const Column& column : columns) {
    if (column.type == type || column.type.starts_with(std::string(type) + "(")) return column;
  }
  throw std::logic_error("import.cypher: the CSV header has no :" + std::string(type) + " column");
}

/// "  SET a = ..., b = ..." for every column that is a property and not the MERGE key.
void write_properties(std::ostream& out, std::string_view variable, const std::vector<Column>& columns,
                      std::string_view key, std::string_view first_item) {
  std::string separator = "\n  SET ";
  if (!first_item.empty()) {
    out << separator << first_item;
    separator = ",\n    ";
  }
  for (const Column& column : columns) {
    if (column.property.empty() || column.property == key) continue;
    out << separator << variable << '.' << property(column.property) << " = " << converted(column);
    separator = ",\n    ";
  }
}

void write_header_comment(std::ostream& out, const graph::KnowledgeGraph& g) {
  out << "// text2kg graph for Neo4j 5.26 or later (dynamic labels and relationship types):\n"
         "// " << g.node_count() << " entities, " << g.edge_count() << " relationships.\n"
         "// Copy nodes.csv and relationships.csv into the database's import directory\n"
         "// (server.directories.import), then run\n"
         "//   cypher-shell -f import.cypher\n"
         "// To read them from elsewhere, change the two 'file:///' URLs (https:// works too).\n"
         "// Idempotent: entities are MERGEd on uid, relationships on sid.\n"
         "// Each LOAD CSV commits every " << kRowsPerTransaction << " rows, so run the script in auto-commit\n"
         "// mode (no :begin). The files quote as RFC 4180 does, a backslash being plain text:\n"
         "// set dbms.import.csv.legacy_quote_escaping=false if a name or sentence holds \\\".\n";
}

void write_nodes_statement(std::ostream& out) {
  const std::vector<Column> columns = columns_of(kNodesCsvHeader);
  const Column& id = column_of_type(columns, "ID");
  out << "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
         "CALL (row) {\n"
         "  MERGE (n:Entity {" << property(id.property) << ": " << field(id) << "})";
  write_properties(out, "n", columns, id.property,
                   "n:$(split(" + field(column_of_type(columns, "LABEL")) + ", ';'))");
  out << "\n} IN TRANSACTIONS OF " << kRowsPerTransaction << " ROWS;\n";
}

void write_relationships_statement(std::ostream& out) {
  const std::vector<Column> columns = columns_of(kRelationshipsCsvHeader);
  constexpr std::string_view kKey = "sid";  // statement_id(): stable over runs
  out << "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
         "CALL (row) {\n"
         "  MATCH (a:Entity {uid: " << field(column_of_type(columns, "START_ID")) << "})\n"
         "  MATCH (b:Entity {uid: " << field(column_of_type(columns, "END_ID")) << "})\n"
         "  MERGE (a)-[r:$(" << field(column_of_type(columns, "TYPE")) << ") {" << kKey << ": row." << kKey << "}]->(b)";
  write_properties(out, "r", columns, kKey, "");
  out << "\n} IN TRANSACTIONS OF " << kRowsPerTransaction << " ROWS;\n";
}

void write_check_comment(std::ostream& out, const graph::KnowledgeGraph& g) {
  out << "// Check, on a database that held no text2kg graph before:\n"
         "//   MATCH (n:Entity) RETURN count(n);  // " << g.node_count() << "\n"
         "//   MATCH (:Entity)-[r]->(:Entity) WHERE r.sid IS NOT NULL RETURN count(r);  // " << g.edge_count()
      << '\n';
}

}  // namespace

void write_neo4j_cypher(const graph::KnowledgeGraph& g, std::ostream& out) {
  std::ostringstream script;
  write_header_comment(script, g);
  script << "CREATE CONSTRAINT text2kg_entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;\n\n";
  write_nodes_statement(script);
  script << '\n';
  write_relationships_statement(script);
  script << '\n';
  write_check_comment(script, g);
  out << script.str();
}

std::string cypher_identifier(std::string_view name) {
  std::string out = "`";
  for (const char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
  return out;
}

}  // namespace text2kg::io
