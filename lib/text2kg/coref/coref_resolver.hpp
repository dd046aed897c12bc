#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/coref/link_filter.hpp"
#include "text2kg/coref/mention_detection.hpp"
#include "text2kg/coref/pronoun_ranker.hpp"
#include "text2kg/coref/sieves.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

struct CorefOptions {
  /// The passes to run, in order (all of them by default).
  std::vector<Sieve> sieves = {Sieve::Speaker, Sieve::ExactMatch,      Sieve::PreciseConstructs, Sieve::StrictHeadMatch,
                               Sieve::StrictHeadNoModifiers, Sieve::ProperHeadMatch,   Sieve::RelaxedHeadMatch,
                               Sieve::Description,   Sieve::Pronouns};
  /// How many sentences back a pronoun looks for its antecedent.
  std::uint32_t pronoun_window = 3;
  /// When set, the pronoun sieve gathers every candidate the constraints accept and lets
  /// this choose (a PronounRanker); unset, the first accepted candidate is the antecedent.
  AntecedentChooser choose_antecedent;
  /// When set, a link a noun-phrase sieve would make is made only if this accepts it (a
  /// LinkFilter); a refused candidate sends the sieve on to the next.
  LinkJudge accept_link;
  /// When set, noun phrases lose the edge material this model takes for misattached.
  std::shared_ptr<const ExtentModel> extents;
};

/// Candidate mentions and the clusters the sieves built (every cluster, singletons too;
/// mention indices ascending within a cluster, clusters by first mention).
struct CorefResult {
  std::vector<CorefMention> mentions;
  std::vector<std::vector<std::uint32_t>> clusters;
};

/// Deterministic multi-pass coreference (Lee et al. 2013): each sieve, most precise first,
/// visits the mentions in textual order; only a cluster's first mention (first noun phrase,
/// in the noun-phrase sieves) looks for an antecedent. Unlike Stanford's system, indefinites
/// and bare plurals look too, because GUM chains them (dev +1.7, train +1.0 CoNLL F1).
/// Candidates are the earlier mentions of its own sentence left to right, then of earlier
/// sentences, nearest sentence first (for pronouns: subjects first within each sentence,
/// at most `pronoun_window` sentences back for he/she/it/they); the first one that the
/// sieve and the shared constraints accept gives the link. The speaker sieve links a quoted
/// "I" to the subject of its sentence's verb of saying. Requires the Deps layer; uses
/// Entities when present.
CorefResult resolve_coreference(const Document& doc, const CorefStatistics& stats, const CorefOptions& options = {});

}  // namespace text2kg::coref
