#include "text2kg/io/graphml_writer.hpp"

#include <cmath>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "text2kg/io/graphml_buffer.hpp"
#include "text2kg/io/graphml_format.hpp"

// How the file is produced: the header and the <key> table are built with pugixml; nodes and
// edges, millions of them, are appended straight into a bounded block with escaping that is
// byte-identical to pugixml's (graphml_format.cpp, checked against pugixml by the unit
// tests), because building a DOM per element cost more than four times the time budget.
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

class GraphmlWriter {
 public:
  GraphmlWriter(const KnowledgeGraph& g, std::ostream& out, const GraphmlOptions& options)
      : g_(g), options_(options), buffer_(out), out_(buffer_.block()) {}

  void write() {
    buffer_.append(kHeader);
    write_keys(buffer_);
    buffer_.append("  <graph id=\"G\" edgedefault=\"directed\">\n");
    out_.append("    <data key=\"documents\">");
    append_escaped_json(documents_json());
    out_.append("</data>\n");
    for (const graph::Vertex v : g_.nodes_in_order()) {
      write_node(v);
      buffer_.maybe_flush();
    }
    std::uint64_t index = 0;
    for (const graph::Edge& e : g_.edges_in_order()) {
      write_edge(e, index++);
      buffer_.maybe_flush();
    }
    buffer_.append("  </graph>\n</graphml>\n");
    buffer_.finish("GraphML");
  }

 private:
  void open_data(std::string_view key) {
    out_.append("      <data key=\"");
    out_.append(key);
    out_.append("\">");
  }
  void close_data() { out_.append("</data>\n"); }

  /// A value that is XML-safe already (fixed words, numbers, escaped JSON).
  void safe(std::string_view key, std::string_view value) {
    open_data(key);
    graphml::append_escaped_text(out_, value);
    close_data();
  }
  /// Free text: made XML-safe first when it must be.
  void plain(std::string_view key, std::string_view value) {
    open_data(key);
    if (graphml::survives_xml(value)) {
      graphml::append_escaped_text(out_, value);
    } else {
      graphml::append_escaped_text(out_, graphml::xml_text(value));
    }
    close_data();
  }
  void number(std::string_view key, std::uint64_t value) {
    open_data(key);
    graphml::append_number(out_, value);
    close_data();
  }
  /// A non-finite value is left out: no reader parses NaN or Inf the same way.
  void number(std::string_view key, double value) {
    if (!std::isfinite(value)) return;
    open_data(key);
    graphml::append_number(out_, value);
    close_data();
  }
  void append_escaped_json(const std::string& json) { graphml::append_escaped_text(out_, json); }

  void xml_id_attribute(std::string_view name, char prefix, std::uint64_t index) {
    out_ += ' ';
    out_.append(name);
    out_.append("=\"");
    out_ += prefix;
    graphml::append_number(out_, index);
    out_ += '"';
  }

  std::string documents_json() const {
    std::string json = "[";
    for (const auto& [id, meta] : g_.documents()) {
      if (json.size() > 1) json += ',';
      json += "{\"id\":";
      graphml::append_json_string(json, id);
      json += ",\"title\":";
      graphml::append_json_string(json, meta.title);
      json += ",\"date\":";
      graphml::append_json_string(json, meta.date);
      json += ",\"url\":";
      graphml::append_json_string(json, meta.url);
      json += '}';
    }
    json += ']';
    return json;
  }

  /// {"field": exact value} for each string its plain <data> could not hold exactly.
  void exact(std::string_view key, std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    json_.clear();
    for (const auto& [field, value] : fields) {
      if (graphml::survives_xml(value)) continue;
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
    out_.append("    <node");
    xml_id_attribute("id", 'n', g_.position(v));
    if (options_.apoc_exact) {
      out_.append(" labels=\"");
      graphml::append_escaped_attribute(out_, labels);
      out_ += '"';
    }
    out_.append(">\n");
    json_.clear();
    json_ += '[';
    for (const std::string& alias : entity.aliases) {
      if (json_.size() > 1) json_ += ',';
      graphml::append_json_string(json_, alias);
    }
    json_ += ']';
    safe("labels", labels);
    plain("nlabel", entity.name);
    plain("uid", entity.key);
    plain("name", entity.name);
    safe("type", to_string(entity.type));
    safe("aliases", json_);
    number("mentions", std::uint64_t{entity.mention_count});
    if (!entity.same_as.empty()) plain("same_as", entity.same_as);
    number("in_degree", std::uint64_t{node.metrics.in_degree});
    number("out_degree", std::uint64_t{node.metrics.out_degree});
    number("weighted_degree", node.metrics.weighted_degree);
    number("pagerank", node.metrics.pagerank);
    number("component", std::uint64_t{node.metrics.component});
    exact("nexact", {{"uid", entity.key}, {"name", entity.name}, {"same_as", entity.same_as}});
    out_.append("    </node>\n");
  }

  void span_field(std::string_view field, ByteSpan span) {
    if (span.begin == 0 && span.end == 0) return;
    json_ += ",\"";
    json_ += field;
    json_ += "\":[";
    graphml::append_number(json_, std::uint64_t{span.begin});
    json_ += ',';
    graphml::append_number(json_, std::uint64_t{span.end});
    json_ += ']';
  }
  void text_field(std::string_view field, std::string_view value) {
    if (value.empty()) return;
    json_ += ",\"";
    json_ += field;
    json_ += "\":";
    graphml::append_json_string(json_, value);
  }

  /// One support record; a non-finite confidence is written as null.
  void support_record(const graph::Support& s, bool text_in_evidence) {
    json_ += "{\"doc\":";
    graphml::append_json_string(json_, g_.text(s.doc));
    json_ += ",\"sentence\":";
    graphml::append_number(json_, std::uint64_t{s.sentence});
    span_field("sentence_chars", s.sentence_chars);
    if (!text_in_evidence) text_field("sentence_text", g_.text(s.sentence_text));
    span_field("subject_chars", s.subject_chars);
    span_field("object_chars", s.object_chars);
    text_field("rule", g_.text(s.rule));
    json_ += ",\"level\":\"";
    json_ += to_string(s.level);
    json_ += "\",\"confidence\":";
    if (std::isfinite(s.confidence)) {
      graphml::append_number(json_, s.confidence);
    } else {
      json_ += "null";
    }
    if (s.negated) json_ += ",\"negated\":true";
    text_field("modality", g_.text(s.modality));
    text_field("attributed_to", g_.text(s.attributed_to));
    text_field("time", g_.text(s.time));
    text_field("time_normalized", g_.text(s.time_normalized));
    text_field("place", g_.text(s.place));
    json_ += '}';
  }

  void write_edge(const graph::Edge& e, std::uint64_t index) {
    const graph::RelationEdge& edge = g_.edge(e);
    const std::string_view predicate = g_.text(edge.predicate);
    const std::string_view lemma = g_.text(edge.predicate_lemma);
    const std::string type = graphml::relationship_type(lemma);
    out_.append("    <edge");
    xml_id_attribute("id", 'e', index);
    xml_id_attribute("source", 'n', g_.position(g_.source(e)));
    xml_id_attribute("target", 'n', g_.position(g_.target(e)));
    if (options_.apoc_exact) {
      out_.append(" label=\"");
      graphml::append_escaped_attribute(out_, type);
      out_ += '"';
    }
    out_.append(">\n");
    safe("label", type);  // the first <data>: APOC reads the relationship type only there
    number("weight", edge.weight());
    plain("predicate", predicate);
    plain("predicate_lemma", lemma);
    number("confidence", edge.confidence());
    number("support", std::uint64_t{edge.support.size()});
    safe("negated", edge.negated() ? "true" : "false");
    bool text_in_evidence = false;
    if (!edge.support.empty()) {
      const graph::Support& first = edge.support.front();
      const std::string_view evidence = g_.text(first.sentence_text);
      if (!g_.text(first.modality).empty()) plain("modality", g_.text(first.modality));
      plain("evidence", evidence);
      plain("rule", g_.text(first.rule));
      text_in_evidence = graphml::survives_xml(evidence);
    }
    json_.clear();
    json_ += '[';
    for (const graph::Support& s : edge.support) {
      if (json_.size() > 1) json_ += ',';
      support_record(s, text_in_evidence && &s == &edge.support.front());
    }
    json_ += ']';
    safe("provenance", json_);
    exact("exact", {{"predicate", predicate}, {"predicate_lemma", lemma}});
    out_.append("    </edge>\n");
  }

  const KnowledgeGraph& g_;
  const GraphmlOptions& options_;
  OutputBuffer buffer_;
  std::string& out_;
  std::string json_;  // reused: no allocation per element once it has grown
};

}  // namespace

void write_graphml(const KnowledgeGraph& g, std::ostream& out, const GraphmlOptions& options) {
  if (!g.prepared()) throw Error("write_graphml: the graph must be prepared (call prepare() after the last change)");
  GraphmlWriter(g, out, options).write();
}

}  // namespace text2kg::io
