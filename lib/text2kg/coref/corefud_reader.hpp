#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text2kg/coref/coref_metrics.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

/// One gold mention of a CorefUD Entity annotation.
struct GoldMention {
  std::string entity;      ///< the document-local entity id ("7")
  std::string etype;       ///< GUM's type: person, place, abstract ...
  TokenRange tokens;
};

/// The mentions of the `Entity=` key in the MISC column (CorefUD / GUM style:
/// "(ID-etype-...", "ID)", "(ID-...)", several per word, nested), in order of their first
/// word. Throws text2kg::InputError naming the document and sentence for a closing bracket
/// without an opening one, a mention left open, or a malformed opening.
std::vector<GoldMention> read_gold_mentions(const Document& doc);

/// Gold mentions grouped by entity id into clusters of byte spans (singletons included),
/// in order of first mention.
std::vector<Cluster> gold_clusters(const Document& doc, const std::vector<GoldMention>& mentions);

/// The byte span a token range covers.
ScoredMention scored_span(const Document& doc, TokenRange tokens);

}  // namespace text2kg::coref
