#include "text2kg/io/graphml_format.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "text2kg/base/utf8.hpp"
#include "text2kg/io/text_scan.hpp"

namespace text2kg::io::graphml {
namespace {

using namespace std::string_view_literals;

// Fixed order: APOC needs `labels` by id on nodes and `label` as the first edge <data>;
// Gephi takes `nlabel`/`label` (attr.name "label") and `weight`; `uid` and not `id`, since
// APOC's storeNodeIds writes the XML id into a property `id`.
constexpr std::array kKeys = {
    Key{"documents", "graph", "documents", "string",
        "JSON array of the source documents: {id, title, date, url}"},
    Key{"labels", "node", "labels", "string", "Neo4j labels, e.g. :Person:Entity (APOC readLabels)"},
    Key{"nlabel", "node", "label", "string", "display label (Gephi): the entity name"},
    Key{"uid", "node", "uid", "string", "stable entity key, e.g. person/evo_morales"},
    Key{"name", "node", "name", "string", "representative name"},
    Key{"type", "node", "type", "string", "entity type: Person, Organization, Place, Event, Date, Other, Concept, Claim or empty"},
    Key{"aliases", "node", "aliases", "string", "JSON array of every surface name seen, sorted"},
    Key{"mentions", "node", "mentions", "long", "number of mentions"},
    Key{"same_as", "node", "same_as", "string", "external IRI (Wikidata) when linked; omitted when none"},
    Key{"in_degree", "node", "in_degree", "long", "number of incoming relations"},
    Key{"out_degree", "node", "out_degree", "long", "number of outgoing relations"},
    Key{"weighted_degree", "node", "weighted_degree", "double", "sum of the weights of incident relations"},
    Key{"pagerank", "node", "pagerank", "double", "PageRank, summing to 1 over the graph"},
    Key{"component", "node", "component", "long", "weakly connected component, numbered in key order"},
    Key{"nexact", "node", "exact", "string",
        "JSON object with the exact value of each of uid, name, same_as whose plain value had to be altered for XML; omitted when none"},
    Key{"label", "edge", "label", "string", "Neo4j relationship type: the predicate lemma in UPPER_SNAKE (first <data> of an edge)"},
    Key{"weight", "edge", "weight", "double", "number of supporting sentences (Gephi weight)"},
    Key{"predicate", "edge", "predicate", "string", "surface predicate, e.g. fled_to"},
    Key{"predicate_lemma", "edge", "predicate_lemma", "string", "lemma predicate, the merge key, e.g. flee_to"},
    Key{"confidence", "edge", "confidence", "double", "noisy-or of the supporting sentences' confidences"},
    Key{"support", "edge", "support", "long", "number of supporting sentences"},
    Key{"negated", "edge", "negated", "boolean", "true when every supporting sentence is negated"},
    Key{"modality", "edge", "modality", "string", "modality of the first supporting sentence; omitted when none"},
    Key{"evidence", "edge", "evidence", "string", "text of the first supporting sentence"},
    Key{"rule", "edge", "rule", "string", "extraction rule of the first supporting sentence"},
    Key{"provenance", "edge", "provenance", "string", "JSON array of every support record with all its fields"},
    Key{"exact", "edge", "exact", "string",
        "JSON object with the exact value of each of predicate, predicate_lemma whose plain value had to be altered for XML; omitted when none"},
};

bool is_noncharacter_fffe_ffff(std::string_view text, std::size_t i) {
  return i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xEF &&
         static_cast<unsigned char>(text[i + 1]) == 0xBF && (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE;
}

constexpr char kHex[] = "0123456789ABCDEF";

template <typename Out>
void append_unicode_escape(Out& out, unsigned value) {
  out += "\\u"sv;
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

template <typename Out, typename Number>
void append_chars(Out& out, Number value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
}

}  // namespace

std::span<const Key> keys() { return kKeys; }

namespace {

using scan::next_notable;

bool has_noncharacter_fffe_ffff(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (is_noncharacter_fffe_ffff(text, i)) return true;
  }
  return false;
}

}  // namespace

bool survives_xml(std::string_view text) {
  for (std::size_t i = next_notable(text, 0); i < text.size(); i = next_notable(text, i + 1)) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      // The rest is checked as a whole once: validity, then the two non-characters.
      const std::string_view rest = text.substr(i);
      for (const char c : rest) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 && b != '\t' && b != '\n') return false;
      }
      return !utf8::find_invalid(rest) && !has_noncharacter_fffe_ffff(rest, 0);
    }
    if (byte < 0x20 && byte != '\t' && byte != '\n') return false;  // includes CR
  }
  return true;
}

std::string xml_text(std::string_view text) {
  if (survives_xml(text)) return std::string(text);
  // Line ends as an XML parser would read them (CR LF and CR become LF), so that no CR, a
  // control character, reaches the file; the exact value travels in JSON.
  std::string normalized;
  normalized.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      normalized += text[i];
    } else if (i + 1 == text.size() || text[i + 1] != '\n') {
      normalized += '\n';
    }
  }
  return utf8::to_xml_safe(normalized);
}

namespace {

template <typename Out>
void append_character_reference(Out& out, unsigned char byte) {
  out += "&#"sv;
  out += static_cast<char>('0' + byte / 10);
  out += static_cast<char>('0' + byte % 10);
  out += ';';
}

/// pugixml's escaping: in text & < > and controls but TAB, LF, CR; in attributes & < " and
/// every control.
template <bool kAttribute, typename Out>
void append_escaped(Out& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = next_notable(text, 0); i < text.size(); i = next_notable(text, i + 1)) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const char* replacement = nullptr;
    switch (byte) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = kAttribute ? nullptr : "&gt;"; break;
      case '"': replacement = kAttribute ? "&quot;" : nullptr; break;
      default: break;
    }
    const bool control = byte < 0x20 && (kAttribute || (byte != '\t' && byte != '\n' && byte != '\r'));
    if (replacement == nullptr && !control) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    if (replacement != nullptr) {
      out += replacement;
    } else {
      append_character_reference(out, byte);
    }
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace

template <typename Out>
void append_escaped_text(Out& out, std::string_view text) {
  append_escaped<false>(out, text);
}
template <typename Out>
void append_escaped_attribute(Out& out, std::string_view text) {
  append_escaped<true>(out, text);
}

namespace {

/// A JSON string literal; with kXml also escaped for XML element content (& < > as entities),
/// which is what append_escaped_text() of the literal gives, since the literal holds no
/// control character: the provenance JSON goes into the file in one pass.
template <bool kXml, typename Out>
void append_json_literal(Out& out, std::string_view raw) {
  std::string valid;  // only for ill-formed input
  std::string_view text = raw;
  out += '"';
  std::size_t run = 0;
  bool checked = false;
  for (std::size_t i = next_notable(text, 0); i < text.size(); i = next_notable(text, i + 1)) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      if (!checked && utf8::find_invalid(text.substr(i))) {
        // Start again on a repaired copy; the part already written was ASCII, so unchanged.
        valid = std::string(text.substr(0, i)) + utf8::to_valid(text.substr(i));
        text = valid;
      }
      checked = true;
      if (!is_noncharacter_fffe_ffff(text, i)) continue;
      out.append(text.data() + run, i - run);
      append_unicode_escape(out, 0xFFFE | (static_cast<unsigned char>(text[i + 2]) & 1U));
      i += 2;
      run = i + 1;
      continue;
    }
    if (byte == '"' || byte == '\\') {
      out.append(text.data() + run, i - run);
      out += '\\';
      out += static_cast<char>(byte);
      run = i + 1;
    } else if (byte < 0x20) {
      out.append(text.data() + run, i - run);
      append_unicode_escape(out, byte);
      run = i + 1;
    } else if (kXml && (byte == '&' || byte == '<' || byte == '>')) {
      out.append(text.data() + run, i - run);
      out += byte == '&' ? "&amp;"sv : byte == '<' ? "&lt;"sv : "&gt;"sv;
      run = i + 1;
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

}  // namespace

template <typename Out>
void append_json_string(Out& out, std::string_view raw) {
  append_json_literal<false>(out, raw);
}
template <typename Out>
void append_json_string_xml(Out& out, std::string_view raw) {
  append_json_literal<true>(out, raw);
}

template <typename Out>
bool append_plain_text(Out& out, std::string_view text) {
  const std::size_t start = out.size();
  std::size_t run = 0;
  for (std::size_t i = next_notable(text, 0); i < text.size(); i = next_notable(text, i + 1)) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const char* replacement = nullptr;
    if (byte >= 0x80) {
      // The rest is checked once, as survives_xml() does; then only & < > remain to escape.
      if (survives_xml(text.substr(i))) {
        for (std::size_t j = next_notable(text, i); j < text.size(); j = next_notable(text, j + 1)) {
          const char c = text[j];
          const char* entity = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : nullptr;
          if (entity == nullptr) continue;
          out.append(text.data() + run, j - run);
          out += entity;
          run = j + 1;
        }
        break;
      }
      out.resize(start);
      return false;
    }
    switch (byte) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '\t':
      case '\n':
      case '"':
      case '\\': continue;
      default:  // another control character, CR included: not XML-safe as it is
        out.resize(start);
        return false;
    }
    out.append(text.data() + run, i - run);
    run = i + 1;
    out += replacement;
  }
  out.append(text.data() + run, text.size() - run);
  return true;
}

template <typename Out>
void append_number(Out& out, std::uint64_t value) {
  append_chars(out, value);
}
template <typename Out>
void append_number(Out& out, double value) {
  append_chars(out, value);
}
template <typename Out>
void append_number(Out& out, float value) {
  append_chars(out, value);
}

std::string relationship_type(std::string_view lemma) {
  std::string type;
  bool pending_separator = false;
  for (const char c : lemma) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                      byte >= 0x80;
    if (!keep) {
      pending_separator = !type.empty();
      continue;
    }
    if (pending_separator) type += '_';
    pending_separator = false;
    type += static_cast<char>(byte >= 'a' && byte <= 'z' ? byte - 'a' + 'A' : byte);
  }
  if (type.empty()) return "RELATED_TO";
  return utf8::to_xml_safe(type);
}

std::string element_id(char prefix, std::uint64_t index) {
  std::string id(1, prefix);
  append_number(id, index);
  return id;
}

std::string node_labels(EntityType type) {
  std::string labels;
  if (type != EntityType::None) {
    labels += ':';
    labels += to_string(type);
  }
  labels += ":Entity"sv;
  return labels;
}

// The writers format into TextBuffer; readers, tests and small pieces use std::string.
#define TEXT2KG_GRAPHML_APPENDERS(Out)                                                  \
  template void append_escaped_text(Out&, std::string_view);                           \
  template void append_escaped_attribute(Out&, std::string_view);                      \
  template void append_json_string(Out&, std::string_view);                            \
  template void append_json_string_xml(Out&, std::string_view);                        \
  template bool append_plain_text(Out&, std::string_view);                             \
  template void append_number(Out&, std::uint64_t);                                    \
  template void append_number(Out&, double);                                           \
  template void append_number(Out&, float);
TEXT2KG_GRAPHML_APPENDERS(std::string)
TEXT2KG_GRAPHML_APPENDERS(TextBuffer)
#undef TEXT2KG_GRAPHML_APPENDERS

}  // namespace text2kg::io::graphml
