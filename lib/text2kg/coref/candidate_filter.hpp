#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "text2kg/coref/mention_detection.hpp"
#include "text2kg/coref/sieves.hpp"

namespace text2kg::coref {

/// Which mentions a noun-phrase sieve can link at all, from counts over the whole document:
/// an exact match needs another mention with the same text, a proper-head match another
/// name with the same head word, and so on. The resolver asks it before walking a mention's
/// candidates, so that a long document does not pay one full scan per mention and sieve for
/// mentions that can match nothing. It only skips mentions the sieve would reject for every
/// candidate; what the sieves link does not change.
class CandidateFilter {
 public:
  CandidateFilter(const Document& doc, std::span<const CorefMention> mentions);

  /// False when `sieve` can link mention `m` to no other mention of the document.
  bool may_link(Sieve sieve, std::uint32_t m) const;

 private:
  std::span<const CorefMention> mentions_;
  std::vector<std::uint32_t> exact_count_;      ///< non-pronoun mentions per exact_id
  std::vector<std::uint32_t> proper_head_count_;///< names per head_id
  std::vector<std::uint32_t> name_word_count_;  ///< names whose words include the id
  std::vector<bool> capitals_;                  ///< per mention: a one-word all-capitals name
  std::uint32_t capitals_names_ = 0;
};

}  // namespace text2kg::coref
