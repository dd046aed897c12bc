#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>

namespace text2kg::coref {

/// Averaged perceptron weights (Collins 2002) over hashed features with lazy averaging: each
/// weight keeps the step of its last change and the running sum of its past values.
class AveragedWeights {
 public:
  double score(std::span<const std::uint64_t> features) const {
    double s = 0;
    for (const std::uint64_t f : features) {
      if (const auto it = entries_.find(f); it != entries_.end()) s += it->second.weight;
    }
    return s;
  }
  void add(std::span<const std::uint64_t> features, double delta) {
    for (const std::uint64_t f : features) {
      Entry& e = entries_[f];
      e.sum += e.weight * static_cast<double>(step_ - e.last);
      e.last = step_;
      e.weight += delta;
    }
  }
  /// One example seen.
  void tick() { ++step_; }
  /// The mean of every weight over all steps (zeros left out).
  std::unordered_map<std::uint64_t, float> averaged() const {
    std::unordered_map<std::uint64_t, float> out;
    for (const auto& [f, e] : entries_) {
      const double total = e.sum + e.weight * static_cast<double>(step_ - e.last);
      const double mean = step_ == 0 ? e.weight : total / static_cast<double>(step_);
      if (mean != 0) out[f] = static_cast<float>(mean);
    }
    return out;
  }

 private:
  struct Entry {
    double weight = 0, sum = 0;
    std::uint64_t last = 0;
  };
  std::unordered_map<std::uint64_t, Entry> entries_;
  std::uint64_t step_ = 0;
};

}  // namespace text2kg::coref
