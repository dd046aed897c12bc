#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "text2kg/coref/mention_detection.hpp"
#include "text2kg/coref/sieves.hpp"

namespace text2kg::coref {

/// Ascending mention lists by a small id (a word or text id), stored as one array with an
/// offset per id (compressed rows): a document's thousands of lists cost two allocations,
/// not one each. Filled by add() in ascending mention order, then finish().
class IdLists {
 public:
  void add(std::uint32_t id, std::uint32_t mention) { pairs_.push_back({id, mention}); }
  /// Lays the lists out; add() may not be called after.
  void finish();
  /// The mentions added under `id` in the order added (empty for an id never added).
  std::span<const std::uint32_t> of(std::uint32_t id) const {
    if (start_.empty() || id >= start_.size() - 1) return {};
    return {mentions_.data() + start_[id], mentions_.data() + start_[id + 1]};
  }

 private:
  struct Pair {
    std::uint32_t id, mention;
  };
  std::vector<Pair> pairs_;            ///< until finish()
  std::vector<std::uint32_t> start_;   ///< per id: where its list starts; one more at the end
  std::vector<std::uint32_t> mentions_;
};

/// Which mentions a noun-phrase sieve can link at all, and to which earlier ones, from
/// indexes over the whole document: an exact match needs another mention with the same
/// text, a proper-head match another name with the same head word, and so on. The resolver
/// asks it before walking a mention's candidates, and then walks only the listed ones in the
/// usual order, so that a long document does not pay one full scan per mention and sieve.
/// It only leaves out what the sieve would reject; what the sieves link does not change.
/// Thread safety: one thread at a time (candidates() reuses a buffer).
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
  /// The noun phrases (no pronoun, no coordination) with this head word, ascending.
  std::span<const std::uint32_t> with_head(std::uint32_t head_id) const { return by_head_.of(head_id); }

 private:
  std::span<const CorefMention> mentions_;
  std::vector<bool> capitals_;                  ///< per mention: a one-word all-capitals name
  std::uint32_t capitals_names_ = 0;
  // ascending mention lists by what a sieve compares (their sizes: how many share it)
  IdLists by_exact_;       ///< non-pronoun mentions per exact_id
  IdLists by_head_;        ///< non-pronoun, non-coordination mentions per head_id
  IdLists names_by_head_;  ///< names per head_id
  IdLists names_by_word_;  ///< names per word of the name
  std::vector<std::uint32_t> names_, capitals_names_list_;
  std::vector<std::uint32_t> sentence_start_;              ///< first mention of every sentence
  /// candidates()'s buffer of the clusters it has listed (kept: one allocation per document,
  /// not per call)
  mutable std::vector<std::uint32_t> seen_clusters_;
};

}  // namespace text2kg::coref
