#pragma once

#include <string_view>

namespace text2kg {

/// The library version, e.g. "0.1.0".
std::string_view version();

}  // namespace text2kg
