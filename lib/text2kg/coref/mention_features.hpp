#pragma once

#include <cstdint>
#include <string_view>

namespace text2kg::coref {

/// Agreement features as bit sets: a known value is one bit, unknown is every bit, so two
/// mentions (or a mention and a cluster, whose set is the union of its mentions') agree when
/// their sets intersect.
namespace number {
inline constexpr std::uint8_t kSingular = 1, kPlural = 2, kUnknown = 3;
}
namespace gender {
inline constexpr std::uint8_t kMale = 1, kFemale = 2, kNeuter = 4, kUnknown = 7;
}
namespace animacy {
inline constexpr std::uint8_t kAnimate = 1, kInanimate = 2, kUnknown = 3;
}
namespace person {
inline constexpr std::uint8_t kFirst = 1, kSecond = 2, kThird = 4, kUnknown = 7;
}

struct Agreement {
  std::uint8_t number = number::kUnknown;
  std::uint8_t gender = gender::kUnknown;
  std::uint8_t animacy = animacy::kUnknown;
  std::uint8_t person = person::kThird;

  bool agrees_with(const Agreement& o) const {
    return (number & o.number) && (gender & o.gender) && (animacy & o.animacy) && (person & o.person);
  }
};

/// A personal pronoun's features ("he", "Their", "themselves"; case-insensitive), or nullopt-like
/// `false` for anything else (demonstratives, relatives, indefinites are not resolved).
bool pronoun_agreement(std::string_view word, Agreement& out);
/// "himself", "themselves", ...
bool is_reflexive(std::string_view word);
/// A title that may precede a name and is not part of it: "Mr", "Mrs.", "Dr", "President".
bool is_title_word(std::string_view word);

}  // namespace text2kg::coref
