#include "text2kg/io/gexf_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "text2kg/io/graphml_buffer.hpp"
#include "text2kg/io/graphml_format.hpp"
#include "text2kg/io/graphml_prefetch.hpp"
#include "text2kg/io/pooled_text_memo.hpp"
#include "text2kg/io/text_buffer.hpp"

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
    "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
    "  <meta>\n"
    "    <creator>text2kg</creator>\n"
    "    <description>knowledge graph extracted from news text</description>\n"
    "  </meta>\n"
    "  <graph defaultedgetype=\"directed\" mode=\"static\" idtype=\"string\">\n";

struct Attribute {
  const char* id;
  const char* type;
};

constexpr std::array kNodeAttributes = {
    Attribute{"uid", "string"},          Attribute{"type", "string"},      Attribute{"aliases", "string"},
    Attribute{"mentions", "long"},       Attribute{"same_as", "string"},   Attribute{"in_degree", "long"},
    Attribute{"out_degree", "long"},     Attribute{"weighted_degree", "double"}, Attribute{"pagerank", "double"},
    Attribute{"component", "long"}};

constexpr std::array kEdgeAttributes = {
    Attribute{"predicate", "string"}, Attribute{"predicate_lemma", "string"}, Attribute{"confidence", "double"},
    Attribute{"support", "long"},     Attribute{"negated", "boolean"},        Attribute{"modality", "string"},
    Attribute{"evidence", "string"},  Attribute{"rule", "string"}};

struct Rgb {
  int r, g, b;
};

/// One fixed colour per entity type (indexed by EntityType), readable on Gephi's white canvas.
constexpr std::array<Rgb, kEntityTypeCount> kPalette = {{
    {153, 153, 153},  // None: grey
    {31, 119, 180},   // Person: blue
    {255, 127, 14},   // Organization: orange
    {44, 160, 44},    // Place: green
    {214, 39, 40},    // Event: red
    {148, 103, 189},  // Date: purple
    {140, 86, 75},    // Other: brown
    {188, 189, 34},   // Concept: olive
    {23, 190, 207},   // Claim: cyan
}};

/// Node sizes from 4 to 50, by the square root of PageRank relative to the largest, so that
/// hubs stand out without hiding the rest.
constexpr double kMinSize = 4.0;
constexpr double kSizeRange = 46.0;

std::string fixed2(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, 2);
  return std::string(buffer.data(), result.ptr);
}

/// XML-safe and with white space collapsed: label and kind are xsd:token in the grammar.
std::string token(std::string_view text) {
  const std::string safe = graphml::xml_text(text);
  std::string collapsed;
  bool space = false;
  for (const char c : safe) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return collapsed;
}

/// Attribute declarations are printed by pugixml; nodes and edges are formatted straight into
/// text with pugixml-identical escaping (see graphml_writer.cpp for why).
template <std::size_t N>
void write_attributes(OutputBuffer& buffer, const char* domain, const std::array<Attribute, N>& attributes) {
  pugi::xml_document document;
  pugi::xml_node element = document.append_child("attributes");
  element.append_attribute("class").set_value(domain);
  for (const Attribute& a : attributes) {
    pugi::xml_node attribute = element.append_child("attribute");
    attribute.append_attribute("id").set_value(a.id);
    attribute.append_attribute("title").set_value(a.id);
    attribute.append_attribute("type").set_value(a.type);
  }
  BufferWriter writer(buffer);
  element.print(writer, "  ", pugi::format_indent, pugi::encoding_utf8, 2);
}

/// Formats nodes and edges into its own text; write_gexf runs two of them in parallel.
class GexfFormatter {
 public:
  GexfFormatter(const KnowledgeGraph& g, double max_pagerank) : g_(g), max_pagerank_(max_pagerank) {}

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

 private:
  /// name="value" with the value escaped (it must be XML-safe text already).
  void attribute(std::string_view name, std::string_view value) {
    *out_ += ' ';
    out_->append(name);
    out_->append("=\""sv);
    graphml::append_escaped_attribute(*out_, value);
    *out_ += '"';
  }
  void id_attribute(std::string_view name, char prefix, std::uint64_t index) {
    *out_ += ' ';
    out_->append(name);
    out_->append("=\""sv);
    *out_ += prefix;
    graphml::append_number(*out_, index);
    *out_ += '"';
  }
  void value(std::string_view id, std::string_view text) {
    out_->append("          <attvalue for=\""sv);
    out_->append(id);
    out_->append("\" value=\""sv);
    graphml::append_escaped_attribute(*out_, text);
    out_->append("\" />\n"sv);
  }
  void plain_value(std::string_view id, std::string_view text) {
    // For XML-safe text without " > TAB LF, attribute escaping is text escaping (& and <
    // only), so the common case takes the fused one-pass path.
    if (text.find_first_of("\">\t\n") == std::string_view::npos) {
      const std::size_t start = out_->size();
      out_->append("          <attvalue for=\""sv);
      out_->append(id);
      out_->append("\" value=\""sv);
      if (graphml::append_plain_text(*out_, text)) {
        out_->append("\" />\n"sv);
        return;
      }
      out_->resize(start);
    }
    if (graphml::survives_xml(text)) {
      value(id, text);
    } else {
      value(id, graphml::xml_text(text));
    }
  }
  void number_value(std::string_view id, std::uint64_t x) {
    scratch_.clear();
    graphml::append_number(scratch_, x);
    value(id, scratch_);
  }
  /// A non-finite value is left out.
  void number_value(std::string_view id, double x) {
    if (!std::isfinite(x)) return;
    scratch_.clear();
    graphml::append_number(scratch_, x);
    value(id, scratch_);
  }

  void write_node(graph::Vertex v) {
    const graph::EntityNode& node = g_.node(v);
    const Entity& entity = node.entity;
    out_->append("      <node"sv);
    id_attribute("id", 'n', g_.position(v));
    attribute("label", token(entity.name));
    out_->append(">\n        <attvalues>\n"sv);
    scratch_.clear();
    scratch_ += '[';
    for (const std::string& alias : entity.aliases) {
      if (scratch_.size() > 1) scratch_ += ',';
      graphml::append_json_string(scratch_, alias);
    }
    scratch_ += ']';
    plain_value("uid", entity.key);
    value("type", to_string(entity.type));
    value("aliases", scratch_);
    number_value("mentions", std::uint64_t{entity.mention_count});
    if (!entity.same_as.empty()) plain_value("same_as", entity.same_as);
    number_value("in_degree", std::uint64_t{node.metrics.in_degree});
    number_value("out_degree", std::uint64_t{node.metrics.out_degree});
    number_value("weighted_degree", node.metrics.weighted_degree);
    const double pagerank = node.metrics.pagerank;
    number_value("pagerank", pagerank);
    number_value("component", std::uint64_t{node.metrics.component});
    out_->append("        </attvalues>\n"sv);

    const double share =
        max_pagerank_ > 0 && std::isfinite(pagerank) ? std::clamp(pagerank / max_pagerank_, 0.0, 1.0) : 0.0;
    out_->append("        <viz:size value=\""sv);
    out_->append(fixed2(kMinSize + kSizeRange * std::sqrt(share)));
    const Rgb colour = kPalette[static_cast<std::size_t>(entity.type)];
    out_->append("\" />\n        <viz:color"sv);
    for (const auto& [channel, level] : {std::pair{"r", colour.r}, std::pair{"g", colour.g}, std::pair{"b", colour.b}}) {
      scratch_.clear();
      graphml::append_number(scratch_, static_cast<std::uint64_t>(level));
      attribute(channel, scratch_);
    }
    out_->append(" />\n      </node>\n"sv);
  }

  void write_edge(const graph::Edge& e, std::uint64_t index) {
    const graph::RelationEdge& edge = g_.edge(e);
    const std::string_view predicate = g_.text(edge.predicate);
    const std::string_view lemma = g_.text(edge.predicate_lemma);
    out_->append("      <edge"sv);
    id_attribute("id", 'e', index);
    id_attribute("source", 'n', g_.position(g_.source(e)));
    id_attribute("target", 'n', g_.position(g_.target(e)));
    attribute("label", pooled_token(edge.predicate));
    attribute("kind", pooled_token(edge.predicate_lemma));
    scratch_.clear();
    graphml::append_number(scratch_, edge.weight());
    attribute("weight", scratch_);
    out_->append(">\n        <attvalues>\n"sv);
    plain_value("predicate", predicate);
    plain_value("predicate_lemma", lemma);
    number_value("confidence", edge.confidence());
    number_value("support", std::uint64_t{edge.support.size()});
    value("negated", edge.negated() ? "true"sv : "false"sv);
    if (!edge.support.empty()) {
      const graph::Support& first = edge.support.front();
      const std::string_view modality = g_.extras(first).modality;
      if (!modality.empty()) plain_value("modality", modality);
      plain_value("evidence", g_.text(first.sentence_text));
      plain_value("rule", g_.text(first.rule));
    }
    out_->append("        </attvalues>\n      </edge>\n"sv);
  }

  /// token() of a pooled predicate or lemma, computed once per pool id: a few hundred
  /// distinct ones serve millions of edges.
  const std::string& pooled_token(std::uint32_t id) {
    return tokens_.get(id, [&] { return token(g_.text(id)); });
  }

  const KnowledgeGraph& g_;
  double max_pagerank_ = 0;
  TextBuffer* out_ = nullptr;  // where the current element goes
  TextBuffer scratch_;
  PooledTextMemo tokens_;
};

}  // namespace

void write_gexf(const KnowledgeGraph& g, std::ostream& out) {
  if (!g.prepared()) throw Error("write_gexf: the graph must be prepared (call prepare() after the last change)");
  OutputBuffer buffer(out, "GEXF");
  buffer.append(kHeader);
  write_attributes(buffer, "node", kNodeAttributes);
  write_attributes(buffer, "edge", kEdgeAttributes);
  double max_pagerank = 0;
  for (const graph::Vertex v : g.nodes_in_order()) max_pagerank = std::max(max_pagerank, g.node(v).metrics.pagerank);
  std::array<GexfFormatter, 2> formatters{GexfFormatter(g, max_pagerank), GexfFormatter(g, max_pagerank)};
  buffer.append("    <nodes count=\""sv);
  buffer.append(std::to_string(g.node_count()));
  buffer.append("\">\n"sv);
  format_in_order<TextBuffer>(g.nodes_in_order().size(), formatters, buffer,
                              [](GexfFormatter& f, TextBuffer& text, std::size_t i) { f.node(text, i); });
  buffer.append("    </nodes>\n    <edges count=\""sv);
  buffer.append(std::to_string(g.edge_count()));
  buffer.append("\">\n"sv);
  format_in_order<TextBuffer>(g.edges_in_order().size(), formatters, buffer,
                              [](GexfFormatter& f, TextBuffer& text, std::size_t i) { f.edge(text, i); });
  buffer.append("    </edges>\n  </graph>\n</gexf>\n"sv);
  buffer.finish();
}

}  // namespace text2kg::io
