#include "text2kg/io/jsonld_iri.hpp"

namespace text2kg::io {
namespace {

constexpr std::string_view kHexUpper = "0123456789ABCDEF";
constexpr std::string_view kHexLower = "0123456789abcdef";

bool kept_in_slug(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
         c == '/';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;  // slug() writes upper case only: lower case would be a second spelling
}

}  // namespace

std::string slug(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (kept_in_slug(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHexUpper[byte >> 4];
      out += kHexUpper[byte & 0xF];
    }
  }
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

std::string hex64(std::uint64_t value) {
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHexLower[value & 0xF];
    value >>= 4;
  }
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
