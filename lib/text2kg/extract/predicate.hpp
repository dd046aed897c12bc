#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/extract/sentence_tree.hpp"

namespace text2kg::extract {

/// Words joined by '_', lower-cased; anything but ASCII letters, digits and non-ASCII
/// bytes becomes '_', runs collapse and ends are trimmed: {"Fled", "to"} -> "fled_to".
std::string snake_case(const std::vector<std::string>& words);

/// A predicate being assembled: the surface words ("was", "taken", "to") and their lemmas
/// ("be", "take", "to"), in the order they are added.
struct PredicateWords {
  std::vector<std::string> surface;
  std::vector<std::string> lemma;

  void add_token(const SentenceTree& tree, std::uint32_t t);
  void add_word(std::string surface_word, std::string lemma_word);
  /// A word of the lemma form only (the "be" of a passive participle written without it).
  void add_lemma(std::string lemma_word);
  /// Appends another predicate's words.
  void append(const PredicateWords& other);
  std::string surface_name() const { return snake_case(surface); }
  std::string lemma_name() const { return snake_case(lemma); }
};

/// The words of a verb's own predicate: the verb and its particle (compound:prt: "set up"),
/// auxiliaries and adverbs dropped.
PredicateWords verb_words(const SentenceTree& tree, std::uint32_t verb);

/// The preposition of an oblique or nominal modifier: its case word with any fixed parts
/// ("according to", "out of"); empty when it has none.
PredicateWords preposition_words(const SentenceTree& tree, std::uint32_t nominal);

/// The minimal name of a nominal head: the head with its flat and compound parts (and the
/// compounds' own parts; a name keeps only proper-noun compounds) and, for a common noun, the
/// classifying adjectives right before them ("armed forces", "the new legislative assembly"
/// -> "legislative assembly"); determiners, describing, graded and participial adjectives,
/// possessors, numbers (but a counted unit's: "14 years"), PPs and clauses left out. In
/// sentence order. "the Bolivian capital La Paz" -> "La Paz"; "police stations" -> both.
std::vector<std::uint32_t> minimal_phrase(const SentenceTree& tree, std::uint32_t head);

/// True when the built-in table of classifying adjectives is sorted and unique (a test checks).
bool classifying_adjective_table_is_sorted();

/// The full phrase of an argument: the head's subtree without coordinated conjuncts (each
/// gets its own triple), appositions, parentheticals, comma-set relative clauses, edge
/// punctuation, and what belongs to the clause: subject, copula, auxiliaries, marker and a
/// preposition already joined to the predicate ("to Mexico" -> "Mexico").
/// When `predicate` lies inside the head's subtree (a relative clause or participle that
/// states this very triple), the branch holding it is left out too.
std::vector<std::uint32_t> full_phrase(const SentenceTree& tree, std::uint32_t head,
                                       std::optional<std::uint32_t> predicate = std::nullopt);

/// The lemma phrase of tokens, lower case, space-separated ("police station").
std::string lemma_phrase(const SentenceTree& tree, const std::vector<std::uint32_t>& tokens);

}  // namespace text2kg::extract
