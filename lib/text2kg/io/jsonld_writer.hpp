#pragma once

#include <ostream>
#include <string>

#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::io {

struct JsonldOptions {
  /// Prefix of every minted @id (entities, documents, statements, evidence); should end
  /// with '/' or '#'. Must be an absolute IRI: processors drop or rebase relative ones.
  std::string base_iri = "https://w3id.org/text2kg/id/";
};

/// Writes the graph as one JSON-LD 1.1 document (formats.md section 6):
///   {"@context": {<schemas/text2kg.context.jsonld> + one term per predicate used},
///    "@graph": [documents..., then per entity in key order: the entity node (with each
///               non-negated relation asserted directly, "flee_to": [{"@id": ...}]) followed
///               by one rdf:Statement node per outgoing relation, which embeds one Evidence
///               node per supporting sentence]}
/// Streams (one node per line, no DOM): the context through RapidJSON's Writer, the @graph
/// formatted directly with RapidJSON's string escaping (json_text.hpp) on two threads, in
/// bounded chunks written in order; UTF-8 is validated and numbers that are not finite are
/// omitted. Byte-deterministic, and the same bytes as a RapidJSON Writer pass.
/// Requires g.prepared(). Throws text2kg::Error on a string that is not valid UTF-8 or when
/// the stream fails.
void write_jsonld(const graph::KnowledgeGraph& g, std::ostream& out, const JsonldOptions& options = {});

}  // namespace text2kg::io
