#include "text2kg/coref/link_filter_training.hpp"

#include <random>

#include "text2kg/coref/averaged_weights.hpp"
#include "text2kg/coref/coref_resolver.hpp"

namespace text2kg::coref {

LinkFilter train_link_filter(std::span<const Document> docs, std::span<const std::vector<std::int32_t>> entities,
                             const CorefStatistics& stats, const LinkFilterTraining& options) {
  AveragedWeights weights;
  std::vector<std::size_t> order(docs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  std::vector<std::uint64_t> features;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::uint64_t right = 0, seen = 0, gold_links = 0;
    for (const std::size_t d : order) {
      const std::vector<std::int32_t>& entity = entities[d];
      CorefOptions run;
      run.extents = options.extents;
      run.accept_link = [&](const SieveContext& c, Sieve sieve, std::uint32_t m, std::uint32_t a, std::uint32_t refused) {
        const std::int32_t target = entity[c.mentions[m].head];
        const bool gold = target >= 0 && entity[c.mentions[a].head] == target;
        link_features(c, sieve, m, a, refused, features);
        weights.tick();
        ++seen;
        gold_links += gold;
        const bool predicted = weights.score(features) >= 0;
        if (predicted == gold) {
          ++right;
        } else {
          weights.add(features, gold ? options.gold_link_weight : -1.0);
        }
        return gold;
      };
      resolve_coreference(docs[d], stats, run);
    }
    if (options.log != nullptr) {
      *options.log << "link filter epoch " << epoch << ": " << right << " of " << seen << " proposed links decided as gold ("
                   << gold_links << " gold)\n" << std::flush;
    }
  }
  return LinkFilter(weights.averaged());
}

}  // namespace text2kg::coref
