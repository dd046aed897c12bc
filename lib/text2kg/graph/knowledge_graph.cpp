#include "text2kg/graph/knowledge_graph.hpp"

#include <algorithm>
#include <initializer_list>
#include <cmath>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>
#include <map>
#include <numeric>
#include <tuple>

#include "text2kg/base/error.hpp"

namespace text2kg::graph {
namespace {

void merge_aliases(std::vector<std::string>& into, const std::vector<std::string>& more) {
  into.insert(into.end(), more.begin(), more.end());
  std::sort(into.begin(), into.end());
  into.erase(std::unique(into.begin(), into.end()), into.end());
}

bool better_name(const std::string& candidate, const std::string& current) {
  if (current.empty()) return true;
  if (candidate.size() != current.size()) return candidate.size() > current.size();
  return candidate < current;
}

Entity entity_of(const Argument& argument) {
  Entity entity;
  entity.key = argument.key;
  entity.name = argument.name;
  entity.type = argument.type;
  if (!argument.name.empty()) entity.aliases.push_back(argument.name);
  entity.mention_count = 1;
  return entity;
}

void fill_if_empty(std::string& field, const std::string& value) {
  if (field.empty()) field = value;
}

std::vector<double> pagerank_in_key_order(const Graph& graph, const std::vector<Vertex>& node_order,
                                          const NodePositions& node_position,
                                          const EdgeOrder& edge_order) {
  // Boost's bidirectional page_rank step (50 steps from 1/n of (1-d) + d * the sum over
  // in-edges of rank(u) / out_degree(u)), but every sum is taken in export order. Summing in
  // storage order made the last digits depend on the order nodes and edges arrived, so a
  // graph read back from its own GraphML was not written byte for byte the same.
  constexpr double kDamping = 0.85;
  constexpr int kSteps = 50;
  const std::size_t n = node_order.size();
  std::vector<std::uint32_t> in_begin(n + 1, 0);  // in-edges by target position, sources ascending
  for (const Edge& e : edge_order) ++in_begin[node_position[boost::target(e, graph)] + 1];
  for (std::size_t p = 0; p < n; ++p) in_begin[p + 1] += in_begin[p];
  std::vector<std::uint32_t> in_source(edge_order.size());
  {
    std::vector<std::uint32_t> fill(in_begin.begin(), in_begin.end() - 1);
    for (const Edge& e : edge_order) in_source[fill[node_position[boost::target(e, graph)]]++] = node_position[boost::source(e, graph)];
  }
  std::vector<std::uint32_t> out_degree(n);  // converted where used: the same doubles, half the bytes
  for (std::size_t p = 0; p < n; ++p) out_degree[p] = static_cast<std::uint32_t>(boost::out_degree(node_order[p], graph));

  std::vector<double> rank(n, 1.0 / static_cast<double>(n));
  std::vector<double> next(n);
  for (int step = 0; step < kSteps; ++step) {
    for (std::size_t p = 0; p < n; ++p) {
      double sum = 0;
      for (std::uint32_t k = in_begin[p]; k < in_begin[p + 1]; ++k) sum += rank[in_source[k]] / static_cast<double>(out_degree[in_source[k]]);
      next[p] = (1.0 - kDamping) + kDamping * sum;
    }
    rank.swap(next);
  }
  double total = 0;
  for (const double r : rank) total += r;
  // Scaled to sum to 1, by vertex, in the spare vector: the peak of prepare() is here.
  std::vector<std::uint32_t>().swap(in_source);
  std::vector<double>& by_vertex = next;
  for (std::size_t p = 0; p < n; ++p) by_vertex[node_order[p]] = rank[p] / total;
  return std::move(by_vertex);
}

/// Rearranges `items` so that position i holds what was at from[i]; `from` is used up (each
/// entry becomes its own index once placed), so no second copy of `items` is needed.
template <typename T>
void permute_in_place(std::vector<T>& items, std::vector<std::uint32_t>& from) {
  for (std::uint32_t start = 0; start < from.size(); ++start) {
    if (from[start] == start) continue;
    T held = items[start];
    std::uint32_t at = start;
    while (from[at] != start) {
      const std::uint32_t next = from[at];
      items[at] = items[next];
      from[at] = at;
      at = next;
    }
    items[at] = held;
    from[at] = at;
  }
}

}  // namespace

double RelationEdge::confidence() const {
  double disbelief = 1.0;
  for (const Support& s : support) disbelief *= 1.0 - std::clamp(static_cast<double>(s.confidence), 0.0, 1.0);
  // Confidences are stored as floats; rounding to 6 places keeps their float noise
  // (0.6000000238418579) out of every export while losing nothing a reader could use.
  return std::round((1.0 - disbelief) * 1e6) / 1e6;
}

bool RelationEdge::negated() const {
  return !support.empty() && std::all_of(support.begin(), support.end(), [](const Support& s) { return s.negated; });
}

KnowledgeGraph::KnowledgeGraph(const KnowledgeGraph& other)
    : graph_(other.graph_), pool_(other.pool_), by_key_(other.by_key_), documents_(other.documents_) {
  // Vertex ids and pool ids are kept by the copy; edge descriptors are not, so the relation
  // index is rebuilt on the next change and the export order now.
  if (other.prepared_) prepare();
}

KnowledgeGraph& KnowledgeGraph::operator=(const KnowledgeGraph& other) {
  if (this != &other) *this = KnowledgeGraph(other);
  return *this;
}

Vertex KnowledgeGraph::add_entity(const Entity& entity) {
  prepared_ = false;
  if (const auto found = find(entity.key)) {
    Entity& held = graph_[*found].entity;
    if (better_name(entity.name, held.name)) held.name = entity.name;
    if (held.type == EntityType::None) held.type = entity.type;
    fill_if_empty(held.same_as, entity.same_as);
    merge_aliases(held.aliases, entity.aliases);
    held.mention_count += entity.mention_count;
    return *found;
  }
  EntityNode node;
  node.entity = entity;
  merge_aliases(node.entity.aliases, {});
  const Vertex v = boost::add_vertex(std::move(node), graph_);
  by_key_.insert(hash_bytes(entity.key), KeySlot{static_cast<std::uint32_t>(v)},
                 [this](const KeySlot& slot) { return hash_bytes(graph_[slot.vertex].entity.key); });
  return v;
}

void KnowledgeGraph::add_document(std::string_view id, const DocumentMeta& meta) {
  prepared_ = false;
  DocumentMeta& held = documents_[std::string(id)];
  fill_if_empty(held.title, meta.title);
  fill_if_empty(held.date, meta.date);
  fill_if_empty(held.url, meta.url);
}

Edge KnowledgeGraph::relation(Vertex subject, std::string_view predicate, std::string_view lemma, Vertex object) {
  const auto from = static_cast<std::uint32_t>(subject);
  const auto to = static_cast<std::uint32_t>(object);
  const std::uint32_t lemma_id = pool_.intern(lemma);
  const std::uint64_t hash = relation_hash(from, lemma_id, to);
  if (by_relation_.size() != edge_count()) index_relations();  // dropped by prepare()
  const RelationSlot* found = by_relation_.find(hash, [&](const RelationSlot& slot) {
    const StoredEdgeRecord& record = *edge_record(slot.property);
    return record.m_source == from && record.m_target == to && record.m_property.predicate_lemma == lemma_id;
  });
  if (found == nullptr) {
    RelationEdge fresh;
    fresh.predicate = pool_.intern(predicate);
    fresh.predicate_lemma = lemma_id;
    const Edge e = boost::add_edge(subject, object, std::move(fresh), graph_).first;
    by_relation_.insert(hash, RelationSlot{e.get_property()}, slot_hash);
    return e;
  }
  const Edge e = found->edge();
  RelationEdge& edge = graph_[e];
  if (predicate < pool_.get(edge.predicate)) edge.predicate = pool_.intern(predicate);
  return e;
}

void KnowledgeGraph::index_relations() {
  by_relation_.clear();
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) {
    const RelationSlot slot{e.get_property()};
    by_relation_.insert(slot_hash(slot), slot, slot_hash);
  }
}

namespace {

// The packed extras: per field a 4-byte little-endian length, then its bytes; all empty
// packs to "", the pool's id 0, so most records never look here.
std::string pack_extras(std::initializer_list<std::string_view> fields) {
  std::string packed;
  bool any = false;
  for (const std::string_view field : fields) any |= !field.empty();
  if (!any) return packed;
  for (const std::string_view field : fields) {
    const auto size = static_cast<std::uint32_t>(field.size());
    for (int shift = 0; shift < 32; shift += 8) packed += static_cast<char>((size >> shift) & 0xFF);
    packed += field;
  }
  return packed;
}

}  // namespace

SupportExtras KnowledgeGraph::extras(const Support& s) const {
  SupportExtras fields;
  if (s.extras == 0) return fields;
  const std::string_view packed = text(s.extras);
  std::size_t at = 0;
  for (std::string_view* field : {&fields.modality, &fields.attributed_to, &fields.time, &fields.time_normalized, &fields.place}) {
    std::uint32_t size = 0;
    for (int shift = 0; shift < 32; shift += 8) size |= std::uint32_t{static_cast<unsigned char>(packed[at++])} << shift;
    *field = packed.substr(at, size);
    at += size;
  }
  return fields;
}

Support KnowledgeGraph::pooled(const Provenance& p) {
  Support s;
  s.doc = pool_.intern(p.doc_id);
  s.sentence = p.sentence;
  s.sentence_text = pool_.intern(p.sentence_text);
  s.sentence_chars = p.sentence_chars;
  s.subject_chars = p.subject_chars;
  s.object_chars = p.object_chars;
  s.rule = pool_.intern(p.rule);
  s.extras = pool_.intern(pack_extras({p.modality, p.attributed_to, p.time, p.time_normalized, p.place}));
  s.confidence = static_cast<float>(p.confidence);
  s.level = p.level;
  s.negated = p.negated;
  return s;
}

Provenance KnowledgeGraph::provenance(const Support& s) const {
  Provenance p;
  p.doc_id = text(s.doc);
  p.sentence = s.sentence;
  p.sentence_text = text(s.sentence_text);
  p.sentence_chars = s.sentence_chars;
  p.subject_chars = s.subject_chars;
  p.object_chars = s.object_chars;
  p.rule = text(s.rule);
  const SupportExtras more = extras(s);
  p.modality = more.modality;
  p.attributed_to = more.attributed_to;
  p.time = more.time;
  p.time_normalized = more.time_normalized;
  p.place = more.place;
  p.confidence = s.confidence;
  p.level = s.level;
  p.negated = s.negated;
  return p;
}

void KnowledgeGraph::insert_support(RelationEdge& edge, const Support& record) {
  // Ordered by the strings, not the pool ids, which depend on arrival order.
  const auto order = [this](const Support& s) {
    return std::make_tuple(text(s.doc), s.sentence, s.subject_chars.begin, s.subject_chars.end,
                           s.object_chars.begin, s.object_chars.end, text(s.rule));
  };
  const auto key = order(record);
  const auto at = std::lower_bound(edge.support.begin(), edge.support.end(), key,
                                   [&](const Support& s, const auto& k) { return order(s) < k; });
  if (at != edge.support.end() && order(*at) == key) return;
  edge.support.insert(at, record);
}

Edge KnowledgeGraph::add_triple(const Triple& triple) {
  prepared_ = false;
  const auto vertex_for = [this](const Argument& argument) {
    if (const auto v = find(argument.key)) return *v;
    return add_entity(entity_of(argument));
  };
  const Vertex subject = vertex_for(triple.subject);
  const Vertex object = vertex_for(triple.object);
  const Edge e = relation(subject, triple.predicate, triple.predicate_lemma, object);
  insert_support(graph_[e], pooled(triple.provenance));
  return e;
}

void KnowledgeGraph::merge(const KnowledgeGraph& other) {
  for (const auto& [id, meta] : other.documents_) add_document(id, meta);
  for (Vertex v = 0; v < other.node_count(); ++v) add_entity(other.graph_[v].entity);
  for (const Edge& e : boost::make_iterator_range(boost::edges(other.graph_))) {
    const RelationEdge& edge = other.graph_[e];
    const Vertex subject = *find(other.graph_[other.source(e)].entity.key);
    const Vertex object = *find(other.graph_[other.target(e)].entity.key);
    const Edge mine = relation(subject, other.text(edge.predicate), other.text(edge.predicate_lemma), object);
    for (const Support& s : edge.support) insert_support(graph_[mine], pooled(other.provenance(s)));
  }
  prepared_ = false;
}

std::size_t KnowledgeGraph::join_untyped_names() {
  constexpr std::string_view kUntyped = "thing/";
  // normalized name -> the typed keys that carry it
  std::map<std::string_view, std::vector<std::string_view>> typed;
  for (Vertex v = 0; v < node_count(); ++v) {
    const Entity& e = graph_[v].entity;
    const auto slash = e.key.find('/');
    if (slash == std::string::npos) continue;
    const bool named_type = e.type == EntityType::Person || e.type == EntityType::Organization ||
                            e.type == EntityType::Place || e.type == EntityType::Event || e.type == EntityType::Date;
    if (named_type && !e.key.starts_with(kUntyped)) typed[std::string_view(e.key).substr(slash + 1)].push_back(e.key);
  }
  std::map<std::string, std::string, std::less<>> joins;  // untyped key -> typed key
  for (Vertex v = 0; v < node_count(); ++v) {
    const Entity& e = graph_[v].entity;
    if (e.type != EntityType::None || !e.key.starts_with(kUntyped)) continue;
    const auto found = typed.find(std::string_view(e.key).substr(kUntyped.size()));
    if (found != typed.end() && found->second.size() == 1) joins.emplace(e.key, std::string(found->second.front()));
  }
  if (joins.empty()) return 0;
  const auto rekey = [&](const std::string& key) -> const std::string& {
    const auto it = joins.find(key);
    return it == joins.end() ? key : it->second;
  };
  KnowledgeGraph joined;
  for (const auto& [id, meta] : documents_) joined.add_document(id, meta);
  for (Vertex v = 0; v < node_count(); ++v) {
    Entity e = graph_[v].entity;
    e.key = rekey(e.key);
    joined.add_entity(e);
  }
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) {
    const RelationEdge& edge = graph_[e];
    const Vertex subject = *joined.find(rekey(graph_[source(e)].entity.key));
    const Vertex object = *joined.find(rekey(graph_[target(e)].entity.key));
    const Edge mine = joined.relation(subject, text(edge.predicate), text(edge.predicate_lemma), object);
    for (const Support& s : edge.support) joined.insert_support(joined.graph_[mine], joined.pooled(provenance(s)));
  }
  *this = std::move(joined);
  return joins.size();
}

std::optional<Vertex> KnowledgeGraph::find(std::string_view key) const {
  const KeySlot* found =
      by_key_.find(hash_bytes(key), [&](const KeySlot& slot) { return graph_[slot.vertex].entity.key == key; });
  if (found == nullptr) return std::nullopt;
  return Vertex{found->vertex};
}

std::optional<Edge> KnowledgeGraph::find_edge(std::string_view subject_key, std::string_view predicate_lemma,
                                              std::string_view object_key) const {
  const auto subject = find(subject_key);
  const auto object = find(object_key);
  if (!subject || !object) return std::nullopt;
  for (const Edge& e : boost::make_iterator_range(boost::out_edges(*subject, graph_))) {
    if (boost::target(e, graph_) == *object && text(graph_[e].predicate_lemma) == predicate_lemma) return e;
  }
  return std::nullopt;
}

void KnowledgeGraph::prepare() {
  by_relation_.clear();  // 64 MB at 3M edges, not needed to write; rebuilt by the next change
  pool_.drop_index();    // 8-16 MB more; rebuilt by the next intern()
  compute_order();
  compute_metrics();
  prepared_ = true;
  // The scratch of ordering and metrics (about 100 MB at 3M edges) is free now, but glibc
  // keeps freed heap pages; hand them back so that writing starts from the graph's own size.
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

void KnowledgeGraph::compute_order() {
  const std::size_t n = node_count();
  node_order_.resize(n);
  std::iota(node_order_.begin(), node_order_.end(), Vertex{0});
  std::sort(node_order_.begin(), node_order_.end(),
            [this](Vertex a, Vertex b) { return graph_[a].entity.key < graph_[b].entity.key; });
  node_position_.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) node_position_[node_order_[i]] = i;

  // Rank the lemmas by their text once, then sort edges on integers.
  std::vector<std::uint32_t> lemma_rank(pool_.size(), 0);
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) lemma_rank[graph_[e].predicate_lemma] = 1;
  std::vector<std::uint32_t> lemma_ids;
  for (std::uint32_t id = 0; id < lemma_rank.size(); ++id) {
    if (lemma_rank[id] != 0) lemma_ids.push_back(id);
  }
  std::sort(lemma_ids.begin(), lemma_ids.end(), [this](std::uint32_t a, std::uint32_t b) { return text(a) < text(b); });
  for (std::uint32_t i = 0; i < lemma_ids.size(); ++i) lemma_rank[lemma_ids[i]] = i;

  // Edges in storage order, bucketed by subject position (a counting sort), then each
  // subject's few edges sorted by (lemma rank, object position). Sorting (key, Edge) pairs
  // of 40 bytes next to the result cost 190 MB at 3M edges; this needs 4 bytes per edge.
  std::vector<EdgeOrder::Item> stored;
  stored.reserve(edge_count());
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) stored.push_back(EdgeOrder::item(e));
  std::vector<std::uint32_t> bucket(n + 1, 0);
  const auto subject_of = [](const EdgeOrder::Item& e) { return edge_record(e.property)->m_source; };
  for (const EdgeOrder::Item& e : stored) ++bucket[node_position_[subject_of(e)] + 1];
  for (std::size_t p = 0; p < n; ++p) bucket[p + 1] += bucket[p];
  std::vector<std::uint32_t> from(stored.size());  // position i takes the edge stored at from[i]
  {
    std::vector<std::uint32_t> fill(bucket.begin(), bucket.end() - 1);
    for (std::uint32_t i = 0; i < stored.size(); ++i) from[fill[node_position_[subject_of(stored[i])]]++] = i;
  }
  struct Keyed {
    std::uint32_t lemma, object, index;
  };
  std::vector<Keyed> keyed;
  for (std::size_t p = 0; p < n; ++p) {
    if (bucket[p + 1] - bucket[p] < 2) continue;
    keyed.clear();
    for (std::uint32_t k = bucket[p]; k < bucket[p + 1]; ++k) {
      const Edge e = stored[from[k]].edge();
      keyed.push_back({lemma_rank[graph_[e].predicate_lemma], node_position_[target(e)], from[k]});
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const Keyed& a, const Keyed& b) { return std::tie(a.lemma, a.object) < std::tie(b.lemma, b.object); });
    for (std::uint32_t k = bucket[p]; k < bucket[p + 1]; ++k) from[k] = keyed[k - bucket[p]].index;
  }
  std::vector<Keyed>().swap(keyed);
  std::vector<std::uint32_t>().swap(bucket);
  permute_in_place(stored, from);
  edge_order_ = EdgeOrder(std::move(stored));
}

void KnowledgeGraph::compute_metrics() {
  const std::size_t n = node_count();
  if (n == 0) return;

  const std::vector<double> rank = pagerank_in_key_order(graph_, node_order_, node_position_, edge_order_);

  // Weakly connected components by union-find over the edges: an undirected copy of the
  // graph cost about 100 bytes per edge (300 MB at 3M edges) at the process's peak.
  std::vector<std::size_t> set_rank(n), set_parent(n);
  boost::disjoint_sets<std::size_t*, std::size_t*> sets(set_rank.data(), set_parent.data());
  for (std::size_t v = 0; v < n; ++v) sets.make_set(v);
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) sets.union_set(source(e), target(e));
  std::vector<std::uint32_t> raw_component(n);
  for (std::size_t v = 0; v < n; ++v) raw_component[v] = static_cast<std::uint32_t>(sets.find_set(v));

  // Renumber components by first appearance in key order, so numbering is order-free.
  std::vector<std::uint32_t> renumbered(n, UINT32_MAX);
  std::uint32_t next = 0;
  for (const Vertex v : node_order_) {
    std::uint32_t& id = renumbered[raw_component[v]];
    if (id == UINT32_MAX) id = next++;
  }

  for (Vertex v = 0; v < n; ++v) {
    NodeMetrics& m = graph_[v].metrics;
    m = NodeMetrics{};
    m.in_degree = static_cast<std::uint32_t>(boost::in_degree(v, graph_));
    m.out_degree = static_cast<std::uint32_t>(boost::out_degree(v, graph_));
    m.pagerank = rank[v];
    m.component = renumbered[raw_component[v]];
  }
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) {
    const double w = graph_[e].weight();
    graph_[source(e)].metrics.weighted_degree += w;
    graph_[target(e)].metrics.weighted_degree += w;
  }
}

}  // namespace text2kg::graph
