#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace text2kg::utf8 {

/// Byte offset of the first byte that does not start a well-formed UTF-8 sequence
/// (overlongs, surrogates and values above U+10FFFF are ill-formed), or nullopt.
std::optional<std::size_t> find_invalid(std::string_view text);

/// Decodes the code point at `pos` and advances `pos`; text must be valid UTF-8.
char32_t decode(std::string_view text, std::size_t& pos);

/// Appends the UTF-8 encoding of `cp`.
void append(std::string& out, char32_t cp);

/// True for the characters XML 1.0 allows (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-).
constexpr bool is_xml_char(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/// Valid UTF-8 with every character XML 1.0 forbids replaced by U+FFFD; ill-formed bytes
/// are replaced too, so whatever comes in, what comes out can be written into XML.
std::string to_xml_safe(std::string_view text);

/// Ill-formed bytes replaced by U+FFFD; everything else unchanged.
std::string to_valid(std::string_view text);

}  // namespace text2kg::utf8
