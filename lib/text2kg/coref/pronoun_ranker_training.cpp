#include "text2kg/coref/pronoun_ranker_training.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>

#include "text2kg/coref/averaged_weights.hpp"
#include "text2kg/coref/coref_resolver.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/coref/corefud_reader.hpp"

namespace text2kg::coref {

std::vector<std::int32_t> gold_token_entities(const Document& doc) {
  const auto gold = read_gold_mentions(doc);
  std::unordered_map<std::string, std::int32_t> ids;
  std::vector<std::int32_t> entity(doc.tokens().size(), -1);
  std::vector<std::uint32_t> size(doc.tokens().size(), UINT32_MAX);
  for (const GoldMention& g : gold) {
    const std::int32_t id = ids.emplace(g.entity, static_cast<std::int32_t>(ids.size())).first->second;
    for (std::uint32_t t = g.tokens.begin; t < g.tokens.end && t < entity.size(); ++t) {
      if (g.tokens.size() < size[t]) {
        size[t] = g.tokens.size();
        entity[t] = id;
      }
    }
  }
  return entity;
}

std::vector<std::int32_t> project_token_entities(const Document& gold, std::span<const std::int32_t> entities,
                                                 const Document& analysed) {
  std::vector<std::int32_t> out(analysed.tokens().size(), -1);
  std::size_t g = 0;
  for (std::uint32_t t = 0; t < analysed.tokens().size(); ++t) {
    const std::uint32_t byte = analysed.tokens()[t].chars.begin;
    while (g < gold.tokens().size() && gold.tokens()[g].chars.end <= byte) ++g;
    if (g < gold.tokens().size() && gold.tokens()[g].chars.begin <= byte) out[t] = entities[g];
  }
  return out;
}

PronounRanker train_pronoun_ranker(std::span<const Document> docs, std::span<const std::vector<std::int32_t>> entities,
                                   const CorefStatistics& stats, const PronounRankerTraining& options) {
  AveragedWeights weights;
  std::vector<std::size_t> order(docs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  std::vector<std::uint64_t> features, best_features;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::uint64_t right = 0, taught = 0;
    for (const std::size_t d : order) {
      const std::vector<std::int32_t>& entity = entities[d];
      CorefOptions run;
      run.extents = options.extents;
      if (options.links) run = with_link_filter(std::move(run), options.links);
      run.choose_antecedent = [&](const SieveContext& c, std::uint32_t m, std::span<const std::uint32_t> candidates)
          -> std::optional<std::uint32_t> {
        const std::int32_t target = entity[c.mentions[m].head];
        const auto of_target = [&](std::uint32_t a) {
          for (const std::uint32_t x : c.clusters.members(c.clusters.cluster_of(a))) {
            if (target >= 0 && entity[c.mentions[x].head] == target) return true;
          }
          return false;
        };
        // the options: each candidate, and leaving the pronoun alone (nullopt); the target is
        // the best-scoring candidate of the gold entity, or alone when there is none
        pronoun_alone_features(c, m, candidates, features);
        std::optional<std::uint32_t> predicted, gold;
        double predicted_score = weights.score(features), gold_score = 0;
        bool gold_found = false;
        for (std::uint32_t rank = 0; rank < candidates.size(); ++rank) {
          pronoun_pair_features(c, m, candidates[rank], rank, features);
          const double s = weights.score(features);
          if (s > predicted_score) predicted = candidates[rank], predicted_score = s;
          if (of_target(candidates[rank]) && (!gold_found || s > gold_score)) gold = candidates[rank], gold_score = s, gold_found = true;
        }
        ++taught;
        weights.tick();
        if (predicted == gold) {
          ++right;
          return gold;
        }
        const auto features_of = [&](std::optional<std::uint32_t> option, std::vector<std::uint64_t>& out) {
          if (!option) return pronoun_alone_features(c, m, candidates, out);
          const auto rank = static_cast<std::uint32_t>(std::find(candidates.begin(), candidates.end(), *option) - candidates.begin());
          pronoun_pair_features(c, m, *option, rank, out);
        };
        features_of(gold, best_features);
        features_of(predicted, features);
        weights.add(best_features, 1.0);
        weights.add(features, -1.0);
        return gold;
      };
      resolve_coreference(docs[d], stats, run);
    }
    if (options.log != nullptr) {
      *options.log << "pronoun ranker epoch " << epoch << ": " << right << " of " << taught
                   << " pronouns chose as gold did (its entity's best candidate, or none)\n" << std::flush;
    }
  }
  return PronounRanker(weights.averaged());
}

}  // namespace text2kg::coref
