#pragma once

#include <ostream>

#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::io {

/// Writes the graph as GEXF 1.3 for Gephi (shared/notes/formats.md 3.3), valid against the
/// GEXF 1.3 RELAX NG grammar: node and edge attributes declared per class; nodes n<position>
/// labelled with the entity name, sized by PageRank and coloured by entity type; edges e0..
/// in edges_in_order() with label (surface predicate), kind (predicate lemma, so that distinct
/// relations between the same pair stay apart in Gephi) and weight (support count).
/// Streams one element at a time; byte-deterministic; valid UTF-8 without characters XML
/// forbids. Requires g.prepared() (throws Error otherwise); throws Error when the stream fails.
void write_gexf(const graph::KnowledgeGraph& g, std::ostream& out);

}  // namespace text2kg::io
