#include "text2kg/coref/clustering.hpp"

#include <algorithm>
#include <numeric>

namespace text2kg::coref {

Clustering::Clustering(std::size_t mentions)
    : cluster_(mentions), self_(mentions), members_(mentions), version_(mentions, 0) {
  std::iota(cluster_.begin(), cluster_.end(), 0U);
  std::iota(self_.begin(), self_.end(), 0U);
}

void Clustering::merge(std::uint32_t a, std::uint32_t b) {
  std::uint32_t keep = cluster_[a], gone = cluster_[b];
  if (keep == gone) return;
  if (members(keep).size() < members(gone).size()) std::swap(keep, gone);
  const std::span<const std::uint32_t> kept = members(keep), moved = members(gone);
  for (const std::uint32_t m : moved) cluster_[m] = keep;
  std::vector<std::uint32_t> joined;
  joined.reserve(kept.size() + moved.size());
  std::merge(kept.begin(), kept.end(), moved.begin(), moved.end(), std::back_inserter(joined));
  members_[keep] = std::move(joined);
  members_[gone].clear();
  ++version_[keep];
  ++version_[gone];
}

std::vector<std::vector<std::uint32_t>> Clustering::clusters(std::size_t min_size) const {
  std::vector<std::vector<std::uint32_t>> out;
  for (std::uint32_t m = 0; m < cluster_.size(); ++m) {
    const std::span<const std::uint32_t> cluster = members(cluster_[m]);
    if (cluster.front() == m && cluster.size() >= min_size) out.emplace_back(cluster.begin(), cluster.end());
  }
  return out;
}

}  // namespace text2kg::coref
