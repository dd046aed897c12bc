#include "text2kg/coref/feature_weight_table.hpp"

namespace text2kg::coref {

namespace {

std::uint64_t slot_key(std::uint64_t feature) { return feature == 0 ? 1 : feature; }

}  // namespace

FeatureWeightTable::FeatureWeightTable(const std::unordered_map<std::uint64_t, float>& weights) {
  std::size_t size = 16;
  while (size < 2 * weights.size()) size *= 2;
  slots_.assign(size, {0, 0.0F});
  for (const auto& [feature, weight] : weights) {
    const std::uint64_t key = slot_key(feature);
    std::size_t slot = key & (size - 1);
    while (slots_[slot].first != 0) slot = (slot + 1) & (size - 1);
    slots_[slot] = {key, weight};
  }
}

double FeatureWeightTable::score(std::span<const std::uint64_t> features) const {
  if (slots_.empty()) return 0;
  const std::size_t mask = slots_.size() - 1;
  double sum = 0;
  for (const std::uint64_t f : features) {
    const std::uint64_t key = slot_key(f);
    for (std::size_t slot = key & mask; slots_[slot].first != 0; slot = (slot + 1) & mask) {
      if (slots_[slot].first == key) {
        sum += slots_[slot].second;
        break;
      }
    }
  }
  return sum;
}

}  // namespace text2kg::coref
