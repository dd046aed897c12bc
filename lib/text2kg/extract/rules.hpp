#pragma once

#include <optional>
#include <string_view>

#include "text2kg/extract/clause_context.hpp"
#include "text2kg/extract/fact.hpp"
#include "text2kg/extract/sentence_tree.hpp"

namespace text2kg::extract {

/// What every rule family gets: the sentence and where to put what it finds.
struct RuleInput {
  const SentenceTree& tree;
  std::string_view document_date;
};

/// Verbal clauses (clause_rules.cpp): subject-verb-object ("clause.svo"), obliques whose
/// preposition joins the predicate ("clause.obl": fled to Mexico -> fled_to), passives
/// turned active with a by-agent ("passive.agent") or kept passive without one
/// ("passive.obl"/"passive.obj": was_taken_to / be_take_to), control chains (xcomp:
/// began_to_march_toward; intent verbs become modality instead), coordination, relative
/// clauses ("clause.relcl") and participial modifiers ("clause.acl").
void extract_verbal_clauses(const RuleInput& input, Facts& out);

/// Copular clauses (copula_rules.cpp): "X is the president of Y" -> president_of
/// ("copula.nominal"), "X is a lawyer" -> is ("copula.is_a"), "X is in Y" -> is_in
/// ("copula.location"), "X is responsible for Y" -> is_responsible_for ("copula.adjective").
void extract_copulas(const RuleInput& input, Facts& out);

/// Nominal facts (nominal_rules.cpp): appositions ("apposition.title_of", "apposition.is_a",
/// "apposition.name" for two names side by side),
/// titles before names ("title.of": Brazilian President Jair Bolsonaro -> president_of
/// Brazil; "title.is_a"), possessives ("possessive.of") and of-modifiers ("nominal.of").
void extract_nominal_facts(const RuleInput& input, Facts& out);

/// Reported speech (attribution_rules.cpp): the speech act itself, speaker -said->
/// content clause ("attribution.said"); the inner triples carry attributed_to through
/// clause_context().
void extract_speech_acts(const RuleInput& input, Facts& out);

/// A relational noun ("president of Bolivia", "Bolivia's president", "Bolivian
/// president"): its label words with "of" ("president of") and the holder it relates to
/// (a token, or a country named by a demonym). Shared by copula and nominal rules.
struct Relation {
  PredicateWords label;
  std::optional<std::uint32_t> target;
  std::string country;
};
std::optional<Relation> relational_noun(const SentenceTree& tree, std::uint32_t noun,
                                        std::optional<std::uint32_t> name = std::nullopt);

/// A common noun written just before a name and given the same relation to the same head
/// ("Bolivia's former president Evo Morales flew", parsed with two subjects): a clause has
/// one subject, so the noun is the name's title. Used by the title rule and the CaRB view.
std::optional<std::uint32_t> title_sibling(const SentenceTree& tree, std::uint32_t name);

}  // namespace text2kg::extract
