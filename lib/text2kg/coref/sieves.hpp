#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "text2kg/coref/cluster_facts.hpp"
#include "text2kg/coref/clustering.hpp"
#include "text2kg/coref/mention_detection.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

/// The passes of the deterministic multi-pass system (Lee et al. 2013), most precise first.
enum class Sieve : std::uint8_t {
  Speaker,            ///< "I" in a quotation is who said it ("'I will return,' Morales said")
  ExactMatch,         ///< same extent text ("the new law" ... "the new law")
  PreciseConstructs,  ///< apposition, predicate nominative, acronym ("OAS" / "Organization of American States")
  StrictHeadMatch,    ///< same head in the cluster, every word included, compatible modifiers
  StrictHeadNoModifiers,  ///< the same without the modifier check
  ProperHeadMatch,    ///< names with the same last word whose words nest ("Morales" / "Evo Morales")
  RelaxedHeadMatch,   ///< a name's head word anywhere in a name cluster of the same type
  Pronouns,           ///< pronouns, by agreement and salience
  /// a definite description as a sentence's subject, of the type GUM's chains give its head
  /// noun, for the name of that type that was the subject of the sentence before ("Evo
  /// Morales arrived ... The Bolivian leader thanked ..."); numbered last so the other sieves
  /// keep the numbers the link filter learnt its features with
  Description,
};

std::string_view to_string(Sieve sieve);

/// What one sieve looks at: the document, its candidate mentions and the clusters so far.
struct SieveContext {
  const Document& doc;
  std::span<const CorefMention> mentions;
  const Clustering& clusters;
  ClusterFacts* facts = nullptr;  ///< when set, caches what the constraints compute per cluster
};

/// The speaker of a quoted first-person singular pronoun: the subject of a verb of saying in
/// the same sentence, outside the quotation; nullopt when there is none.
std::optional<std::uint32_t> quoted_speaker(const SieveContext& context, std::uint32_t pronoun);

/// Whether `anaphor` may join the cluster of the earlier `antecedent` under `sieve` (the
/// sieve's own test; the constraints every sieve shares are in cluster_compatible).
bool sieve_matches(Sieve sieve, const SieveContext& context, std::uint32_t anaphor, std::uint32_t antecedent);

/// Constraints for any link: not one phrase inside the other (i-within-i), no clash of
/// recognised types, and, unless `names_only`, agreement of number, gender and animacy
/// between the two clusters' feature sets.
bool cluster_compatible(const SieveContext& context, std::uint32_t anaphor, std::uint32_t antecedent, bool check_agreement);

/// The type of a cluster: the most frequent recognised-name type, else the nominal one.
EntityType cluster_type(const SieveContext& context, std::uint32_t cluster);

/// A name of one all-capitals word ("OAS", "U.S."): what the acronym test starts from.
bool is_capitals_name(const Document& doc, const CorefMention& mention);

/// Initials of a name's capitalised words ("Organization of American States" -> "OAS") and
/// whether `acronym` (dots ignored, "U.S.") stands for `name`.
bool is_acronym_of(std::string_view acronym, std::string_view name);

}  // namespace text2kg::coref
