#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <span>
#include <string>

#include "text2kg/nlp/ner_tags.hpp"

namespace text2kg::nlp {

/// Span-level exact-match scoring (CoNLL style): a predicted span counts only when its words
/// and its type both equal a gold span's. Per type and micro-averaged over all types.
class NerScore {
 public:
  struct Counts {
    std::uint64_t true_positives = 0;
    std::uint64_t false_positives = 0;
    std::uint64_t false_negatives = 0;
    double precision() const;
    double recall() const;
    double f1() const;
  };

  /// Scores one sentence. Each gold span matches at most one predicted span.
  void add(std::span<const NerSpan> gold, std::span<const NerSpan> predicted);

  const Counts& total() const { return total_; }
  /// Per type name (to_string(EntityType)), in name order.
  const std::map<std::string, Counts>& by_type() const { return by_type_; }

  /// A table: type, gold, predicted, P, R, F1 as percentages with two decimals.
  void print(std::ostream& out) const;

 private:
  std::map<std::string, Counts> by_type_;
  Counts total_;
};

}  // namespace text2kg::nlp
