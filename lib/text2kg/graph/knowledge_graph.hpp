#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "text2kg/base/huge_page_allocator.hpp"
#include "text2kg/base/prefetch.hpp"
#include "text2kg/extract/entity.hpp"
#include "text2kg/extract/triple.hpp"
#include "text2kg/graph/huge_vector.hpp"
#include "text2kg/graph/node_arena.hpp"
#include "text2kg/graph/open_index.hpp"
#include "text2kg/graph/string_pool.hpp"
#include "text2kg/graph/support_list.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::graph {

/// Measures computed by prepare(); exported so Gephi can size and colour nodes.
struct NodeMetrics {
  std::uint32_t in_degree = 0;
  std::uint32_t out_degree = 0;
  double weighted_degree = 0;   ///< sum of the weights of incident edges
  double pagerank = 0;          ///< sums to 1 over the graph
  std::uint32_t component = 0;  ///< weakly connected component, numbered in key order
};

struct EntityNode {
  Entity entity;
  NodeMetrics metrics;
};

/// One relation between two nodes with every sentence that supports it.
struct RelationEdge {
  std::uint32_t predicate = 0;        ///< pool id of the surface form; the smallest seen
  std::uint32_t predicate_lemma = 0;  ///< pool id; the merge key with subject and object
  SupportList support;                ///< sorted by (doc, sentence, spans, rule), no duplicates

  /// Noisy-or of the supporting sentences' confidences: more independent evidence, more belief.
  double confidence() const;
  /// The weight Gephi uses: the number of supporting sentences.
  double weight() const { return static_cast<double>(support.size()); }
  /// True when every supporting sentence is negated.
  bool negated() const;
};

/// Edges live in a std::list (descriptors stay valid as the graph grows) whose nodes come from
/// an arena: no malloc header per relation. Vertices live in a vector on huge pages.
using Graph = boost::adjacency_list<boost::vecS, huge_vecS, boost::bidirectionalS, EntityNode, RelationEdge,
                                    boost::no_property, arena_listS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

/// Each vertex's position in the export order.
using NodePositions = std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>>;

/// What Boost keeps per edge in the edge list: the two end vertices, then the RelationEdge.
using StoredEdgeRecord = Graph::EdgeContainer::value_type;
static_assert(std::is_same_v<StoredEdgeRecord, boost::list_edge<Vertex, RelationEdge>>);

/// Where a record's RelationEdge lies in it. offsetof on Boost's list_edge, which derives
/// from edge_base (its two vertices): g++ lays out this single, non-virtual inheritance
/// plainly, which is all offsetof needs here (the warning is about the general case).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
inline constexpr std::size_t kEdgePropertyOffset = offsetof(StoredEdgeRecord, m_property);
#pragma GCC diagnostic pop

/// The edge whose RelationEdge is at `property` (an Edge's get_property()): its ends are read
/// from the record, so an index or an order can name an edge by that one pointer.
inline const StoredEdgeRecord* edge_record(const void* property) {
  return reinterpret_cast<const StoredEdgeRecord*>(static_cast<const char*>(property) - kEdgePropertyOffset);
}
inline Edge edge_of_property(const void* property) {
  const StoredEdgeRecord* record = edge_record(property);
  return Edge(record->m_source, record->m_target, property);
}

/// The export order of the edges: 8 bytes an edge, the pointer to its record (the ends are
/// read from there), instead of Boost's 24-byte descriptor: 48 MB less at 3M edges, at the
/// process's peak. Reads like a vector of Edge by value.
class EdgeOrder {
 public:
  struct Item {
    const void* property = nullptr;
    Edge edge() const { return edge_of_property(property); }
  };
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Edge;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Edge;
    iterator() = default;
    explicit iterator(const Item* at) : at_(at) {}
    Edge operator*() const { return at_->edge(); }
    Edge operator[](difference_type i) const { return at_[i].edge(); }
    iterator& operator++() { ++at_; return *this; }
    iterator operator++(int) { iterator old = *this; ++at_; return old; }
    iterator& operator--() { --at_; return *this; }
    iterator& operator+=(difference_type n) { at_ += n; return *this; }
    friend iterator operator+(iterator it, difference_type n) { return it += n; }
    friend difference_type operator-(iterator a, iterator b) { return a.at_ - b.at_; }
    friend bool operator==(iterator a, iterator b) { return a.at_ == b.at_; }
    friend auto operator<=>(iterator a, iterator b) { return a.at_ <=> b.at_; }

   private:
    const Item* at_ = nullptr;
  };

  EdgeOrder() = default;
  explicit EdgeOrder(std::vector<Item> items) : items_(std::move(items)) {}
  static Item item(Edge e) { return {e.get_property()}; }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  Edge operator[](std::size_t i) const { return items_[i].edge(); }
  /// Edge i's record without reading it, for prefetching.
  const StoredEdgeRecord* record(std::size_t i) const { return edge_record(items_[i].property); }
  Edge front() const { return items_.front().edge(); }
  Edge back() const { return items_.back().edge(); }
  iterator begin() const { return iterator(items_.data()); }
  iterator end() const { return iterator(items_.data() + items_.size()); }
  void clear() { std::vector<Item>().swap(items_); }

 private:
  std::vector<Item> items_;
};

/// Append-only knowledge multigraph: one node per entity key, one edge per
/// (subject, predicate lemma, object). Vertices are never removed, so a Vertex is a stable
/// dense index. Nothing depends on the order in which entities and triples arrive: after
/// prepare(), writers take nodes by key and edges by (subject key, lemma, object key).
/// Thread safety: none while changing; after prepare(), const use may be shared.
class KnowledgeGraph {
 public:
  KnowledgeGraph() = default;
  /// A copy has indexes and an export order of its own (the originals point into `other`).
  KnowledgeGraph(const KnowledgeGraph& other);
  KnowledgeGraph& operator=(const KnowledgeGraph& other);
  KnowledgeGraph(KnowledgeGraph&&) noexcept = default;
  KnowledgeGraph& operator=(KnowledgeGraph&&) noexcept = default;
  ~KnowledgeGraph() = default;

  /// Adds or merges by key: aliases unioned, mention counts summed, the name kept as the
  /// longer (then lexicographically smaller) of the two, an unset type or same_as filled.
  Vertex add_entity(const Entity& entity);
  /// Adds or merges the relation; an argument not yet present becomes an entity (one mention).
  /// A record equal to one already held (same document, sentence, spans and rule) is not
  /// added twice, so re-reading a document does not inflate the evidence.
  Edge add_triple(const Triple& triple);
  /// Records a source document (id, title, date, url); the first non-empty fields win.
  void add_document(std::string_view id, const DocumentMeta& meta);
  /// Merges another graph into this one: documents, nodes, then edges with all support.
  void merge(const KnowledgeGraph& other);

  /// Joins each untyped name ("thing/<name>") to the one typed entity of the same normalized
  /// name (Person, Organization, Place, Event or Date "<type>/<name>"), when there is exactly
  /// one: across documents, a name the recogniser missed in one place is the entity it found
  /// elsewhere. With two typed candidates ("person/washington", "place/washington") the name
  /// stays apart, and typed entities never join each other. Depends only on the set of keys,
  /// so the result does not depend on input order. Returns how many nodes were joined.
  /// A join is final: when a later --merge-into run brings a second typed reading of that
  /// name, the evidence already joined stays with the first (merging A then B can then differ
  /// from A and B at once in that one case).
  std::size_t join_untyped_names();

  std::optional<Vertex> find(std::string_view key) const;
  std::optional<Edge> find_edge(std::string_view subject_key, std::string_view predicate_lemma,
                                std::string_view object_key) const;

  const Graph& graph() const { return graph_; }
  const EntityNode& node(Vertex v) const { return graph_[v]; }
  const RelationEdge& edge(Edge e) const { return graph_[e]; }
  Vertex source(Edge e) const { return boost::source(e, graph_); }
  Vertex target(Edge e) const { return boost::target(e, graph_); }
  std::size_t node_count() const { return boost::num_vertices(graph_); }
  std::size_t edge_count() const { return boost::num_edges(graph_); }
  /// A pooled string (predicate, rule, document id, sentence text ...).
  std::string_view text(std::uint32_t id) const { return pool_.get(id); }
  /// Pooled strings are ids 0 .. text_count() - 1.
  std::size_t text_count() const { return pool_.size(); }
  /// Asks the CPU for the pool entry of `id` before text(id) is needed (see io/graphml_prefetch.hpp).
  void prefetch_text(std::uint32_t id) const { pool_.prefetch(id); }
  /// The rarely set strings of a support record (all empty for most).
  SupportExtras extras(const Support& support) const;
  /// One support record with its strings, as extraction made it.
  Provenance provenance(const Support& support) const;
  /// Source documents sorted by id, with their metadata.
  const std::map<std::string, DocumentMeta, std::less<>>& documents() const { return documents_; }

  /// Computes the metrics (degree, weighted degree, PageRank, components, with Boost.Graph)
  /// and the export order. Call once after the last change, before writing. The relation
  /// index is dropped to make room (writers do not need it) and rebuilt by the next change.
  void prepare();
  bool prepared() const { return prepared_; }
  /// Nodes sorted by key (valid after prepare()).
  const std::vector<Vertex>& nodes_in_order() const { return node_order_; }
  /// Position of a node in nodes_in_order(): writers name nodes n<position>.
  std::uint32_t position(Vertex v) const { return node_position_[v]; }
  /// Asks the CPU for position(v) before it is needed: edges name their ends by position, read
  /// at random (perf, GraphML at 3M edges: the ends' positions were 40% of the edge formatter).
  void prefetch_position(Vertex v) const { text2kg::prefetch(node_position_.data() + v); }
  /// Edges sorted by (subject key, predicate lemma, object key) (valid after prepare()).
  const EdgeOrder& edges_in_order() const { return edge_order_; }

 private:
  /// A node in the key index: the key itself is read from the node.
  struct KeySlot {
    std::uint32_t vertex = UINT32_MAX;
    bool empty() const { return vertex == UINT32_MAX; }
  };
  /// An edge in the relation index, by its record alone (subject, object and lemma are read
  /// from there): 8 bytes a slot, where the two vertices beside it made the index 64 MB at
  /// 3M edges, at the end of building, the process's peak.
  struct RelationSlot {
    const void* property = nullptr;  ///< Boost's pointer to the edge's RelationEdge (listS: it never moves)
    bool empty() const { return property == nullptr; }
    Edge edge() const { return edge_of_property(property); }
  };
  static std::uint64_t relation_hash(std::uint32_t subject, std::uint32_t lemma, std::uint32_t object) {
    std::uint64_t h = (std::uint64_t{subject} << 32 | object) * 0x9E3779B97F4A7C15ULL;
    h ^= (h >> 31) ^ (std::uint64_t{lemma} * 0xC2B2AE3D27D4EB4FULL);
    return h ^ (h >> 29);
  }
  /// relation_hash() of the edge in `slot`, from its record: growing the index reads each.
  static std::uint64_t slot_hash(const RelationSlot& slot) {
    const StoredEdgeRecord& record = *edge_record(slot.property);
    return relation_hash(static_cast<std::uint32_t>(record.m_source), record.m_property.predicate_lemma,
                         static_cast<std::uint32_t>(record.m_target));
  }

  /// The edge for (subject, lemma, object), created if new; keeps the smallest surface form.
  Edge relation(Vertex subject, std::string_view predicate, std::string_view lemma, Vertex object);
  Support pooled(const Provenance& provenance);
  void insert_support(RelationEdge& edge, const Support& support);
  void compute_order();
  void index_relations();
  void compute_metrics();

  Graph graph_;
  StringPool pool_;
  OpenIndex<KeySlot> by_key_;
  OpenIndex<RelationSlot> by_relation_;
  std::map<std::string, DocumentMeta, std::less<>> documents_;
  std::vector<Vertex> node_order_;
  NodePositions node_position_;  // on huge pages: 4 MB at 1M nodes, read at random
  EdgeOrder edge_order_;
  bool prepared_ = false;
};

}  // namespace text2kg::graph
