#pragma once

#include <string>
#include <string_view>

#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::io {

/// Reads a GraphML file written by write_graphml() into `g` (which may already hold a graph:
/// everything is merged by entity key and relation, as KnowledgeGraph::merge does).
/// Restores the documents, every entity field and every support record from the provenance
/// JSON, so write(read(write(G))) == write(G) byte for byte. Strings come from the `nexact` /
/// `exact` JSON when present (the plain value had to be altered to be XML), else from the
/// plain <data>. Metrics are not read: prepare() recomputes them. Leaves `g` unprepared.
/// Throws InputError "name:line: ..." on malformed XML, a missing or bad field, an edge to an
/// undeclared node, or malformed JSON; `g` is then unchanged (the file is checked whole first).
void read_graphml_into(graph::KnowledgeGraph& g, std::string_view content, const std::string& name);

}  // namespace text2kg::io
