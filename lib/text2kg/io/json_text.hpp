#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "text2kg/io/text_buffer.hpp"

// JSON text for the streaming writers, byte for byte as RapidJSON's Writer prints it (the
// JSON-LD golden files were made with it), without its per-character calls. Each appends to a
// std::string or a TextBuffer (instantiated for both in json_text.cpp).
namespace text2kg::io::json {

/// Appends `text` as a JSON string literal as RapidJSON's Writer does: " and \ escaped, \b \t
/// \n \f \r for those controls, \u00XX (upper-case hex) for the other controls, every other
/// byte as it is. Returns false when `text` is not well-formed UTF-8 (overlongs, surrogates
/// and values above U+10FFFF are ill-formed); `out` then holds a partial literal the caller
/// must not write.
template <typename Out>
[[nodiscard]] bool append_string(Out& out, std::string_view text);

/// Decimal digits of `value`, as RapidJSON's Uint64() prints them.
template <typename Out>
void append_uint(Out& out, std::uint64_t value);

}  // namespace text2kg::io::json
