#pragma once

#include <cstdint>
#include <string_view>

namespace text2kg::nlp {

/// Hashes of a word's surface properties, computed once per token so that the feature
/// templates of the tagger and the parser only combine 64-bit values (no strings, no heap)
/// in their hot loops. Lower-casing is ASCII only: other bytes are kept as they are.
struct WordFeatures {
  std::uint64_t form = 0;       ///< exact form
  std::uint64_t lower = 0;      ///< lower-cased form
  std::uint64_t prefix[3] = {};  ///< lower-cased first 1..3 bytes
  std::uint64_t suffix[4] = {};  ///< lower-cased last 1..4 bytes
  std::uint64_t shape = 0;      ///< "Xxxx" -> "Xx", "1,234" -> "d,d" (runs of a class collapsed)
  std::uint64_t flags = 0;      ///< bits: has digit, has hyphen, first upper, all upper, has letter
};

/// Fills `out` for `word`. Equal words give equal values on every run and platform.
void compute_word_features(std::string_view word, WordFeatures& out);

/// The hash used for lower-cased lookups (tag dictionary, feature exceptions).
std::uint64_t lower_hash(std::string_view word);

}  // namespace text2kg::nlp
