#include "text2kg/io/jsonld_vocabulary.hpp"

#include <rapidjson/document.h>

#include <array>
#include <set>
#include <stdexcept>
#include <utility>

#include "text2kg/io/jsonld_context_data.hpp"
#include "text2kg/io/jsonld_iri.hpp"

namespace text2kg::io {
namespace {

std::set<std::string, std::less<>> load_static_terms() {
  rapidjson::Document doc;
  doc.Parse(detail::kContextFile.data(), detail::kContextFile.size());
  // The file is checked when the build embeds it and by the unit tests; a broken file is a
  // build defect, not an input error.
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("@context") || !doc["@context"].IsObject()) {
    throw std::logic_error("schemas/text2kg.context.jsonld is not a {\"@context\": {...}} object");
  }
  std::set<std::string, std::less<>> terms;
  for (const auto& member : doc["@context"].GetObject()) terms.emplace(member.name.GetString());
  return terms;
}

constexpr std::array<std::pair<EntityType, std::string_view>, kEntityTypeCount> kClasses = {{
    {EntityType::None, "Thing"},
    {EntityType::Person, "Person"},
    {EntityType::Organization, "Organization"},
    {EntityType::Place, "Place"},
    {EntityType::Event, "Event"},
    {EntityType::Date, "Date"},
    {EntityType::Other, "Other"},
    {EntityType::Concept, "Concept"},
    {EntityType::Claim, "Claim"},
}};

bool is_safe_local_name(std::string_view name) {
  if (name.empty()) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(name.front())) return false;
  for (const char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  }
  return true;
}

}  // namespace

std::string_view context_file() { return detail::kContextFile; }

bool is_static_term(std::string_view term) {
  static const auto terms = load_static_terms();
  return terms.find(term) != terms.end();
}

std::string_view class_term(EntityType type) {
  for (const auto& [candidate, term] : kClasses) {
    if (candidate == type) return term;
  }
  return "Thing";
}

std::optional<EntityType> entity_type_of_class(std::string_view term) {
  for (const auto& [type, candidate] : kClasses) {
    if (candidate == term) return type;
  }
  return std::nullopt;
}

std::string predicate_term(std::string_view lemma) {
  // "rel_" + hex cannot collide with a safe lemma of that exact spelling in practice; the
  // lemma is written beside it, so nothing is lost either way.
  if (is_safe_local_name(lemma) && !is_static_term(lemma)) return std::string(lemma);
  return "rel_" + hex64(fnv1a64(lemma));
}

}  // namespace text2kg::io
