#include "text2kg/coref/extent_model_training.hpp"

#include <algorithm>
#include <random>

#include "text2kg/coref/averaged_weights.hpp"
#include "text2kg/coref/corefud_reader.hpp"
#include "text2kg/coref/mention_detection.hpp"

namespace text2kg::coref {
namespace {

/// The word of `range` that hangs from outside it (the first such).
std::uint32_t head_of(const Document& doc, TokenRange range) {
  for (std::uint32_t t = range.begin; t < range.end; ++t) {
    const std::int32_t h = doc.tokens()[t].head;
    if (h < 0 || !range.contains(static_cast<std::uint32_t>(h))) return t;
  }
  return range.begin;
}

struct Example {
  std::vector<std::uint64_t> features;
  bool take = false;
};

}  // namespace

std::vector<TokenRange> project_gold_mentions(const Document& gold, const Document& analysed) {
  std::vector<std::uint32_t> begins, ends;  // token t's first and one-past-last byte
  for (const Token& t : analysed.tokens()) {
    begins.push_back(t.chars.begin);
    ends.push_back(t.chars.end);
  }
  std::vector<TokenRange> out;
  for (const GoldMention& g : read_gold_mentions(gold)) {
    const ScoredMention span = scored_span(gold, g.tokens);
    const auto b = std::lower_bound(begins.begin(), begins.end(), span.begin);
    const auto e = std::lower_bound(ends.begin(), ends.end(), span.end);
    if (b == begins.end() || *b != span.begin || e == ends.end() || *e != span.end || e - ends.begin() < b - begins.begin()) {
      continue;
    }
    out.push_back({static_cast<std::uint32_t>(b - begins.begin()), static_cast<std::uint32_t>(e - ends.begin() + 1)});
  }
  return out;
}

ExtentModel train_extent_model(std::span<const Document> docs, std::span<const std::vector<TokenRange>> mentions,
                               const CorefStatistics& stats, const ExtentModelTraining& options) {
  std::vector<Example> examples;
  std::vector<ExtentCut> cuts;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = docs[d];
    // gold mentions by head word; of several, the longest
    std::vector<std::int64_t> gold_at(doc.tokens().size(), -1);
    for (std::size_t g = 0; g < mentions[d].size(); ++g) {
      const TokenRange r = mentions[d][g];
      const std::uint32_t h = head_of(doc, r);
      if (gold_at[h] < 0 || mentions[d][static_cast<std::size_t>(gold_at[h])].size() < r.size()) gold_at[h] = static_cast<std::int64_t>(g);
    }
    for (const CorefMention& m : detect_mentions(doc, stats)) {
      if (m.kind == MentionKind::Pronoun || m.coordination || m.numeric || gold_at[m.head] < 0) continue;
      const TokenRange target = mentions[d][static_cast<std::size_t>(gold_at[m.head])];
      extent_cuts(doc, m.extent, m.head, m.name, m.kind == MentionKind::Proper, cuts);
      for (const bool right : {true, false}) {
        const auto edge = [&](TokenRange r) { return right ? r.end : r.begin; };
        bool reachable = edge(m.extent) == edge(target);
        for (const ExtentCut& cut : cuts) reachable |= cut.right == right && edge(cut.extent) == edge(target);
        if (!reachable) continue;
        for (ExtentCut& cut : cuts) {
          if (cut.right == right) examples.push_back({std::move(cut.features), edge(cut.extent) == edge(target)});
        }
      }
    }
  }
  if (options.log != nullptr) {
    const auto taken = std::count_if(examples.begin(), examples.end(), [](const Example& x) { return x.take; });
    *options.log << "extent model: " << examples.size() << " cuts, " << taken << " of them gold edges\n";
  }
  AveragedWeights weights;
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::size_t right = 0;
    for (const std::size_t i : order) {
      const Example& x = examples[i];
      weights.tick();
      const bool take = weights.score(x.features) > 0;
      if (take == x.take) {
        ++right;
        continue;
      }
      weights.add(x.features, x.take ? 1.0 : -1.0);
    }
    if (options.log != nullptr) {
      *options.log << "extent model epoch " << epoch << ": " << right << " of " << examples.size() << " cuts decided as gold\n"
                   << std::flush;
    }
  }
  return ExtentModel(weights.averaged());
}

}  // namespace text2kg::coref
