#include "text2kg/io/jsonld_iri.hpp"

#include <array>

namespace text2kg::io {
namespace {

constexpr std::string_view kHexUpper = "0123456789ABCDEF";
constexpr std::string_view kHexLower = "0123456789abcdef";

constexpr bool kept_in_slug(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
         c == '/';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;  // slug() writes upper case only: lower case would be a second spelling
}

/// kept_in_slug() as a table: slugs are made for every IRI of every edge.
constexpr std::array<bool, 256> kKeptInSlug = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[static_cast<std::size_t>(c)] = kept_in_slug(static_cast<char>(c));
  return table;
}();

}  // namespace

template <typename Out>
void append_slug(Out& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (kKeptInSlug[byte]) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    const char escape[3] = {'%', kHexUpper[byte >> 4], kHexUpper[byte & 0xF]};
    out.append(escape, 3);
  }
  out.append(text.data() + run, text.size() - run);
}

std::string slug(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_slug(out, text);
  return out;
}

std::optional<std::string> unslug(std::string_view slug) {
  std::string out;
  out.reserve(slug.size());
  for (std::size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    if (kept_in_slug(c)) {
      out += c;
      continue;
    }
    if (c != '%' || i + 2 >= slug.size()) return std::nullopt;
    const int high = hex_value(slug[i + 1]);
    const int low = hex_value(slug[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    const auto byte = static_cast<char>((high << 4) | low);
    if (kept_in_slug(byte)) return std::nullopt;  // never escaped by slug(): not ours
    out += byte;
    i += 2;
  }
  return out;
}

std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

template <typename Out>
void append_hex64(Out& out, std::uint64_t value) {
  char digits[16];
  for (int i = 15; i >= 0; --i) {
    digits[i] = kHexLower[value & 0xF];
    value >>= 4;
  }
  out.append(digits, 16);
}

template void append_slug(std::string&, std::string_view);
template void append_slug(TextBuffer&, std::string_view);
template void append_hex64(std::string&, std::uint64_t);
template void append_hex64(TextBuffer&, std::uint64_t);

std::string hex64(std::uint64_t value) {
  std::string out;
  append_hex64(out, value);
  return out;
}

std::string entity_iri(std::string_view base, std::string_view key) {
  std::string iri(base);
  iri += slug(key);
  return iri;
}

std::string document_iri(std::string_view base, std::string_view doc_id) {
  std::string iri(base);
  iri += "doc/";
  iri += slug(doc_id);
  return iri;
}

std::string statement_id(std::string_view subject_key, std::string_view lemma, std::string_view object_key) {
  std::uint64_t hash = fnv1a64(subject_key);
  hash = fnv1a64("|", hash);
  hash = fnv1a64(lemma, hash);
  hash = fnv1a64("|", hash);
  hash = fnv1a64(object_key, hash);
  return hex64(hash);
}

std::string statement_iri(std::string_view base, std::string_view subject_key, std::string_view lemma,
                          std::string_view object_key) {
  std::string iri(base);
  iri += "stmt/";
  iri += statement_id(subject_key, lemma, object_key);
  return iri;
}

std::string evidence_iri(std::string_view statement, std::size_t index) {
  std::string iri(statement);
  iri += "/e";
  iri += std::to_string(index);
  return iri;
}

}  // namespace text2kg::io
