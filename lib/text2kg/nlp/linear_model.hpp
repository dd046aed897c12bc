#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <span>
#include <vector>

namespace text2kg::nlp {

/// A multiclass linear model over hashed features: each feature hash selects one of
/// 2^bucket_bits rows, and a row holds one weight per class, so scoring a feature is one
/// contiguous read. Immutable after training or loading; safe to share between threads.
class LinearModel {
 public:
  LinearModel() = default;
  LinearModel(std::uint32_t classes, std::uint32_t bucket_bits);

  std::uint32_t classes() const { return classes_; }
  std::uint32_t bucket_bits() const { return bits_; }

  /// Adds each feature's row to `scores` (size classes()).
  void add_scores(std::span<const std::uint64_t> features, std::span<float> scores) const;
  /// The best class (lowest index on ties); `scores` is scratch of size classes().
  std::uint32_t predict(std::span<const std::uint64_t> features, std::span<float> scores) const;

  /// Compact binary form: only non-zero weights, quantised to 16 bits with one scale.
  void save(std::ostream& out) const;
  /// Throws text2kg::Error on a truncated or foreign file. The loaded model scores but
  /// cannot be trained further (PerceptronTrainer throws).
  static LinearModel load(std::istream& in);

  /// Number of rows with a non-zero weight (for reporting model sizes).
  std::size_t used_rows() const;

 private:
  friend class PerceptronTrainer;
  std::size_t row_of(std::uint64_t feature) const { return static_cast<std::size_t>(feature & mask_) * classes_; }

  std::uint32_t classes_ = 0;
  std::uint32_t bits_ = 0;
  std::uint64_t mask_ = 0;
  std::vector<float> weights_;       ///< trained in memory (and trainable)
  // A loaded model keeps the file's 16-bit weights: half the memory, load time and cache
  // traffic of floats, and the same scores (each weight is still q * scale as a float).
  std::vector<std::int16_t> packed_;
  float packed_scale_ = 0;
};

/// Averaged perceptron training (Collins 2002) with lazy averaging: each weight remembers
/// when it last changed, so an update costs O(features), not O(model).
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(LinearModel& model);

  /// Moves weight from the wrongly predicted class to the true one.
  void update(std::span<const std::uint64_t> features, std::uint32_t truth, std::uint32_t guess, float amount = 1.0F);
  /// Adds `amount` to one class's weight of each feature (a one-sided update, for structured
  /// training where the true and the predicted sequence differ in their features).
  void add(std::span<const std::uint64_t> features, std::uint32_t cls, float amount);
  /// Call once per training instance (after any update), so averaging counts it.
  void tick() { ++instances_; }
  /// The averaged model; the trainer's own model keeps its current (unaveraged) weights.
  LinearModel averaged() const;

 private:
  void touch(std::size_t index, float delta);

  LinearModel& model_;
  std::vector<double> totals_;
  std::vector<std::uint64_t> stamps_;
  std::uint64_t instances_ = 1;
};

}  // namespace text2kg::nlp
