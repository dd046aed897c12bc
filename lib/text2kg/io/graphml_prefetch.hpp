#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/graph/knowledge_graph.hpp"

// Writers visit nodes and edges in key order, which is unrelated to where they live in memory:
// each element costs a chain of cache misses (edge record, its support array, the pool entry
// of the sentence text, its bytes, both end nodes and their keys). Measured on 3M edges, those
// misses were most of the write time, so the writers ask for the data a few elements ahead,
// one link of the chain per distance: what is asked for at one distance has arrived when the
// next link is read from it at a shorter one.
//
// The requests are asm volatile, not __builtin_prefetch: GCC gives that builtin no side
// effect, so a helper made only of loads and prefetches counts as a pure function whose
// result nobody uses, and g++ 12 -O3 deleted every call to these helpers (the writers' object
// files held no prefetch instruction at all). tests/unit/io/prefetch_kept_test checks for them.
namespace text2kg::io::graphml {

/// Asks for the cache line holding `address` (into every level). Never faults, so a null or
/// stale address is harmless; the address goes in a register, so nothing is dereferenced.
inline void prefetch(const void* address) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 (%0)" : : "r"(address));
#else
  __builtin_prefetch(address);
#endif
}

/// Prefetches up to three cache lines of `text` (sentences are about 150 bytes).
inline void prefetch_bytes(std::string_view text) {
  const char* const data = text.data();
  const std::size_t lines = std::min<std::size_t>(3, (text.size() + 63) / 64);
  for (std::size_t line = 0; line < lines; ++line) prefetch(data + 64 * line);
}

inline void prefetch_edges_ahead(const graph::KnowledgeGraph& g, const graph::EdgeOrder& edges, std::size_t i) {
  const std::size_t n = edges.size();
  if (i + 32 < n) prefetch(edges[i + 32].get_property());
  if (i + 16 < n) {
    const graph::Edge e = edges[i + 16];
    const graph::RelationEdge& ahead = g.edge(e);
    prefetch(ahead.support.data());
    prefetch(&g.node(g.source(e)));
    prefetch(&g.node(g.target(e)));
  }
  if (i + 12 < n) {
    const graph::RelationEdge& ahead = g.edge(edges[i + 12]);
    if (!ahead.support.empty()) {
      g.prefetch_text(ahead.support.front().sentence_text);
      g.prefetch_text(ahead.support.front().doc);
    }
  }
  if (i + 6 < n) {
    const graph::Edge e = edges[i + 6];
    const graph::RelationEdge& ahead = g.edge(e);
    if (!ahead.support.empty()) {
      prefetch_bytes(g.text(ahead.support.front().sentence_text));
      prefetch(g.text(ahead.support.front().doc).data());
    }
    prefetch(g.node(g.source(e)).entity.key.data());
    prefetch(g.node(g.target(e)).entity.key.data());
  }
}

inline void prefetch_nodes_ahead(const graph::KnowledgeGraph& g, const std::vector<graph::Vertex>& nodes, std::size_t i) {
  const std::size_t n = nodes.size();
  if (i + 16 < n) prefetch(&g.node(nodes[i + 16]));
  if (i + 8 < n) {
    const Entity& ahead = g.node(nodes[i + 8]).entity;
    prefetch(ahead.key.data());
    prefetch(ahead.name.data());
    prefetch(ahead.aliases.data());
  }
  if (i + 4 < n) {  // the aliases' own bytes, once the vector asked for above has arrived
    const std::vector<std::string>& aliases = g.node(nodes[i + 4]).entity.aliases;
    for (std::size_t k = 0; k < std::min<std::size_t>(aliases.size(), 3); ++k) prefetch(aliases[k].data());
  }
}

}  // namespace text2kg::io::graphml
