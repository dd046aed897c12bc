#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text2kg/coref/feature_weight_table.hpp"
#include "text2kg/coref/sieves.hpp"

namespace text2kg::coref {

/// Decides whether a link a noun-phrase sieve proposes (the sieve's test and the shared
/// constraints passed) is made; false sends the sieve on to its next candidate.
/// `refused`: how many earlier candidates it refused for this anaphor in this sieve.
using LinkJudge = std::function<bool(const SieveContext& context, Sieve sieve, std::uint32_t anaphor, std::uint32_t antecedent,
                                     std::uint32_t refused)>;

/// Hashed features of a proposed noun-phrase link: the sieve, both mentions' kinds and
/// determiners, the anaphor's head word, relation and length, the distance, whether the
/// anaphor adds modifiers, the antecedent cluster's size, how many candidates were refused.
void link_features(const SieveContext& context, Sieve sieve, std::uint32_t anaphor, std::uint32_t antecedent,
                   std::uint32_t refused, std::vector<std::uint64_t>& out);

/// A linear model over link_features, learned from GUM train's chains (scripts/train/coref.sh):
/// a link scoring below zero is not made. The string-matching sieves link many generic
/// and non-referring phrases ("people", "for example") that GUM leaves unlinked.
/// Thread safety: immutable after load.
class LinkFilter {
 public:
  LinkFilter() = default;
  explicit LinkFilter(std::unordered_map<std::uint64_t, float> weights);

  /// Reads models/coref_links.tsv (weights_file.hpp's format); throws text2kg::InputError.
  static LinkFilter load(const std::filesystem::path& file);
  /// Writes the weights sorted by feature, so that equal models give equal bytes.
  void save(const std::filesystem::path& file, std::string_view comment) const;

  double score(std::span<const std::uint64_t> features) const;
  bool accept(const SieveContext& context, Sieve sieve, std::uint32_t anaphor, std::uint32_t antecedent,
              std::uint32_t refused) const;
  std::size_t size() const { return weights_.size(); }

 private:
  std::unordered_map<std::uint64_t, float> weights_;
  FeatureWeightTable table_;  ///< the same weights, as score() reads them
};

}  // namespace text2kg::coref
