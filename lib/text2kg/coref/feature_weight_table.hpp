#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

namespace text2kg::coref {

/// The weights of a hashed-feature linear model in an open-addressing table, for the models
/// that score many candidates (the extent model, the link filter, the pronoun ranker): a sum
/// of weights is a few probes into one flat array instead of hash-map lookups.
/// Thread safety: immutable after construction.
class FeatureWeightTable {
 public:
  FeatureWeightTable() = default;
  explicit FeatureWeightTable(const std::unordered_map<std::uint64_t, float>& weights);

  /// The sum of the weights of `features` (0 for a feature the model lacks).
  double score(std::span<const std::uint64_t> features) const;

 private:
  /// (feature, weight); feature 0 marks an empty slot, so the feature 0 itself is stored as 1
  std::vector<std::pair<std::uint64_t, float>> slots_;
};

}  // namespace text2kg::coref
