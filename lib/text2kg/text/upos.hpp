#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace text2kg {

/// Universal part-of-speech tags (UD v2), in the order of the UD documentation.
enum class Upos : std::uint8_t {
  ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X
};

inline constexpr std::size_t kUposCount = 17;

constexpr std::string_view to_string(Upos upos) {
  constexpr std::array<std::string_view, kUposCount> names = {
      "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
      "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};
  return names[static_cast<std::size_t>(upos)];
}

constexpr std::optional<Upos> parse_upos(std::string_view name) {
  for (std::size_t i = 0; i < kUposCount; ++i) {
    if (to_string(static_cast<Upos>(i)) == name) return static_cast<Upos>(i);
  }
  return std::nullopt;
}

}  // namespace text2kg
