#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "text2kg/nlp/linear_model.hpp"
#include "text2kg/nlp/ner_clusters.hpp"
#include "text2kg/nlp/stage.hpp"
#include "text2kg/text/upos.hpp"

namespace text2kg::nlp {

struct TaggerTrainingOptions {
  int epochs = 6;
  std::uint32_t bucket_bits = 18;  ///< 2^bits feature rows
  std::uint32_t seed = 1;          ///< sentence order per epoch; same seed, same model bytes
  bool two_pass = true;            ///< train a second pass that also sees right-context tags
  std::ostream* log = nullptr;     ///< progress lines, when set
  std::span<const Document> dev;   ///< when not empty, accuracy on it is logged each epoch
  /// Word clusters for the cluster feature templates (copied into the model, so the model
  /// file alone decides its features); nullptr or empty: no cluster features.
  const WordClusters* clusters = nullptr;
};

/// Part-of-speech tagger: greedy left-to-right averaged perceptron (Collins 2002) over
/// hashed word, affix, shape and tag-history features. A class is a (UPOS, XPOS) pair as
/// seen in training; frequent unambiguous words are tagged from a dictionary without
/// scoring. FEATS is the most frequent value for the word and class in training (or for
/// the class alone). Stage "tagger": needs tokens and sentences, provides pos.
/// Thread safety: immutable after load/train; process() may run concurrently.
class Tagger final : public Stage {
 public:
  /// Throws text2kg::Error naming the file when it is missing or not a tagger model.
  static std::unique_ptr<Tagger> load(const std::filesystem::path& model_file);
  static std::unique_ptr<Tagger> load(std::istream& in);
  /// Trains on every sentence of `train` (gold UPOS, XPOS and FEATS). Deterministic.
  static std::unique_ptr<Tagger> train(std::span<const Document> train, const TaggerTrainingOptions& options);

  void save(std::ostream& out) const;
  /// Writes through AtomicFile: the file appears whole or not at all.
  void save(const std::filesystem::path& model_file) const;

  std::string_view name() const override { return "tagger"; }
  Layers required_layers() const override { return Layer::Tokens | Layer::Sentences; }
  Layers provided_layers() const override { return Layers(Layer::Pos); }
  void process(Document& doc) const override;

  std::size_t class_count() const { return classes_.size(); }
  std::size_t dictionary_size() const { return dictionary_.size(); }
  /// The word clusters stored in the model (empty when it was trained without them).
  const WordClusters& clusters() const { return clusters_; }

  struct TagClass {
    Upos upos = Upos::X;
    std::string xpos;
    std::uint32_t feats = 0;  ///< index into feats_: the class's most frequent FEATS
  };

 private:
  Tagger() = default;

  std::vector<TagClass> classes_;
  std::vector<std::string> feats_;
  std::unordered_map<std::uint64_t, std::uint16_t> dictionary_;     ///< form hash -> class
  std::unordered_map<std::uint64_t, std::uint32_t> feats_by_word_;  ///< (lower hash, class) -> feats_
  LinearModel model_;   ///< first pass: left context only
  LinearModel second_;  ///< second pass, also sees the first pass's tags to the right; may be empty
  WordClusters clusters_;  ///< word clusters of the cluster templates; empty: templates off

  friend struct TaggerInternals;
};

}  // namespace text2kg::nlp
