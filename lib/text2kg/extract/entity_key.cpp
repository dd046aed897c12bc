#include "text2kg/extract/entity_key.hpp"

#include <cctype>

#include "text2kg/base/utf8.hpp"

namespace text2kg {
namespace {

/// ASCII base letter of a Latin-1 Supplement or Latin Extended-A letter, or 0.
char fold_latin(char32_t cp) {
  static constexpr std::string_view latin1 =  // U+00C0 .. U+00FF
      "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char c = latin1[cp - 0xC0];
    return (c == '*' || c == '/') ? 0 : c;
  }
  static constexpr std::string_view extended_a =  // U+0100 .. U+017F
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
      "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  if (cp >= 0x100 && cp <= 0x17F) {
    const std::size_t index = cp - 0x100;
    return index < extended_a.size() ? extended_a[index] : 0;
  }
  return 0;
}

}  // namespace

std::string normalize_name(std::string_view name) {
  const std::string valid = utf8::to_valid(name);
  std::string out;
  bool pending_separator = false;
  std::size_t pos = 0;
  while (pos < valid.size()) {
    const std::size_t start = pos;
    const char32_t cp = utf8::decode(valid, pos);
    std::string piece;
    if (cp < 0x80) {
      if (std::isalnum(static_cast<unsigned char>(cp))) {
        piece = static_cast<char>(std::tolower(static_cast<unsigned char>(cp)));
      }
    } else if (const char folded = fold_latin(cp)) {
      piece = folded;
    } else if (cp >= 0x2000 && cp <= 0x206F) {
      // general punctuation (dashes, curly quotes): a separator
    } else {
      piece = valid.substr(start, pos - start);
    }
    if (piece.empty()) {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out += '_';
    pending_separator = false;
    out += piece;
  }
  return out;
}

std::string make_entity_key(EntityType type, std::string_view name) {
  std::string prefix(to_string(type));
  if (prefix.empty()) prefix = "thing";
  for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return prefix + "/" + normalize_name(name);
}

}  // namespace text2kg
