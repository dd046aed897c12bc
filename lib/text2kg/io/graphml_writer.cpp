#include "text2kg/io/graphml_writer.hpp"

#include <cmath>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "text2kg/io/graphml_buffer.hpp"
#include "text2kg/io/graphml_format.hpp"
#include "text2kg/io/graphml_prefetch.hpp"
#include "text2kg/io/pooled_text_memo.hpp"
#include "text2kg/io/text_buffer.hpp"

// How the file is produced: the header and the <key> table are printed by pugixml; nodes and
// edges, millions of them, are formatted straight into text with escaping byte-identical to
// pugixml's (graphml_format.cpp, checked against pugixml by the unit tests), because a DOM per
// element cost several times the time budget. Two formatters work on alternate chunks of
// 4096 elements (format_in_order), and the chunks go out in order through a bounded block,
// so memory does not grow with the graph and the bytes do not depend on the threads.
//
// Exact strings: plain <data> values are XML-safe copies (graphml::xml_text). When a uid,
// name, same_as, predicate or predicate_lemma had to be altered for that (a control
// character, a CR, ill-formed UTF-8, U+FFFE/U+FFFF), its exact value is also written in the
// JSON object of the `nexact` (node) or `exact` (edge) key, and the reader takes it from
// there. JSON strings escape control characters, U+FFFE and U+FFFF as \uXXXX, so the
// JSON-carrying keys (aliases, provenance, documents) always hold exact values.
//
// Provenance: every support record with all its fields, except that a field at its default
// (empty string, false, [0,0]) is left out, and the first record's sentence_text is left out
// when the `evidence` <data> holds it exactly; the reader restores both.
namespace text2kg::io {
namespace {

using namespace std::string_view_literals;

using graph::KnowledgeGraph;

class BufferWriter : public pugi::xml_writer {
 public:
  explicit BufferWriter(OutputBuffer& out) : out_(out) {}
  void write(const void* data, std::size_t size) override {
    out_.append(std::string_view(static_cast<const char*>(data), size));
  }

 private:
  OutputBuffer& out_;
};

constexpr std::string_view kHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";

void write_keys(OutputBuffer& buffer) {
  BufferWriter writer(buffer);
  for (const graphml::Key& key : graphml::keys()) {
    pugi::xml_document document;
    pugi::xml_node element = document.append_child("key");
    element.append_attribute("id").set_value(std::string(key.id).c_str());
    element.append_attribute("for").set_value(std::string(key.domain).c_str());
    element.append_attribute("attr.name").set_value(std::string(key.name).c_str());
    element.append_attribute("attr.type").set_value(std::string(key.type).c_str());
    element.print(writer, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
  }
}

/// Formats nodes and edges into its own text; write_graphml runs two of them in parallel.
class ElementFormatter {
 public:
  ElementFormatter(const KnowledgeGraph& g, const GraphmlOptions& options) : g_(g), options_(options) {}

  /// Appends node `i` of nodes_in_order() to `out`.
  void node(TextBuffer& out, std::size_t i) {
    const auto& nodes = g_.nodes_in_order();
    graphml::prefetch_nodes_ahead(g_, nodes, i);
    out_ = &out;
    write_node(nodes[i]);
  }
  /// Appends edge `i` of edges_in_order() to `out`.
  void edge(TextBuffer& out, std::size_t i) {
    const auto& edges = g_.edges_in_order();
    graphml::prefetch_edges_ahead(g_, edges, i, graphml::EndNodes::positions);
    out_ = &out;
    write_edge(edges[i], i);
  }

  std::string documents_json() const {
    std::string json = "[";
    for (const auto& [id, meta] : g_.documents()) {
      if (json.size() > 1) json += ',';
      json += "{\"id\":"sv;
      graphml::append_json_string(json, id);
      json += ",\"title\":"sv;
      graphml::append_json_string(json, meta.title);
      json += ",\"date\":"sv;
      graphml::append_json_string(json, meta.date);
      json += ",\"url\":"sv;
      graphml::append_json_string(json, meta.url);
      json += '}';
    }
    json += ']';
    return json;
  }

 private:
  void open_data(std::string_view key) {
    out_->append("      <data key=\""sv);
    out_->append(key);
    out_->append("\">"sv);
  }
  void close_data() { out_->append("</data>\n"sv); }

  /// A value that is XML-safe already (fixed words, numbers, escaped JSON).
  void safe(std::string_view key, std::string_view value) {
    open_data(key);
    graphml::append_escaped_text(*out_, value);
    close_data();
  }
  /// Free text: made XML-safe first when it must be. Returns survives_xml(value).
  bool plain(std::string_view key, std::string_view value) {
    open_data(key);
    const bool survives = graphml::append_plain_text(*out_, value);
    if (!survives) graphml::append_escaped_text(*out_, graphml::xml_text(value));
    close_data();
    return survives;
  }
  void number(std::string_view key, std::uint64_t value) {
    open_data(key);
    graphml::append_number(*out_, value);
    close_data();
  }
  /// A non-finite value is left out: no reader parses NaN or Inf the same way.
  void number(std::string_view key, double value) {
    if (!std::isfinite(value)) return;
    open_data(key);
    graphml::append_number(*out_, value);
    close_data();
  }

  void xml_id_attribute(std::string_view name, char prefix, std::uint64_t index) {
    *out_ += ' ';
    out_->append(name);
    out_->append("=\""sv);
    *out_ += prefix;
    graphml::append_number(*out_, index);
    *out_ += '"';
  }

  /// {"field": exact value} for each string its plain <data> could not hold exactly.
  struct Exact {
    std::string_view field, value;
    bool survives;  ///< survives_xml(value), known from writing the plain <data>
  };
  void exact(std::string_view key, std::initializer_list<Exact> fields) {
    json_.clear();
    for (const auto& [field, value, survives] : fields) {
      if (survives) continue;
      json_ += json_.empty() ? '{' : ',';
      graphml::append_json_string(json_, field);
      json_ += ':';
      graphml::append_json_string(json_, value);
    }
    if (json_.empty()) return;
    json_ += '}';
    safe(key, json_);
  }

  void write_node(graph::Vertex v) {
    const graph::EntityNode& node = g_.node(v);
    const Entity& entity = node.entity;
    const std::string labels = graphml::node_labels(entity.type);
    out_->append("    <node"sv);
    xml_id_attribute("id", 'n', g_.position(v));
    if (options_.apoc_exact) {
      out_->append(" labels=\""sv);
      graphml::append_escaped_attribute(*out_, labels);
      *out_ += '"';
    }
    out_->append(">\n"sv);
    json_.clear();
    json_ += '[';
    for (const std::string& alias : entity.aliases) {
      if (json_.size() > 1) json_ += ',';
      graphml::append_json_string(json_, alias);
    }
    json_ += ']';
    safe("labels", labels);
    plain("nlabel", entity.name);
    const bool key_survives = plain("uid", entity.key);
    const bool name_survives = plain("name", entity.name);
    safe("type", to_string(entity.type));
    safe("aliases", json_);
    number("mentions", std::uint64_t{entity.mention_count});
    const bool same_as_survives = entity.same_as.empty() || plain("same_as", entity.same_as);
    number("in_degree", std::uint64_t{node.metrics.in_degree});
    number("out_degree", std::uint64_t{node.metrics.out_degree});
    number("weighted_degree", node.metrics.weighted_degree);
    number("pagerank", node.metrics.pagerank);
    number("component", std::uint64_t{node.metrics.component});
    exact("nexact", {{"uid", entity.key, key_survives}, {"name", entity.name, name_survives},
                     {"same_as", entity.same_as, same_as_survives}});
    out_->append("    </node>\n"sv);
  }

  // The provenance JSON goes straight into the element, its strings escaped for JSON and XML
  // in one pass (its structure holds no & < >, so this is the escaped text of the JSON).
  void span_field(std::string_view field, ByteSpan span) {
    if (span.begin == 0 && span.end == 0) return;
    TextBuffer& json = *out_;
    json += ",\""sv;
    json += field;
    json += "\":["sv;
    graphml::append_number(json, std::uint64_t{span.begin});
    json += ',';
    graphml::append_number(json, std::uint64_t{span.end});
    json += ']';
  }
  void text_field(std::string_view field, std::string_view value) {
    if (value.empty()) return;
    TextBuffer& json = *out_;
    json += ",\""sv;
    json += field;
    json += "\":"sv;
    graphml::append_json_string_xml(json, value);
  }

  /// One support record; a non-finite confidence is written as null.
  void support_record(const graph::Support& s, bool text_in_evidence) {
    TextBuffer& json = *out_;
    json += "{\"doc\":"sv;
    graphml::append_json_string_xml(json, g_.text(s.doc));
    json += ",\"sentence\":"sv;
    graphml::append_number(json, std::uint64_t{s.sentence});
    span_field("sentence_chars", s.sentence_chars);
    if (!text_in_evidence) text_field("sentence_text", g_.text(s.sentence_text));
    span_field("subject_chars", s.subject_chars);
    span_field("object_chars", s.object_chars);
    text_field("rule", g_.text(s.rule));
    json += ",\"level\":\""sv;
    json += to_string(s.level);
    json += "\",\"confidence\":"sv;
    if (std::isfinite(s.confidence)) {
      graphml::append_number(json, s.confidence);
    } else {
      json += "null"sv;
    }
    if (s.negated) json += ",\"negated\":true"sv;
    if (s.extras != 0) {
      const graph::SupportExtras more = g_.extras(s);
      text_field("modality", more.modality);
      text_field("attributed_to", more.attributed_to);
      text_field("time", more.time);
      text_field("time_normalized", more.time_normalized);
      text_field("place", more.place);
    }
    json += '}';
  }

  void write_edge(const graph::Edge& e, std::uint64_t index) {
    const graph::RelationEdge& edge = g_.edge(e);
    const std::string_view predicate = g_.text(edge.predicate);
    const std::string_view lemma = g_.text(edge.predicate_lemma);
    const std::string& type = relationship_type(edge.predicate_lemma);
    out_->append("    <edge"sv);
    xml_id_attribute("id", 'e', index);
    xml_id_attribute("source", 'n', g_.position(g_.source(e)));
    xml_id_attribute("target", 'n', g_.position(g_.target(e)));
    if (options_.apoc_exact) {
      out_->append(" label=\""sv);
      graphml::append_escaped_attribute(*out_, type);
      *out_ += '"';
    }
    out_->append(">\n"sv);
    safe("label", type);  // the first <data>: APOC reads the relationship type only there
    number("weight", edge.weight());
    const bool predicate_survives = plain("predicate", predicate);
    const bool lemma_survives = plain("predicate_lemma", lemma);
    number("confidence", edge.confidence());
    number("support", std::uint64_t{edge.support.size()});
    safe("negated", edge.negated() ? "true"sv : "false"sv);
    bool text_in_evidence = false;
    if (!edge.support.empty()) {
      const graph::Support& first = edge.support.front();
      const std::string_view evidence = g_.text(first.sentence_text);
      const std::string_view modality = g_.extras(first).modality;
      if (!modality.empty()) plain("modality", modality);
      text_in_evidence = plain("evidence", evidence);
      plain("rule", g_.text(first.rule));
    }
    open_data("provenance");
    *out_ += '[';
    for (const graph::Support& s : edge.support) {
      if (&s != &edge.support.front()) *out_ += ',';
      support_record(s, text_in_evidence && &s == &edge.support.front());
    }
    *out_ += ']';
    close_data();
    exact("exact", {{"predicate", predicate, predicate_survives}, {"predicate_lemma", lemma, lemma_survives}});
    out_->append("    </edge>\n"sv);
  }

  /// The relationship type of a pooled lemma, computed once per lemma.
  const std::string& relationship_type(std::uint32_t lemma) {
    return types_.get(lemma, [&] { return graphml::relationship_type(g_.text(lemma)); });
  }

  const KnowledgeGraph& g_;
  const GraphmlOptions& options_;
  PooledTextMemo types_;
  TextBuffer* out_ = nullptr;  // where the current element goes
  TextBuffer json_;  // reused: no allocation per element once it has grown
};

}  // namespace

void write_graphml(const KnowledgeGraph& g, std::ostream& out, const GraphmlOptions& options) {
  if (!g.prepared()) throw Error("write_graphml: the graph must be prepared (call prepare() after the last change)");
  OutputBuffer buffer(out, "GraphML");
  buffer.append(kHeader);
  write_keys(buffer);
  std::array<ElementFormatter, 2> formatters{ElementFormatter(g, options), ElementFormatter(g, options)};
  buffer.append("  <graph id=\"G\" edgedefault=\"directed\">\n    <data key=\"documents\">"sv);
  std::string documents;
  graphml::append_escaped_text(documents, formatters[0].documents_json());
  buffer.append(documents);
  buffer.append("</data>\n"sv);
  format_in_order<TextBuffer>(g.nodes_in_order().size(), formatters, buffer,
                              [](ElementFormatter& f, TextBuffer& text, std::size_t i) { f.node(text, i); });
  format_in_order<TextBuffer>(g.edges_in_order().size(), formatters, buffer,
                              [](ElementFormatter& f, TextBuffer& text, std::size_t i) { f.edge(text, i); });
  buffer.append("  </graph>\n</graphml>\n"sv);
  buffer.finish();
}

}  // namespace text2kg::io
