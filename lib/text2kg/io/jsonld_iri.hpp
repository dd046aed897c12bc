#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "text2kg/io/text_buffer.hpp"

namespace text2kg::io {

/// IRIs minted by the JSON-LD writer (formats.md 6.3). All are absolute: base IRI + path.
/// Entities:   base + slug(entity key)             "https://w3id.org/text2kg/id/person/evo_morales"
/// Documents:  base + "doc/" + slug(document id)
/// Statements: base + "stmt/" + 16 hex digits of FNV-1a 64 over "subject|lemma|object" keys
/// Evidence:   statement IRI + "/e" + index of the support record

/// Keeps [a-z0-9-._~/] and percent-encodes every other byte as %XX (upper-case hex), so
/// the slug is an IRI path and unslug() inverts it exactly. '/' is kept because entity keys
/// are "<type>/<name>", which reads as a path.
std::string slug(std::string_view text);
/// Appends slug(text) to `out` (a std::string or a TextBuffer).
template <typename Out>
void append_slug(Out& out, std::string_view text);
/// The inverse of slug(); nullopt when `slug` holds a character slug() never writes or a
/// malformed escape.
std::optional<std::string> unslug(std::string_view slug);

std::string entity_iri(std::string_view base, std::string_view key);
std::string document_iri(std::string_view base, std::string_view doc_id);
std::string statement_iri(std::string_view base, std::string_view subject_key, std::string_view lemma,
                          std::string_view object_key);
/// The 16 hex digits naming a relation in every format (JSON-LD statement IRI, Neo4j `sid`).
std::string statement_id(std::string_view subject_key, std::string_view lemma, std::string_view object_key);
std::string evidence_iri(std::string_view statement, std::size_t index);

/// 64-bit FNV-1a: small, stable across platforms and runs, enough against collisions for
/// millions of statements (birthday bound ~ 4e9).
std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = 0xCBF29CE484222325ULL);
/// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);
/// Appends hex64(value) to `out` (a std::string or a TextBuffer).
template <typename Out>
void append_hex64(Out& out, std::uint64_t value);

}  // namespace text2kg::io
