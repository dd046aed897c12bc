#include "text2kg/coref/mention_features.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "text2kg/base/ascii.hpp"

namespace text2kg::coref {
namespace {

struct PronounRow {
  std::string_view word;
  Agreement agreement;
};

constexpr Agreement make(std::uint8_t n, std::uint8_t g, std::uint8_t a, std::uint8_t p) { return {n, g, a, p}; }

constexpr std::array<PronounRow, 33> kPronouns = {{
    {"i", make(number::kSingular, gender::kMale | gender::kFemale, animacy::kAnimate, person::kFirst)},
    {"me", make(number::kSingular, gender::kMale | gender::kFemale, animacy::kAnimate, person::kFirst)},
    {"my", make(number::kSingular, gender::kMale | gender::kFemale, animacy::kAnimate, person::kFirst)},
    {"mine", make(number::kSingular, gender::kMale | gender::kFemale, animacy::kAnimate, person::kFirst)},
    {"myself", make(number::kSingular, gender::kMale | gender::kFemale, animacy::kAnimate, person::kFirst)},
    {"we", make(number::kPlural, gender::kUnknown, animacy::kAnimate, person::kFirst)},
    {"us", make(number::kPlural, gender::kUnknown, animacy::kAnimate, person::kFirst)},
    {"our", make(number::kPlural, gender::kUnknown, animacy::kAnimate, person::kFirst)},
    {"ours", make(number::kPlural, gender::kUnknown, animacy::kAnimate, person::kFirst)},
    {"ourselves", make(number::kPlural, gender::kUnknown, animacy::kAnimate, person::kFirst)},
    {"you", make(number::kUnknown, gender::kUnknown, animacy::kAnimate, person::kSecond)},
    {"your", make(number::kUnknown, gender::kUnknown, animacy::kAnimate, person::kSecond)},
    {"yours", make(number::kUnknown, gender::kUnknown, animacy::kAnimate, person::kSecond)},
    {"yourself", make(number::kSingular, gender::kUnknown, animacy::kAnimate, person::kSecond)},
    {"yourselves", make(number::kPlural, gender::kUnknown, animacy::kAnimate, person::kSecond)},
    {"he", make(number::kSingular, gender::kMale, animacy::kAnimate, person::kThird)},
    {"him", make(number::kSingular, gender::kMale, animacy::kAnimate, person::kThird)},
    {"his", make(number::kSingular, gender::kMale, animacy::kAnimate, person::kThird)},
    {"himself", make(number::kSingular, gender::kMale, animacy::kAnimate, person::kThird)},
    {"she", make(number::kSingular, gender::kFemale, animacy::kAnimate, person::kThird)},
    {"her", make(number::kSingular, gender::kFemale, animacy::kAnimate, person::kThird)},
    {"hers", make(number::kSingular, gender::kFemale, animacy::kAnimate, person::kThird)},
    {"herself", make(number::kSingular, gender::kFemale, animacy::kAnimate, person::kThird)},
    {"it", make(number::kSingular, gender::kNeuter, animacy::kInanimate, person::kThird)},
    {"its", make(number::kSingular, gender::kNeuter, animacy::kInanimate, person::kThird)},
    {"itself", make(number::kSingular, gender::kNeuter, animacy::kInanimate, person::kThird)},
    {"they", make(number::kPlural, gender::kUnknown, animacy::kUnknown, person::kThird)},
    {"them", make(number::kPlural, gender::kUnknown, animacy::kUnknown, person::kThird)},
    {"their", make(number::kPlural, gender::kUnknown, animacy::kUnknown, person::kThird)},
    {"theirs", make(number::kPlural, gender::kUnknown, animacy::kUnknown, person::kThird)},
    {"themselves", make(number::kPlural, gender::kUnknown, animacy::kUnknown, person::kThird)},
    {"themself", make(number::kSingular, gender::kUnknown, animacy::kAnimate, person::kThird)},
    {"thy", make(number::kSingular, gender::kUnknown, animacy::kAnimate, person::kSecond)},
}};

/// Lower-cases a short word into `buffer` without allocating; empty when the word is longer
/// than the buffer (no closed-class word this file looks up is that long).
template <std::size_t N>
std::string_view lower_short(std::string_view word, std::array<char, N>& buffer) {
  if (word.size() > N) return {};
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    buffer[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return {buffer.data(), word.size()};
}

constexpr std::size_t kLongestPronoun = 10;  // "themselves", "yourselves"
constexpr std::size_t kLongestTitle = 10;    // "president." (with its dot)

}  // namespace

bool pronoun_agreement(std::string_view word, Agreement& out) {
  std::array<char, kLongestPronoun> buffer;
  const std::string_view w = lower_short(word, buffer);
  if (w.empty()) return false;  // no pronoun is empty or longer
  for (const PronounRow& row : kPronouns) {
    if (row.word == w) {
      out = row.agreement;
      return true;
    }
  }
  return false;
}

bool is_reflexive(std::string_view word) {
  const std::string w = ascii_lower(word);
  return w.ends_with("self") || w.ends_with("selves");
}

bool is_title_word(std::string_view word) {
  static constexpr std::array<std::string_view, 20> titles = {
      "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president", "senator",
      "sen", "rep", "gov", "governor", "general", "gen", "minister", "judge"};
  std::array<char, kLongestTitle> buffer;
  std::string_view w = lower_short(word, buffer);
  if (w.ends_with('.')) w.remove_suffix(1);
  return !w.empty() && std::find(titles.begin(), titles.end(), w) != titles.end();
}

}  // namespace text2kg::coref
