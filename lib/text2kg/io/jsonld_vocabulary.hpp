#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "text2kg/text/entity_type.hpp"

namespace text2kg::io {

/// Our vocabulary namespace; the context maps the prefix "kg" to it.
inline constexpr std::string_view kVocabNamespace = "https://w3id.org/text2kg/vocab#";

/// The bytes of schemas/text2kg.context.jsonld ({"@context": {...}}), embedded at build
/// time so the file is the single source of truth for the context the writer inlines.
/// The written context is this object's members, in file order, followed by one term per
/// relation predicate used in the graph (predicate_term() -> {"@id": "kg:<term>", "@type": "@id"}).
std::string_view context_file();

/// True for a term the static context defines (a predicate term must not shadow one).
bool is_static_term(std::string_view term);

/// Class term of an entity type: "Person", "Organization", "Place", "Event", "Claim"
/// (schema.org), "Date", "Other", "Concept" and "Thing" for an untyped entity (our vocabulary).
std::string_view class_term(EntityType type);
/// The inverse; nullopt for a term that is not an entity class.
std::optional<EntityType> entity_type_of_class(std::string_view term);

/// The context term (and kg: local name) of a relation predicate: the lemma itself when it
/// is a safe local name ([A-Za-z_][A-Za-z0-9_-]*) that shadows no static term, otherwise
/// "rel_" + a hash of the lemma. The lemma itself is always written too (predicateLemma).
std::string predicate_term(std::string_view lemma);

}  // namespace text2kg::io
