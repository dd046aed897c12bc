#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace text2kg {

/// What a graph node stands for. Named types come from entity recognition; Concept marks
/// common-noun arguments ("police stations") so they stay distinguishable from entities;
/// Claim is what someone is reported to have said ("X said that ..."'s clause), schema.org's
/// Claim. New types go at the end: the values are stored in model files.
enum class EntityType : std::uint8_t { None, Person, Organization, Place, Event, Date, Other, Concept, Claim };

inline constexpr std::size_t kEntityTypeCount = 9;

/// "Person", "Organization", ... ("" for None): the Neo4j label and GraphML `type` value.
constexpr std::string_view to_string(EntityType type) {
  constexpr std::array<std::string_view, kEntityTypeCount> names = {
      "", "Person", "Organization", "Place", "Event", "Date", "Other", "Concept", "Claim"};
  return names[static_cast<std::size_t>(type)];
}

/// Accepts the names above case-insensitively plus common tag sets: PER/PERSON,
/// ORG/ORGANIZATION, LOC/GPE/FAC/PLACE/LOCATION, EVENT, DATE/TIME, MISC/OTHER, CLAIM.
std::optional<EntityType> parse_entity_type(std::string_view name);

}  // namespace text2kg
