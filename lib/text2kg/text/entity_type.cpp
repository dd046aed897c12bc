#include "text2kg/text/entity_type.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace text2kg {

std::optional<EntityType> parse_entity_type(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  static const std::pair<std::string_view, EntityType> table[] = {
      {"", EntityType::None},          {"NONE", EntityType::None},
      {"PERSON", EntityType::Person},  {"PER", EntityType::Person},
      {"ORGANIZATION", EntityType::Organization}, {"ORGANISATION", EntityType::Organization},
      {"ORG", EntityType::Organization},
      {"PLACE", EntityType::Place},    {"LOC", EntityType::Place},
      {"LOCATION", EntityType::Place}, {"GPE", EntityType::Place},
      {"FAC", EntityType::Place},      {"EVENT", EntityType::Event},
      {"DATE", EntityType::Date},      {"TIME", EntityType::Date},
      {"OTHER", EntityType::Other},    {"MISC", EntityType::Other},
      {"CONCEPT", EntityType::Concept}, {"CLAIM", EntityType::Claim}};
  for (const auto& [key, type] : table) {
    if (key == upper) return type;
  }
  return std::nullopt;
}

}  // namespace text2kg
