#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <vector>

#include "text2kg/base/span.hpp"
#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/coref/extent_model.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

struct ExtentModelTraining {
  int epochs = 5;
  std::uint32_t seed = 1;       ///< example order per epoch; same seed, same weights
  std::ostream* log = nullptr;  ///< one line per epoch when set
};

/// The gold mentions of `gold` (GUM's Entity= in MISC) as token ranges of `analysed`, our
/// own analysis of the same text (equal bytes); a mention whose ends fall inside one of our
/// tokens is left out.
std::vector<TokenRange> project_gold_mentions(const Document& gold, const Document& analysed);

/// Learns the extent model from documents with the layers mention detection needs (Deps,
/// Entities) and the gold mentions of each, projected on their tokens (`mentions`, one
/// vector per document). Every noun phrase whose head is a gold mention's head (the
/// mention's word that hangs from outside it) and whose gold edge is its own or one of its
/// cuts (extent_cuts) teaches each of its cuts, as a binary averaged perceptron: take the
/// cut that gives the gold edge, leave the others.
ExtentModel train_extent_model(std::span<const Document> docs, std::span<const std::vector<TokenRange>> mentions,
                               const CorefStatistics& stats, const ExtentModelTraining& options);

}  // namespace text2kg::coref
