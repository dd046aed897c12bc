#pragma once

#include <string>
#include <string_view>

#include "text2kg/text/entity_type.hpp"

namespace text2kg {

/// A name folded for matching: Latin accents removed ("López" -> "lopez"), lower case,
/// runs of anything but letters and digits turned into one '_' ("Mr. O'Neil" -> "mr_o_neil").
/// Letters outside Latin are kept, lower-cased where ASCII-like rules apply, as UTF-8.
std::string normalize_name(std::string_view name);

/// The stable key of an entity: "<type>/<normalized name>", type in lower case or "thing"
/// for an untyped one ("person/evo_morales", "place/mexico", "concept/police_station").
/// Equal names of different types get different keys: Washington the city and the person.
std::string make_entity_key(EntityType type, std::string_view name);

}  // namespace text2kg
