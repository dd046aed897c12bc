#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text2kg/text/document.hpp"

namespace text2kg::nlp {

/// One metric of the CoNLL 2018 shared task evaluation (conll18_ud_eval.py).
struct EvalScore {
  std::size_t gold = 0;     ///< gold items
  std::size_t system = 0;   ///< system items
  std::size_t correct = 0;  ///< items that match
  std::size_t aligned = 0;  ///< aligned words (for tag/lemma/dependency metrics), else 0

  double precision() const { return system ? static_cast<double>(correct) / static_cast<double>(system) : 0.0; }
  double recall() const { return gold ? static_cast<double>(correct) / static_cast<double>(gold) : 0.0; }
  double f1() const {
    return gold + system ? 2.0 * static_cast<double>(correct) / static_cast<double>(gold + system) : 0.0;
  }
  /// correct / aligned: the accuracy on the words both sides have (NaN-free: 0 when none).
  double aligned_accuracy() const {
    return aligned ? static_cast<double>(correct) / static_cast<double>(aligned) : 0.0;
  }
};

/// The metrics in the official script's order: Tokens, Sentences, Words, UPOS, XPOS, UFeats,
/// AllTags, Lemmas, UAS, LAS.
struct EvalReport {
  std::vector<std::pair<std::string, EvalScore>> metrics;
  const EvalScore& operator[](std::string_view name) const;
};

/// Compares system with gold as conll18_ud_eval.py does: tokens and sentences by character
/// spans over the non-space characters of the forms; words aligned by spans, and inside
/// multiword tokens by the longest common subsequence of lower-cased forms. UFeats keeps
/// only universal features; LAS compares only the universal part of the relation. Columns
/// of a layer that a document does not carry count as "_". Documents are concatenated in
/// order. Throws text2kg::Error when the two texts (without whitespace) differ.
EvalReport evaluate_conll(const std::vector<Document>& gold, const std::vector<Document>& system);

/// The metric table in the script's verbose format ("Metric | Precision | Recall | ...").
std::string format_report(const EvalReport& report);

/// The raw text of gold documents as the shared task gives it to systems: the same ids and
/// text (sentences joined by a space, paragraphs by a blank line, one Document per
/// `# newdoc`) and no annotation layer.
std::vector<Document> raw_documents(const std::vector<Document>& gold);

/// A copy of gold documents that keeps tokens, multiword tokens and sentences and drops
/// every other layer (for running the remaining stages on gold tokenization).
std::vector<Document> gold_tokenized_documents(const std::vector<Document>& gold);

}  // namespace text2kg::nlp
