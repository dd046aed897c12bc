#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>

#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/coref/extent_model.hpp"
#include "text2kg/coref/link_filter.hpp"
#include "text2kg/coref/pronoun_ranker.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

struct PronounRankerTraining {
  int epochs = 10;
  std::uint32_t seed = 1;       ///< document order per epoch; same seed, same weights
  std::ostream* log = nullptr;  ///< one line per epoch when set
  std::shared_ptr<const ExtentModel> extents;  ///< the mention extents the stage will use
  std::shared_ptr<const LinkFilter> links;     ///< the noun-phrase links the stage will make
};

/// The gold entity of every token of `gold` (GUM's Entity= in MISC): that of the smallest
/// gold mention around it, numbered per document; -1 outside every mention.
std::vector<std::int32_t> gold_token_entities(const Document& gold);

/// The same for the tokens of `analysed`, our own analysis of the same text (equal bytes):
/// each token takes the entity of the gold token its first byte falls in.
std::vector<std::int32_t> project_token_entities(const Document& gold, std::span<const std::int32_t> entities,
                                                 const Document& analysed);

/// Learns the pronoun ranker from documents with the layers the coreference stage needs
/// (Deps, Entities) and the gold entity of each of their tokens (`entities`, one vector
/// per document). Each epoch runs the sieves over
/// every document; at each pronoun, among the candidates the constraints accept, an
/// averaged perceptron (Collins 2002) moves toward the best-scoring candidate of the
/// pronoun's gold entity when it ranked another first, and the pronoun is linked to that
/// gold candidate, so later pronouns see gold-like clusters. A candidate belongs to the
/// entity of the smallest gold mention around its head. Pronouns with no candidate of
/// their entity teach nothing.
PronounRanker train_pronoun_ranker(std::span<const Document> docs, std::span<const std::vector<std::int32_t>> entities,
                                   const CorefStatistics& stats, const PronounRankerTraining& options);

}  // namespace text2kg::coref
