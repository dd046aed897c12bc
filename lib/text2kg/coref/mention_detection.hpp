#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text2kg/base/span.hpp"
#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/coref/extent_model.hpp"
#include "text2kg/coref/mention_features.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

/// A candidate mention for coreference, with what the sieves compare.
struct CorefMention {
  TokenRange extent;  ///< the whole noun phrase (what GUM and CoNLL-2012 score)
  TokenRange name;    ///< proper: the name; nominal: head with its left modifiers; pronoun: itself
  std::uint32_t head = 0;
  std::uint32_t sentence = 0;
  MentionKind kind = MentionKind::Nominal;
  EntityType type = EntityType::None;
  Agreement agreement;
  bool coordination = false;  ///< "Kim and Lee" as a whole
  bool subject = false;       ///< nsubj / nsubj:pass: more salient antecedent
  bool has_title = false;     ///< the name starts with "Mr", "President" ...
  bool quoted = false;        ///< inside quotation marks opened in its own sentence
  bool appositive = false;    ///< the head is an apposition (appos) to `parent`
  bool copular = false;       ///< the head is a copular predicate ("is the mayor")
  bool numeric = false;       ///< a number standing alone ("in 1859"): linked by exact match only
  bool nested = false;        ///< a name inside another's ("San Francisco" of "the San Francisco Bulletin"): linked by exact match only
  std::int32_t parent = -1;   ///< the head's syntactic head (document index), -1 for a root
  std::optional<std::uint32_t> entity_mention;  ///< index into Document::mentions() (a recognised name)
  std::string head_word;      ///< lower case: the name's last word, the noun's lemma, the pronoun
  std::string exact_text;     ///< lower-case extent without a leading article or trailing 's (exact match)
  std::uint32_t head_id = 0;  ///< head_word as a number (equal words, equal ids; per document)
  std::uint32_t exact_id = 0; ///< exact_text as a number
  // Words as numbers from the same per-document dictionary as head_id, so the sieves compare
  // integers instead of building sets of strings for every candidate pair.
  std::vector<std::uint32_t> content_ids;   ///< content words of the extent, sorted, unique
  std::vector<std::uint32_t> modifier_ids;  ///< the same without the head token
  std::vector<std::uint32_t> name_ids;      ///< name words in order, less a leading title and 's
};

/// Noun phrases of the UD parse as the Stanford sieve system takes them: every NOUN, PROPN
/// and personal-pronoun head, and numbers standing alone ("in 1859", "[17]": GUM's times
/// and citations; linked by exact match only), names inside names that the recogniser found
/// on their own elsewhere (linked by exact match only), its extent the dependency subtree less appositions, conjuncts,
/// leading prepositions and edge punctuation (a coordination is one more, plural mention);
/// a recognised name (Entities layer) gives the type and name span, and a name the parser
/// split is one mention. Requires Deps; uses Entities when present. Sorted by extent start,
/// longer first. With `extents`, a noun phrase's extent loses the material at its edges that
/// the model takes for misattached (ExtentModel::refine; never inside its name).
std::vector<CorefMention> detect_mentions(const Document& doc, const CorefStatistics& stats,
                                          const ExtentModel* extents = nullptr);

/// Lower-cased text of a token range, words joined by one space.
std::string lower_text(const Document& doc, TokenRange range);

}  // namespace text2kg::coref
