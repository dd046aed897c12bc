#include "text2kg/io/jsonld_writer.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include "text2kg/base/error.hpp"
#include "text2kg/io/graphml_buffer.hpp"
#include "text2kg/io/graphml_prefetch.hpp"
#include "text2kg/io/json_text.hpp"
#include "text2kg/io/jsonld_iri.hpp"
#include "text2kg/io/jsonld_vocabulary.hpp"
#include "text2kg/io/text_buffer.hpp"

// How the file is produced: the context is printed by RapidJSON's Writer; the @graph, millions
// of nodes, is formatted straight into text (json_text.hpp gives strings exactly as that Writer
// prints them), by two threads on alternate chunks of entities written out in order
// (format_in_order), so the bytes are the same as one RapidJSON pass and memory stays bounded.
// Strings that are not well-formed UTF-8 are refused, as RapidJSON's validating Writer did.
namespace text2kg::io {
namespace {

using namespace std::string_view_literals;

[[noreturn]] void refuse(std::string_view what) {
  const std::string shown(what.substr(0, 60));
  throw Error("JSON-LD: cannot write value (invalid UTF-8?): \"" + shown + "\"");
}

template <typename Out>
void append_string(Out& out, std::string_view text) {
  if (!json::append_string(out, text)) refuse(text);
}

/// `text` as a JSON string literal, quotes included.
std::string quoted(std::string_view text) {
  std::string out;
  append_string(out, text);
  return out;
}

/// Non-finite values are omitted: JSON has no NaN/Infinity and consumers choke on them.
/// Doubles get at most 15 significant digits: every 15-digit decimal survives a trip through a
/// double, so processors that print 15-16 digits (pyld) give the same value.
template <typename Float>
void append_number_field(TextBuffer& out, std::string_view key, Float value, int significant_digits = 0) {
  if (!std::isfinite(value)) return;
  char text[64];
  const auto result = significant_digits > 0
                          ? std::to_chars(text, text + sizeof text, value, std::chars_format::general, significant_digits)
                          : std::to_chars(text, text + sizeof text, value);
  std::size_t length = static_cast<std::size_t>(result.ptr - text);
  // "3" would read back as an integer, and rdflib then keeps "3"^^xsd:double unnormalized.
  if (std::string_view(text, length).find_first_of(".e") == std::string_view::npos) {
    text[length++] = '.';
    text[length++] = '0';
  }
  out += key;  // ,"name":
  out.append(text, length);
}

void append_uint_field(TextBuffer& out, std::string_view key, std::uint64_t value) {
  out += key;
  json::append_uint(out, value);
}

/// The context object, printed by RapidJSON: {"@context":{...}
std::string context_text(const std::map<std::string_view, std::string>& terms) {
  rapidjson::Document file;
  file.Parse(context_file().data(), context_file().size());
  rapidjson::StringBuffer text;
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteValidateEncodingFlag>
      writer(text);
  const auto check = [](bool ok, std::string_view what) {
    if (!ok) refuse(what);
  };
  const auto string = [&](std::string_view s) {
    check(writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size())), s);
  };
  const auto key = [&](std::string_view s) { check(writer.Key(s.data(), static_cast<rapidjson::SizeType>(s.size())), s); };
  writer.StartObject();
  key("@context");
  writer.StartObject();
  for (const auto& member : file["@context"].GetObject()) {
    key(member.name.GetString());
    if (member.value.IsString()) {
      string(member.value.GetString());
      continue;
    }
    writer.StartObject();  // term definitions: string members only
    for (const auto& part : member.value.GetObject()) {
      key(part.name.GetString());
      string(part.value.GetString());
    }
    writer.EndObject();
  }
  std::set<std::string_view> written;
  for (const auto& [lemma, term] : terms) {
    if (!written.insert(term).second) continue;
    key(term);
    writer.StartObject();
    key("@id");
    string("kg:" + term);
    key("@type");
    string("@id");
    writer.EndObject();
  }
  writer.EndObject();
  return {text.GetString(), text.GetSize()};  // the outer object stays open
}

/// Pool id -> text, for the few thousand ids (documents, lemmas) read for every edge: one flat
/// probe table and one block of bytes, so a look-up is a cache line or two, not a hash node
/// and a string somewhere on the heap.
class IdTexts {
 public:
  void add(std::uint32_t id, std::string_view text) { items_.push_back({id, append(text)}); }
  /// Call once after the last add().
  void build() {
    std::size_t size = 16;
    while (size < 2 * items_.size()) size *= 2;
    slots_.assign(size, Slot{});
    for (const auto& [id, slot] : items_) {
      std::size_t at = home(id);
      while (slots_[at].id != kEmpty) at = (at + 1) & (slots_.size() - 1);
      slots_[at] = slot;
      slots_[at].id = id;
    }
    items_.clear();
  }
  std::string_view at(std::uint32_t id) const {
    for (std::size_t i = home(id);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[i];
      if (slot.id == id) return {bytes_.data() + slot.offset, slot.length};
      if (slot.id == kEmpty) throw std::logic_error("JSON-LD: internal error: unknown pool id");
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;  // pool ids never reach it
  struct Slot {
    std::uint32_t id = kEmpty;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  Slot append(std::string_view text) {
    Slot slot{0, static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(text.size())};
    bytes_ += text;
    return slot;
  }
  std::size_t home(std::uint32_t id) const {
    return static_cast<std::size_t>((std::uint64_t{id} * 0x9E3779B97F4A7C15ULL) >> 32) & (slots_.size() - 1);
  }

  std::vector<std::pair<std::uint32_t, Slot>> items_;
  std::vector<Slot> slots_;
  std::string bytes_;
};

/// What the formatters share, computed once before the @graph is written.
struct Shared {
  std::string base;                                       ///< the base IRI, escaped for JSON
  std::map<std::string_view, std::string> terms;          ///< lemma -> context term
  IdTexts term_of;                                        ///< lemma pool id -> "term" quoted
  IdTexts doc_iri;                                        ///< doc pool id -> "IRI" quoted
  std::vector<std::string_view> documents;                ///< every document id, sorted
  std::vector<std::uint32_t> first_edge;                  ///< per node position: its first edge
  bool graph_has_documents = false;
};

Shared shared_state(const graph::KnowledgeGraph& g, const JsonldOptions& options) {
  Shared shared;
  std::string base;
  append_string(base, options.base_iri);
  shared.base = base.substr(1, base.size() - 2);
  // One pass over the edges for the lemmas and documents used (each edge is a cache miss).
  // Pool ids marked in bitmaps (a bit per pooled string, 0.4 MB at 3M sentences): a hash set
  // insert per edge was a tenth of the JSON-LD export at 3M edges, on one thread.
  std::vector<bool> is_lemma(g.text_count()), is_doc(g.text_count());
  const auto& edges = g.edges_in_order();
  shared.first_edge.assign(g.node_count() + 1, static_cast<std::uint32_t>(edges.size()));
  for (std::size_t i = edges.size(); i-- > 0;) shared.first_edge[g.position(g.source(edges[i]))] = static_cast<std::uint32_t>(i);
  for (std::size_t p = g.node_count(); p-- > 0;) shared.first_edge[p] = std::min(shared.first_edge[p], shared.first_edge[p + 1]);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    graphml::prefetch_edge_support_ahead(g, edges, i);
    const graph::RelationEdge& edge = g.edge(edges[i]);
    is_lemma[edge.predicate_lemma] = true;
    for (const graph::Support& s : edge.support) is_doc[s.doc] = true;
  }
  for (std::uint32_t id = 0; id < is_lemma.size(); ++id) {
    if (!is_lemma[id]) continue;
    const auto [at, added] = shared.terms.emplace(g.text(id), predicate_term(g.text(id)));
    shared.term_of.add(id, quoted(at->second));
  }
  std::set<std::string_view> all;
  for (std::uint32_t id = 0; id < is_doc.size(); ++id) {
    if (!is_doc[id]) continue;
    all.insert(g.text(id));
    std::string iri = "\"" + shared.base + "doc/";
    append_slug(iri, g.text(id));
    iri += '"';
    shared.doc_iri.add(id, iri);
  }
  shared.term_of.build();
  shared.doc_iri.build();
  for (const auto& [id, meta] : g.documents()) all.insert(id);
  shared.documents.assign(all.begin(), all.end());
  return shared;
}

/// Formats documents, and entities each followed by the Statements of their outgoing
/// relations, one @graph element per line; write_jsonld runs two of them in parallel.
class GraphFormatter {
 public:
  GraphFormatter(const graph::KnowledgeGraph& g, const Shared& shared) : g_(g), s_(shared) {}

  /// Appends document `i` of Shared::documents, each after a comma but the first.
  void document(TextBuffer& out, std::size_t i) {
    static const DocumentMeta kNoMeta;
    const std::string_view id = s_.documents[i];
    const auto found = g_.documents().find(id);
    const DocumentMeta& meta = found == g_.documents().end() ? kNoMeta : found->second;
    if (i > 0) out += ',';
    out += "{\"@id\":\""sv;
    out += s_.base;
    out += "doc/"sv;
    append_slug(out, id);
    out += "\",\"@type\":\"NewsArticle\",\"identifier\":"sv;
    append_string(out, id);
    optional_field(out, ",\"headline\":"sv, meta.title);
    optional_field(out, ",\"name\":"sv, meta.title);
    optional_field(out, ",\"datePublished\":"sv, meta.date);
    optional_field(out, ",\"url\":"sv, meta.url);
    out += "}\n"sv;
  }

  /// Appends the entity at position `p` of nodes_in_order() and then its Statements.
  void entity(TextBuffer& out, std::size_t p) {
    const auto& nodes = g_.nodes_in_order();
    graphml::prefetch_nodes_ahead(g_, nodes, p);
    const std::size_t first = s_.first_edge[p];
    const std::size_t end = s_.first_edge[p + 1];
    write_entity(out, nodes[p], p == 0 && s_.documents.empty(), first, end);
    for (std::size_t i = first; i < end; ++i) write_statement(out, i);
  }

 private:
  static void optional_field(TextBuffer& out, std::string_view key, std::string_view value) {
    if (value.empty()) return;
    out += key;
    append_string(out, value);
  }
  /// base + slug(key), without quotes: slugs need no JSON escaping.
  void append_entity_iri(TextBuffer& out, std::string_view key) const {
    out += s_.base;
    append_slug(out, key);
  }
  const std::string& key_of(graph::Vertex v) const { return g_.node(v).entity.key; }

  void write_entity(TextBuffer& out, graph::Vertex v, bool first_in_graph, std::size_t first_edge,
                    std::size_t end_edge) {
    const graph::EntityNode& node = g_.node(v);
    const Entity& e = node.entity;
    if (!first_in_graph) out += ',';
    out += "{\"@id\":\""sv;
    subject_iri_.clear();
    append_entity_iri(subject_iri_, e.key);
    out += subject_iri_;
    out += "\",\"@type\":"sv;
    append_string(out, class_term(e.type));
    out += ",\"key\":"sv;
    append_string(out, e.key);
    out += ",\"name\":"sv;
    append_string(out, e.name);
    if (!e.aliases.empty()) {
      out += ",\"alternateName\":["sv;
      for (std::size_t i = 0; i < e.aliases.size(); ++i) {
        if (i > 0) out += ',';
        append_string(out, e.aliases[i]);
      }
      out += ']';
    }
    append_uint_field(out, ",\"mentionCount\":"sv, e.mention_count);
    if (!e.same_as.empty()) {
      out += ",\"sameAs\":{\"@id\":"sv;
      append_string(out, e.same_as);
      out += '}';
    }
    append_uint_field(out, ",\"inDegree\":"sv, node.metrics.in_degree);
    append_uint_field(out, ",\"outDegree\":"sv, node.metrics.out_degree);
    append_number_field(out, ",\"weightedDegree\":"sv, node.metrics.weighted_degree, 15);
    // Rounded to 10 digits: PageRank's last bits depend on summation order, which depends
    // on insertion order, and output must not.
    append_number_field(out, ",\"pagerank\":"sv, node.metrics.pagerank, 10);
    append_uint_field(out, ",\"component\":"sv, node.metrics.component);
    write_assertions(out, first_edge, end_edge);
    out += "}\n"sv;
    // Statement ids hash "subject|lemma|object": the subject's part once per entity.
    subject_hash_ = fnv1a64("|", fnv1a64(e.key));
  }

  /// The relations asserted as plain RDF triples, grouped by predicate (edges of one subject
  /// are sorted by lemma). A relation whose every sentence is negated is not asserted:
  /// "X did not flee to Y" must not become the fact X flee_to Y. Its Statement remains.
  void write_assertions(TextBuffer& out, std::size_t first_edge, std::size_t end_edge) {
    const auto& edges = g_.edges_in_order();
    std::size_t i = first_edge;
    while (i < end_edge) {
      const std::uint32_t lemma = g_.edge(edges[i]).predicate_lemma;
      std::size_t end = i;
      bool any = false;
      while (end < end_edge && g_.edge(edges[end]).predicate_lemma == lemma) any |= !g_.edge(edges[end++]).negated();
      if (any) {
        out += ',';
        out += s_.term_of.at(lemma);
        out += ":["sv;
        bool first = true;
        for (; i < end; ++i) {
          if (g_.edge(edges[i]).negated()) continue;
          out += first ? "{\"@id\":\""sv : ",{\"@id\":\""sv;
          first = false;
          append_entity_iri(out, key_of(g_.target(edges[i])));
          out += "\"}"sv;
        }
        out += ']';
      }
      i = end;
    }
  }

  void write_statement(TextBuffer& out, std::size_t index) {
    const auto& edges = g_.edges_in_order();
    graphml::prefetch_edges_ahead(g_, edges, index);
    const graph::Edge e = edges[index];
    const graph::RelationEdge& edge = g_.edge(e);
    const std::string& object = key_of(g_.target(e));
    const std::string_view lemma = g_.text(edge.predicate_lemma);
    statement_iri_.clear();
    statement_iri_ += s_.base;
    statement_iri_ += "stmt/"sv;
    append_hex64(statement_iri_, fnv1a64(object, fnv1a64("|", fnv1a64(lemma, subject_hash_))));
    out += ",{\"@id\":\""sv;
    out += statement_iri_;
    out += "\",\"@type\":\"Statement\",\"subject\":\""sv;
    out += subject_iri_;
    out += "\",\"predicate\":"sv;
    out += s_.term_of.at(edge.predicate_lemma);
    out += ",\"object\":\""sv;
    append_entity_iri(out, object);
    out += "\",\"predicateLemma\":"sv;
    append_string(out, lemma);
    out += ",\"surfacePredicate\":"sv;
    append_string(out, g_.text(edge.predicate));
    append_number_field(out, ",\"confidence\":"sv, edge.confidence(), 15);
    out += edge.negated() ? ",\"negated\":true"sv : ",\"negated\":false"sv;
    append_uint_field(out, ",\"supportCount\":"sv, edge.support.size());
    out += ",\"evidence\":["sv;
    for (std::size_t i = 0; i < edge.support.size(); ++i) write_evidence(out, i, edge.support[i]);
    out += "]}\n"sv;
  }

  void write_evidence(TextBuffer& out, std::size_t index, const graph::Support& s) {
    out += index == 0 ? "{\"@id\":\""sv : ",{\"@id\":\""sv;
    out += statement_iri_;
    out += "/e"sv;
    json::append_uint(out, index);
    out += "\",\"@type\":\"Evidence\",\"wasDerivedFrom\":"sv;
    out += s_.doc_iri.at(s.doc);
    append_uint_field(out, ",\"sentenceIndex\":"sv, s.sentence);
    out += ",\"sentence\":"sv;
    append_string(out, g_.text(s.sentence_text));
    append_uint_field(out, ",\"charStart\":"sv, s.sentence_chars.begin);
    append_uint_field(out, ",\"charEnd\":"sv, s.sentence_chars.end);
    append_uint_field(out, ",\"subjectStart\":"sv, s.subject_chars.begin);
    append_uint_field(out, ",\"subjectEnd\":"sv, s.subject_chars.end);
    append_uint_field(out, ",\"objectStart\":"sv, s.object_chars.begin);
    append_uint_field(out, ",\"objectEnd\":"sv, s.object_chars.end);
    optional_field(out, ",\"rule\":"sv, g_.text(s.rule));
    out += ",\"level\":"sv;
    append_string(out, to_string(s.level));
    // The float as stored, in its shortest form: 0.9f is written 0.9, not 0.8999999761581421.
    append_number_field(out, ",\"confidence\":"sv, s.confidence);
    out += s.negated ? ",\"negated\":true"sv : ",\"negated\":false"sv;
    if (s.extras != 0) {
      const graph::SupportExtras more = g_.extras(s);
      optional_field(out, ",\"modality\":"sv, more.modality);
      if (!more.attributed_to.empty()) {
        out += ",\"attributedTo\":\""sv;
        append_entity_iri(out, more.attributed_to);
        out += '"';
      }
      optional_field(out, ",\"time\":"sv, more.time);
      optional_field(out, ",\"timeNormalized\":"sv, more.time_normalized);
      optional_field(out, ",\"place\":"sv, more.place);
    }
    out += '}';
  }

  const graph::KnowledgeGraph& g_;
  const Shared& s_;
  TextBuffer subject_iri_;    // the current entity's IRI, unquoted
  TextBuffer statement_iri_;  // the current Statement's IRI, unquoted
  std::uint64_t subject_hash_ = 0;
};

}  // namespace

void write_jsonld(const graph::KnowledgeGraph& g, std::ostream& out, const JsonldOptions& options) {
  if (!g.prepared()) throw Error("JSON-LD: the graph must be prepared before writing");
  const Shared shared = shared_state(g, options);
  OutputBuffer buffer(out, "JSON-LD");
  buffer.append(context_text(shared.terms));
  buffer.append(",\"@graph\":[\n"sv);
  std::array<GraphFormatter, 2> formatters{GraphFormatter(g, shared), GraphFormatter(g, shared)};
  format_in_order<TextBuffer>(shared.documents.size(), formatters, buffer,
                              [](GraphFormatter& f, TextBuffer& text, std::size_t i) { f.document(text, i); });
  // About three Statements per entity, a few kB: chunks of a few MB.
  format_in_order<TextBuffer>(
      g.nodes_in_order().size(), formatters, buffer,
      [](GraphFormatter& f, TextBuffer& text, std::size_t i) { f.entity(text, i); }, 512);
  buffer.append("]}\n"sv);
  buffer.finish();
}

}  // namespace text2kg::io
