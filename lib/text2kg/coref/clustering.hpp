#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace text2kg::coref {

/// A partition of mentions 0..n-1 into clusters, merged step by step (sieve by sieve).
/// Every cluster lists its mentions in ascending order. A cluster is numbered by one of its
/// mentions; most stay singletons, so a cluster gets a list of its own only when it first
/// grows (a document's thousands of mentions cost no allocation each).
class Clustering {
 public:
  explicit Clustering(std::size_t mentions);

  std::uint32_t cluster_of(std::uint32_t mention) const { return cluster_[mention]; }
  /// Valid until the next merge.
  std::span<const std::uint32_t> members(std::uint32_t cluster) const {
    if (!members_[cluster].empty()) return members_[cluster];
    return {&self_[cluster], cluster_[cluster] == cluster ? 1U : 0U};  // a singleton, or merged away
  }
  bool same(std::uint32_t a, std::uint32_t b) const { return cluster_[a] == cluster_[b]; }
  /// How many merges have changed the cluster: a cache of its facts is stale when it moved.
  std::uint32_t version(std::uint32_t cluster) const { return version_[cluster]; }
  /// True when no earlier mention is in the mention's cluster.
  bool first_in_cluster(std::uint32_t mention) const { return members(cluster_[mention]).front() == mention; }
  /// Joins the clusters of two mentions.
  void merge(std::uint32_t a, std::uint32_t b);
  /// Clusters with at least `min_size` mentions, in order of their first mention.
  std::vector<std::vector<std::uint32_t>> clusters(std::size_t min_size = 1) const;

 private:
  std::vector<std::uint32_t> cluster_;
  std::vector<std::uint32_t> self_;                   ///< self_[m] = m: a singleton's member list
  std::vector<std::vector<std::uint32_t>> members_;  ///< empty while the cluster is a singleton
  std::vector<std::uint32_t> version_;
};

}  // namespace text2kg::coref
