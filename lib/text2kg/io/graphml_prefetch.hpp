#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/prefetch.hpp"
#include "text2kg/graph/knowledge_graph.hpp"

// Writers visit nodes and edges in key order, which is unrelated to where they live in memory:
// each element costs a chain of cache misses (edge record, its support array, the pool entry
// of the sentence text, its bytes, both end nodes and their keys). Measured on 3M edges, those
// misses were most of the write time, so the writers ask for the data a few elements ahead,
// one link of the chain per distance: what is asked for at one distance has arrived when the
// next link is read from it at a shorter one.
//
// The requests are asm volatile (base/prefetch.hpp), which g++ cannot delete.
namespace text2kg::io::graphml {

using text2kg::prefetch;

/// Asks for every cache line of [address, address + bytes): a node record is 168 bytes, three
/// or four lines, and its fields are read from all of them.
inline void prefetch_range(const void* address, std::size_t bytes) {
  const auto begin = reinterpret_cast<std::uintptr_t>(address);
  for (std::uintptr_t line = begin & ~std::uintptr_t{63}; line < begin + bytes; line += 64) {
    prefetch(reinterpret_cast<const void*>(line));
  }
}

/// Prefetches up to three cache lines of `text` (sentences are about 150 bytes).
inline void prefetch_bytes(std::string_view text) {
  const char* const data = text.data();
  const std::size_t lines = std::min<std::size_t>(3, (text.size() + 63) / 64);
  for (std::size_t line = 0; line < lines; ++line) prefetch(data + 64 * line);
}

/// Elements are prefetched in batches: a request whose page is not in the TLB holds up the
/// instructions behind it while the page walk runs (perf: over half of a nodes.csv row's time
/// sat on one prefetch instruction, at 4 kB pages), and the walks of a batch overlap.
inline constexpr std::size_t kPrefetchBatch = 8;

/// What a writer reads of an edge's end nodes: their keys (Neo4j CSV, JSON-LD), or only their
/// positions (GraphML and GEXF name the ends n<position>, an array of their own), in which
/// case asking for the node records would only cost page walks.
enum class EndNodes { keys, positions };

// The links of an edge's chain, each read from what the one before asked for.
/// The record holds the ends (read first, to name the edge) and then the RelationEdge.
inline void prefetch_edge_record(const graph::EdgeOrder& edges, std::size_t k) {
  prefetch_range(edges.record(k), graph::kEdgePropertyOffset + sizeof(graph::RelationEdge));
}
inline void prefetch_edge_links(const graph::KnowledgeGraph& g, const graph::EdgeOrder& edges, std::size_t k,
                                EndNodes ends) {
  const graph::Edge e = edges[k];
  prefetch(g.edge(e).support.data());
  if (ends == EndNodes::positions) return;
  // Of the end nodes an edge reads only the key's pointer and size, which may straddle lines.
  prefetch_range(&g.node(g.source(e)).entity.key, 2 * sizeof(void*));
  prefetch_range(&g.node(g.target(e)).entity.key, 2 * sizeof(void*));
}
inline void prefetch_edge_pool_entries(const graph::KnowledgeGraph& g, const graph::EdgeOrder& edges, std::size_t k) {
  const graph::RelationEdge& edge = g.edge(edges[k]);
  if (edge.support.empty()) return;
  g.prefetch_text(edge.support.front().sentence_text);
  g.prefetch_text(edge.support.front().doc);
}
inline void prefetch_edge_bytes(const graph::KnowledgeGraph& g, const graph::EdgeOrder& edges, std::size_t k,
                                EndNodes ends) {
  const graph::Edge e = edges[k];
  const graph::RelationEdge& edge = g.edge(e);
  if (!edge.support.empty()) {
    prefetch_bytes(g.text(edge.support.front().sentence_text));
    prefetch(g.text(edge.support.front().doc).data());
  }
  if (ends == EndNodes::positions) {
    g.prefetch_position(g.source(e));
    g.prefetch_position(g.target(e));
    return;
  }
  prefetch(g.node(g.source(e)).entity.key.data());
  prefetch(g.node(g.target(e)).entity.key.data());
}

/// Called for every edge `i` in order; every kPrefetchBatch-th call asks for the next batch's
/// links, each link one batch of edges after the one it is read from.
inline void prefetch_edges_ahead(const graph::KnowledgeGraph& g, const graph::EdgeOrder& edges, std::size_t i,
                                 EndNodes ends = EndNodes::keys) {
  if (i % kPrefetchBatch != 0) return;
  constexpr std::size_t b = kPrefetchBatch;
  const std::size_t n = edges.size();
  for (std::size_t k = i; k < i + b; ++k) {
    if (k + 5 * b < n) prefetch_edge_record(edges, k + 5 * b);
    if (k + 3 * b < n) prefetch_edge_links(g, edges, k + 3 * b, ends);
    if (k + 2 * b < n) prefetch_edge_pool_entries(g, edges, k + 2 * b);
    if (k + b < n) prefetch_edge_bytes(g, edges, k + b, ends);
  }
}

/// For a pass that reads only each edge's record and its support records (the JSON-LD
/// writer's survey of lemmas and documents): the rest of the chain would cost page walks for
/// bytes the pass never reads (perf: half of that pass sat on the end nodes' keys).
inline void prefetch_edge_support_ahead(const graph::KnowledgeGraph& g, const graph::EdgeOrder& edges, std::size_t i) {
  if (i % kPrefetchBatch != 0) return;
  constexpr std::size_t b = kPrefetchBatch;
  const std::size_t n = edges.size();
  for (std::size_t k = i; k < i + b; ++k) {
    if (k + 2 * b < n) prefetch_edge_record(edges, k + 2 * b);
    if (k + b < n) prefetch(g.edge(edges[k + b]).support.data());
  }
}

/// As prefetch_edges_ahead, for nodes: the record, then its strings and alias vector, then
/// the aliases' bytes.
inline void prefetch_nodes_ahead(const graph::KnowledgeGraph& g, const std::vector<graph::Vertex>& nodes, std::size_t i) {
  if (i % kPrefetchBatch != 0) return;
  constexpr std::size_t b = kPrefetchBatch;
  const std::size_t n = nodes.size();
  for (std::size_t k = i; k < i + b; ++k) {
    if (k + 3 * b < n) prefetch_range(&g.node(nodes[k + 3 * b]), sizeof(graph::EntityNode));
    if (k + 2 * b < n) {
      const Entity& ahead = g.node(nodes[k + 2 * b]).entity;
      prefetch(ahead.key.data());
      prefetch(ahead.name.data());
      prefetch(ahead.aliases.data());
    }
    if (k + b < n) {
      const std::vector<std::string>& aliases = g.node(nodes[k + b]).entity.aliases;
      for (std::size_t a = 0; a < std::min<std::size_t>(aliases.size(), 3); ++a) prefetch(aliases[a].data());
    }
  }
}

}  // namespace text2kg::io::graphml
