#include "text2kg/io/jsonld_writer.hpp"

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_set>
#include <vector>

#include "text2kg/base/error.hpp"
#include "text2kg/io/jsonld_iri.hpp"
#include "text2kg/io/jsonld_vocabulary.hpp"

namespace text2kg::io {
namespace {

/// A RapidJSON output stream with a large buffer in front of the std::ostream: the Writer
/// puts one character at a time, which std::ostream::put would make slow.
class BufferedStream {
 public:
  using Ch = char;
  explicit BufferedStream(std::ostream& out) : out_(out), buffer_(kInitialSize) {}
  void Put(char c) {
    if (used_ == buffer_.size()) Flush();
    buffer_[used_++] = c;
  }
  /// Room for `count` more characters without a check each (a long string may grow the buffer).
  void Reserve(std::size_t count) {
    if (buffer_.size() - used_ >= count) return;
    Flush();
    if (count > buffer_.size()) buffer_.resize(count);
  }
  void PutUnchecked(char c) { buffer_[used_++] = c; }
  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(used_));
    used_ = 0;
    if (!out_) throw Error("JSON-LD: write failed");
  }

 private:
  static constexpr std::size_t kInitialSize = std::size_t{1} << 16;
  std::ostream& out_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
};

}  // namespace
}  // namespace text2kg::io

// RapidJSON reserves room before runs of characters; honouring that saves a bounds check
// per character on the hot path.
namespace rapidjson {
template <>
inline void PutReserve(text2kg::io::BufferedStream& stream, size_t count) {
  stream.Reserve(count);
}
template <>
inline void PutUnsafe(text2kg::io::BufferedStream& stream, char c) {
  stream.PutUnchecked(c);
}
}  // namespace rapidjson

namespace text2kg::io {
namespace {

using JsonWriter = rapidjson::Writer<BufferedStream, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                                     rapidjson::kWriteValidateEncodingFlag>;

/// Every Writer call checked: RapidJSON returns false (and leaves a half-written value)
/// on invalid UTF-8 or a non-finite double, so a false is turned into an exception.
class Emitter {
 public:
  explicit Emitter(BufferedStream& stream) : stream_(stream), writer_(stream) {}

  void start_object() { check(writer_.StartObject(), "{"); }
  void end_object() { check(writer_.EndObject(), "}"); }
  void start_array() { check(writer_.StartArray(), "["); }
  void end_array() { check(writer_.EndArray(), "]"); }
  void key(std::string_view k) { check(writer_.Key(k.data(), size(k)), k); }
  void string(std::string_view s) { check(writer_.String(s.data(), size(s)), s); }
  void boolean(bool b) { check(writer_.Bool(b), "bool"); }
  void uint(std::uint64_t u) { check(writer_.Uint64(u), "integer"); }
  /// A number already formatted (shortest round-trip form from std::to_chars).
  void raw_number(std::string_view text) { check(writer_.RawValue(text.data(), text.size(), rapidjson::kNumberType), text); }

  void field(std::string_view k, std::string_view s) {
    key(k);
    string(s);
  }
  /// Empty strings are not written: the reader takes a missing field as empty.
  void optional_field(std::string_view k, std::string_view s) {
    if (!s.empty()) field(k, s);
  }
  void field(std::string_view k, std::uint64_t u) {
    key(k);
    uint(u);
  }
  void id_field(std::string_view k, std::string_view iri) {
    key(k);
    start_object();
    field("@id", iri);
    end_object();
  }
  /// Non-finite values are omitted: JSON has no NaN/Infinity and consumers choke on them.
  /// Doubles get at most 15 significant digits: every 15-digit decimal survives a trip
  /// through a double, so processors that print 15-16 digits (pyld) give the same value.
  template <typename Float>
  void number_field(std::string_view k, Float value, int significant_digits = 0) {
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
    key(k);
    raw_number(std::string_view(text, length));
  }
  /// One @graph element per line keeps diffs of golden files readable at no real cost.
  void newline() { stream_.Put('\n'); }
  void finish() {
    if (!writer_.IsComplete()) throw Error("JSON-LD: internal error: document not complete");
    stream_.Flush();
  }

 private:
  static rapidjson::SizeType size(std::string_view s) { return static_cast<rapidjson::SizeType>(s.size()); }
  static void check(bool ok, std::string_view what) {
    if (!ok) {
      const std::string shown(what.substr(0, 60));
      throw Error("JSON-LD: cannot write value (invalid UTF-8?): \"" + shown + "\"");
    }
  }

  BufferedStream& stream_;
  JsonWriter writer_;
};

/// Predicate lemma pool id -> context term, for every lemma used, in lemma order.
std::map<std::string_view, std::string> predicate_terms(const graph::KnowledgeGraph& g) {
  std::unordered_set<std::uint32_t> lemma_ids;
  for (const graph::Edge& e : g.edges_in_order()) lemma_ids.insert(g.edge(e).predicate_lemma);
  std::map<std::string_view, std::string> terms;
  for (const std::uint32_t id : lemma_ids) terms.emplace(g.text(id), predicate_term(g.text(id)));
  return terms;
}

void write_context(Emitter& json, const std::map<std::string_view, std::string>& terms) {
  rapidjson::Document file;
  file.Parse(context_file().data(), context_file().size());
  json.key("@context");
  json.start_object();
  for (const auto& member : file["@context"].GetObject()) {
    json.key(member.name.GetString());
    if (member.value.IsString()) {
      json.string(member.value.GetString());
      continue;
    }
    json.start_object();  // term definitions: string members only
    for (const auto& part : member.value.GetObject()) json.field(part.name.GetString(), part.value.GetString());
    json.end_object();
  }
  std::set<std::string_view> written;
  for (const auto& [lemma, term] : terms) {
    if (!written.insert(term).second) continue;
    json.key(term);
    json.start_object();
    json.field("@id", "kg:" + term);
    json.field("@type", "@id");
    json.end_object();
  }
  json.end_object();
}

/// Every document: those recorded with metadata and those only named by evidence.
std::vector<std::string_view> document_ids(const graph::KnowledgeGraph& g) {
  std::unordered_set<std::uint32_t> ids;
  for (const graph::Edge& e : g.edges_in_order()) {
    for (const graph::Support& s : g.edge(e).support) ids.insert(s.doc);
  }
  std::set<std::string_view> all;
  for (const std::uint32_t id : ids) all.insert(g.text(id));
  for (const auto& [id, meta] : g.documents()) all.insert(id);
  return {all.begin(), all.end()};
}

class GraphWriter {
 public:
  GraphWriter(const graph::KnowledgeGraph& g, Emitter& json, const JsonldOptions& options)
      : g_(g), json_(json), base_(options.base_iri), terms_(predicate_terms(g)) {}

  void write() {
    json_.start_object();
    write_context(json_, terms_);
    json_.key("@graph");
    json_.start_array();
    json_.newline();
    for (const std::string_view id : document_ids(g_)) write_document(id);
    const auto& edges = g_.edges_in_order();
    std::size_t next_edge = 0;
    for (const graph::Vertex v : g_.nodes_in_order()) {
      std::size_t end = next_edge;  // edges are sorted by subject position: one run per node
      while (end < edges.size() && g_.source(edges[end]) == v) ++end;
      write_entity(v, next_edge, end);
      for (std::size_t i = next_edge; i < end; ++i) write_statement(edges[i]);
      next_edge = end;
    }
    json_.end_array();
    json_.end_object();
    json_.newline();
    json_.finish();
  }

 private:
  void write_document(std::string_view id) {
    static const DocumentMeta kNoMeta;
    const auto found = g_.documents().find(id);
    const DocumentMeta& meta = found == g_.documents().end() ? kNoMeta : found->second;
    json_.start_object();
    json_.field("@id", document_iri(base_, id));
    json_.field("@type", "NewsArticle");
    json_.field("identifier", id);
    json_.optional_field("headline", meta.title);
    json_.optional_field("name", meta.title);
    json_.optional_field("datePublished", meta.date);
    json_.optional_field("url", meta.url);
    json_.end_object();
    json_.newline();
  }

  const std::string& key_of(graph::Vertex v) const { return g_.node(v).entity.key; }

  void write_entity(graph::Vertex v, std::size_t first_edge, std::size_t end_edge) {
    const graph::EntityNode& node = g_.node(v);
    const Entity& e = node.entity;
    json_.start_object();
    json_.field("@id", entity_iri(base_, e.key));
    json_.field("@type", class_term(e.type));
    json_.field("key", e.key);
    json_.field("name", e.name);
    if (!e.aliases.empty()) {
      json_.key("alternateName");
      json_.start_array();
      for (const std::string& alias : e.aliases) json_.string(alias);
      json_.end_array();
    }
    json_.field("mentionCount", std::uint64_t{e.mention_count});
    if (!e.same_as.empty()) json_.id_field("sameAs", e.same_as);
    json_.field("inDegree", std::uint64_t{node.metrics.in_degree});
    json_.field("outDegree", std::uint64_t{node.metrics.out_degree});
    json_.number_field("weightedDegree", node.metrics.weighted_degree, 15);
    // Rounded to 10 digits: PageRank's last bits depend on summation order, which depends
    // on insertion order, and output must not.
    json_.number_field("pagerank", node.metrics.pagerank, 10);
    json_.field("component", std::uint64_t{node.metrics.component});
    write_assertions(first_edge, end_edge);
    json_.end_object();
    json_.newline();
  }

  /// The relations asserted as plain RDF triples, grouped by predicate (edges of one subject
  /// are sorted by lemma). A relation whose every sentence is negated is not asserted:
  /// "X did not flee to Y" must not become the fact X flee_to Y. Its Statement remains.
  void write_assertions(std::size_t first_edge, std::size_t end_edge) {
    const auto& edges = g_.edges_in_order();
    std::size_t i = first_edge;
    while (i < end_edge) {
      const std::uint32_t lemma = g_.edge(edges[i]).predicate_lemma;
      std::size_t end = i;
      bool any = false;
      while (end < end_edge && g_.edge(edges[end]).predicate_lemma == lemma) any |= !g_.edge(edges[end++]).negated();
      if (any) {
        json_.key(terms_.at(g_.text(lemma)));
        json_.start_array();
        for (; i < end; ++i) {
          if (g_.edge(edges[i]).negated()) continue;
          json_.start_object();
          json_.field("@id", entity_iri(base_, key_of(g_.target(edges[i]))));
          json_.end_object();
        }
        json_.end_array();
      }
      i = end;
    }
  }

  void write_statement(graph::Edge e) {
    const graph::RelationEdge& edge = g_.edge(e);
    const std::string& subject = key_of(g_.source(e));
    const std::string& object = key_of(g_.target(e));
    const std::string_view lemma = g_.text(edge.predicate_lemma);
    const std::string id = statement_iri(base_, subject, lemma, object);
    json_.start_object();
    json_.field("@id", id);
    json_.field("@type", "Statement");
    json_.field("subject", entity_iri(base_, subject));
    json_.field("predicate", terms_.at(lemma));
    json_.field("object", entity_iri(base_, object));
    json_.field("predicateLemma", lemma);
    json_.field("surfacePredicate", g_.text(edge.predicate));
    json_.number_field("confidence", edge.confidence(), 15);
    json_.key("negated");
    json_.boolean(edge.negated());
    json_.field("supportCount", std::uint64_t{edge.support.size()});
    json_.key("evidence");
    json_.start_array();
    for (std::size_t i = 0; i < edge.support.size(); ++i) write_evidence(id, i, edge.support[i]);
    json_.end_array();
    json_.end_object();
    json_.newline();
  }

  void write_evidence(const std::string& statement, std::size_t index, const graph::Support& s) {
    json_.start_object();
    json_.field("@id", evidence_iri(statement, index));
    json_.field("@type", "Evidence");
    json_.field("wasDerivedFrom", document_iri(base_, g_.text(s.doc)));
    json_.field("sentenceIndex", std::uint64_t{s.sentence});
    json_.field("sentence", g_.text(s.sentence_text));
    json_.field("charStart", std::uint64_t{s.sentence_chars.begin});
    json_.field("charEnd", std::uint64_t{s.sentence_chars.end});
    json_.field("subjectStart", std::uint64_t{s.subject_chars.begin});
    json_.field("subjectEnd", std::uint64_t{s.subject_chars.end});
    json_.field("objectStart", std::uint64_t{s.object_chars.begin});
    json_.field("objectEnd", std::uint64_t{s.object_chars.end});
    json_.optional_field("rule", g_.text(s.rule));
    json_.field("level", to_string(s.level));
    // The float as stored, in its shortest form: 0.9f is written 0.9, not 0.8999999761581421.
    json_.number_field("confidence", s.confidence);
    json_.key("negated");
    json_.boolean(s.negated);
    json_.optional_field("modality", g_.text(s.modality));
    if (s.attributed_to != 0) json_.field("attributedTo", entity_iri(base_, g_.text(s.attributed_to)));
    json_.optional_field("time", g_.text(s.time));
    json_.optional_field("timeNormalized", g_.text(s.time_normalized));
    json_.optional_field("place", g_.text(s.place));
    json_.end_object();
  }

  const graph::KnowledgeGraph& g_;
  Emitter& json_;
  std::string base_;
  std::map<std::string_view, std::string> terms_;
};

}  // namespace

void write_jsonld(const graph::KnowledgeGraph& g, std::ostream& out, const JsonldOptions& options) {
  if (!g.prepared()) throw Error("JSON-LD: the graph must be prepared before writing");
  BufferedStream stream(out);
  Emitter json(stream);
  GraphWriter(g, json, options).write();
}

}  // namespace text2kg::io
