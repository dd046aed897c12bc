#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "text2kg/extract/entity.hpp"
#include "text2kg/extract/triple.hpp"

namespace text2kg::graph {

/// Measures computed by compute_metrics(); exported so Gephi can size and colour nodes.
struct NodeMetrics {
  std::uint32_t in_degree = 0;
  std::uint32_t out_degree = 0;
  double weighted_degree = 0;  ///< sum of the weights of incident edges
  double pagerank = 0;
  std::uint32_t component = 0;  ///< weakly connected component, numbered in key order
};

struct EntityNode {
  Entity entity;
  NodeMetrics metrics;
};

/// One relation between two nodes: every sentence that supports it.
struct RelationEdge {
  std::string predicate;        ///< surface form; the smallest seen, so merging is order-free
  std::string predicate_lemma;  ///< the merge key with subject and object
  std::vector<Provenance> support;  ///< sorted, without duplicates (see add_triple)

  /// Noisy-or of the supporting sentences' confidences: more independent evidence, more belief.
  double confidence() const;
  /// The weight Gephi uses: the number of supporting sentences.
  double weight() const { return static_cast<double>(support.size()); }
  bool negated() const;  ///< true when every supporting sentence is negated
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, EntityNode, RelationEdge>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

/// Append-only knowledge multigraph: one node per entity key, one edge per
/// (subject, predicate lemma, object). Vertices are never removed, so a Vertex is a stable
/// dense index. Every result is independent of the order in which entities and triples
/// arrive: writers iterate nodes by key and edges by (subject key, lemma, object key).
class KnowledgeGraph {
 public:
  /// Adds or merges by key: aliases unioned, mention counts summed, the name kept as the
  /// longer (then lexicographically smaller) of the two, an unset type or same_as filled.
  Vertex add_entity(const Entity& entity);
  /// Adds or merges the relation; both arguments become entities if new (one mention each).
  /// A provenance record equal to one already held (same document, sentence, spans and rule)
  /// is not added twice, so re-reading a document does not inflate the evidence.
  Edge add_triple(const Triple& triple);
  /// Merges another graph into this one (its nodes, then its edges with all their support).
  void merge(const KnowledgeGraph& other);

  std::optional<Vertex> find(std::string_view key) const;
  std::optional<Edge> find_edge(std::string_view subject_key, std::string_view predicate_lemma,
                                std::string_view object_key) const;

  const Graph& graph() const { return graph_; }
  const EntityNode& node(Vertex v) const { return graph_[v]; }
  const RelationEdge& edge(Edge e) const { return graph_[e]; }
  std::size_t node_count() const { return boost::num_vertices(graph_); }
  std::size_t edge_count() const { return boost::num_edges(graph_); }

  /// Nodes sorted by key: the order every writer uses.
  std::vector<Vertex> nodes_in_order() const;
  /// Edges sorted by (subject key, predicate lemma, object key): the order every writer uses.
  std::vector<Edge> edges_in_order() const;

  /// Computes degree, weighted degree, PageRank (damping 0.85) and weakly connected
  /// components with Boost.Graph into each node's metrics.
  void compute_metrics();

 private:
  Graph graph_;
  std::unordered_map<std::string, Vertex> by_key_;
  std::map<std::tuple<Vertex, std::string, Vertex>, Edge, std::less<>> by_relation_;
};

}  // namespace text2kg::graph
