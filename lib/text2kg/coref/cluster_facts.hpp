#pragma once

#include <cstdint>
#include <vector>

#include "text2kg/coref/clustering.hpp"
#include "text2kg/coref/mention_features.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

/// What the constraints ask of a cluster again and again (its agreement, the type of its
/// names, its type), kept per cluster until a merge changes that cluster: the pronoun sieve
/// checks every candidate in its window, and each check asked for the anaphor's cluster
/// anew. A cache only: the values are those the compute functions give.
class ClusterFacts {
 public:
  explicit ClusterFacts(std::size_t mentions) : entries_(mentions) {}

  template <class Compute>
  Agreement agreement(const Clustering& clusters, std::uint32_t cluster, Compute&& compute) {
    Entry& e = entries_[cluster];
    if (e.agreement_version != clusters.version(cluster) + 1) {
      e.agreement = compute();
      e.agreement_version = clusters.version(cluster) + 1;
    }
    return e.agreement;
  }
  template <class Compute>
  EntityType named_type(const Clustering& clusters, std::uint32_t cluster, Compute&& compute) {
    Entry& e = entries_[cluster];
    if (e.named_version != clusters.version(cluster) + 1) {
      e.named = compute();
      e.named_version = clusters.version(cluster) + 1;
    }
    return e.named;
  }
  template <class Compute>
  EntityType type(const Clustering& clusters, std::uint32_t cluster, Compute&& compute) {
    Entry& e = entries_[cluster];
    if (e.type_version != clusters.version(cluster) + 1) {
      e.type = compute();
      e.type_version = clusters.version(cluster) + 1;
    }
    return e.type;
  }

 private:
  struct Entry {
    std::uint32_t agreement_version = 0, named_version = 0, type_version = 0;  // 0: not computed
    Agreement agreement;
    EntityType named = EntityType::None, type = EntityType::None;
  };
  std::vector<Entry> entries_;
};

}  // namespace text2kg::coref
