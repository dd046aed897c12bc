#include "text2kg/coref/coref_metrics.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace text2kg::coref {
namespace {

/// Cluster index of every mention of a partition.
std::map<ScoredMention, std::size_t> index_of(std::span<const Cluster> clusters) {
  std::map<ScoredMention, std::size_t> out;
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    for (const ScoredMention& m : clusters[c]) out.emplace(m, c);
  }
  return out;
}

/// MUC recall side: sum of |K| - |p(K)| and of |K| - 1.
std::pair<double, double> muc_side(std::span<const Cluster> key, std::span<const Cluster> response) {
  const auto in_response = index_of(response);
  double num = 0, den = 0;
  for (const Cluster& k : key) {
    if (k.empty()) continue;
    std::set<std::size_t> parts;
    std::size_t unaligned = 0;
    for (const ScoredMention& m : k) {
      const auto it = in_response.find(m);
      if (it == in_response.end()) {
        ++unaligned;
      } else {
        parts.insert(it->second);
      }
    }
    num += static_cast<double>(k.size()) - static_cast<double>(parts.size() + unaligned);
    den += static_cast<double>(k.size()) - 1.0;
  }
  return {num, den};
}

std::size_t overlap(const Cluster& a, const Cluster& b) {
  std::size_t n = 0;
  for (const ScoredMention& m : a) n += static_cast<std::size_t>(std::find(b.begin(), b.end(), m) != b.end());
  return n;
}

std::pair<double, double> b_cubed_side(std::span<const Cluster> key, std::span<const Cluster> response) {
  const auto in_response = index_of(response);
  double num = 0, den = 0;
  for (const Cluster& k : key) {
    std::map<std::size_t, std::size_t> shared;
    for (const ScoredMention& m : k) {
      if (const auto it = in_response.find(m); it != in_response.end()) ++shared[it->second];
    }
    for (const auto& [cluster, n] : shared) num += static_cast<double>(n * n) / static_cast<double>(k.size());
    den += static_cast<double>(k.size());
  }
  return {num, den};
}

}  // namespace

MetricCounts muc(std::span<const Cluster> key, std::span<const Cluster> response) {
  MetricCounts out;
  std::tie(out.recall_num, out.recall_den) = muc_side(key, response);
  std::tie(out.precision_num, out.precision_den) = muc_side(response, key);
  return out;
}

MetricCounts b_cubed(std::span<const Cluster> key, std::span<const Cluster> response) {
  MetricCounts out;
  std::tie(out.recall_num, out.recall_den) = b_cubed_side(key, response);
  std::tie(out.precision_num, out.precision_den) = b_cubed_side(response, key);
  return out;
}

std::vector<int> max_weight_assignment(const std::vector<double>& scores, std::size_t rows, std::size_t cols) {
  // Square cost matrix (minimise -score), classic potentials formulation, 1-based.
  const std::size_t n = std::max(rows, cols);
  std::vector<int> result(rows, -1);
  if (n == 0) return result;
  const double inf = std::numeric_limits<double>::infinity();
  auto cost = [&](std::size_t i, std::size_t j) {
    return (i < rows && j < cols) ? -scores[i * cols + j] : 0.0;
  };
  std::vector<double> u(n + 1, 0), v(n + 1, 0);
  std::vector<std::size_t> p(n + 1, 0), way(n + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<double> minv(n + 1, inf);
    std::vector<bool> used(n + 1, false);
    do {
      used[j0] = true;
      const std::size_t i0 = p[j0];
      double delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const double cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (std::size_t j = 0; j <= n; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  for (std::size_t j = 1; j <= n; ++j) {
    if (p[j] >= 1 && p[j] - 1 < rows && j - 1 < cols) result[p[j] - 1] = static_cast<int>(j - 1);
  }
  return result;
}

MetricCounts ceaf_e(std::span<const Cluster> key, std::span<const Cluster> response) {
  MetricCounts out;
  std::vector<double> phi(key.size() * response.size(), 0.0);
  for (std::size_t k = 0; k < key.size(); ++k) {
    for (std::size_t r = 0; r < response.size(); ++r) {
      const double shared = static_cast<double>(overlap(key[k], response[r]));
      if (shared > 0) phi[k * response.size() + r] = 2 * shared / static_cast<double>(key[k].size() + response[r].size());
    }
  }
  const std::vector<int> assignment = max_weight_assignment(phi, key.size(), response.size());
  double total = 0;
  for (std::size_t k = 0; k < key.size(); ++k) {
    if (assignment[k] >= 0) total += phi[k * response.size() + static_cast<std::size_t>(assignment[k])];
  }
  out.recall_num = out.precision_num = total;
  out.recall_den = static_cast<double>(key.size());
  out.precision_den = static_cast<double>(response.size());
  return out;
}

void CorefScores::add(std::span<const Cluster> key, std::span<const Cluster> response) {
  muc += coref::muc(key, response);
  b_cubed += coref::b_cubed(key, response);
  ceaf_e += coref::ceaf_e(key, response);
  ++documents;
  std::set<ScoredMention> keys;
  for (const Cluster& k : key) keys.insert(k.begin(), k.end());
  key_mentions += keys.size();
  for (const Cluster& r : response) {
    response_mentions += r.size();
    for (const ScoredMention& m : r) matched_mentions += keys.count(m);
  }
}

std::vector<Cluster> without_singletons(std::span<const Cluster> clusters) {
  std::vector<Cluster> out;
  for (const Cluster& c : clusters) {
    if (c.size() >= 2) out.push_back(c);
  }
  return out;
}

}  // namespace text2kg::coref
