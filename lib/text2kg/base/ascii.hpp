#pragma once

#include <string>
#include <string_view>

namespace text2kg {

/// `s` with the ASCII letters A-Z lowered; every other byte (UTF-8 included) is kept as it is.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace text2kg
