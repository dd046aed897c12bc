#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text2kg/coref/feature_weight_table.hpp"
#include "text2kg/coref/sieves.hpp"

namespace text2kg::coref {

/// Chooses a pronoun's antecedent among the candidates every constraint accepts, in the
/// sieve's order (`candidates` is never empty); nullopt leaves the pronoun unlinked.
using AntecedentChooser = std::function<std::optional<std::uint32_t>(
    const SieveContext& context, std::uint32_t pronoun, std::span<const std::uint32_t> candidates)>;

/// Hashed features of one (pronoun, candidate) pair: distance in sentences and mentions,
/// the candidate's kind, role, type, cluster size and rank in the sieve's order, the
/// pronoun's form crossed with several of them, quotation and role parallelism.
void pronoun_pair_features(const SieveContext& context, std::uint32_t pronoun, std::uint32_t candidate,
                           std::uint32_t rank, std::vector<std::uint64_t>& out);

/// Hashed features of leaving a pronoun unlinked: its form, role and quotation, and how
/// many candidates it has and how far the nearest is.
void pronoun_alone_features(const SieveContext& context, std::uint32_t pronoun, std::span<const std::uint32_t> candidates,
                            std::vector<std::uint64_t>& out);

/// A linear model over pronoun_pair_features, learned from GUM train's chains
/// (scripts/train/coref.sh): the candidate with the highest score is the antecedent.
/// Thread safety: immutable after load.
class PronounRanker {
 public:
  PronounRanker() = default;
  explicit PronounRanker(std::unordered_map<std::uint64_t, float> weights)
      : weights_(std::move(weights)), table_(weights_) {}

  /// Reads models/coref_pronouns.tsv ("# ..." comments, then "<16 hex digits>\t<weight>"
  /// per line); throws text2kg::InputError naming the file and line.
  static PronounRanker load(const std::filesystem::path& file);
  /// Writes the weights sorted by feature, so that equal models give equal bytes.
  void save(const std::filesystem::path& file, std::string_view comment) const;

  double score(std::span<const std::uint64_t> features) const;
  /// The best-scoring candidate (the earliest of equal scores), or nullopt when leaving the
  /// pronoun unlinked scores higher than every candidate.
  std::optional<std::uint32_t> choose(const SieveContext& context, std::uint32_t pronoun,
                                      std::span<const std::uint32_t> candidates) const;
  std::size_t size() const { return weights_.size(); }

 private:
  std::unordered_map<std::uint64_t, float> weights_;
  FeatureWeightTable table_;  ///< the same weights, as score() reads them
};

}  // namespace text2kg::coref
