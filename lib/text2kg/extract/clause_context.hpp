#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "text2kg/extract/fact.hpp"
#include "text2kg/extract/sentence_tree.hpp"

namespace text2kg::extract {

/// A subject found for a predicate, written or borrowed.
struct SubjectRef {
  std::uint32_t token = 0;
  int coordination_depth = 0;  ///< conjunct hops (shared subjects, coordinated subjects)
  bool inherited = false;      ///< borrowed from a controlling or governing clause
};

/// The token and its conjuncts ("Mesa and Camacho"), with their hop counts.
std::vector<std::pair<std::uint32_t, int>> with_conjuncts(const SentenceTree& tree, std::uint32_t token);

/// Subjects of a predicate: its own nsubj/nsubj:pass/csubj (and their conjuncts); else the
/// subject of the verb it is coordinated with (conj), of its controller (xcomp: the object
/// if the controller has one, "urged him to resign", else the subject), of the clause it
/// modifies (advcl), or the noun a relative clause or participle modifies (acl:relcl, acl).
std::vector<SubjectRef> subjects_of(const SentenceTree& tree, std::uint32_t predicate);

/// Negation, modality, time, place and attribution of the clause headed by `predicate`;
/// negation, modality and time are also taken from controlling verbs up an xcomp chain.
ClauseContext clause_context(const SentenceTree& tree, std::uint32_t predicate, std::string_view document_date);

/// True for a nominal that is a time modifier (obl:tmod, a weekday, a month, a year...).
bool is_temporal(const SentenceTree& tree, std::uint32_t nominal);

/// Verbs of saying whose complement is reported content.
bool is_speech_verb(std::string_view lemma);
/// Control verbs that mark intent rather than fact ("pledged to return"): they become
/// the modality of the controlled predicate.
bool is_modal_control_verb(std::string_view lemma);

/// The speaker whose reported speech contains `predicate`, if any: through a ccomp of a
/// speech verb ("X said that ...") or a parenthetical speech verb ("..., X said").
std::optional<std::uint32_t> attribution_source(const SentenceTree& tree, std::uint32_t predicate);

/// True for the head of a verbal clause: a verb without a copula, or a noun that governs a
/// subject or an object without a copula, which only a verb can ("This often results in",
/// a present-tense verb tagged as a plural noun).
bool is_clause_verb(const SentenceTree& tree, std::uint32_t t);

/// True for a past participle (VBN / VerbForm=Part with Tense=Past).
bool is_past_participle(const SentenceTree& tree, std::uint32_t t);

}  // namespace text2kg::extract
