#pragma once

#include <cstddef>
#include <string_view>

#include "text2kg/extract/argument_resolver.hpp"

namespace text2kg::extract {

/// What the confidence of one triple depends on.
struct ConfidenceInputs {
  std::string_view rule;
  ArgumentKind subject = ArgumentKind::Named;
  ArgumentKind object = ArgumentKind::Named;
  std::size_t sentence_length = 0;   ///< words in the sentence
  std::size_t distance = 0;          ///< largest word distance from predicate to an argument head
  int coordination_depth = 0;        ///< conjunct hops from the written argument to the predicate
  bool inherited_subject = false;    ///< the subject was borrowed (control, conjunct, adverbial clause)
  bool attributed = false;           ///< inside reported speech
};

/// The prior of a rule: how often its pattern yields a correct triple on a correct parse.
/// Unknown rules get 0.5.
double rule_prior(std::string_view rule);

/// confidence = prior(rule) * kind(subject) * kind(object) * length * distance
///              * 0.9^coordination_depth * (0.85 if inherited subject) * (0.9 if attributed)
/// kind: Named 1.0, Concept 0.9, ResolvedPronoun 0.85, Clause 0.8, Pronoun 0.6;
/// length: 1 up to 20 words, then falling by 0.01 per word to a floor of 0.6 (long
/// sentences parse worse); distance: 1 up to 4 words, then falling by 0.02 per word to a
/// floor of 0.6. The result is clamped to [0.01, 1] and rounded to 3 decimals.
double triple_confidence(const ConfidenceInputs& inputs);

}  // namespace text2kg::extract
