#include "text2kg/graph/knowledge_graph.hpp"

#include <algorithm>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/property_map/property_map.hpp>

namespace text2kg::graph {
namespace {

auto provenance_order(const Provenance& p) {
  return std::tie(p.doc_id, p.sentence, p.subject_chars.begin, p.subject_chars.end, p.object_chars.begin,
                  p.object_chars.end, p.rule);
}

bool same_evidence(const Provenance& a, const Provenance& b) { return provenance_order(a) == provenance_order(b); }

void insert_support(std::vector<Provenance>& support, const Provenance& record) {
  const auto at = std::lower_bound(support.begin(), support.end(), record, [](const Provenance& a, const Provenance& b) {
    return provenance_order(a) < provenance_order(b);
  });
  if (at != support.end() && same_evidence(*at, record)) return;
  support.insert(at, record);
}

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

}  // namespace

double RelationEdge::confidence() const {
  double disbelief = 1.0;
  for (const Provenance& p : support) disbelief *= 1.0 - std::clamp(p.confidence, 0.0, 1.0);
  return 1.0 - disbelief;
}

bool RelationEdge::negated() const {
  return !support.empty() && std::all_of(support.begin(), support.end(), [](const Provenance& p) { return p.negated; });
}

Vertex KnowledgeGraph::add_entity(const Entity& entity) {
  if (const auto found = by_key_.find(entity.key); found != by_key_.end()) {
    Entity& held = graph_[found->second].entity;
    if (better_name(entity.name, held.name)) held.name = entity.name;
    if (held.type == EntityType::None) held.type = entity.type;
    if (held.same_as.empty()) held.same_as = entity.same_as;
    merge_aliases(held.aliases, entity.aliases);
    held.mention_count += entity.mention_count;
    return found->second;
  }
  EntityNode node;
  node.entity = entity;
  merge_aliases(node.entity.aliases, {});
  const Vertex v = boost::add_vertex(std::move(node), graph_);
  by_key_.emplace(entity.key, v);
  return v;
}

Edge KnowledgeGraph::add_triple(const Triple& triple) {
  const auto vertex_for = [this](const Argument& argument) {
    if (const auto v = find(argument.key)) return *v;
    return add_entity(entity_of(argument));
  };
  const Vertex subject = vertex_for(triple.subject);
  const Vertex object = vertex_for(triple.object);
  auto relation = std::make_tuple(subject, triple.predicate_lemma, object);
  auto found = by_relation_.find(relation);
  if (found == by_relation_.end()) {
    RelationEdge edge;
    edge.predicate = triple.predicate;
    edge.predicate_lemma = triple.predicate_lemma;
    const Edge e = boost::add_edge(subject, object, std::move(edge), graph_).first;
    found = by_relation_.emplace(std::move(relation), e).first;
  }
  RelationEdge& edge = graph_[found->second];
  if (triple.predicate < edge.predicate) edge.predicate = triple.predicate;
  insert_support(edge.support, triple.provenance);
  return found->second;
}

void KnowledgeGraph::merge(const KnowledgeGraph& other) {
  for (const Vertex v : other.nodes_in_order()) add_entity(other.graph_[v].entity);
  for (const Edge e : other.edges_in_order()) {
    const RelationEdge& edge = other.graph_[e];
    const Vertex subject = *find(other.graph_[boost::source(e, other.graph_)].entity.key);
    const Vertex object = *find(other.graph_[boost::target(e, other.graph_)].entity.key);
    auto relation = std::make_tuple(subject, edge.predicate_lemma, object);
    auto found = by_relation_.find(relation);
    if (found == by_relation_.end()) {
      RelationEdge fresh;
      fresh.predicate = edge.predicate;
      fresh.predicate_lemma = edge.predicate_lemma;
      found = by_relation_.emplace(std::move(relation), boost::add_edge(subject, object, std::move(fresh), graph_).first)
                  .first;
    }
    RelationEdge& held = graph_[found->second];
    if (edge.predicate < held.predicate) held.predicate = edge.predicate;
    for (const Provenance& p : edge.support) insert_support(held.support, p);
  }
}

std::optional<Vertex> KnowledgeGraph::find(std::string_view key) const {
  const auto found = by_key_.find(std::string(key));
  if (found == by_key_.end()) return std::nullopt;
  return found->second;
}

std::optional<Edge> KnowledgeGraph::find_edge(std::string_view subject_key, std::string_view predicate_lemma,
                                              std::string_view object_key) const {
  const auto subject = find(subject_key);
  const auto object = find(object_key);
  if (!subject || !object) return std::nullopt;
  const auto found = by_relation_.find(std::make_tuple(*subject, std::string(predicate_lemma), *object));
  if (found == by_relation_.end()) return std::nullopt;
  return found->second;
}

std::vector<Vertex> KnowledgeGraph::nodes_in_order() const {
  std::vector<Vertex> order(boost::num_vertices(graph_));
  for (Vertex v = 0; v < order.size(); ++v) order[v] = v;
  std::sort(order.begin(), order.end(),
            [this](Vertex a, Vertex b) { return graph_[a].entity.key < graph_[b].entity.key; });
  return order;
}

std::vector<Edge> KnowledgeGraph::edges_in_order() const {
  std::vector<Edge> order;
  order.reserve(boost::num_edges(graph_));
  for (const auto& [relation, e] : by_relation_) order.push_back(e);
  const auto sort_key = [this](const Edge& e) {
    return std::tie(graph_[boost::source(e, graph_)].entity.key, graph_[e].predicate_lemma,
                    graph_[boost::target(e, graph_)].entity.key);
  };
  std::sort(order.begin(), order.end(), [&](const Edge& a, const Edge& b) { return sort_key(a) < sort_key(b); });
  return order;
}

void KnowledgeGraph::compute_metrics() {
  const std::size_t n = boost::num_vertices(graph_);
  if (n == 0) return;
  const auto index = boost::get(boost::vertex_index, graph_);

  // PageRank (Boost's unnormalised form: (1-d) + d * sum), scaled to sum to 1.
  std::vector<double> rank(n, 1.0);
  boost::graph::page_rank(graph_, boost::make_iterator_property_map(rank.begin(), index),
                          boost::graph::n_iterations(50), 0.85);
  double total = 0;
  for (const double r : rank) total += r;

  // Weakly connected components: the same components on an undirected copy.
  boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> undirected(n);
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) {
    boost::add_edge(boost::source(e, graph_), boost::target(e, graph_), undirected);
  }
  std::vector<std::uint32_t> raw_component(n);
  boost::connected_components(undirected, raw_component.data());

  // Renumber components by first appearance in key order, so numbering is order-free.
  std::vector<std::uint32_t> renumbered(n, UINT32_MAX);
  std::uint32_t next = 0;
  for (const Vertex v : nodes_in_order()) {
    std::uint32_t& id = renumbered[raw_component[v]];
    if (id == UINT32_MAX) id = next++;
  }

  for (Vertex v = 0; v < n; ++v) {
    NodeMetrics& m = graph_[v].metrics;
    m = NodeMetrics{};
    m.in_degree = static_cast<std::uint32_t>(boost::in_degree(v, graph_));
    m.out_degree = static_cast<std::uint32_t>(boost::out_degree(v, graph_));
    m.pagerank = rank[v] / total;
    m.component = renumbered[raw_component[v]];
  }
  for (const Edge& e : boost::make_iterator_range(boost::edges(graph_))) {
    const double w = graph_[e].weight();
    graph_[boost::source(e, graph_)].metrics.weighted_degree += w;
    graph_[boost::target(e, graph_)].metrics.weighted_degree += w;
  }
}

}  // namespace text2kg::graph
