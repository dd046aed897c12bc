#pragma once

#include <ostream>

#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::io {

struct GraphmlOptions {
  /// Also write the XML attributes labels= on nodes and label= on edges exactly as
  /// apoc.export.graphml does. Neo4j reads them without readLabels, but the file is then
  /// no longer valid against the GraphML XSD (networkx, igraph and Gephi ignore them).
  bool apoc_exact = false;
};

/// Writes the graph as GraphML (the strict profile of shared/notes/formats.md 2.2/2.3; the key
/// table is schemas/graphml-keys.json): all keys first in a fixed order, then the documents as
/// graph data, nodes n<position> in nodes_in_order(), edges e0.. in edges_in_order().
/// Streams: one element is built and printed at a time, so memory does not grow with the graph.
/// The output is byte-deterministic, valid UTF-8 and free of characters XML forbids; a value
/// that had to be altered for that is also written exactly in a JSON key (`nexact`/`exact`),
/// so read_graphml_into() restores every string.
/// Requires g.prepared() (throws Error otherwise); throws Error when the stream fails.
void write_graphml(const graph::KnowledgeGraph& g, std::ostream& out, const GraphmlOptions& options = {});

}  // namespace text2kg::io
