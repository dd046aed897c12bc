#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <span>
#include <vector>

#include "text2kg/base/huge_page_allocator.hpp"

namespace text2kg::nlp {

/// Whether the processor runs AVX2 code (checked by cpuid; false off x86-64).
bool processor_has_avx2();

/// The hashed weight table of one NER tagger: a feature hash picks one of 2^bits rows and a
/// row holds every class's weight. Two states:
/// - trainable: float weights, `classes` per row (NerWeightTrainer changes them);
/// - frozen (after training or loading): 16-bit weights with one scale, each row padded to
///   `stride()` classes (16 or 32) and aligned so that a row never straddles two cache
///   lines; scores are summed as integers, so any grouping of the same features (e.g. a
///   per-word cache of part of them) gives exactly the same score.
/// Thread safety: immutable once frozen; scoring may run concurrently.
class NerWeights {
 public:
  NerWeights() = default;
  /// A trainable all-zero table.
  NerWeights(std::uint32_t classes, std::uint32_t bits);

  std::uint32_t classes() const { return classes_; }
  std::uint32_t bits() const { return bits_; }
  bool frozen() const { return frozen_; }
  /// Classes per frozen row (classes() rounded up to 16 or 32).
  std::uint32_t stride() const { return stride_; }
  /// What one integer unit of a frozen table is worth.
  float scale() const { return scale_; }

  /// Trainable table: adds each feature's row to `scores` (classes() floats).
  void add_scores(std::span<const std::uint64_t> features, std::span<float> scores) const;
  /// Frozen table: adds each feature's row to `sums` (stride() integers; the padding stays 0).
  /// `prefetch`: first ask for every row (false when prefetch() already did).
  void add_raw(std::span<const std::uint64_t> features, std::int32_t* sums, bool prefetch = true) const;
  /// Frozen table: the scores of one word, scores[c] = float(sum) * scale() for c < classes(),
  /// where sum is the sum of `parts` (each stride() integers, e.g. cached sums of other
  /// features) and of the features' rows; the same floats as add_raw into the summed parts and
  /// a conversion after. The rows are read without prefetching (prefetch() them beforehand).
  void score(std::span<const std::int32_t* const> parts, std::span<const std::uint64_t> features, float* scores) const {
    if (score_rows_ == nullptr) not_frozen("score");
    score_rows_(reinterpret_cast<const std::int16_t*>(lines_.data()), mask_, parts, features, scale_, classes_, scores);
  }
  /// Frozen table: asks the memory system for the features' rows, to be read soon.
  void prefetch(std::span<const std::uint64_t> features) const {
    for (const std::uint64_t f : features) __builtin_prefetch(packed_row(row_of(f)));
  }

  /// Frozen table: whether add_raw and score use AVX2 code (by default where the processor has
  /// it); the results are the same either way, tests compare the two. Throws text2kg::Error
  /// when asked for AVX2 on a processor without it.
  bool avx2() const { return avx2_; }
  void set_avx2(bool on);

  /// Quantised copy (scale = largest |weight| / 32767), ready for scoring and saving.
  NerWeights frozen_copy() const;

  /// Frozen tables only: the non-zero weights of the used rows.
  void save(std::ostream& out) const;
  /// Throws text2kg::Error on a truncated or foreign stream.
  static NerWeights load(std::istream& in);

  /// Rows with a non-zero weight (for reporting).
  std::size_t used_rows() const;

 private:
  friend class NerWeightTrainer;
  std::size_t row_of(std::uint64_t feature) const { return static_cast<std::size_t>(feature & mask_); }
  const std::int16_t* packed_row(std::size_t row) const {
    return reinterpret_cast<const std::int16_t*>(lines_.data()) + row * stride_;
  }
  std::int16_t* packed_row(std::size_t row) { return reinterpret_cast<std::int16_t*>(lines_.data()) + row * stride_; }
  void allocate_frozen(std::uint32_t classes, std::uint32_t bits, float scale);
  /// Throws text2kg::Error: `what` needs a frozen table.
  [[noreturn]] static void not_frozen(const char* what);
  /// score()'s code for the stride and the processor, picked once (score runs per word).
  using ScoreRows = void (*)(const std::int16_t* table, std::uint64_t mask, std::span<const std::int32_t* const> parts,
                             std::span<const std::uint64_t> features, float scale, std::uint32_t classes, float* scores);
  void pick_score_rows();

  struct alignas(64) Line {
    std::int16_t values[32];
  };
  std::uint32_t classes_ = 0;
  std::uint32_t bits_ = 0;
  std::uint64_t mask_ = 0;
  bool frozen_ = false;
  std::uint32_t stride_ = 0;
  float scale_ = 1.0F;
  bool avx2_ = false;
  ScoreRows score_rows_ = nullptr;  ///< frozen only
  std::vector<float> weights_;  ///< trainable: rows x classes
  std::vector<Line, HugePageAllocator<Line>> lines_;  ///< frozen: rows x stride, 64-byte aligned
};

/// Averaged perceptron training (Collins 2002) of a trainable NerWeights with lazy
/// averaging: each weight remembers when it last changed, so an update costs O(features).
class NerWeightTrainer {
 public:
  /// Throws text2kg::Error for a frozen table.
  explicit NerWeightTrainer(NerWeights& weights);

  /// Moves weight from the wrongly predicted class to the true one.
  void update(std::span<const std::uint64_t> features, std::uint32_t truth, std::uint32_t guess);
  /// Adds `amount` to one class's weight of each feature.
  void add(std::span<const std::uint64_t> features, std::uint32_t cls, float amount);
  /// Once per training instance, so the average counts it.
  void tick() { ++instances_; }
  /// The averaged weights, frozen.
  NerWeights averaged() const;

 private:
  void touch(std::size_t index, float delta);

  NerWeights& weights_;
  std::vector<double> totals_;
  std::vector<std::uint64_t> stamps_;
  std::uint64_t instances_ = 1;
};

}  // namespace text2kg::nlp
