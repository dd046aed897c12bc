#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "text2kg/nlp/stage.hpp"

namespace text2kg::nlp {

/// Counts for tagging and parsing from gold tokens, punctuation included (as CoNLL 2018).
/// LAS compares the universal part of the relation ("nsubj" of "nsubj:pass"), as the
/// CoNLL 2018 scorer does; full_las compares the whole label with its subtype.
struct TagParseScores {
  std::uint64_t words = 0;
  std::uint64_t upos = 0, xpos = 0, feats = 0;
  std::uint64_t uas = 0, las = 0, full_las = 0;

  double percent(std::uint64_t count) const { return words == 0 ? 0.0 : 100.0 * static_cast<double>(count) / static_cast<double>(words); }
  /// "UPOS 96.10 XPOS 95.20 FEATS 94.00 UAS 88.00 LAS 85.00 LAS+subtypes 84.50 (N words)".
  std::string summary() const;
};

/// Copies each gold document, clears the annotations the stages provide (POS, FEATS,
/// heads, relations; lemmas are kept), runs `stages` in order and scores against the gold.
/// Layers not provided by any stage are not scored (their counts stay 0).
TagParseScores evaluate_tag_parse(std::span<const Document> gold, std::span<const Stage* const> stages);

}  // namespace text2kg::nlp
