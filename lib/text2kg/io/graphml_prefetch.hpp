#pragma once

#include <cstddef>
#include <vector>

#include "text2kg/graph/knowledge_graph.hpp"

// Writers visit nodes and edges in key order, which is unrelated to where they live in memory:
// each element costs a chain of cache misses (edge record, its support array, the pooled
// sentence text). Measured on 3M edges, those misses were most of the write time, so the
// writers ask for the data a few elements ahead, one link of the chain per distance.
namespace text2kg::io::graphml {

inline void prefetch_edges_ahead(const graph::KnowledgeGraph& g, const std::vector<graph::Edge>& edges, std::size_t i) {
  const std::size_t n = edges.size();
  if (i + 24 < n) __builtin_prefetch(edges[i + 24].get_property());
  if (i + 16 < n) {
    const graph::RelationEdge& ahead = g.edge(edges[i + 16]);
    __builtin_prefetch(ahead.support.data());
  }
  if (i + 8 < n) {
    const graph::RelationEdge& ahead = g.edge(edges[i + 8]);
    if (!ahead.support.empty()) __builtin_prefetch(g.text(ahead.support.front().sentence_text).data());
  }
}

inline void prefetch_nodes_ahead(const graph::KnowledgeGraph& g, const std::vector<graph::Vertex>& nodes, std::size_t i) {
  const std::size_t n = nodes.size();
  if (i + 16 < n) __builtin_prefetch(&g.node(nodes[i + 16]));
  if (i + 8 < n) {
    const Entity& ahead = g.node(nodes[i + 8]).entity;
    __builtin_prefetch(ahead.key.data());
    __builtin_prefetch(ahead.name.data());
    __builtin_prefetch(ahead.aliases.data());
  }
}

}  // namespace text2kg::io::graphml
