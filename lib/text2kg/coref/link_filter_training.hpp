#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <vector>

#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/coref/extent_model.hpp"
#include "text2kg/coref/link_filter.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

struct LinkFilterTraining {
  int epochs = 5;
  std::uint32_t seed = 1;       ///< document order per epoch; same seed, same weights
  std::ostream* log = nullptr;  ///< one line per epoch when set
  std::shared_ptr<const ExtentModel> extents;  ///< the mention extents the stage will use
  /// How far a wrongly refused gold link moves the weights (a wrongly made link: 1). CoNLL
  /// F1 loses more by a missing link than by a wrong one, so gold links weigh more (picked
  /// on GUM dev: 1 -> 52.6, 2 -> 54.1, 3 -> 54.5, 5 -> 54.5 on our pipeline).
  double gold_link_weight = 3.0;
};

/// Learns the link filter from documents with the layers the coreference stage needs and
/// the gold entity of each of their tokens (pronoun_ranker_training.hpp's
/// gold_token_entities). Each epoch runs the sieves over every document; at each link a
/// noun-phrase sieve proposes, an averaged perceptron (Collins 2002) learns whether the two
/// heads belong to one gold entity (the entity of the smallest gold mention around each),
/// and the link is made only when they do, so later links see gold-like clusters.
LinkFilter train_link_filter(std::span<const Document> docs, std::span<const std::vector<std::int32_t>> entities,
                             const CorefStatistics& stats, const LinkFilterTraining& options);

}  // namespace text2kg::coref
