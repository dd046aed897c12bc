#include "text2kg/nlp/ner.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <fstream>
#include <limits>
#include <numeric>
#include <random>
#include <unordered_map>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "text2kg/nlp/model_io.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/nlp/feature_hash.hpp"
#include "text2kg/nlp/ner_propagation.hpp"

namespace text2kg::nlp {

namespace {

constexpr char kMagic[8] = {'T', '2', 'K', 'G', 'N', 'E', 'R', '9'};

/// Feature templates; the numbers are part of the model file, so only ever append.
enum Template : std::uint64_t {
  kBias = 1, kWord, kLower, kLowerPrev, kLowerNext, kLowerPrev2, kLowerNext2, kShape, kShapeWindow,
  kPrefix1, kPrefix2, kPrefix3, kSuffix2, kSuffix3, kSuffix4, kBigramPrev, kBigramNext, kFirstWordShape,
  kGazetteerHere, kGazetteerPrev, kGazetteerNext, kStyleShape, kPrevShapeLower, kShapeNextLower,
  kPrevClass, kPrevTwoClasses, kPrevClassLower, kPrevClassShape, kGazetteerShape, kLowerPrevShape, kShapeLowerNext,
  kLowerPrev2Shape, kCommonWordShape, kUpos, kUposWindow, kUposShape,
  kCluster0, kCluster1, kCluster2, kClusterPrev, kClusterNext, kClusterShape, kClusterPrevNext,
  kEmbedding0, kEmbedding1, kEmbedding2, kEmbeddingPrev, kEmbeddingNext, kEmbeddingShape, kEmbeddingPrevNext,
};

constexpr std::uint8_t kNoPos = 0xFF;

constexpr std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 29;
  return h;
}
constexpr std::uint64_t feature(Template t, std::uint64_t a) { return mix(t * 0x9e3779b97f4a7c15ULL, a); }
constexpr std::uint64_t feature(Template t, std::uint64_t a, std::uint64_t b) { return mix(feature(t, a), b); }
constexpr std::uint64_t feature(Template t, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return mix(feature(t, a, b), c);
}

std::uint64_t hash_text(std::string_view text) { return FeatureHash(0).add(text).value(); }

const std::uint64_t kStartHash = hash_text("<s>");
const std::uint64_t kEndHash = hash_text("</s>");
const std::uint64_t kUnknownHash = hash_text("<unk>");

/// xorshift64*: a fixed, portable sequence in [0, 1).
double next_unit(std::uint64_t& state) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return static_cast<double>((state * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

char shape_of(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c >= 0x80) return 'u';
  return static_cast<char>(c);
}

/// How the sentence uses capitals: 0 all lower case, 1 ordinary, 2 title case, 3 upper case.
/// A capital means little in a shouted or headline sentence, and much in a lower-case one.
std::uint32_t sentence_style(std::span<const std::string_view> words) {
  std::uint32_t alphabetic = 0, capitalised = 0, upper = 0;
  for (const std::string_view w : words) {
    const auto c = static_cast<unsigned char>(w.front());
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) continue;
    ++alphabetic;
    if (c >= 'A' && c <= 'Z') {
      ++capitalised;
      if (std::none_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; })) ++upper;
    }
  }
  if (alphabetic == 0) return 1;
  if (capitalised == 0) return 0;
  if (alphabetic >= 3 && upper * 10 >= alphabetic * 6) return 3;
  if (alphabetic >= 3 && capitalised * 10 >= alphabetic * 6) return 2;
  return 1;
}

/// The features that depend on the class chosen before (first order, so Viterbi can search
/// every sequence): the transition itself, and the previous class (or the sentence start)
/// with the word's lower case and with its shape. A tagger of more than three types (25
/// classes: a second tagger trained without --secondary-own-types) keys the last two on the
/// previous class's BILOU part instead, 6 history rows per word rather than 26 (the
/// constraints carry the type on); on a three-type tagger the part instead of the class cost
/// 1 F1 on dev, so it keeps the class (14 rows). The rows are summed once per word form
/// (NerScratch::TypeCache).
constexpr std::uint32_t kHistoryParts = 6;  ///< O, B, I, L, U, sentence start
constexpr std::uint32_t kFineHistoryClasses = 1 + 4 * 3;
constexpr bool coarse_history(std::uint32_t classes) { return classes > kFineHistoryClasses; }
/// The word's features on history row k (the transition itself is not among them).
struct HistoryFeatures {
  std::array<std::uint64_t, 3> f{};  // room for the transition feature too (training)
  std::size_t n = 0;
  std::span<const std::uint64_t> span() const { return {f.data(), n}; }
};
HistoryFeatures history_row_features(std::uint32_t k, std::uint32_t classes, const NerScratch::WordHashes& h) {
  const std::uint64_t key = !coarse_history(classes) && k == classes ? kNerClassCount : k;
  HistoryFeatures out;
  out.f[out.n++] = feature(kPrevClassLower, key, h.lower);
  out.f[out.n++] = feature(kPrevClassShape, key, h.short_shape);
  return out;
}
std::uint64_t transition_feature(std::uint32_t previous, std::uint32_t classes) {
  return feature(kPrevClass, previous == classes ? kNerClassCount : previous);
}

constexpr std::uint64_t kBoundaryCluster = 0xFFFF;
/// Type-cache blocks per tagger before its history rows: the word's own features, and its
/// features as the word before, after, two before and two after another.
constexpr std::uint32_t kOwnBlocks = 5;
constexpr std::size_t kCacheEntries = std::size_t{1} << 15;  ///< then the cache starts again
constexpr std::size_t kFloatsPerLine = 64 / sizeof(float);  ///< per cache line, for prefetching
/// The most context features a word can have (context_features): the shape window, two
/// bigrams and the first word's shape; four per gazetteer type; the style; three of POS; the
/// dictionary and five more word-pair features; the two cluster windows.
constexpr std::size_t kMaxContextFeatures = 4 + 4 * kNerTypeCount + 1 + 3 + 6 + 2;

std::atomic<std::uint64_t> next_recognizer_id{1};

using model_io::put;

template <typename T>
T get(std::istream& in) {
  return model_io::get<T>(in, "ner");
}

/// Which sets of word clusters the model has: exchange clusters of our own unlabelled text,
/// and k-means clusters of word vectors learnt from a far larger corpus.
struct ClusterSets {
  bool exchange = false;
  bool embedding = false;
};

/// The features of a word that depend on it alone.
void own_features(const NerScratch::WordHashes& h, ClusterSets sets, std::vector<std::uint64_t>& f) {
  f.push_back(feature(kBias, 0));
  f.push_back(feature(kWord, h.word));
  f.push_back(feature(kLower, h.lower));
  f.push_back(feature(kShape, h.shape));
  f.push_back(feature(kPrefix1, h.prefix[0]));
  f.push_back(feature(kPrefix2, h.prefix[1]));
  f.push_back(feature(kPrefix3, h.prefix[2]));
  f.push_back(feature(kSuffix2, h.suffix[0]));
  f.push_back(feature(kSuffix3, h.suffix[1]));
  f.push_back(feature(kSuffix4, h.suffix[2]));
  if (sets.exchange) {
    // What the unlabelled text says the word is like.
    f.push_back(feature(kCluster0, h.cluster[0]));
    f.push_back(feature(kCluster1, h.cluster[1]));
    f.push_back(feature(kCluster2, h.cluster[2]));
    f.push_back(feature(kClusterShape, h.cluster[2], h.short_shape));
  }
  if (sets.embedding) {
    f.push_back(feature(kEmbedding0, h.embedding[0]));
    f.push_back(feature(kEmbedding1, h.embedding[1]));
    f.push_back(feature(kEmbedding2, h.embedding[2]));
    f.push_back(feature(kEmbeddingShape, h.embedding[2], h.short_shape));
  }
}
// The features another word gets from this one (or from the sentence boundary) nearby.
void before_features(const NerScratch::WordHashes& h, ClusterSets sets, std::vector<std::uint64_t>& f) {
  f.push_back(feature(kLowerPrev, h.lower));
  if (sets.exchange) f.push_back(feature(kClusterPrev, h.cluster[1]));
  if (sets.embedding) f.push_back(feature(kEmbeddingPrev, h.embedding[1]));
}
void after_features(const NerScratch::WordHashes& h, ClusterSets sets, std::vector<std::uint64_t>& f) {
  f.push_back(feature(kLowerNext, h.lower));
  if (sets.exchange) f.push_back(feature(kClusterNext, h.cluster[1]));
  if (sets.embedding) f.push_back(feature(kEmbeddingNext, h.embedding[1]));
}
void two_before_features(const NerScratch::WordHashes& h, std::vector<std::uint64_t>& f) {
  f.push_back(feature(kLowerPrev2, h.lower));
}
void two_after_features(const NerScratch::WordHashes& h, std::vector<std::uint64_t>& f) {
  f.push_back(feature(kLowerNext2, h.lower));
}

/// What a word sees beyond the sentence's first and last word.
NerScratch::WordHashes boundary_word(std::uint64_t hash) {
  NerScratch::WordHashes h;
  h.word = h.lower = h.shape = h.short_shape = hash;
  std::fill(std::begin(h.prefix), std::end(h.prefix), hash);
  std::fill(std::begin(h.suffix), std::end(h.suffix), hash);
  std::fill(std::begin(h.cluster), std::end(h.cluster), static_cast<std::uint16_t>(kBoundaryCluster));
  std::fill(std::begin(h.embedding), std::end(h.embedding), static_cast<std::uint16_t>(kBoundaryCluster));
  return h;
}
const NerScratch::WordHashes kStartWord = boundary_word(kStartHash);
const NerScratch::WordHashes kEndWord = boundary_word(kEndHash);

}  // namespace

std::uint32_t NerRecognizer::history_key(std::uint32_t previous, std::uint32_t classes) {
  if (!coarse_history(classes)) return previous;
  return previous == classes ? 5 : static_cast<std::uint32_t>(bilou_part(previous));
}

std::uint32_t NerRecognizer::history_keys(std::uint32_t classes) {
  return coarse_history(classes) ? kHistoryParts : classes + 1;
}

NerRecognizer::NerRecognizer(std::vector<NerTagger> taggers, Gazetteer gazetteer)
    : taggers_(std::move(taggers)), gazetteer_(std::move(gazetteer)) {
  if (taggers_.empty() || taggers_.size() > 8) throw Error("ner: 1 to 8 taggers");
  for (const NerTagger& tagger : taggers_) {
    if (tagger.types == 0 || tagger.first_type + tagger.types > kNerTypeCount ||
        tagger.model.classes() != 1 + 4 * tagger.types) {
      throw Error("ner: tagger classes do not match its types");
    }
  }
  finish_frozen();
}

void NerRecognizer::finish_frozen() {
  id_ = next_recognizer_id.fetch_add(1);
  frozen_ = std::all_of(taggers_.begin(), taggers_.end(), [](const NerTagger& t) { return t.model.frozen(); });
  cache_offset_.clear();
  history_offset_.clear();
  pairs_.clear();
  pair_transition_.clear();
  pair_source_.clear();
  cache_ints_ = 0;
  cache_floats_ = 0;
  if (!frozen_) return;
  const ClusterSets clusters{!clusters_.empty(), !embedding_clusters_.empty()};
  std::vector<std::uint64_t> f;
  for (NerTagger& tagger : taggers_) {
    const NerWeights& w = tagger.model;
    const std::uint32_t classes = w.classes(), stride = w.stride();
    tagger.transition.assign(static_cast<std::size_t>(classes + 1) * classes, 0.0F);
    std::vector<std::int32_t> sums(stride);
    for (std::uint32_t p = 0; p <= classes; ++p) {
      std::fill(sums.begin(), sums.end(), 0);
      const std::uint64_t one[] = {transition_feature(p, classes)};
      w.add_raw(one, sums.data());
      for (std::uint32_t c = 0; c < classes; ++c) tagger.transition[p * classes + c] = static_cast<float>(sums[c]) * w.scale();
    }
    tagger.boundary.assign(4 * static_cast<std::size_t>(stride), 0);
    for (int block = 0; block < 4; ++block) {
      f.clear();
      if (block == 0) before_features(kStartWord, clusters, f);
      if (block == 1) two_before_features(kStartWord, f);
      if (block == 2) after_features(kEndWord, clusters, f);
      if (block == 3) two_after_features(kEndWord, f);
      w.add_raw(f, tagger.boundary.data() + block * stride);
    }
    cache_offset_.push_back(cache_ints_);
    cache_ints_ += kOwnBlocks * stride;
    history_offset_.push_back(cache_floats_);
    std::uint8_t key[kNerClassCount + 1];
    for (std::uint32_t p = 0; p <= classes; ++p) key[p] = static_cast<std::uint8_t>(history_key(p, classes));
    pairs_.push_back(NerPairs::build(classes, (1U << tagger.types) - 1, std::span<const std::uint8_t>(key, classes + 1)));
    pair_transition_.push_back(pairs_.back().order_transition(tagger.transition));
    const NerPairs& pairs = pairs_.back();
    std::vector<std::int16_t>& source = pair_source_.emplace_back(pairs.size());
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      const std::uint32_t p = pairs.previous[k];
      source[k] = p == NerPairs::kPadding ? -1 : static_cast<std::int16_t>(history_key(p, classes) * classes + pairs.next[k]);
    }
    cache_floats_ += static_cast<std::uint32_t>(pairs_.back().size());
  }
}

void NerRecognizer::set_outside_penalty(float penalty) {
  for (NerTagger& tagger : taggers_) tagger.outside_penalty = penalty;
}

std::size_t NerRecognizer::used_rows() const {
  std::size_t rows = 0;
  for (const NerTagger& tagger : taggers_) rows += tagger.model.used_rows();
  return rows;
}

void NerRecognizer::hash_word(std::string_view word, std::string_view lower, NerScratch::WordHashes& h,
                              std::string& shape) const {
  h.word = hash_text(word);
  h.lower = hash_text(lower);
  // Shape with runs cut at 3 ("Xxxx" for any long capitalised word) and fully collapsed.
  shape.clear();
  std::size_t run = 0;
  for (const char c : word) {
    const char s = shape_of(static_cast<unsigned char>(c));
    run = !shape.empty() && shape.back() == s ? run + 1 : 1;
    if (run <= 3) shape.push_back(s);
  }
  h.shape = hash_text(shape);
  const auto short_end = std::unique(shape.begin(), shape.end());
  h.short_shape = hash_text(std::string_view(shape.data(), static_cast<std::size_t>(short_end - shape.begin())));
  for (std::size_t k = 0; k < 3; ++k) {
    h.prefix[k] = hash_text(lower.substr(0, k + 1));
    const std::size_t length = k + 2;
    h.suffix[k] = lower.size() > length ? hash_text(lower.substr(lower.size() - length)) : h.lower;
  }
  const auto look_up = [&](const WordClusters& set, std::uint16_t* out) {
    if (const WordClusters::Ids* ids = set.find(h.lower)) {
      std::copy(ids->begin(), ids->end(), out);
    } else {
      std::fill(out, out + WordClusters::kLevels, std::uint16_t{0});
    }
  };
  look_up(clusters_, h.cluster);
  look_up(embedding_clusters_, h.embedding);
  if (!vocabulary_.empty() && !vocabulary_.contains(h.lower)) h.word = h.lower = kUnknownHash;
}

void NerRecognizer::fill_entry(const NerScratch::WordHashes& h, std::int32_t* sums, float* history_scores,
                               std::vector<std::uint64_t>& f) const {
  const ClusterSets clusters{!clusters_.empty(), !embedding_clusters_.empty()};
  std::fill(sums, sums + cache_ints_, 0);
  // Every feature of every block of every tagger first, and all their rows asked for, so the
  // ~50 cache misses per tagger overlap; then the sums.
  constexpr std::size_t kMaxBlocks = kOwnBlocks + kNerClassCount + 1;
  std::size_t first[8];             // where tagger t's features start in f
  std::size_t ends[8][kMaxBlocks];  // and where each of its blocks ends
  f.clear();
  for (std::size_t t = 0; t < taggers_.size(); ++t) {
    const std::uint32_t classes = taggers_[t].model.classes();
    // The features depend on the tagger only through its classes (the history rows): a
    // tagger of the previous one's classes reads the same list.
    if (t > 0 && classes == taggers_[t - 1].model.classes()) {
      first[t] = first[t - 1];
      std::copy_n(ends[t - 1], kOwnBlocks + history_keys(classes), ends[t]);
      continue;
    }
    first[t] = f.size();
    own_features(h, clusters, f);
    ends[t][0] = f.size();
    before_features(h, clusters, f);
    ends[t][1] = f.size();
    after_features(h, clusters, f);
    ends[t][2] = f.size();
    two_before_features(h, f);
    ends[t][3] = f.size();
    two_after_features(h, f);
    ends[t][4] = f.size();
    for (std::uint32_t k = 0; k < history_keys(classes); ++k) {
      const auto history = history_row_features(k, classes, h);
      f.insert(f.end(), history.f.begin(), history.f.begin() + static_cast<std::ptrdiff_t>(history.n));
      ends[t][kOwnBlocks + k] = f.size();
    }
  }
  for (std::size_t t = 0; t < taggers_.size(); ++t) {
    const std::size_t end = ends[t][kOwnBlocks + history_keys(taggers_[t].model.classes()) - 1];
    taggers_[t].model.prefetch(std::span<const std::uint64_t>(f.data() + first[t], end - first[t]));
  }
  std::size_t begin = 0;
  const auto part = [&](std::size_t end) {
    const std::span<const std::uint64_t> features(f.data() + begin, end - begin);
    begin = end;
    return features;
  };
  for (std::size_t t = 0; t < taggers_.size(); ++t) {
    const NerWeights& w = taggers_[t].model;
    const std::uint32_t stride = w.stride();
    std::int32_t* block = sums + cache_offset_[t];
    begin = first[t];
    for (std::uint32_t b = 0; b < kOwnBlocks; ++b) w.add_raw(part(ends[t][b]), block + b * stride, false);
    const std::uint32_t classes = w.classes();
    float rows[(kNerClassCount + 1) * kNerClassCount];
    for (std::uint32_t k = 0; k < history_keys(classes); ++k) w.score({}, part(ends[t][kOwnBlocks + k]), rows + k * classes);
    // Stored in pair order, the order Viterbi reads them.
    const std::vector<std::int16_t>& source = pair_source_[t];
    float* out = history_scores + history_offset_[t];
    for (std::size_t k = 0; k < source.size(); ++k) out[k] = source[k] < 0 ? 0.0F : rows[source[k]];
  }
}

std::uint32_t NerRecognizer::prepare(std::span<const std::string_view> words, std::span<const Upos> upos,
                                     NerScratch& scratch) const {
  const std::size_t n = words.size();
  scratch.pos.assign(n, kNoPos);
  if (upos.size() == n) {
    for (std::size_t i = 0; i < n; ++i) scratch.pos[i] = static_cast<std::uint8_t>(upos[i]);
  }
  if (scratch.lower_storage.size() < n) scratch.lower_storage.resize(n);
  scratch.lower.resize(n);
  scratch.hashes.resize(n);
  scratch.entry.resize(n);
  scratch.gazetteer.resize(n);
  const bool cached = frozen_ && scratch.use_cache;
  NerScratch::TypeCache& cache = scratch.cache;
  // A full cache (or another recogniser's) starts again; a sentence never overfills it.
  if (cached && (cache.owner != id_ || cache.keys.empty() || cache.entries + n > kCacheEntries)) {
    cache.owner = id_;
    cache.keys.assign(2 * std::max(kCacheEntries, n), 0);
    cache.slots.resize(cache.keys.size());
    cache.hashes.resize(cache.keys.size() / 2);
    cache.entries = 0;
    // Room for every entry at once: growing by reallocation copied the scores written so far
    // and faulted in fresh pages for the copy; reserved pages are touched only when used.
    cache.sums.reserve(cache.hashes.size() * cache_ints_);
    cache.history.reserve(cache.hashes.size() * cache_floats_);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view word = words[i];
    std::string& lower = scratch.lower_storage[i];
    lower.assign(word);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    scratch.lower[i] = lower;
    NerScratch::WordHashes& h = scratch.hashes[i];
    if (!cached) {
      hash_word(word, lower, h, scratch.shape);
      if (scratch.word_dropout > 0 && next_unit(scratch.random_state) < scratch.word_dropout) {
        h.word = h.lower = kUnknownHash;
      }
      continue;
    }
    const std::uint64_t key = std::max<std::uint64_t>(hash_text(word), 1);
    const std::size_t mask = cache.keys.size() - 1;
    std::size_t slot = static_cast<std::size_t>(mix(key, 0)) & mask;
    while (cache.keys[slot] != 0 && cache.keys[slot] != key) slot = (slot + 1) & mask;
    if (cache.keys[slot] == 0) {
      const auto e = static_cast<std::uint32_t>(cache.entries++);
      cache.keys[slot] = key;
      cache.slots[slot] = e;
      hash_word(word, lower, cache.hashes[e], scratch.shape);
      const std::size_t needed = (static_cast<std::size_t>(e) + 1) * cache_ints_;
      if (cache.sums.size() < needed) cache.sums.resize(needed + 1024 * static_cast<std::size_t>(cache_ints_));
      const std::size_t needed_floats = (static_cast<std::size_t>(e) + 1) * cache_floats_;
      if (cache.history.size() < needed_floats) {
        cache.history.resize(needed_floats + 1024 * static_cast<std::size_t>(cache_floats_));
      }
      fill_entry(cache.hashes[e], cache.sums.data() + static_cast<std::size_t>(e) * cache_ints_,
                 cache.history.data() + static_cast<std::size_t>(e) * cache_floats_, scratch.features);
    }
    scratch.entry[i] = cache.slots[slot];
    h = cache.hashes[scratch.entry[i]];
  }
  gazetteer_.match(scratch.lower, scratch.gazetteer);
  const std::uint32_t style = sentence_style(words);
  if (cached) {
    // The context features are the same for every tagger: hashed once per sentence.
    scratch.context.clear();
    scratch.context_end.clear();
    for (std::size_t i = 0; i < n; ++i) {
      context_features(n, i, style, scratch, scratch.context);
      scratch.context_end.push_back(static_cast<std::uint32_t>(scratch.context.size()));
    }
  }
  return style;
}

void NerRecognizer::context_features(std::size_t n, std::size_t i, std::uint32_t style, const NerScratch& scratch,
                                     std::vector<std::uint64_t>& out) const {
  const auto& hs = scratch.hashes;
  const NerScratch::WordHashes& h = hs[i];
  const std::uint64_t lower_prev = i > 0 ? hs[i - 1].lower : kStartHash;
  const std::uint64_t lower_prev2 = i > 1 ? hs[i - 2].lower : kStartHash;
  const std::uint64_t lower_next = i + 1 < n ? hs[i + 1].lower : kEndHash;
  const std::uint64_t shape_prev = i > 0 ? hs[i - 1].short_shape : kStartHash;
  const std::uint64_t shape_next = i + 1 < n ? hs[i + 1].short_shape : kEndHash;
  const Gazetteer::Hit gaz = scratch.gazetteer[i];
  const std::uint8_t gaz_prev = i > 0 ? scratch.gazetteer[i - 1].types : 0;
  const std::uint8_t gaz_next = i + 1 < n ? scratch.gazetteer[i + 1].types : 0;

  // Gathered in a local array and appended at once: the out-of-line push_back per feature
  // (with its capacity check) showed up in profiles of this function.
  std::array<std::uint64_t, kMaxContextFeatures> features;
  std::size_t count = 0;
  const auto push = [&](std::uint64_t feature) { features[count++] = feature; };
  push(feature(kShapeWindow, shape_prev, h.short_shape, shape_next));
  push(feature(kBigramPrev, lower_prev, h.lower));
  push(feature(kBigramNext, h.lower, lower_next));
  if (i == 0) push(feature(kFirstWordShape, h.shape));
  // Most words are in no name of the gazetteer, nor next to one: no loop over the types then.
  constexpr std::uint32_t kTypeBits = (1U << kNerTypeCount) - 1;
  if (((gaz.types | gaz_prev | gaz_next) & kTypeBits) != 0) {
    for (std::uint32_t t = 0; t < kNerTypeCount; ++t) {
      if (gaz.types & (1U << t)) {
        push(feature(kGazetteerHere, t, gaz.part));
        push(feature(kGazetteerShape, t, gaz.part, h.short_shape));
      }
      if (gaz_prev & (1U << t)) push(feature(kGazetteerPrev, t));
      if (gaz_next & (1U << t)) push(feature(kGazetteerNext, t));
    }
  }
  push(feature(kStyleShape, style, h.short_shape));
  if (scratch.pos[i] != kNoPos) {
    const std::uint8_t pos_prev = i > 0 ? scratch.pos[i - 1] : kNoPos;
    const std::uint8_t pos_next = i + 1 < n ? scratch.pos[i + 1] : kNoPos;
    push(feature(kUpos, scratch.pos[i]));
    push(feature(kUposWindow, pos_prev, scratch.pos[i], pos_next));
    push(feature(kUposShape, scratch.pos[i], h.short_shape));
  }
  // Whether the word is in the dictionary at all, by its shape and the sentence's use of capitals.
  push(feature(kCommonWordShape, (gaz.types & Gazetteer::kCommonWord) != 0, h.short_shape, style));
  push(feature(kPrevShapeLower, shape_prev, h.lower));
  push(feature(kShapeNextLower, h.short_shape, lower_next));
  // What the context says about a word never seen in training: "in Xx", "Xx said".
  push(feature(kLowerPrevShape, lower_prev, h.short_shape));
  push(feature(kShapeLowerNext, h.short_shape, lower_next));
  push(feature(kLowerPrev2Shape, lower_prev2, lower_prev, h.short_shape));
  if (!clusters_.empty()) {
    const std::uint64_t prev = i > 0 ? hs[i - 1].cluster[1] : kBoundaryCluster;
    const std::uint64_t next = i + 1 < n ? hs[i + 1].cluster[1] : kBoundaryCluster;
    push(feature(kClusterPrevNext, prev, h.cluster[1], next));
  }
  if (!embedding_clusters_.empty()) {
    const std::uint64_t prev = i > 0 ? hs[i - 1].embedding[1] : kBoundaryCluster;
    const std::uint64_t next = i + 1 < n ? hs[i + 1].embedding[1] : kBoundaryCluster;
    push(feature(kEmbeddingPrevNext, prev, h.embedding[1], next));
  }
  out.insert(out.end(), features.begin(), features.begin() + static_cast<std::ptrdiff_t>(count));
}

void NerRecognizer::features_at(std::size_t n, std::size_t i, std::uint32_t style, NerScratch& scratch) const {
  const auto& hs = scratch.hashes;
  const ClusterSets clusters{!clusters_.empty(), !embedding_clusters_.empty()};
  auto& f = scratch.features;
  f.clear();
  own_features(hs[i], clusters, f);
  before_features(i > 0 ? hs[i - 1] : kStartWord, clusters, f);
  two_before_features(i > 1 ? hs[i - 2] : kStartWord, f);
  after_features(i + 1 < n ? hs[i + 1] : kEndWord, clusters, f);
  two_after_features(i + 2 < n ? hs[i + 2] : kEndWord, f);
  context_features(n, i, style, scratch, f);
}

NerPairs NerPairs::build(std::uint32_t classes, std::uint32_t type_mask, std::span<const std::uint8_t> key) {
  if (classes == 0 || classes > kNerClassCount || (classes - 1) % 4 != 0) throw Error("ner: implausible class count");
  NerPairs pairs;
  pairs.classes = classes;
  pairs.type_mask = type_mask;
  const std::uint32_t type_count = (classes - 1) / 4;
  pairs.opens.push_back(0);
  pairs.closes.push_back(0);
  for (std::uint32_t t = 0; t < type_count; ++t) {
    if (!(type_mask & (1U << t))) continue;
    pairs.types.push_back(static_cast<std::uint8_t>(t));
    pairs.opens.push_back(static_cast<std::uint8_t>(ner_class(BilouPart::Begin, t)));
    pairs.opens.push_back(static_cast<std::uint8_t>(ner_class(BilouPart::Unit, t)));
    pairs.closes.push_back(static_cast<std::uint8_t>(ner_class(BilouPart::Last, t)));
    pairs.closes.push_back(static_cast<std::uint8_t>(ner_class(BilouPart::Unit, t)));
  }
  std::sort(pairs.opens.begin(), pairs.opens.end());
  std::sort(pairs.closes.begin(), pairs.closes.end());
  pairs.width = static_cast<std::uint32_t>((pairs.opens.size() + 3) / 4 * 4);
  const auto add = [&](std::uint32_t p, std::uint32_t c) {
    pairs.previous.push_back(static_cast<std::uint8_t>(p));
    pairs.next.push_back(static_cast<std::uint8_t>(c));
  };
  if (!key.empty() && key.size() != classes + 1) throw Error("ner: history keys do not match the classes");
  for (std::size_t j = 0; j < pairs.closes.size(); ++j) {
    const std::uint8_t p = pairs.closes[j];
    // A close whose history row an earlier close has already laid out reads that block.
    std::size_t first = j;
    if (!key.empty()) {
      first = static_cast<std::size_t>(
          std::find_if(pairs.closes.begin(), pairs.closes.begin() + static_cast<std::ptrdiff_t>(j),
                       [&](std::uint8_t q) { return key[q] == key[p]; }) -
          pairs.closes.begin());
    }
    if (first < j) {
      pairs.close_offset.push_back(pairs.close_offset[first]);
      continue;
    }
    pairs.close_offset.push_back(static_cast<std::uint32_t>(pairs.previous.size()));
    for (std::uint32_t lane = 0; lane < pairs.width; ++lane) {
      if (lane < pairs.opens.size()) add(p, pairs.opens[lane]);
      else add(kPadding, kPadding);
    }
  }
  pairs.inside = static_cast<std::uint32_t>(pairs.previous.size());
  for (const std::uint8_t t : pairs.types) {
    const std::uint32_t b = ner_class(BilouPart::Begin, t), i = ner_class(BilouPart::Inside, t);
    const std::uint32_t l = ner_class(BilouPart::Last, t);
    add(b, i);
    add(i, i);
    add(b, l);
    add(i, l);
  }
  for (std::uint32_t c = 0; c < classes; ++c) add(classes, c);
  pairs.at_end.assign(classes, 0);
  for (std::uint32_t c = 0; c < classes; ++c) {
    const BilouPart part = bilou_part(c);
    pairs.at_end[c] = part == BilouPart::Begin || part == BilouPart::Inside ? 0 : 1;
  }
  // The structure viterbi_bilou relies on, checked against bilou_allowed: a pair is allowed
  // at a word if it has a slot (the start slots: if c may open a name), and at the last word
  // if moreover c may end a sentence.
  const auto type_ok = [&](std::uint32_t c) { return c == 0 || (type_mask & (1U << bilou_type(c))) != 0; };
  for (std::uint32_t p = 0; p <= classes; ++p) {
    for (std::uint32_t c = 0; c < classes; ++c) {
      bool slotted = false;
      for (std::size_t j = 0; j < pairs.closes.size(); ++j) {
        slotted |= pairs.closes[j] == p && std::find(pairs.opens.begin(), pairs.opens.end(), c) != pairs.opens.end();
      }
      for (std::size_t k = pairs.inside; k < pairs.start(); ++k) slotted |= pairs.previous[k] == p && pairs.next[k] == c;
      if (p == classes) slotted = std::find(pairs.opens.begin(), pairs.opens.end(), c) != pairs.opens.end();
      const std::uint32_t previous = p == classes ? kNerClassCount : p;
      const bool types = type_ok(c) && (p == classes || type_ok(p));
      for (const bool last : {false, true}) {
        if ((slotted && (!last || pairs.at_end[c])) != (types && bilou_allowed(previous, c, last))) {
          throw Error("ner: BILOU constraints do not have the pair structure");
        }
      }
    }
  }
  return pairs;
}

std::vector<float> NerPairs::order_transition(std::span<const float> transition) const {
  if (transition.size() != static_cast<std::size_t>(classes + 1) * classes) throw Error("ner: transition size");
  const std::size_t inside_slot = transition_inside();
  const std::size_t start_slot = inside_slot + 4 * types.size();
  std::vector<float> ts(start_slot + classes, 0.0F);
  for (std::size_t j = 0; j < closes.size(); ++j) {
    for (std::size_t lane = 0; lane < opens.size(); ++lane) {
      ts[j * width + lane] = transition[closes[j] * classes + opens[lane]];
    }
  }
  for (std::size_t k = 0; k < 4 * types.size(); ++k) {
    ts[inside_slot + k] = transition[previous[inside + k] * classes + next[inside + k]];
  }
  for (std::uint32_t c = 0; c < classes; ++c) ts[start_slot + c] = transition[classes * classes + c];
  return ts;
}

namespace {

/// The classes of the best path: the best-scoring class of the last word, then each word's
/// back pointer.
void follow_back(const std::vector<float>& score, const std::vector<std::uint32_t>& back, std::size_t n,
                 std::uint32_t classes, std::vector<std::uint32_t>& best) {
  const float* end = score.data() + (n - 1) * classes;
  std::uint32_t c = 0;
  for (std::uint32_t k = 1; k < classes; ++k) {
    if (end[k] > end[c]) c = k;
  }
  for (std::size_t i = n; i-- > 0;) {
    best[i] = c;
    c = back[i * classes + c];
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define TEXT2KG_NER_AVX2 1
#endif

using F4 = float __attribute__((vector_size(16)));
using I4 = std::int32_t __attribute__((vector_size(16)));

/// viterbi_bilou for history in pair order over kTypes types: the O/B/U classes of a word are
/// scored together against each O/L/U class before, four lanes at a time (GCC vector
/// extensions: SSE2 without -march), then the I and L of each type from its B and I. With the
/// type count known at compile time every loop over closes, lanes and types is unrolled and the
/// running bests stay in registers (with runtime counts they lived on the stack, and their
/// set-up and copy-out were library calls at every word).
template <std::size_t kTypes>
class PairViterbi {
 public:
  static constexpr std::size_t kOpens = 1 + 2 * kTypes;  ///< O, and B and U of each type; as many closes
  static constexpr std::size_t kGroups = (kOpens + 3) / 4;

  explicit PairViterbi(const NerPairs& pairs) : pairs_(pairs) {
    if (pairs.types.size() != kTypes || pairs.opens.size() != kOpens || pairs.closes.size() != kOpens ||
        pairs.width != 4 * kGroups) {
      throw Error("ner: pairs do not have the layout of their type count");
    }
    for (std::size_t j = 0; j < kOpens; ++j) {
      closes_[j] = pairs.closes[j];
      close_offset_[j] = pairs.close_offset[j];
      opens_[j] = pairs.opens[j];
    }
    for (std::size_t k = 0; k < kTypes; ++k) begins_[k] = ner_class(BilouPart::Begin, pairs.types[k]);
  }

  /// `avx2` (the caller checks the processor): the opens' search in groups of eight lanes,
  /// where the width is a multiple of eight (2, 3 or 6 types; the shipped taggers have 3).
  void run(const NerLattice& lattice, std::span<const float> ts, [[maybe_unused]] bool avx2, float* score,
           std::uint32_t* back) const {
    const std::size_t n = lattice.words;
    const std::uint32_t classes = lattice.classes;
    const std::size_t start = pairs_.transition_inside() + 4 * kTypes;  // ts: the first start slot
    for (std::size_t i = 0; i < n; ++i) {
      const float* e = lattice.emission.data() + i * classes;
      const float* h = lattice.history[i];
      float* here = score + i * classes;
      std::uint32_t* from = back + i * classes;
      if (i == 0) {
        // A name starts with a B or U: the I and L of the first word are unreachable.
        for (const std::uint32_t b : begins_) here[b + 1] = here[b + 2] = -std::numeric_limits<float>::infinity();
        for (const std::uint8_t c : opens_) here[c] = e[c] + ts[start + c] + h[pairs_.start() + c];
        for (std::uint32_t c = 0; c < classes; ++c) from[c] = classes;
      } else {
        const float* before = score + (i - 1) * classes;
#if defined(TEXT2KG_NER_AVX2)
        if constexpr (kGroups % 2 == 0) {
          if (avx2) {
            opens_avx2(before, ts.data(), h, e, here, from);
          } else {
            opens(before, ts.data(), h, e, here, from);
          }
        } else {
          opens(before, ts.data(), h, e, here, from);
        }
#else
        opens(before, ts.data(), h, e, here, from);
#endif
        insides(before, ts.data(), h, e, here, from);
      }
      if (i + 1 == n) {
        // A sentence ends on no B or I: those of the last word are unreachable (their back
        // pointers are never followed).
        for (std::uint32_t c = 0; c < classes; ++c) {
          if (!pairs_.at_end[c]) here[c] = -std::numeric_limits<float>::infinity();
        }
      }
    }
  }

 private:
  /// One word after the first: here and from of its O, B and U classes, from the scores before.
  void opens(const float* before, const float* ts, const float* h, const float* e, float* here,
             std::uint32_t* from) const {
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    // Closes outside, lane groups inside: each group's running best is its own dependency
    // chain, so the groups proceed in parallel; every lane sees the closes in increasing
    // order and keeps the first, i.e. lowest, on ties, as the scalar search does.
    F4 best_v[kGroups];
    I4 best_p[kGroups];
    for (std::size_t g = 0; g < kGroups; ++g) {
      best_v[g] = F4{kNone, kNone, kNone, kNone};
      best_p[g] = I4{0, 0, 0, 0};
    }
    for (std::size_t j = 0; j < kOpens; ++j) {
      const std::int32_t p = closes_[j];
      const float bp = before[p];
      const float* tj = ts + j * 4 * kGroups;
      const float* hj = h + close_offset_[j];
      for (std::size_t g = 0; g < kGroups; ++g) {
        F4 tr, hr;
        std::memcpy(&tr, tj + 4 * g, sizeof tr);
        std::memcpy(&hr, hj + 4 * g, sizeof hr);
        const F4 v = F4{bp, bp, bp, bp} + tr + hr;
        const I4 better = v > best_v[g];
        best_v[g] = better ? v : best_v[g];
        best_p[g] = better ? I4{p, p, p, p} : best_p[g];
      }
    }
    for (std::size_t lane = 0; lane < kOpens; ++lane) {
      const std::uint32_t c = opens_[lane];
      here[c] = best_v[lane / 4][lane % 4] + e[c];
      from[c] = static_cast<std::uint32_t>(best_p[lane / 4][lane % 4]);
    }
  }

#if defined(TEXT2KG_NER_AVX2)
  /// opens() in groups of eight lanes (the same sums, compared the same way, one blend each).
  [[gnu::target("avx2")]] void opens_avx2(const float* before, const float* ts, const float* h, const float* e,
                                          float* here, std::uint32_t* from) const {
    constexpr std::size_t kGroups8 = kGroups / 2;
    __m256 best_v[kGroups8];
    __m256i best_p[kGroups8];
    for (std::size_t g = 0; g < kGroups8; ++g) {
      best_v[g] = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
      best_p[g] = _mm256_setzero_si256();
    }
    for (std::size_t j = 0; j < kOpens; ++j) {
      const __m256 bp = _mm256_set1_ps(before[closes_[j]]);
      const __m256i p = _mm256_set1_epi32(closes_[j]);
      const float* tj = ts + j * 4 * kGroups;
      const float* hj = h + close_offset_[j];
      for (std::size_t g = 0; g < kGroups8; ++g) {
        const __m256 v = _mm256_add_ps(_mm256_add_ps(bp, _mm256_loadu_ps(tj + 8 * g)), _mm256_loadu_ps(hj + 8 * g));
        const __m256 better = _mm256_cmp_ps(v, best_v[g], _CMP_GT_OQ);
        best_v[g] = _mm256_blendv_ps(best_v[g], v, better);
        best_p[g] = _mm256_castps_si256(
            _mm256_blendv_ps(_mm256_castsi256_ps(best_p[g]), _mm256_castsi256_ps(p), better));
      }
    }
    float top[8 * kGroups8];
    std::int32_t arg[8 * kGroups8];
    for (std::size_t g = 0; g < kGroups8; ++g) {
      _mm256_storeu_ps(top + 8 * g, best_v[g]);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(arg + 8 * g), best_p[g]);
    }
    for (std::size_t lane = 0; lane < kOpens; ++lane) {
      const std::uint32_t c = opens_[lane];
      here[c] = top[lane] + e[c];
      from[c] = static_cast<std::uint32_t>(arg[lane]);
    }
  }
#endif

  /// One word after the first: here and from of the I and L of each type, from its B or I
  /// (slots (B, I), (I, I), (B, L), (I, L)).
  void insides(const float* before, const float* ts, const float* h, const float* e, float* here,
               std::uint32_t* from) const {
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    const float* ti = ts + pairs_.transition_inside();
    const float* hi = h + pairs_.inside;
    for (std::size_t k = 0; k < kTypes; ++k) {
      const std::uint32_t b = begins_[k];
      for (std::uint32_t part = 0; part < 2; ++part) {
        const std::uint32_t c = b + 1 + part;  // I, then L
        const std::size_t s = 4 * k + 2 * part;
        float best_score = kNone;
        std::uint32_t best_previous = 0;
        const float from_begin = before[b] + ti[s] + hi[s];
        if (from_begin > best_score) best_score = from_begin, best_previous = b;
        const float from_inside = before[b + 1] + ti[s + 1] + hi[s + 1];
        if (from_inside > best_score) best_score = from_inside, best_previous = b + 1;
        here[c] = best_score + e[c];
        from[c] = best_previous;
      }
    }
  }

  const NerPairs& pairs_;
  std::array<std::int32_t, kOpens> closes_{};
  std::array<std::uint32_t, kOpens> close_offset_{};
  std::array<std::uint8_t, kOpens> opens_{};
  std::array<std::uint32_t, kTypes> begins_{};
};

void viterbi_pairs(const NerLattice& lattice, ViterbiScratch& scratch, std::vector<std::uint32_t>& best) {
  const std::size_t n = lattice.words;
  const std::uint32_t classes = lattice.classes;
  const NerPairs& pairs = *lattice.pairs;
  if (classes == 1 + 4 * pairs.types.size()) {
    // Every class is of a type searched: run() writes each score and back pointer, and
    // sets the first word's I and L to -infinity itself.
    scratch.score.resize(n * classes);
    scratch.back.resize(n * classes);
  } else {
    scratch.score.assign(n * classes, -std::numeric_limits<float>::infinity());
    scratch.back.assign(n * classes, 0);
  }
  std::span<const float> ts = lattice.pair_transition;
  if (ts.empty()) {
    scratch.pair_transition = pairs.order_transition(lattice.transition);
    ts = scratch.pair_transition;
  }
  float* score = scratch.score.data();
  std::uint32_t* back = scratch.back.data();
  const bool avx2 = lattice.avx2 && processor_has_avx2();
  switch (pairs.types.size()) {
    case 0: PairViterbi<0>(pairs).run(lattice, ts, avx2, score, back); break;
    case 1: PairViterbi<1>(pairs).run(lattice, ts, avx2, score, back); break;
    case 2: PairViterbi<2>(pairs).run(lattice, ts, avx2, score, back); break;
    case 3: PairViterbi<3>(pairs).run(lattice, ts, avx2, score, back); break;
    case 4: PairViterbi<4>(pairs).run(lattice, ts, avx2, score, back); break;
    case 5: PairViterbi<5>(pairs).run(lattice, ts, avx2, score, back); break;
    case 6: PairViterbi<6>(pairs).run(lattice, ts, avx2, score, back); break;
    default: throw Error("ner: more types than kNerTypes");
  }
  follow_back(scratch.score, scratch.back, n, classes, best);
}

}  // namespace

void viterbi_bilou(const NerLattice& lattice, std::uint32_t type_mask, ViterbiScratch& scratch,
                   std::vector<std::uint32_t>& best) {
  const std::size_t n = lattice.words;
  const std::uint32_t classes = lattice.classes;
  best.resize(n);
  if (n == 0) return;
  if (lattice.pairs != nullptr) {
    if (lattice.pairs->classes != classes || lattice.pairs->type_mask != type_mask || lattice.history.size() != n) {
      throw Error("ner: lattice pairs do not match its classes or type mask");
    }
    if (!lattice.pair_transition.empty() &&
        lattice.pair_transition.size() != lattice.pairs->transition_inside() + 4 * lattice.pairs->types.size() + classes) {
      throw Error("ner: lattice pair transition does not match its pairs");
    }
    viterbi_pairs(lattice, scratch, best);
    return;
  }
  // The allowed pairs depend only on (classes, type mask): built once, then reused.
  auto found = std::find_if(scratch.allowed.begin(), scratch.allowed.end(), [&](const ViterbiScratch::Allowed& a) {
    return a.classes == classes && a.type_mask == type_mask;
  });
  if (found == scratch.allowed.end()) {
    if (scratch.allowed.size() >= 8) scratch.allowed.erase(scratch.allowed.begin());
    ViterbiScratch::Allowed a;
    a.classes = classes;
    a.type_mask = type_mask;
    const auto type_ok = [&](std::uint32_t c) { return c == 0 || (type_mask & (1U << bilou_type(c))) != 0; };
    a.start.assign(2 * static_cast<std::size_t>(classes), 0);
    a.from_begin.assign(1, 0);
    for (std::uint32_t last = 0; last < 2; ++last) {
      for (std::uint32_t c = 0; c < classes; ++c) {
        a.start[last * classes + c] = type_ok(c) && bilou_allowed(kNerClassCount, c, last != 0) ? 1 : 0;
      }
    }
    // For each (last word?, class): the classes it may follow, in increasing order.
    for (std::uint32_t last = 0; last < 2; ++last) {
      for (std::uint32_t c = 0; c < classes; ++c) {
        for (std::uint32_t p = 0; p < classes; ++p) {
          if (type_ok(c) && type_ok(p) && bilou_allowed(p, c, last != 0)) a.from.push_back(p);
        }
        a.from_begin.push_back(static_cast<std::uint32_t>(a.from.size()));
      }
    }
    scratch.allowed.push_back(std::move(a));
    found = scratch.allowed.end() - 1;
  }
  const ViterbiScratch::Allowed& allowed = *found;
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  std::vector<float>& score = scratch.score;
  std::vector<std::uint32_t>& back = scratch.back;
  score.assign(n * classes, kNone);
  back.assign(n * classes, 0);
  const float* t = lattice.transition.data();
  const bool has_history = !lattice.history.empty();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t last = i + 1 == n ? 1 : 0;
    const float* e = lattice.emission.data() + i * classes;
    const float* h = has_history ? lattice.history[i] : nullptr;
    float* here = score.data() + i * classes;
    std::uint32_t* from = back.data() + i * classes;
    if (i == 0) {
      const float* start_history = has_history ? h + lattice.key[classes] * classes : nullptr;
      for (std::uint32_t c = 0; c < classes; ++c) {
        if (allowed.start[last * classes + c]) {
          here[c] = e[c] + t[classes * classes + c] + (has_history ? start_history[c] : 0.0F);
        }
        from[c] = classes;
      }
      continue;
    }
    const float* before = score.data() + (i - 1) * classes;
    const std::uint32_t* lists = allowed.from_begin.data() + last * classes;
    // Unreachable classes score -infinity, which no sum lifts above a reachable one: no
    // branches but the comparison (ties: the first, i.e. lowest, predecessor).
    if (has_history) {
      for (std::uint32_t c = 0; c < classes; ++c) {
        float top = kNone;
        std::uint32_t arg = 0;
        for (std::uint32_t k = lists[c]; k < lists[c + 1]; ++k) {
          const std::uint32_t p = allowed.from[k];
          const float v = before[p] + t[p * classes + c] + h[lattice.key[p] * classes + c];
          if (v > top) top = v, arg = p;
        }
        here[c] = top + e[c];
        from[c] = arg;
      }
    } else {
      for (std::uint32_t c = 0; c < classes; ++c) {
        float top = kNone;
        std::uint32_t arg = 0;
        for (std::uint32_t k = lists[c]; k < lists[c + 1]; ++k) {
          const std::uint32_t p = allowed.from[k];
          const float v = before[p] + t[p * classes + c];
          if (v > top) top = v, arg = p;
        }
        here[c] = top + e[c];
        from[c] = arg;
      }
    }
  }
  // O is always reachable, so the last word has a finite best class.
  follow_back(score, back, n, classes, best);
}

void NerRecognizer::score_sentence(std::size_t t, std::size_t n, std::uint32_t style, NerScratch& scratch,
                                   bool keep_features) const {
  const NerTagger& tagger = taggers_[t];
  const NerWeights& w = tagger.model;
  const std::uint32_t classes = w.classes();
  const std::uint32_t keys = history_keys(classes);
  scratch.emission.resize(n * classes);
  scratch.history_rows.resize(n);
  if (frozen_ && scratch.use_cache) {
    score_cached(t, n, scratch);
    return;
  }
  std::fill(scratch.emission.begin(), scratch.emission.end(), 0.0F);
  scratch.history.assign(n * keys * classes, 0.0F);
  for (std::size_t i = 0; i < n; ++i) scratch.history_rows[i] = scratch.history.data() + i * keys * classes;
  if (keep_features) {
    scratch.kept_features.clear();
    scratch.kept_end.clear();
  }
  if (!w.frozen()) {
    scratch.transition.assign(static_cast<std::size_t>(classes + 1) * classes, 0.0F);
    for (std::uint32_t p = 0; p <= classes; ++p) {
      const std::uint64_t one[] = {transition_feature(p, classes)};
      w.add_scores(one, std::span<float>(scratch.transition).subspan(p * classes, classes));
    }
    for (std::size_t i = 0; i < n; ++i) {
      features_at(n, i, style, scratch);
      w.add_scores(scratch.features, std::span<float>(scratch.emission).subspan(i * classes, classes));
      if (keep_features) {
        scratch.kept_features.insert(scratch.kept_features.end(), scratch.features.begin(), scratch.features.end());
        scratch.kept_end.push_back(scratch.kept_features.size());
      }
      for (std::uint32_t k = 0; k < keys; ++k) {
        const auto history = history_row_features(k, classes, scratch.hashes[i]);
        w.add_scores(history.span(), std::span<float>(scratch.history).subspan((i * keys + k) * classes, classes));
      }
    }
    return;
  }
  // Frozen: integer sums, so the cached per-word parts add up to exactly the direct score.
  const std::uint32_t stride = w.stride();
  scratch.sums.assign(n * stride, 0);
  std::int32_t history_sums[32];
  for (std::size_t i = 0; i < n; ++i) {
    features_at(n, i, style, scratch);
    w.add_raw(scratch.features, scratch.sums.data() + i * stride);
    for (std::uint32_t k = 0; k < keys; ++k) {
      std::fill(std::begin(history_sums), std::end(history_sums), 0);
      const auto history = history_row_features(k, classes, scratch.hashes[i]);
      w.add_raw(history.span(), history_sums);
      float* out = scratch.history.data() + (i * keys + k) * classes;
      for (std::uint32_t c = 0; c < classes; ++c) out[c] = static_cast<float>(history_sums[c]) * w.scale();
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::uint32_t c = 0; c < classes; ++c) {
      scratch.emission[i * classes + c] = static_cast<float>(scratch.sums[i * stride + c]) * w.scale();
    }
  }
}

void NerRecognizer::score_cached(std::size_t t, std::size_t n, NerScratch& scratch) const {
  const NerTagger& tagger = taggers_[t];
  const NerWeights& w = tagger.model;
  const std::uint32_t classes = w.classes(), stride = w.stride();
  const NerScratch::TypeCache& cache = scratch.cache;
  // Read once: after each (indirect) scoring call the compiler would load them again.
  const std::int32_t* sums = cache.sums.data() + cache_offset_[t];
  const float* histories = cache.history.data() + history_offset_[t];
  const std::size_t ints = cache_ints_, floats = cache_floats_;
  const std::uint32_t* entry = scratch.entry.data();
  const auto block = [&](std::size_t word, std::uint32_t b) {
    return sums + static_cast<std::size_t>(entry[word]) * ints + static_cast<std::size_t>(b) * stride;
  };
  const auto context = [&](std::size_t word) {
    const std::uint32_t begin = word == 0 ? 0 : scratch.context_end[word - 1];
    return std::span<const std::uint64_t>(scratch.context.data() + begin, scratch.context_end[word] - begin);
  };
  // Software pipelining: the rows of word i + 2's context features are requested while word
  // i is summed, so their cache misses overlap with useful work.
  for (std::size_t i = 0; i < std::min<std::size_t>(n, 2); ++i) w.prefetch(context(i));
  const std::size_t history_size = pairs_[t].size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 2 < n) w.prefetch(context(i + 2));
    const std::int32_t* parts[5] = {
        block(i, 0),
        i > 0 ? block(i - 1, 1) : tagger.boundary.data(),
        i > 1 ? block(i - 2, 3) : tagger.boundary.data() + stride,
        i + 1 < n ? block(i + 1, 2) : tagger.boundary.data() + 2 * stride,
        i + 2 < n ? block(i + 2, 4) : tagger.boundary.data() + 3 * stride,
    };
    w.score(parts, context(i), scratch.emission.data() + i * classes);
    const float* history = histories + static_cast<std::size_t>(entry[i]) * floats;
    scratch.history_rows[i] = history;
    // Viterbi reads these scores right after this loop: asked for now, their misses overlap
    // with the summing instead of stalling Viterbi's steps one word after another.
    for (std::size_t k = 0; k < history_size; k += kFloatsPerLine) __builtin_prefetch(history + k);
  }
}

void NerRecognizer::tag(std::size_t t, std::size_t n, std::uint32_t style, NerScratch& scratch) const {
  const NerTagger& tagger = taggers_[t];
  const std::uint32_t classes = tagger.model.classes();
  score_sentence(t, n, style, scratch, false);
  for (std::size_t i = 0; i < n; ++i) scratch.emission[i * classes] -= tagger.outside_penalty;
  NerLattice lattice;
  lattice.words = n;
  lattice.classes = classes;
  lattice.emission = scratch.emission;
  lattice.transition = tagger.model.frozen() ? std::span<const float>(tagger.transition) : scratch.transition;
  lattice.history = scratch.history_rows;
  std::uint8_t key[kNerClassCount + 1];
  if (frozen_ && scratch.use_cache) {
    lattice.pairs = &pairs_[t];  // the cache keeps history in pair order
    lattice.pair_transition = pair_transition_[t];
  } else {
    for (std::uint32_t p = 0; p <= classes; ++p) key[p] = static_cast<std::uint8_t>(history_key(p, classes));
    lattice.keys = history_keys(classes);
    lattice.key = std::span<const std::uint8_t>(key, classes + 1);
  }
  viterbi_bilou(lattice, (1U << tagger.types) - 1, scratch.viterbi, scratch.classes);
}

void NerRecognizer::recognize(std::span<const std::string_view> words, NerScratch& scratch,
                              std::vector<NerSpan>& spans, std::span<const Upos> upos) const {
  spans.clear();
  if (words.empty()) return;
  const std::uint32_t style = prepare(words, upos, scratch);
  for (std::size_t t = 0; t < taggers_.size(); ++t) {
    const NerTagger& tagger = taggers_[t];
    tag(t, words.size(), style, scratch);
    std::vector<NerSpan>& found = t == 0 ? spans : scratch.extra;
    decode_bilou(scratch.classes, found);
    for (NerSpan& span : found) {
      span.type = kNerTypes[tagger.first_type + static_cast<std::uint32_t>(ner_type_index(span.type))];
    }
    std::erase_if(found, [&](const NerSpan& span) {
      return !(tagger.output_types & (1U << static_cast<std::uint32_t>(ner_type_index(span.type))));
    });
    if (t == 0) continue;
    // A later tagger only fills gaps the earlier ones left.
    for (const NerSpan& span : scratch.extra) {
      const bool overlaps = std::any_of(spans.begin(), spans.end(), [&](const NerSpan& kept) {
        return span.words.begin < kept.words.end && kept.words.begin < span.words.end;
      });
      if (!overlaps) spans.push_back(span);
    }
    std::sort(spans.begin(), spans.end(),
              [](const NerSpan& a, const NerSpan& b) { return a.words.begin < b.words.begin; });
  }
}

std::vector<NerSpan> NerRecognizer::recognize(std::span<const std::string_view> words) const {
  NerScratch scratch;
  std::vector<NerSpan> spans;
  recognize(words, scratch, spans);
  return spans;
}

void NerRecognizer::save(std::ostream& out) const {
  out.write(kMagic, sizeof kMagic);
  gazetteer_.save(out);
  clusters_.save(out);
  embedding_clusters_.save(out);
  std::vector<std::uint64_t> vocabulary(vocabulary_.begin(), vocabulary_.end());
  std::sort(vocabulary.begin(), vocabulary.end());  // the same bytes every time
  put(out, static_cast<std::uint64_t>(vocabulary.size()));
  for (const std::uint64_t word : vocabulary) put(out, word);
  put(out, static_cast<std::uint32_t>(taggers_.size()));
  for (const NerTagger& tagger : taggers_) {
    put(out, tagger.first_type);
    put(out, tagger.types);
    put(out, tagger.output_types);
    put(out, tagger.outside_penalty);
    tagger.model.save(out);
  }
}

NerRecognizer NerRecognizer::load(const std::filesystem::path& model_file) {
  std::ifstream in(model_file, std::ios::binary);
  if (!in) throw Error(model_file.string() + ": cannot open NER model");
  char magic[sizeof kMagic];
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    throw Error(model_file.string() + ": not a text2kg NER model");
  }
  try {
    Gazetteer gazetteer = Gazetteer::load(in);
    WordClusters clusters = WordClusters::load(in);
    WordClusters embedding_clusters = WordClusters::load(in);
    const auto words = get<std::uint64_t>(in);
    if (words > (std::uint64_t{1} << 24)) throw Error("implausible vocabulary size");
    std::unordered_set<std::uint64_t> vocabulary;
    vocabulary.reserve(static_cast<std::size_t>(words));
    for (std::uint64_t i = 0; i < words; ++i) vocabulary.insert(get<std::uint64_t>(in));
    const auto count = get<std::uint32_t>(in);
    if (count == 0 || count > 8) throw Error("implausible tagger count");
    std::vector<NerTagger> taggers;
    for (std::uint32_t t = 0; t < count; ++t) {
      NerTagger tagger;
      tagger.first_type = get<std::uint32_t>(in);
      tagger.types = get<std::uint32_t>(in);
      tagger.output_types = get<std::uint32_t>(in);
      tagger.outside_penalty = get<float>(in);
      tagger.model = NerWeights::load(in);
      taggers.push_back(std::move(tagger));
    }
    NerRecognizer recognizer(std::move(taggers), std::move(gazetteer));
    recognizer.vocabulary_ = std::move(vocabulary);
    recognizer.clusters_ = std::move(clusters);
    recognizer.embedding_clusters_ = std::move(embedding_clusters);
    recognizer.finish_frozen();
    return recognizer;
  } catch (const Error& e) {
    throw Error(model_file.string() + ": " + e.what());
  }
}

void NerRecognizer::train_epoch(std::size_t t, NerWeightTrainer& trainer, std::span<const NerSentence> sentences,
                                std::span<const std::size_t> order, std::uint32_t epoch, double pos_share,
                                NerScratch& scratch) const {
  const std::uint32_t types = taggers_[t].types;
  const std::uint32_t first_type = taggers_[t].first_type;
  const std::uint32_t classes = taggers_[t].model.classes();
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> guess;
  std::uint8_t key[kNerClassCount + 1];
  for (std::uint32_t p = 0; p <= classes; ++p) key[p] = static_cast<std::uint8_t>(history_key(p, classes));
  for (const std::size_t index : order) {
    const NerSentence& sentence = sentences[index];
    if (sentence.words.empty()) continue;
    words.assign(sentence.words.begin(), sentence.words.end());
    std::vector<std::uint32_t> gold = encode_bilou(sentence.spans, static_cast<std::uint32_t>(words.size()));
    for (std::uint32_t& cls : gold) {
      if (cls == 0) continue;
      const std::uint32_t type = bilou_type(cls);
      // A type this tagger does not learn is O to it.
      cls = type < first_type || type >= first_type + types ? 0 : ner_class(bilou_part(cls), type - first_type);
    }
    std::uint32_t type_mask = 0;
    for (const EntityType type : sentence.annotated_types) {
      const int ti = ner_type_index(type);
      const auto index = static_cast<std::uint32_t>(ti);
      if (ti >= 0 && index >= first_type && index < first_type + types) type_mask |= 1U << (index - first_type);
    }
    // Show the POS on a fixed share of the visits (a portable hash of sentence and epoch).
    const bool show_pos = static_cast<double>(mix(index, epoch) >> 11) / 9007199254740992.0 < pos_share;
    const std::uint32_t style =
        prepare(words, show_pos ? std::span<const Upos>(sentence.upos) : std::span<const Upos>{}, scratch);
    // Structured perceptron (Collins 2002): decode the whole sentence with the current
    // weights, then move weight from the predicted sequence's features to the gold one's.
    const std::size_t n = words.size();
    score_sentence(t, n, style, scratch, true);
    if (margin_ > 0) {
      // Loss-augmented decoding: every wrong class starts `margin` ahead, so the update
      // fires until the gold sequence wins by a margin that grows with its Hamming distance.
      for (std::size_t i = 0; i < n; ++i) {
        for (std::uint32_t c = 0; c < classes; ++c) scratch.emission[i * classes + c] += c == gold[i] ? 0.0F : margin_;
      }
    }
    NerLattice lattice;
    lattice.words = n;
    lattice.classes = classes;
    lattice.emission = scratch.emission;
    lattice.transition = scratch.transition;
    lattice.history = scratch.history_rows;
    lattice.keys = history_keys(classes);
    lattice.key = std::span<const std::uint8_t>(key, classes + 1);
    viterbi_bilou(lattice, type_mask, scratch.viterbi, guess);
    std::size_t begin = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t end = scratch.kept_end[i];
      const std::span<const std::uint64_t> here(scratch.kept_features.data() + begin, end - begin);
      begin = end;
      if (gold[i] != guess[i]) trainer.update(here, gold[i], guess[i]);
      const std::uint32_t gold_previous = i > 0 ? gold[i - 1] : classes;
      const std::uint32_t guess_previous = i > 0 ? guess[i - 1] : classes;
      if (gold_previous == guess_previous && gold[i] == guess[i]) continue;
      const auto pair_features = [&](std::uint32_t previous) {
        HistoryFeatures history = history_row_features(key[previous], classes, scratch.hashes[i]);
        history.f[history.n++] = transition_feature(previous, classes);
        return history;
      };
      trainer.add(pair_features(gold_previous).span(), gold[i], 1.0F);
      trainer.add(pair_features(guess_previous).span(), guess[i], -1.0F);
    }
    trainer.tick();
  }
}

NerRecognizer NerRecognizer::train(std::span<const NerSentence> primary, std::span<const NerSentence> secondary,
                                   Gazetteer gazetteer, const NerTrainingOptions& options,
                                   const std::function<void(std::uint32_t, const NerRecognizer&)>& after_epoch) {
  constexpr std::uint32_t kPrimaryTypes = 3;  // Person, Organization, Place
  constexpr std::uint32_t kSecondaryOutput = (1U << 3) | (1U << 4) | (1U << 5);  // Event, Date, Other
  struct Job {
    std::span<const NerSentence> sentences;
    std::uint32_t first_type, types, output_types, bits;
  };
  std::vector<Job> jobs = {{primary, 0, kPrimaryTypes, (1U << kPrimaryTypes) - 1, options.bucket_bits}};
  if (!secondary.empty()) {
    const std::uint32_t first = options.secondary_own_types_only ? kPrimaryTypes : 0;
    jobs.push_back({secondary, first, kNerTypeCount - first, kSecondaryOutput, options.secondary_bucket_bits});
  }

  std::vector<NerTagger> taggers;
  for (const Job& job : jobs) {
    NerTagger tagger;
    tagger.model = NerWeights(1 + 4 * job.types, job.bits);
    tagger.first_type = job.first_type;
    tagger.types = job.types;
    tagger.output_types = job.output_types;
    taggers.push_back(std::move(tagger));
  }
  // The recogniser's feature code needs only the gazetteer; it holds the weights being trained.
  NerRecognizer learner(std::move(taggers), std::move(gazetteer));
  if (options.clusters != nullptr) learner.clusters_ = *options.clusters;
  if (options.embedding_clusters != nullptr) learner.embedding_clusters_ = *options.embedding_clusters;
  if (options.min_word_count > 1) {
    std::unordered_map<std::uint64_t, std::uint32_t> counts;
    std::string lower;
    for (const Job& job : jobs) {
      for (const NerSentence& sentence : job.sentences) {
        for (const std::string& word : sentence.words) {
          lower = word;
          for (char& c : lower) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
          }
          ++counts[hash_text(lower)];
        }
      }
    }
    for (const auto& [word, count] : counts) {
      if (count >= options.min_word_count) learner.vocabulary_.insert(word);
    }
  }
  std::vector<NerWeightTrainer> trainers;
  for (NerTagger& tagger : learner.taggers_) trainers.emplace_back(tagger.model);
  std::vector<std::vector<std::size_t>> orders;
  for (const Job& job : jobs) {
    orders.emplace_back(job.sentences.size());
    std::iota(orders.back().begin(), orders.back().end(), std::size_t{0});
  }
  // One random stream per tagger, so adding the second one leaves the first unchanged.
  std::vector<std::mt19937_64> randoms;
  for (std::size_t j = 0; j < jobs.size(); ++j) randoms.emplace_back(options.seed + j);
  NerScratch scratch;
  scratch.word_dropout = options.word_dropout;
  learner.margin_ = options.margin;
  scratch.random_state ^= options.seed;
  const auto averaged = [&] {
    std::vector<NerTagger> result;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      NerTagger tagger;
      tagger.model = trainers[j].averaged();
      tagger.first_type = jobs[j].first_type;
      tagger.types = jobs[j].types;
      tagger.output_types = jobs[j].output_types;
      result.push_back(std::move(tagger));
    }
    NerRecognizer recognizer(std::move(result), learner.gazetteer_);
    recognizer.vocabulary_ = learner.vocabulary_;
    recognizer.clusters_ = learner.clusters_;
    recognizer.embedding_clusters_ = learner.embedding_clusters_;
    recognizer.finish_frozen();
    return recognizer;
  };
  for (std::uint32_t epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      // A hand-written Fisher-Yates: std::shuffle's algorithm differs between libraries.
      auto& order = orders[j];
      for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[randoms[j]() % i]);
      learner.train_epoch(j, trainers[j], jobs[j].sentences, order, epoch, options.pos_share, scratch);
    }
    if (after_epoch) after_epoch(epoch, averaged());
  }
  NerRecognizer result = averaged();
  result.set_outside_penalty(options.outside_penalty);
  return result;
}

std::unique_ptr<Stage> NerStage::load(const std::filesystem::path& model_file) {
  return std::make_unique<NerStage>(NerRecognizer::load(model_file));
}

void NerStage::process(Document& doc) const {
  // Kept per thread across documents: its cache of per-word-form scores pays off over a corpus.
  thread_local NerScratch scratch;
  const std::size_t sentence_count = doc.sentences().size();
  std::vector<std::vector<std::string_view>> words(sentence_count);
  std::vector<std::vector<NerSpan>> spans(sentence_count);
  // The tagger's POS is not passed on: the model learnt from gold POS on half of its visits
  // (which helps it without POS), and on dev the tagger's POS costs 1.5-2 F1 (UNER dev 69.36
  // without POS, 67.25 with the tagger's; taggers jackknifed for training did not close it).
  for (std::size_t s = 0; s < sentence_count; ++s) {
    const Sentence& sentence = doc.sentences()[s];
    words[s].reserve(sentence.tokens.end - sentence.tokens.begin);
    for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) words[s].push_back(doc.form(t));
    recognizer_.recognize(words[s], scratch, spans[s]);
  }
  propagate_names(words, spans);
  const bool has_deps = doc.layers().has(Layer::Deps);
  for (std::size_t s = 0; s < sentence_count; ++s) {
    const std::uint32_t first = doc.sentences()[s].tokens.begin;
    for (const NerSpan& span : spans[s]) {
      Mention mention;
      mention.tokens = TokenRange{first + span.words.begin, first + span.words.end};
      mention.type = span.type;
      mention.kind = MentionKind::Proper;
      mention.head = mention.tokens.end - 1;
      if (has_deps) {
        // The word whose head lies outside the name; names are heads of their own phrases.
        for (std::uint32_t t = mention.tokens.begin; t < mention.tokens.end; ++t) {
          const std::int32_t head = doc.tokens()[t].head;
          if (head < 0 || !mention.tokens.contains(static_cast<std::uint32_t>(head))) {
            mention.head = t;
            break;
          }
        }
      }
      doc.mutable_mentions().push_back(mention);
    }
  }
  doc.add_layers(Layer::Entities);
}

}  // namespace text2kg::nlp
