#pragma once

#include <string>
#include <string_view>

#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::io {

/// Reads JSON-LD written by write_jsonld() back into `g` (for --merge-into): documents,
/// entities (key, name, type, aliases, mention count, sameAs) and every support record of
/// every relation. Merges with what `g` holds, as KnowledgeGraph::merge does, so
/// write(read(write(G))) == write(G) byte for byte. Metrics are not read: prepare()
/// recomputes them. Only our own shape is understood (it is not a general JSON-LD reader).
/// Throws InputError naming `name` and the byte offset and line of a syntax error, or the
/// @graph element of a shape error.
void read_jsonld_into(graph::KnowledgeGraph& g, std::string_view content, const std::string& name);

}  // namespace text2kg::io
