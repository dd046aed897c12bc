#include "text2kg/version.hpp"

#include "text2kg_config.hpp"

namespace text2kg {

std::string_view version() { return TEXT2KG_VERSION; }

}  // namespace text2kg
