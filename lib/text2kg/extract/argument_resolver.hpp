#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "text2kg/extract/sentence_tree.hpp"
#include "text2kg/extract/triple.hpp"

namespace text2kg::extract {

/// What kind of thing an argument turned out to be; confidence depends on it.
enum class ArgumentKind : std::uint8_t { Named, Concept, ResolvedPronoun, Pronoun, Clause };

struct ResolvedArgument {
  Argument argument;
  ArgumentKind kind = ArgumentKind::Concept;
  ByteSpan chars;            ///< the surface in the document
  bool via_coref = false;    ///< the name came from a coreference chain
};

/// For every sentence, the indices of the document's mentions that overlap it (empty
/// without the Entities layer).
std::vector<std::vector<std::uint32_t>> mentions_by_sentence(const Document& doc);

/// Turns a nominal head token into an Argument. With the Entities layer, the mention
/// covering the head gives the type and, with Coref, its chain's representative gives the
/// name and key (a description or pronoun only when its chain has a name). Without them: proper-noun names (flat/compound PROPN) are named arguments
/// of type None keyed by make_entity_key; common nouns are Concept nodes keyed by their
/// lemma phrase; pronouns stay pronouns. A relative pronoun ("who", "which", "that")
/// stands for the noun its relative clause modifies.
class ResolvedArguments {
 public:
  /// Finds the sentence's mentions by a scan of the document's (one sentence at a time).
  explicit ResolvedArguments(const SentenceTree& tree);
  /// With the mentions overlapping the sentence already known (mentions_by_sentence), as a
  /// whole document's extraction does: a scan per sentence would be quadratic.
  ResolvedArguments(const SentenceTree& tree, std::vector<std::uint32_t> sentence_mentions);

  /// `predicate`, when given, is kept out of the argument's full phrase.
  ResolvedArgument resolve(std::uint32_t head, std::optional<std::uint32_t> predicate = std::nullopt) const;
  /// A clause as an argument (the content of reported speech): type Other, keyed by its text.
  /// `skip`, when given, is a child of the clause head left out (a parenthetical "he said").
  ResolvedArgument resolve_clause(std::uint32_t clause_head, std::optional<std::uint32_t> skip = std::nullopt) const;
  /// An adjective phrase as an argument ("next in line"): the adjective with its obliques,
  /// a Concept keyed by its lemmas.
  ResolvedArgument resolve_attribute(std::uint32_t adjective) const;
  /// The antecedent of a relative pronoun, or the token itself.
  std::uint32_t antecedent(std::uint32_t t) const;
  bool is_relative_pronoun(std::uint32_t t) const;

 private:
  std::optional<std::uint32_t> relative_antecedent(std::uint32_t t) const;
  std::optional<std::uint32_t> adjacent_antecedent(std::uint32_t t, std::uint32_t clause) const;
  std::optional<std::uint32_t> mention_at(std::uint32_t head) const;
  /// The argument from the parse alone (no mention), `r` holding surface, phrase and chars.
  ResolvedArgument resolve_plain(ResolvedArgument r, std::uint32_t head) const;

  const SentenceTree& tree_;
  std::vector<std::uint32_t> sentence_mentions_;  ///< mentions overlapping the sentence, found once
};

}  // namespace text2kg::extract
