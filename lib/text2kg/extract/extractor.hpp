#pragma once

#include <vector>

#include "text2kg/extract/triple.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::extract {

struct ExtractorOptions {
  double min_confidence = 0.0;  ///< triples below this confidence are dropped
  /// Keep triples with a pronoun that coreference left unresolved ("it was forty percent"):
  /// off for the graph, where "it" would be one node for every unresolved "it" of the
  /// corpus; on to see each rule's whole output.
  bool keep_unresolved_pronouns = false;
};

/// Clause-based triple extraction over UD dependency trees.
///
/// Requires the Tokens, Sentences, Pos, Lemmas and Deps layers (throws text2kg::Error
/// naming the missing ones otherwise); uses Entities and Coref when present to give
/// arguments their entity keys and types. Rule families: verbal clauses, passives,
/// copulas, control chains, coordination, relative clauses and participles (rules.hpp),
/// nominal facts (appositions, titles, possessives, of-modifiers) and reported speech.
/// Every triple names its rule and carries negation, modality, attribution, time and
/// place; its confidence follows confidence.hpp. Triples come in sentence order, then
/// rule-family order; a repeated (subject, predicate_lemma, object) in one sentence is
/// kept once, with its highest confidence.
/// Thread safety: extract() is const and may run concurrently on different Documents.
class Extractor {
 public:
  explicit Extractor(ExtractorOptions options = {});
  std::vector<Triple> extract(const Document& doc) const;

 private:
  ExtractorOptions options_;
};

}  // namespace text2kg::extract
