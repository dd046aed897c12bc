#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::io {

/// Writes the graph for Neo4j into `dir` (created if needed), each file through AtomicFile:
///
/// - nodes.csv, relationships.csv: neo4j-admin import format (formats.md section 4):
///     nodes.csv          uid:ID(Entity),:LABEL,name,type,aliases:string[],mentions:long,sameAs,
///                        in_degree:long,out_degree:long,weighted_degree:double,pagerank:double,component:long
///     relationships.csv  :START_ID(Entity),:END_ID(Entity),:TYPE,sid,predicate,predicate_lemma,
///                        confidence:double,support:long,negated:boolean,doc,sentence:long,evidence,rule
///   One row per entity (labels "Entity;<Type>") and per relation (:TYPE = UPPER_SNAKE lemma;
///   doc/sentence/evidence/rule from its first supporting sentence, in the graph's order).
///   RFC 4180 quoting: a field holding , " CR or LF is quoted, quotes doubled, line breaks
///   kept inside the quotes (import with --multiline-fields=true if sentences hold any).
///   ';' inside an alias becomes ',' (the array delimiter cannot be escaped).
///   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
///
/// - import.cypher: for `cypher-shell -f import.cypher` against a running Neo4j 5.26 or later.
///   The uniqueness constraint on Entity.uid first, then one LOAD CSV per file, each
///   `CALL (row) { ... } IN TRANSACTIONS`: entities MERGEd on uid with their labels from
///   :LABEL, relationships MERGEd on their stable `sid` with their type from :TYPE (dynamic
///   labels and types, so one pass per file however many types there are). The properties
///   and their conversions (toInteger, toFloat, toBoolean, split) follow the headers' types.
///   Running it twice changes nothing.
///
/// Requires g.prepared(). Streams; throws text2kg::Error when a file cannot be written.
void write_neo4j(const graph::KnowledgeGraph& g, const std::filesystem::path& dir);

/// The header lines of nodes.csv and relationships.csv, newline included.
inline constexpr std::string_view kNodesCsvHeader =
    "uid:ID(Entity),:LABEL,name,type,aliases:string[],mentions:long,sameAs,in_degree:long,out_degree:long,"
    "weighted_degree:double,pagerank:double,component:long\n";
inline constexpr std::string_view kRelationshipsCsvHeader =
    ":START_ID(Entity),:END_ID(Entity),:TYPE,sid,predicate,predicate_lemma,confidence:double,support:long,"
    "negated:boolean,doc,sentence:long,evidence,rule\n";

/// The three files one by one, to any stream (the CLI may send one to standard output).
/// Same contents as write_neo4j(); the caller checks the stream.
void write_neo4j_nodes_csv(const graph::KnowledgeGraph& g, std::ostream& out);
void write_neo4j_relationships_csv(const graph::KnowledgeGraph& g, std::ostream& out);
void write_neo4j_cypher(const graph::KnowledgeGraph& g, std::ostream& out);

/// Helpers, exposed for tests and other writers.
/// "flee_to" -> "FLEE_TO"; ASCII letters upper-cased, other ASCII runs -> '_', non-ASCII
/// kept; "RELATED_TO" for a lemma with nothing left.
std::string relationship_type(std::string_view lemma);
/// A double as the CSV files write it: the shortest text that reads back as `value`, with
/// ".0" after a whole number (so the value reads as a float wherever its column type is not
/// known) and no '+' in an exponent; "" for NaN and infinities, which are left out.
std::string number_text(double value);
/// A CSV field, quoted only when it must be.
std::string csv_field(std::string_view text);
/// A backticked Cypher identifier, inner backticks doubled.
std::string cypher_identifier(std::string_view name);

}  // namespace text2kg::io
