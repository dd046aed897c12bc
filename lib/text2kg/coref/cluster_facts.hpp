#pragma once

#include <cstdint>
#include <vector>

#include "text2kg/coref/clustering.hpp"
#include "text2kg/coref/mention_features.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

/// What the constraints ask of a cluster again and again (its agreement, the type of its
/// names, its type, its content words), kept per cluster until a merge changes that
/// cluster: the pronoun sieve checks every candidate in its window, and each check asked for
/// the anaphor's cluster anew; strict head match built both clusters' word sets for every
/// candidate, and its candidates are often members of one cluster. A cache only: the values
/// are those the compute functions give.
class ClusterFacts {
 public:
  explicit ClusterFacts(std::size_t mentions) : entries_(mentions) {}

  template <class Compute>
  Agreement agreement(const Clustering& clusters, std::uint32_t cluster, Compute&& compute) {
    return cached(clusters, cluster, entries_[cluster].agreement, compute);
  }
  template <class Compute>
  EntityType named_type(const Clustering& clusters, std::uint32_t cluster, Compute&& compute) {
    return cached(clusters, cluster, entries_[cluster].named, compute);
  }
  template <class Compute>
  EntityType type(const Clustering& clusters, std::uint32_t cluster, Compute&& compute) {
    return cached(clusters, cluster, entries_[cluster].type, compute);
  }
  /// The reference stays valid until the next call for the same cluster.
  template <class Compute>
  const std::vector<std::uint32_t>& content_words(const Clustering& clusters, std::uint32_t cluster, Compute&& compute) {
    return cached(clusters, cluster, entries_[cluster].content_words, compute);
  }

 private:
  template <class T>
  struct Slot {
    std::uint32_t version = 0;  ///< the cluster's version + 1 when computed; 0: never
    T value{};
  };
  struct Entry {
    Slot<Agreement> agreement;
    Slot<EntityType> named, type;
    Slot<std::vector<std::uint32_t>> content_words;
  };

  template <class T, class Compute>
  static const T& cached(const Clustering& clusters, std::uint32_t cluster, Slot<T>& slot, Compute& compute) {
    if (slot.version != clusters.version(cluster) + 1) {
      slot.value = compute();
      slot.version = clusters.version(cluster) + 1;
    }
    return slot.value;
  }

  std::vector<Entry> entries_;
};

}  // namespace text2kg::coref
