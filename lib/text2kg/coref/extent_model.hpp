#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text2kg/base/span.hpp"
#include "text2kg/coref/feature_weight_table.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

/// A shorter extent a noun phrase could have: its subtree less the material at one edge,
/// cut where a dependent's subtree begins (right edge: "a language | in a classroom",
/// the prepositional phrase or clause the parser may have attached to the wrong word) or
/// ends (left edge: "even | higher proficiency"), with the features of that cut.
struct ExtentCut {
  TokenRange extent;                    ///< the phrase after the cut (edge punctuation trimmed)
  bool right = true;                    ///< material removed after the head (else before it)
  std::vector<std::uint64_t> features;  ///< hashed (nlp::FeatureHash)
};

/// The cuts of the phrase `extent` headed by `head` (its name, `keep`, is never cut into):
/// on the right, at every word after the head where a subtree begins that no earlier word
/// hangs from; on the left, when the phrase starts with a word that is no determiner,
/// adjective, noun or number, after every subtree that ends before the head. Cuts that
/// give the same extent are listed once; none leaves the head alone with punctuation.
void extent_cuts(const Document& doc, TokenRange extent, std::uint32_t head, TokenRange keep, bool proper,
                 std::vector<ExtentCut>& out);

/// A linear model over extent_cuts' features, learned from GUM train's mentions on our own
/// parses (tools/train_coref --extents): a cut that scores above zero is taken, the best one
/// on each side. Thread safety: immutable after load.
class ExtentModel {
 public:
  ExtentModel() = default;
  explicit ExtentModel(std::unordered_map<std::uint64_t, float> weights);

  /// Reads models/coref_extents.tsv ("# ..." comments, then "<16 hex digits>\t<weight>" per
  /// line); throws text2kg::InputError naming the file and line.
  static ExtentModel load(const std::filesystem::path& file);
  /// Writes the weights sorted by feature, so that equal models give equal bytes.
  void save(const std::filesystem::path& file, std::string_view comment) const;

  double score(std::span<const std::uint64_t> features) const;
  /// The extent after the best right cut and the best left cut that score above zero.
  TokenRange refine(const Document& doc, TokenRange extent, std::uint32_t head, TokenRange keep, bool proper) const;
  std::size_t size() const { return weights_.size(); }

 private:
  std::unordered_map<std::uint64_t, float> weights_;
  FeatureWeightTable table_;  ///< the same weights, as score() reads them
};

}  // namespace text2kg::coref
