#include "text2kg/nlp/word_features.hpp"

#include <algorithm>

namespace text2kg::nlp {
namespace {

constexpr std::uint64_t kOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kPrime = 0x100000001b3ULL;

constexpr char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::uint64_t fnv(std::string_view bytes, bool lower, std::uint64_t salt) {
  std::uint64_t h = kOffset ^ (salt * kPrime);
  for (const char c : bytes) {
    h ^= static_cast<std::uint8_t>(lower ? lower_ascii(c) : c);
    h *= kPrime;
  }
  h ^= bytes.size();
  h *= kPrime;
  return h;
}

char shape_class(char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (static_cast<unsigned char>(c) >= 0x80) return 'u';  // any non-ASCII byte
  return c;
}

}  // namespace

std::uint64_t lower_hash(std::string_view word) { return fnv(word, true, 1); }

void compute_word_features(std::string_view word, WordFeatures& out) {
  out.form = fnv(word, false, 0);
  out.lower = fnv(word, true, 1);
  for (std::size_t k = 0; k < 3; ++k) out.prefix[k] = fnv(word.substr(0, std::min(word.size(), k + 1)), true, 2 + k);
  for (std::size_t k = 0; k < 4; ++k) {
    const std::size_t n = std::min(word.size(), k + 1);
    out.suffix[k] = fnv(word.substr(word.size() - n), true, 5 + k);
  }
  // Shape: classes with runs longer than two collapsed, so "Washington" and "Obama" share "Xxx".
  char shape[16];
  std::size_t length = 0;
  char previous = 0;
  int run = 0;
  bool digit = false, hyphen = false, upper_first = false, all_upper = true, letter = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char cls = shape_class(word[i]);
    digit |= cls == 'd';
    hyphen |= word[i] == '-';
    letter |= cls == 'x' || cls == 'X';
    if (cls == 'x') all_upper = false;
    if (i == 0) upper_first = cls == 'X';
    run = cls == previous ? run + 1 : 1;
    previous = cls;
    if (run <= 2 && length < sizeof shape) shape[length++] = cls;
  }
  out.shape = fnv(std::string_view(shape, length), false, 9);
  out.flags = (digit ? 1U : 0U) | (hyphen ? 2U : 0U) | (upper_first ? 4U : 0U) | (letter && all_upper ? 8U : 0U) |
              (letter ? 16U : 0U);
}

}  // namespace text2kg::nlp
