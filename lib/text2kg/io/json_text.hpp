#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// JSON text for the streaming writers, byte for byte as RapidJSON's Writer prints it (the
// JSON-LD golden files were made with it), without its per-character calls.
namespace text2kg::io::json {

/// Appends `text` as a JSON string literal as RapidJSON's Writer does: " and \ escaped, \b \t
/// \n \f \r for those controls, \u00XX (upper-case hex) for the other controls, every other
/// byte as it is. Returns false when `text` is not well-formed UTF-8 (overlongs, surrogates
/// and values above U+10FFFF are ill-formed); `out` then holds a partial literal the caller
/// must not write.
[[nodiscard]] bool append_string(std::string& out, std::string_view text);

/// Decimal digits of `value`, as RapidJSON's Uint64() prints them.
void append_uint(std::string& out, std::uint64_t value);

}  // namespace text2kg::io::json
