#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "text2kg/coref/mention_detection.hpp"
#include "text2kg/coref/sieves.hpp"

namespace text2kg::coref {

/// Which mentions a noun-phrase sieve can link at all, and to which earlier ones, from
/// indexes over the whole document: an exact match needs another mention with the same
/// text, a proper-head match another name with the same head word, and so on. The resolver
/// asks it before walking a mention's candidates, and then walks only the listed ones in the
/// usual order, so that a long document does not pay one full scan per mention and sieve.
/// It only leaves out what the sieve would reject; what the sieves link does not change.
class CandidateFilter {
 public:
  CandidateFilter(const Document& doc, std::span<const CorefMention> mentions);

  /// False when `sieve` can link mention `m` to no other mention of the document.
  bool may_link(Sieve sieve, std::uint32_t m) const;
  /// The earlier mentions `sieve` could link `m` to at all, ascending (a superset of those
  /// it accepts: the same text, a name with the same head word, the clusters holding the
  /// head word, the same sentence and the acronyms); false when the sieve has no such
  /// index (speaker, pronouns) and every earlier mention is a candidate.
  bool candidates(Sieve sieve, std::uint32_t m, const Clustering& clusters, std::vector<std::uint32_t>& out) const;

 private:
  std::span<const CorefMention> mentions_;
  std::vector<std::uint32_t> exact_count_;      ///< non-pronoun mentions per exact_id
  std::vector<std::uint32_t> proper_head_count_;///< names per head_id
  std::vector<std::uint32_t> name_word_count_;  ///< names whose words include the id
  std::vector<bool> capitals_;                  ///< per mention: a one-word all-capitals name
  std::uint32_t capitals_names_ = 0;
  // ascending mention lists by what a sieve compares
  std::vector<std::vector<std::uint32_t>> by_exact_;       ///< non-pronoun mentions per exact_id
  std::vector<std::vector<std::uint32_t>> by_head_;        ///< non-pronoun, non-coordination mentions per head_id
  std::vector<std::vector<std::uint32_t>> names_by_head_;  ///< names per head_id
  std::vector<std::vector<std::uint32_t>> names_by_word_;  ///< names per word of the name
  std::vector<std::uint32_t> names_, capitals_names_list_;
  std::vector<std::uint32_t> sentence_start_;              ///< first mention of every sentence
};

}  // namespace text2kg::coref
