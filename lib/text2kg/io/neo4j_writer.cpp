#include "text2kg/io/neo4j_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/graphml_buffer.hpp"
#include "text2kg/io/graphml_prefetch.hpp"
#include "text2kg/io/jsonld_iri.hpp"
#include "text2kg/io/pooled_text_memo.hpp"
#include "text2kg/io/text_buffer.hpp"
#include "text2kg/io/text_scan.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace text2kg::io {
namespace fs = std::filesystem;
namespace {

/// Appends `text` as a CSV field: as it is, or in double quotes with quotes doubled when it
/// holds a comma, a quote or a line end.
template <typename Out>
void append_csv(Out& out, std::string_view text) {
  std::size_t special = scan::next_csv_special(text, 0);
  if (special == text.size()) {
    out += text;
    return;
  }
  out += '"';
  std::size_t run = 0;
  for (; special < text.size(); special = scan::next_csv_special(text, special + 1)) {
    if (text[special] != '"') continue;
    out.append(text.data() + run, special + 1 - run);  // the quote, then its double below
    out += '"';
    run = special + 1;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

/// Room for put_number_text(): the longest shortest round-trip double is 24 bytes, plus ".0".
constexpr std::size_t kNumberRoom = 32;

/// Cypher's grammar has no '+' in an exponent; to_chars writes one only right after the 'e'
/// in the last five bytes ("e+308"). Returns the new end.
char* drop_exponent_plus(char* begin, char* end) {
  for (char* p = std::max(end - 5, begin); p + 1 < end; ++p) {
    if (p[0] != 'e' || p[1] != '+') continue;
    std::memmove(p + 1, p + 2, static_cast<std::size_t>(end - (p + 2)));
    return end - 1;
  }
  return end;
}

/// Writes at `out` (room kNumberRoom) the shortest round-trip text of `value` with a decimal
/// point or exponent and no '+' in the exponent, and returns its end; writes nothing for a
/// value that is not finite, which every format then omits.
char* put_number_text(char* out, double value) {
  if (!std::isfinite(value)) return out;
  // Degrees and weights are small whole numbers: below 10^4 the shortest text is the digits
  // (an exponent form needs 5 bytes), so they skip the shortest-digits search.
  if (!std::signbit(value) && value < 1e4 && value == static_cast<double>(static_cast<std::uint32_t>(value))) {
    out = std::to_chars(out, out + 4, static_cast<std::uint32_t>(value)).ptr;
    std::memcpy(out, ".0", 2);
    return out + 2;
  }
  char* const end = drop_exponent_plus(out, std::to_chars(out, out + kNumberRoom, value).ptr);
  // 3.0 stays a float in Cypher (a bare 3 would be stored as an integer).
  if (std::find_if(out, end, [](char c) { return c == '.' || c == 'e'; }) != end) return end;
  std::memcpy(end, ".0", 2);
  return end + 2;
}

template <typename Out>
void append_number_text(Out& out, double value) {
  char text[kNumberRoom];
  out.append(text, static_cast<std::size_t>(put_number_text(text, value) - text));
}

template <typename Out>
void append_uint(Out& out, std::uint64_t value) {
  char digits[24];
  const char* const end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

std::string_view label_of(EntityType type) {
  const std::string_view name = to_string(type);
  return name.empty() ? std::string_view("Thing") : name;
}

/// The aliases joined by ';', the array delimiter of neo4j-admin, which cannot be escaped: a
/// ';' inside an alias becomes ','. Runs between such bytes are copied whole.
void append_alias_list(TextBuffer& joined, const std::vector<std::string>& aliases) {
  for (const std::string& alias : aliases) {
    if (&alias != &aliases.front()) joined += ';';
    for (std::size_t run = 0;;) {
      const std::size_t semicolon = alias.find(';', run);
      joined.append(alias.data() + run, std::min(semicolon, alias.size()) - run);
      if (semicolon == std::string::npos) break;
      joined += ',';
      run = semicolon + 1;
    }
  }
}

/// Bytes that make a field of nodes.csv take the slow path: those that need CSV quotes
/// (, " CR LF), and in an alias also ';', which the joined list replaces by ','.
enum class Plain { csv, alias };

#ifdef __SSE2__
template <Plain kind>
int special_bits(__m128i x) {
  __m128i hit = _mm_cmpeq_epi8(x, _mm_set1_epi8(','));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
  if constexpr (kind == Plain::alias) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8(';')));
  return _mm_movemask_epi8(hit);
}

template <typename Word>
Word load(const char* at) {
  Word word;
  std::memcpy(&word, at, sizeof word);
  return word;
}
template <typename Word>
void store(char* at, Word word) {
  std::memcpy(at, &word, sizeof word);
}

/// Copies `text` to `out` and tells whether it holds a byte of `kind`, in one pass. Names and
/// keys are 10 to 40 bytes: each size class is two overlapping loads and stores of one width
/// (the usual small-memcpy trick), never a byte past either end, and the scan looks at the
/// loaded words, so the bytes are read once. A call to memcpy and a separate scan cost more
/// than the copy itself at these sizes.
template <Plain kind>
bool copy_if_plain(char* out, std::string_view text) {
  const char* const in = text.data();
  const std::size_t n = text.size();
  if (n >= 16) {
    int bits = 0;
    for (std::size_t at = 0; at + 16 < n; at += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + at));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + at), x);
      bits |= special_bits<kind>(x);
    }
    const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n - 16), last);
    return (bits | special_bits<kind>(last)) != 0;
  }
  __m128i x;
  if (n >= 8) {
    const auto head = load<std::uint64_t>(in), tail = load<std::uint64_t>(in + n - 8);
    store(out, head);
    store(out + n - 8, tail);
    x = _mm_set_epi64x(static_cast<long long>(tail), static_cast<long long>(head));
  } else if (n >= 4) {
    const auto head = load<std::uint32_t>(in), tail = load<std::uint32_t>(in + n - 4);
    store(out, head);
    store(out + n - 4, tail);
    x = _mm_set_epi32(0, 0, static_cast<int>(tail), static_cast<int>(head));  // NUL is no special byte
  } else if (n > 0) {
    const char first = in[0], middle = in[n / 2], last = in[n - 1];
    out[0] = first;
    out[n / 2] = middle;
    out[n - 1] = last;
    x = _mm_setr_epi8(first, middle, last, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  } else {
    return false;
  }
  return special_bits<kind>(x) != 0;
}
#else
template <Plain kind>
bool copy_if_plain(char* out, std::string_view text) {
  bool special = false;
  for (const char c : text) {
    special |= c == ',' || c == '"' || c == '\r' || c == '\n' || (kind == Plain::alias && c == ';');
    *out++ = c;
  }
  return special;
}
#endif

/// A row of nodes.csv written through a raw pointer into room reserved for the whole row
/// (TextBuffer::room). The fields are short, so per-piece overheads (bounds checks, calls to
/// memcpy, reloading the end after each byte) were most of the time a row took.
class RowCursor {
 public:
  explicit RowCursor(char* at) : at_(at) {}
  char* end() const { return at_; }

  void put(char c) { *at_++ = c; }
  template <std::size_t N>
  void put(const char (&literal)[N]) {
    std::memcpy(at_, literal, N - 1);
    at_ += N - 1;
  }
  /// Short text known to need no quotes (labels).
  void put_text(std::string_view text) {
    copy_if_plain<Plain::csv>(at_, text);
    at_ += text.size();
  }
  /// Room: 2 * text.size() + 2.
  void put_csv(std::string_view text) {
    if (copy_if_plain<Plain::csv>(at_, text)) {
      put_quoted(text);
      return;
    }
    at_ += text.size();
  }
  /// The aliases joined as append_alias_list() joins them, as a CSV field. Room: twice the
  /// joined size, plus 2. `scratch` is used only when a byte needs care.
  void put_aliases(const std::vector<std::string>& aliases, TextBuffer& scratch) {
    char* const start = at_;
    bool special = false;
    for (const std::string& alias : aliases) {
      if (&alias != &aliases.front()) put(';');
      special |= copy_if_plain<Plain::alias>(at_, alias);
      at_ += alias.size();
    }
    if (!special) return;
    at_ = start;
    scratch.clear();
    append_alias_list(scratch, aliases);
    put_csv(scratch);
  }
  /// Room: 10.
  void put_uint(std::uint32_t value) { at_ = std::to_chars(at_, at_ + 10, value).ptr; }
  /// Room: kNumberRoom.
  void put_number(double value) { at_ = put_number_text(at_, value); }

 private:
  void put_quoted(std::string_view text) {
    put('"');
    for (const char c : text) {
      if (c == '"') put('"');
      put(c);
    }
    put('"');
  }
  char* at_;
};

/// Formats rows of nodes.csv and relationships.csv; the writers run two in parallel
/// (format_in_order), so a row's bytes depend on nothing but the graph.
class CsvFormatter {
 public:
  explicit CsvFormatter(const graph::KnowledgeGraph& g) : g_(g) {}

  void node_row(TextBuffer& s, std::size_t i) {
    const auto& nodes = g_.nodes_in_order();
    graphml::prefetch_nodes_ahead(g_, nodes, i);
    const graph::EntityNode& node = g_.node(nodes[i]);
    const Entity& e = node.entity;
    const std::string_view label = label_of(e.type);
    RowCursor row(s.room(node_row_room(e, label)));
    row.put_csv(e.key);
    row.put(",Entity;");
    row.put_text(label);
    row.put(',');
    row.put_csv(e.name);
    row.put(',');
    row.put_text(label);
    row.put(',');
    row.put_aliases(e.aliases, scratch_);
    row.put(',');
    row.put_uint(e.mention_count);
    row.put(',');
    row.put_csv(e.same_as);
    row.put(',');
    row.put_uint(node.metrics.in_degree);
    row.put(',');
    row.put_uint(node.metrics.out_degree);
    row.put(',');
    row.put_number(node.metrics.weighted_degree);
    row.put(',');
    row.put_number(node.metrics.pagerank);
    row.put(',');
    row.put_uint(node.metrics.component);
    row.put('\n');
    s.commit(row.end());
  }

  void relationship_row(TextBuffer& s, std::size_t i) {
    const auto& edges = g_.edges_in_order();
    graphml::prefetch_edges_ahead(g_, edges, i);
    const graph::Edge e = edges[i];
    const graph::RelationEdge& edge = g_.edge(e);
    const std::string& subject = g_.node(g_.source(e)).entity.key;
    const std::string& object = g_.node(g_.target(e)).entity.key;
    const std::string_view lemma = g_.text(edge.predicate_lemma);
    append_csv(s, subject);
    s += ',';
    append_csv(s, object);
    s += ',';
    s += type_field(edge.predicate_lemma);
    s += ',';
    std::uint64_t hash = fnv1a64(subject);
    hash = fnv1a64("|", hash);
    hash = fnv1a64(lemma, hash);
    hash = fnv1a64("|", hash);
    append_hex64(s, fnv1a64(object, hash));  // statement_id()
    s += ',';
    append_csv(s, g_.text(edge.predicate));
    s += ',';
    append_csv(s, lemma);
    s += ',';
    append_number_text(s, edge.confidence());
    s += ',';
    append_uint(s, edge.support.size());
    s += edge.negated() ? ",true," : ",false,";
    if (!edge.support.empty()) {
      const graph::Support& first = edge.support.front();
      append_csv(s, g_.text(first.doc));
      s += ',';
      append_uint(s, first.sentence);
      s += ',';
      append_csv(s, g_.text(first.sentence_text));
      s += ',';
      append_csv(s, g_.text(first.rule));
    } else {
      s += ",,,";
    }
    s += '\n';
  }

 private:
  /// The :TYPE field of a pooled lemma, made once per lemma.
  const std::string& type_field(std::uint32_t lemma) {
    return types_.get(lemma, [&] { return csv_field(relationship_type(g_.text(lemma))); });
  }

  /// A bound on the bytes of a node's row: quoting at most doubles a text, plus its quotes.
  static std::size_t node_row_room(const Entity& e, std::string_view label) {
    std::size_t aliases = 0;
    for (const std::string& alias : e.aliases) aliases += alias.size() + 1;
    const std::size_t texts = e.key.size() + e.name.size() + aliases + e.same_as.size();
    constexpr std::size_t kFixed = 4 * 2 + sizeof ",Entity;" + 10 * 5 + 2 * kNumberRoom + 16;
    return 2 * texts + 2 * label.size() + kFixed;
  }

  const graph::KnowledgeGraph& g_;
  PooledTextMemo types_;
  TextBuffer scratch_;  // the joined aliases of the current row
};

/// A header line, then `rows` rows formatted on two threads in chunks of `chunk` rows.
template <typename Row>
void write_csv(const graph::KnowledgeGraph& g, std::ostream& out, std::string_view header, std::size_t rows,
               std::size_t chunk, Row row) {
  OutputBuffer buffer(out, "Neo4j");
  buffer.append(header);
  std::array<CsvFormatter, 2> formatters{CsvFormatter(g), CsvFormatter(g)};
  format_in_order<TextBuffer>(rows, formatters, buffer, row, chunk);
  buffer.finish();
}

}  // namespace

void write_neo4j_nodes_csv(const graph::KnowledgeGraph& g, std::ostream& out) {
  write_csv(g, out, kNodesCsvHeader, g.nodes_in_order().size(), 8192,
            [](CsvFormatter& f, TextBuffer& text, std::size_t i) { f.node_row(text, i); });
}

void write_neo4j_relationships_csv(const graph::KnowledgeGraph& g, std::ostream& out) {
  write_csv(g, out, kRelationshipsCsvHeader, g.edges_in_order().size(), 4096,
            [](CsvFormatter& f, TextBuffer& text, std::size_t i) { f.relationship_row(text, i); });
}


namespace {

void write_file(const fs::path& path, void (*write)(const graph::KnowledgeGraph&, std::ostream&),
                const graph::KnowledgeGraph& g) {
  AtomicFile file(path);
  write(g, file.stream());
  file.commit();
}

}  // namespace

std::string relationship_type(std::string_view lemma) {
  std::string type;
  bool pending_separator = false;
  for (const char c : lemma) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!keep) {
      pending_separator = !type.empty();
      continue;
    }
    if (pending_separator) type += '_';
    pending_separator = false;
    type += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return type.empty() ? std::string("RELATED_TO") : type;
}

std::string number_text(double value) {
  std::string out;
  append_number_text(out, value);
  return out;
}

std::string csv_field(std::string_view text) {
  std::string out;
  append_csv(out, text);
  return out;
}

void write_neo4j(const graph::KnowledgeGraph& g, const fs::path& dir) {
  if (!g.prepared()) throw Error("Neo4j: the graph must be prepared before writing");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create directory: " + ec.message());
  write_file(dir / "nodes.csv", write_neo4j_nodes_csv, g);
  write_file(dir / "relationships.csv", write_neo4j_relationships_csv, g);
  write_file(dir / "import.cypher", write_neo4j_cypher, g);
}

}  // namespace text2kg::io
