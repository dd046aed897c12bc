#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "text2kg/nlp/linear_model.hpp"
#include "text2kg/nlp/ner_clusters.hpp"
#include "text2kg/nlp/stage.hpp"

namespace text2kg::nlp {

struct ParserTrainingOptions {
  int epochs = 12;
  std::uint32_t bucket_bits = 20;  ///< 2^bits feature rows of the transition model
  std::uint32_t label_bucket_bits = 18;  ///< 2^bits feature rows of the label model
  std::uint32_t seed = 1;          ///< sentence order and exploration; same seed, same model bytes
  double explore = 0.9;            ///< from epoch 2, follow the model's own (legal) choice this often
  std::ostream* log = nullptr;     ///< progress lines, when set
  std::span<const Document> dev;   ///< when not empty (tagged, gold heads), LAS on it is logged each epoch
  /// Word clusters for the cluster feature templates (copied into the model, so the model
  /// file alone decides its features); nullptr or empty: no cluster features.
  const WordClusters* clusters = nullptr;
  /// Hash the templates with one multiply per part instead of FNV byte by byte (faster;
  /// a model keeps the hash it was trained with).
  bool fast_hash = false;
  /// 1: greedy, learnt with the dynamic oracle; > 1: beam search of this width, learnt with
  /// early update (Collins and Roark 2004; Zhang and Nivre 2011), and kept in the model
  std::size_t beam = 1;
};

/// Dependency parser: arc-hybrid transitions (ArcHybridState), scored by an averaged
/// perceptron over hashed Zhang and Nivre (2011) style features of words, tags, labels,
/// distance and valency. Either greedy, trained with a dynamic oracle (Goldberg and Nivre
/// 2012) so it learns to recover from its own mistakes, or a beam search over whole
/// transition sequences, trained with early update (the model file says which). Each arc, when made, is labelled by a
/// second perceptron (3 transition classes instead of 1 + 2L keep the hot loop in cache). Output trees are projective, have
/// one root per sentence and no cycles. Stage "parser": needs pos, provides deps.
/// Thread safety: immutable after load/train; process() may run concurrently.
class Parser final : public Stage {
 public:
  /// Throws text2kg::Error naming the file when it is missing or not a parser model.
  static std::unique_ptr<Parser> load(const std::filesystem::path& model_file);
  static std::unique_ptr<Parser> load(std::istream& in);
  /// Trains on `train`: its UPOS/XPOS are the tags the parser will see (use predicted
  /// tags), its heads and relations the gold tree. Deterministic for a given seed.
  static std::unique_ptr<Parser> train(std::span<const Document> train, const ParserTrainingOptions& options);

  void save(std::ostream& out) const;
  /// Writes through AtomicFile: the file appears whole or not at all.
  void save(const std::filesystem::path& model_file) const;

  std::string_view name() const override { return "parser"; }
  Layers required_layers() const override { return Layers(Layer::Pos); }
  Layers provided_layers() const override { return Layers(Layer::Deps); }
  void process(Document& doc) const override;

  /// Relation labels, index 0 unused ("" = none).
  std::span<const std::string> labels() const { return labels_; }
  /// 1 for a greedy parser, else the beam width it was trained for and decodes with.
  std::uint32_t beam_width() const { return beam_width_; }
  /// The word clusters stored in the model (empty when it was trained without them).
  const WordClusters& clusters() const { return clusters_; }

 private:
  Parser() = default;

  std::vector<std::string> labels_;
  std::uint16_t root_label_ = 0;  ///< index of "root" in labels_
  LinearModel model_;             ///< SHIFT / LEFT / RIGHT
  LinearModel label_model_;       ///< class c = labels_[c + 1], for each arc made
  WordClusters clusters_;         ///< word clusters of the cluster templates; empty: templates off
  bool fast_hash_ = false;        ///< TemplateHash: fast (T2KGDEP4 models trained so) or FNV
  std::uint32_t beam_width_ = 1;  ///< 1: greedy; else beam search of this width (as trained)

  friend struct ParserInternals;
};

}  // namespace text2kg::nlp
