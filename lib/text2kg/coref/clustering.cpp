#include "text2kg/coref/clustering.hpp"

#include <algorithm>

namespace text2kg::coref {

Clustering::Clustering(std::size_t mentions) : cluster_(mentions), members_(mentions), version_(mentions, 0) {
  for (std::uint32_t m = 0; m < mentions; ++m) {
    cluster_[m] = m;
    members_[m] = {m};
  }
}

void Clustering::merge(std::uint32_t a, std::uint32_t b) {
  std::uint32_t keep = cluster_[a], gone = cluster_[b];
  if (keep == gone) return;
  if (members_[keep].size() < members_[gone].size()) std::swap(keep, gone);
  for (const std::uint32_t m : members_[gone]) cluster_[m] = keep;
  std::vector<std::uint32_t> joined;
  joined.reserve(members_[keep].size() + members_[gone].size());
  std::merge(members_[keep].begin(), members_[keep].end(), members_[gone].begin(), members_[gone].end(),
             std::back_inserter(joined));
  members_[keep] = std::move(joined);
  members_[gone].clear();
  ++version_[keep];
  ++version_[gone];
}

std::vector<std::vector<std::uint32_t>> Clustering::clusters(std::size_t min_size) const {
  std::vector<std::vector<std::uint32_t>> out;
  for (std::uint32_t m = 0; m < cluster_.size(); ++m) {
    if (first_in_cluster(m) && members_[cluster_[m]].size() >= min_size) out.push_back(members_[cluster_[m]]);
  }
  return out;
}

}  // namespace text2kg::coref
