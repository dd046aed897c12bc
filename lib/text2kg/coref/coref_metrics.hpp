#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace text2kg::coref {

/// A mention as the scorer sees it: an exact extent (byte span of the text). Two mentions
/// are the same when both ends are equal.
struct ScoredMention {
  std::uint32_t begin = 0, end = 0;
  friend auto operator<=>(const ScoredMention&, const ScoredMention&) = default;
};
/// One entity: its mentions. A partition of one document's mentions.
using Cluster = std::vector<ScoredMention>;

/// Numerator and denominator of recall and of precision, summed over documents
/// (the reference scorer's micro average).
struct MetricCounts {
  double recall_num = 0, recall_den = 0, precision_num = 0, precision_den = 0;
  double recall() const { return recall_den > 0 ? recall_num / recall_den : 0.0; }
  double precision() const { return precision_den > 0 ? precision_num / precision_den : 0.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  MetricCounts& operator+=(const MetricCounts& o) {
    recall_num += o.recall_num, recall_den += o.recall_den;
    precision_num += o.precision_num, precision_den += o.precision_den;
    return *this;
  }
};

/// MUC (Vilain et al. 1995): links. Recall = sum over key clusters K of |K| - |partitions of K
/// by the response| over sum of |K| - 1; a key mention the response lacks is its own
/// partition. Precision: the same with key and response swapped.
MetricCounts muc(std::span<const Cluster> key, std::span<const Cluster> response);
/// B-cubed (Bagga & Baldwin 1998): per mention, |K ∩ R| / |K| for recall and / |R| for
/// precision, summed as |K ∩ R|^2 / |K| over cluster pairs; a mention missing on one side
/// scores 0 there.
MetricCounts b_cubed(std::span<const Cluster> key, std::span<const Cluster> response);
/// Entity-based CEAF (Luo 2005) with phi4 = 2 |K ∩ R| / (|K| + |R|): the best one-to-one
/// alignment of key and response clusters (Kuhn-Munkres), over the number of key clusters
/// (recall) and of response clusters (precision).
MetricCounts ceaf_e(std::span<const Cluster> key, std::span<const Cluster> response);

/// The three metrics over any number of documents, and CoNLL F1 = their mean F1.
struct CorefScores {
  MetricCounts muc, b_cubed, ceaf_e;
  std::uint64_t documents = 0, key_mentions = 0, response_mentions = 0, matched_mentions = 0;
  /// Adds one document's clusters.
  void add(std::span<const Cluster> key, std::span<const Cluster> response);
  double conll_f1() const { return (muc.f1() + b_cubed.f1() + ceaf_e.f1()) / 3.0; }
};

/// The clusters with at least two mentions (the CoNLL-2012 setting drops singletons from
/// both key and response).
std::vector<Cluster> without_singletons(std::span<const Cluster> clusters);

/// Best assignment for a rows x cols score matrix (row-major, maximising the sum); returns
/// for each row its column or -1. Hungarian algorithm, O(n^3).
std::vector<int> max_weight_assignment(const std::vector<double>& scores, std::size_t rows, std::size_t cols);

}  // namespace text2kg::coref
