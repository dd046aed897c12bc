#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "text2kg/base/huge_page_allocator.hpp"
#include "text2kg/nlp/gazetteer.hpp"
#include "text2kg/nlp/ner_clusters.hpp"
#include "text2kg/nlp/ner_corpus.hpp"
#include "text2kg/nlp/ner_tags.hpp"
#include "text2kg/nlp/ner_weights.hpp"
#include "text2kg/nlp/stage.hpp"

namespace text2kg::nlp {

/// The (previous, next) class pairs BILOU allows among `classes` classes of the types in
/// `type_mask`, laid out for viterbi_bilou: a word's history in "pair order" has one score
/// per slot (81 for 13 classes, against 14 x 13 rows by previous class), read in sequence:
/// - for each class p in `closes` (O, L, U: what may precede O, B, U), `width` slots, one per
///   class c in `opens` (O, B, U) and padding up to `width`; closes whose history is the same
///   row (see build's `key`) share one such block, at close_offset;
/// - for each type in the mask: (B, I), (I, I), (B, L), (I, L) of that type, from `inside`;
/// - one per class after the sentence start.
struct NerPairs {
  static constexpr std::uint8_t kPadding = 0xFF;
  std::uint32_t classes = 0, type_mask = 0;
  std::vector<std::uint8_t> opens, closes;  ///< increasing class numbers
  std::vector<std::uint8_t> types;          ///< type indices in the mask, increasing
  std::uint32_t width = 0;                  ///< opens.size() rounded up to 4
  std::vector<std::uint32_t> close_offset;  ///< per close: the first slot of its block
  std::uint32_t inside = 0;                 ///< the first (B, I) slot
  std::vector<std::uint8_t> at_end;         ///< per class: may end a sentence (not B or I)
  std::vector<std::uint8_t> previous, next;  ///< per slot (previous = classes: the start; kPadding);
                                             ///< a shared block names its first close
  std::size_t size() const { return previous.size(); }
  std::size_t start() const { return previous.size() - classes; }  ///< first start slot
  /// The first (B, I) slot of order_transition's layout.
  std::size_t transition_inside() const { return closes.size() * width; }
  /// The transition scores ((classes + 1) x classes) in the order Viterbi reads them: unlike
  /// the history, every close has a block of `width` of its own (the transition depends on
  /// the class), then four per type as from `inside`, then one per class after the start.
  std::vector<float> order_transition(std::span<const float> transition) const;
  /// Throws text2kg::Error if bilou_allowed does not have this structure. `key` (classes + 1
  /// entries, or empty: every class its own) gives the history row of each previous class;
  /// closes of one row share a block (a tagger keyed by BILOU part stores its L and U rows
  /// once, not once per type).
  static NerPairs build(std::uint32_t classes, std::uint32_t type_mask, std::span<const std::uint8_t> key = {});
};

/// The scores of one sentence for viterbi_bilou: class c at word i after class p (p = classes:
/// the sentence start) scores emission[i][c] + transition[p][c] + history[i][key[p]][c].
/// The history term (word-specific transition scores) is optional: empty `history`; else
/// history[i] points at word i's keys x classes scores.
struct NerLattice {
  std::size_t words = 0;
  std::uint32_t classes = 0;
  std::span<const float> emission;         ///< words x classes
  std::span<const float> transition;       ///< (classes + 1) x classes
  std::span<const float* const> history;   ///< per word, or empty
  std::uint32_t keys = 0;                  ///< history rows per word
  std::span<const std::uint8_t> key;       ///< classes + 1 entries: previous class -> history row
  /// When set, history[i] is in this pair order instead (keys and key unused), and the type
  /// mask must be pairs->type_mask.
  const NerPairs* pairs = nullptr;
  /// With pairs: pairs->order_transition(transition), made once per tagger; empty: made per call.
  std::span<const float> pair_transition;
  /// With pairs: whether the search may use AVX2 code where the processor has it (the same
  /// sequences; tests turn it off to compare).
  bool avx2 = true;
};

/// Buffers for viterbi_bilou; the allowed-predecessor lists of the last few (classes, type
/// mask) pairs are kept, so a sentence does not rebuild them.
struct ViterbiScratch {
  struct Allowed {
    std::uint32_t classes = 0, type_mask = 0;
    std::vector<std::uint8_t> start;              ///< (last word?) x classes: allowed first
    std::vector<std::uint32_t> from, from_begin;  ///< allowed predecessors per (last word?, class)
  };
  std::vector<Allowed> allowed;
  std::vector<float> score;
  std::vector<std::uint32_t> back;
  std::vector<float> pair_transition;  ///< the transition scores in pair order (when the lattice has none)
};

/// First-order Viterbi over BILOU classes `0 .. classes-1`: the best well-formed class
/// sequence (bilou_allowed; only the types in `type_mask`) under `lattice`. Ties go to the
/// lower class.
void viterbi_bilou(const NerLattice& lattice, std::uint32_t type_mask, ViterbiScratch& scratch,
                   std::vector<std::uint32_t>& best);

/// Reusable buffers for NerRecognizer::recognize, so a document costs no allocation per word.
/// One per thread; keep it across documents (NerStage keeps one per thread), as it also
/// caches per word form the scores that depend only on the word.
struct NerScratch {
  struct WordHashes {
    std::uint64_t word = 0, lower = 0, shape = 0, short_shape = 0;
    std::uint64_t prefix[3] = {0, 0, 0};
    std::uint64_t suffix[3] = {0, 0, 0};
    std::uint16_t cluster[WordClusters::kLevels] = {0, 0, 0};    ///< exchange clusters; 0: none
    std::uint16_t embedding[WordClusters::kLevels] = {0, 0, 0};  ///< word-vector clusters; 0: none
  };
  /// Per word form (for a frozen model): its hashes and, per tagger, the integer sums of its
  /// own features and of its features as the word before / after / two before / two after
  /// another, and its history scores in NerPairs order. Cleared when full or when used with
  /// another recogniser.
  struct TypeCache {
    std::uint64_t owner = 0;               ///< the id of the NerRecognizer the sums belong to
    std::vector<std::uint64_t> keys;       ///< open addressing over word-form hashes, 0 = empty
    std::vector<std::uint32_t> slots;      ///< entry of each key
    std::vector<WordHashes> hashes;        ///< per entry
    std::vector<std::int32_t, HugePageAllocator<std::int32_t>> sums;  ///< per entry, NerRecognizer::cache_ints_ each
    std::vector<float, HugePageAllocator<float>> history;  ///< per entry, NerRecognizer::cache_floats_ each (scaled)
    std::size_t entries = 0;
  };
  std::vector<std::string> lower_storage;
  std::vector<std::string_view> lower;
  std::vector<WordHashes> hashes;
  std::vector<std::uint32_t> entry;  ///< per word: its TypeCache entry
  std::vector<Gazetteer::Hit> gazetteer;
  std::vector<std::uint8_t> pos;  ///< UPOS per word, kNoPos when the sentence has none
  std::vector<std::uint64_t> features;
  std::vector<std::int32_t> sums;      ///< frozen model: words x stride integer emission sums
  std::vector<float> emission;         ///< words x classes
  std::vector<float> history;          ///< words x keys x classes (when not cached)
  std::vector<const float*> history_rows;  ///< per word: its history scores (keys x classes, or
                                           ///< in NerPairs order from the cache)
  std::vector<std::uint64_t> context;      ///< cached path: every word's context features
  std::vector<std::uint32_t> context_end;  ///< where each word's context features end
  std::vector<float> transition;       ///< (classes + 1) x classes (trainable model only)
  std::vector<std::uint64_t> kept_features;  ///< training: every word's features, in order
  std::vector<std::size_t> kept_end;         ///< training: where each word's features end
  ViterbiScratch viterbi;
  TypeCache cache;
  bool use_cache = true;  ///< false: score every feature directly (tests compare the two)

  std::vector<std::uint32_t> classes;
  std::vector<NerSpan> extra;
  std::string shape;
  /// Training only: the chance that a word's identity (form, lower case, affixes) is hidden,
  /// so the model learns what shapes and contexts say about the unknown words it will meet.
  double word_dropout = 0.0;
  std::uint64_t random_state = 0x853c49e6748fea9bULL;
};

struct NerTrainingOptions {
  std::uint32_t epochs = 9;
  std::uint32_t bucket_bits = 18;  ///< of the first (Person/Organization/Place) tagger
  std::uint32_t secondary_bucket_bits = 18;  ///< of the second tagger (less data: fewer rows)
  std::uint64_t seed = 20240729;  ///< shuffles the sentences before each epoch
  double word_dropout = 0.0;      ///< see NerScratch::word_dropout
  /// Training decodes with every wrong class's score raised by this much (loss-augmented
  /// decoding, a structured-hinge flavour of the perceptron); 0: plain perceptron.
  float margin = 0.0F;
  /// The second tagger learns only the types it outputs (Event, Date, Other; GUM's
  /// Person/Organization/Place are O to it): 13 classes instead of 25 (all six types).
  bool secondary_own_types_only = false;
  float outside_penalty = 0.0F;   ///< see NerTagger::outside_penalty
  /// Words (lower-cased) seen fewer times in training are read as one unknown word, so the
  /// model learns what to do with words it has never seen, and their hashes cannot pick up
  /// another feature's weights by collision. 1 keeps every word (the default: 2 and 3 did not
  /// help on dev).
  std::uint32_t min_word_count = 1;
  /// Training sentences with POS show it in only this share of the visits, so the model works
  /// as well without a tagger as with one.
  double pos_share = 0.5;
  /// Word clusters to learn features from and store in the model (none when null or empty).
  const WordClusters* clusters = nullptr;
  /// Clusters of word vectors learnt from a large corpus (learn_embedding_clusters), as a
  /// second set of cluster features (none when null or empty).
  const WordClusters* embedding_clusters = nullptr;
};

/// One tagger of the recogniser: a model over the BILOU classes of `types` consecutive
/// entries of kNerTypes from `first_type` (1 + 4 * types classes; class type t is
/// kNerTypes[first_type + t]), whose spans are kept only for the types in `output_types`
/// (bit 1 << kNerTypes index).
struct NerTagger {
  NerWeights model;
  std::uint32_t first_type = 0;  ///< its types are kNerTypes[first_type, first_type + types)
  std::uint32_t types = 0;
  std::uint32_t output_types = 0;
  /// Subtracted from the O score: a perceptron trained on text that is mostly O is cautious,
  /// and on dev a small push towards names trades a little precision for more recall.
  float outside_penalty = 0.0F;
  /// Frozen model only, filled by NerRecognizer: the transition scores ((classes + 1) x
  /// classes) and the integer sums of the sentence-boundary features (4 x stride: before the
  /// first word, two before it, after the last word, two after it).
  std::vector<float> transition;
  std::vector<std::int32_t> boundary;
};

/// BILOU taggers decoded by first-order Viterbi: averaged structured perceptrons over hashed word, shape, affix,
/// context, gazetteer and previous-tag features; only well-formed tag sequences are searched,
/// so every output is a clean set of spans.
///
/// Two taggers, because the corpora annotate different things: the first is trained on UNER
/// (Person/Organization/Place, where UNER's O may hide an event or a date) and decides those
/// types; the second is trained on GUM's named mentions (of all six types, or with
/// NerTrainingOptions::secondary_own_types_only of Event/Date/Other only) and only adds
/// Event/Date/Other spans where the first found nothing. Scoring: see NerScratch::TypeCache.
/// Thread safety: immutable; recognize() may run concurrently with separate scratch.
class NerRecognizer {
 public:
  NerRecognizer(std::vector<NerTagger> taggers, Gazetteer gazetteer);

  /// Spans over `words` (one sentence), sorted and non-overlapping.
  /// `upos` (one per word, or empty) adds part-of-speech features when a tagger ran.
  void recognize(std::span<const std::string_view> words, NerScratch& scratch, std::vector<NerSpan>& spans,
                 std::span<const Upos> upos = {}) const;
  std::vector<NerSpan> recognize(std::span<const std::string_view> words) const;

  void save(std::ostream& out) const;
  /// Throws text2kg::Error naming the file when it is missing, truncated or not a NER model.
  static NerRecognizer load(const std::filesystem::path& model_file);

  /// Trains the Person/Organization/Place tagger on `primary` and, unless `secondary` is
  /// empty, the all-types tagger on `secondary` (each sentence limited to its own annotated
  /// types). `after_epoch`, when set, receives the epoch number and the averaged recogniser
  /// so far (e.g. to score dev).
  static NerRecognizer train(std::span<const NerSentence> primary, std::span<const NerSentence> secondary,
                             Gazetteer gazetteer, const NerTrainingOptions& options,
                             const std::function<void(std::uint32_t, const NerRecognizer&)>& after_epoch = {});

  std::span<const NerTagger> taggers() const { return taggers_; }
  /// Sets NerTagger::outside_penalty of every tagger (training tools tune it on dev).
  void set_outside_penalty(float penalty);
  const Gazetteer& gazetteer() const { return gazetteer_; }
  const WordClusters& clusters() const { return clusters_; }
  const WordClusters& embedding_clusters() const { return embedding_clusters_; }
  /// Rows with a non-zero weight over all taggers (for reporting).
  std::size_t used_rows() const;
  /// History rows per word of a tagger of `classes` classes: one per previous class and the
  /// start (the three-type tagger), or one per BILOU part of the previous class and the start.
  static std::uint32_t history_keys(std::uint32_t classes);
  /// The history row of previous class p (p = classes: the sentence start).
  static std::uint32_t history_key(std::uint32_t previous, std::uint32_t classes);

 private:
  /// Fills scratch.hashes / scratch.gazetteer (and, for a frozen model, scratch.entry and the
  /// context features) for a sentence; returns its sentence_style.
  std::uint32_t prepare(std::span<const std::string_view> words, std::span<const Upos> upos, NerScratch& scratch) const;
  /// The word's hashes (from its form and lower case).
  void hash_word(std::string_view word, std::string_view lower, NerScratch::WordHashes& h, std::string& shape) const;
  /// Fills a type-cache entry's integer sums from its hashes.
  void fill_entry(const NerScratch::WordHashes& h, std::int32_t* sums, float* history,
                  std::vector<std::uint64_t>& features) const;
  /// Every history-free feature of word i, into scratch.features.
  void features_at(std::size_t n, std::size_t i, std::uint32_t sentence_style, NerScratch& scratch) const;
  /// The features of word i that look at more than one word (features_at minus the
  /// per-word-form ones), appended to `out`.
  void context_features(std::size_t n, std::size_t i, std::uint32_t sentence_style, const NerScratch& scratch,
                        std::vector<std::uint64_t>& out) const;
  /// scratch.emission / history (and transition for a trainable model) of the prepared
  /// sentence under tagger t (keep_features: also every word's features, for training).
  void score_sentence(std::size_t t, std::size_t n, std::uint32_t style, NerScratch& scratch,
                      bool keep_features) const;
  /// score_sentence from the type cache: every word's emission from its and its neighbours'
  /// cached sums and its context features; its history rows point into the cache.
  void score_cached(std::size_t t, std::size_t n, NerScratch& scratch) const;
  /// Runs one tagger over the prepared sentence into scratch.classes.
  void tag(std::size_t t, std::size_t n, std::uint32_t style, NerScratch& scratch) const;
  /// One averaged-perceptron epoch of tagger t over `sentences` in `order`.
  void train_epoch(std::size_t t, NerWeightTrainer& trainer, std::span<const NerSentence> sentences,
                   std::span<const std::size_t> order, std::uint32_t epoch, double pos_share,
                   NerScratch& scratch) const;
  /// For frozen models: each tagger's transition and boundary sums, and the cache layout.
  void finish_frozen();

  std::vector<NerTagger> taggers_;
  Gazetteer gazetteer_;
  WordClusters clusters_;
  WordClusters embedding_clusters_;
  std::unordered_set<std::uint64_t> vocabulary_;  ///< hashes of known lower-cased words; empty = all known
  /// Identifies the weights for NerScratch::TypeCache (copies share it: same weights).
  std::uint64_t id_ = 0;
  bool frozen_ = false;                     ///< every tagger frozen: the type cache applies
  float margin_ = 0.0F;                     ///< training only: NerTrainingOptions::margin
  std::vector<std::uint32_t> cache_offset_;  ///< per tagger: where its sums start in an entry
  std::vector<std::uint32_t> history_offset_;  ///< per tagger: where its history starts in an entry
  std::vector<NerPairs> pairs_;             ///< per tagger: its classes' pairs (cached history order)
  std::vector<std::vector<float>> pair_transition_;  ///< per tagger: its transition in pairs_ order
  /// Per tagger, per slot of pairs_: where a word's history rows (keys x classes) hold its
  /// score, or -1 for padding.
  std::vector<std::vector<std::int16_t>> pair_source_;
  std::uint32_t cache_ints_ = 0;            ///< integers per cache entry
  std::uint32_t cache_floats_ = 0;          ///< history scores per cache entry
};

/// Stage "ner": needs tokens and sentences (ignores Pos: see process()), recognises each sentence,
/// makes the names consistent over the document (propagate_names), and adds a Proper Mention
/// per name (head = the syntactic head when Deps are present, else the last word); provides
/// Entities.
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
