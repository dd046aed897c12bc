#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text2kg/text/entity_type.hpp"

namespace text2kg {

/// A real-world entity (or a concept) as one graph node.
struct Entity {
  std::string key;                   ///< stable id, e.g. "person/evo_morales"
  std::string name;                  ///< representative name
  EntityType type = EntityType::None;
  std::vector<std::string> aliases;  ///< every surface name seen, sorted, unique
  std::uint32_t mention_count = 0;
  std::string same_as;               ///< an external IRI (Wikidata) when linked; may be empty
};

}  // namespace text2kg
