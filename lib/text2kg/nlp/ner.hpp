#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/nlp/gazetteer.hpp"
#include "text2kg/nlp/linear_model.hpp"
#include "text2kg/nlp/ner_corpus.hpp"
#include "text2kg/nlp/ner_tags.hpp"
#include "text2kg/nlp/stage.hpp"

namespace text2kg::nlp {

/// Reusable buffers for NerRecognizer::recognize, so a document costs no allocation per word.
/// One per thread.
struct NerScratch {
  struct WordHashes {
    std::uint64_t word = 0, lower = 0, shape = 0, short_shape = 0;
    std::uint64_t prefix[3] = {0, 0, 0};
    std::uint64_t suffix[3] = {0, 0, 0};
  };
  std::vector<std::string> lower_storage;
  std::vector<std::string_view> lower;
  std::vector<WordHashes> hashes;
  std::vector<Gazetteer::Hit> gazetteer;
  std::vector<std::uint64_t> features;
  std::vector<float> scores;
  std::vector<std::uint32_t> classes;
  std::string shape;
};

struct NerTrainingOptions {
  std::uint32_t epochs = 8;
  std::uint32_t bucket_bits = 18;
  std::uint64_t seed = 20240729;  ///< shuffles the sentences before each epoch
};

/// A greedy left-to-right BILOU tagger: an averaged perceptron over hashed word, shape,
/// affix, context, gazetteer and previous-tag features; each step may only choose a class
/// that keeps the tag sequence well-formed, so every output is a clean set of spans.
/// Thread safety: immutable; recognize() may run concurrently with separate scratch.
class NerRecognizer {
 public:
  NerRecognizer(LinearModel model, Gazetteer gazetteer);

  /// Spans over `words` (one sentence), sorted and non-overlapping.
  void recognize(std::span<const std::string_view> words, NerScratch& scratch, std::vector<NerSpan>& spans) const;
  std::vector<NerSpan> recognize(std::span<const std::string_view> words) const;

  void save(std::ostream& out) const;
  /// Throws text2kg::Error naming the file when it is missing, truncated or not a NER model.
  static NerRecognizer load(const std::filesystem::path& model_file);

  /// Trains on `sentences` (each limited to its own annotated types). `after_epoch`, when
  /// set, receives the epoch number and the averaged model so far (e.g. to score dev).
  static NerRecognizer train(std::span<const NerSentence> sentences, Gazetteer gazetteer,
                             const NerTrainingOptions& options,
                             const std::function<void(std::uint32_t, const NerRecognizer&)>& after_epoch = {});

  const LinearModel& model() const { return model_; }
  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  /// Fills scratch.hashes / scratch.gazetteer for a sentence.
  void prepare(std::span<const std::string_view> words, NerScratch& scratch) const;
  /// The features of word i given the two previous classes, into scratch.features.
  void features_at(std::span<const std::string_view> words, std::size_t i, std::uint32_t previous,
                   std::uint32_t before_previous, std::uint32_t sentence_style, NerScratch& scratch) const;
  /// Best class allowed after `previous` among the types in `type_mask`.
  std::uint32_t best_class(std::span<const float> scores, std::uint32_t previous, bool last_word,
                           std::uint32_t type_mask) const;

  LinearModel model_;
  Gazetteer gazetteer_;
};

/// Stage "ner": needs tokens and sentences, adds a Proper Mention per recognised name (head =
/// the syntactic head when Deps are present, else the last word), provides Entities.
class NerStage : public Stage {
 public:
  explicit NerStage(NerRecognizer recognizer) : recognizer_(std::move(recognizer)) {}
  /// Loads models/ner.bin; throws text2kg::Error on a bad file.
  static std::unique_ptr<Stage> load(const std::filesystem::path& model_file);

  std::string_view name() const override { return "ner"; }
  Layers required_layers() const override { return Layer::Tokens | Layer::Sentences; }
  Layers provided_layers() const override { return Layer::Entities; }
  void process(Document& doc) const override;

  const NerRecognizer& recognizer() const { return recognizer_; }

 private:
  NerRecognizer recognizer_;
};

}  // namespace text2kg::nlp
