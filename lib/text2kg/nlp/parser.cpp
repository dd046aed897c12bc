#include "text2kg/nlp/parser.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <ostream>
#include <random>
#include <set>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/arc_hybrid.hpp"
#include "text2kg/nlp/feature_hash.hpp"
#include "text2kg/nlp/model_io.hpp"
#include "text2kg/nlp/word_features.hpp"

namespace text2kg::nlp {
namespace {

constexpr std::string_view kMagic = "T2KGDEP5";    // DEP4 plus the beam width
constexpr std::string_view kMagicV4 = "T2KGDEP4";  // DEP3 plus the template hash
constexpr std::string_view kMagicV3 = "T2KGDEP3";  // DEP2 plus the word clusters
constexpr std::string_view kMagicV2 = "T2KGDEP2";
constexpr std::string_view kWhat = "parser";
constexpr std::size_t kBaseFeatureCount = 82;
constexpr std::size_t kFeatureCount = kBaseFeatureCount + 15;  // with word clusters
constexpr std::size_t kBaseLabelFeatureCount = 30;
constexpr std::size_t kLabelFeatureCount = kBaseLabelFeatureCount + 6;
constexpr std::size_t kMaxBeamWidth = 64;
constexpr std::uint32_t kShift = 0, kLeft = 1, kRight = 2, kTransitions = 3;
constexpr std::int32_t kNone = ArcHybridState::kNone;
constexpr std::uint64_t kNullValue = 0x5bd1e9955bd1e995ULL;
constexpr std::uint64_t kRootWord = 0x27d4eb2f165667c5ULL;

/// What the feature templates see of a word; index 0 is the root.
struct ParseWord {
  std::uint64_t word = 0;
  std::uint64_t tag = 0;
  /// Cluster at each granularity (64, 256, 1024 classes); 0 for a word the table lacks.
  std::array<std::uint64_t, WordClusters::kLevels> cluster{};
};

std::uint64_t tag_of(const Token& token) {
  return lower_hash(token.xpos) ^ (0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(token.upos) + 1));
}

void prepare_words(const Document& doc, const Sentence& sentence, const WordClusters& clusters,
                   std::vector<ParseWord>& words) {
  words.resize(sentence.tokens.size() + 1);
  words[0] = {kRootWord, kRootWord, {kRootWord, kRootWord, kRootWord}};
  std::string lower;
  for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) {
    ParseWord& w = words[t - sentence.tokens.begin + 1];
    w.word = lower_hash(doc.form(t));
    w.tag = tag_of(doc.tokens()[t]);
    if (clusters.empty()) continue;
    lower.assign(doc.form(t));
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    const WordClusters::Ids* ids = clusters.find(WordClusters::key(lower));
    for (std::size_t k = 0; k < WordClusters::kLevels; ++k) w.cluster[k] = ids == nullptr ? 0 : (*ids)[k];
  }
}

std::uint64_t distance_bucket(std::int32_t from, std::int32_t to) {
  if (from <= 0 || to == kNone) return 0;
  const std::int32_t d = to - from;
  if (d <= 4) return static_cast<std::uint64_t>(d);
  if (d <= 7) return 5;
  if (d <= 10) return 6;
  return 7;
}

/// The hash of a template's parts: FNV byte by byte (FeatureHash: every model up to
/// T2KGDEP3) or, for models trained with fast_hash, one multiply and shift per 64-bit part
/// (several times cheaper: hashing was about a third of the parse time).
class TemplateHash {
 public:
  TemplateHash(bool fast, std::uint32_t id) : fast_(fast), fnv_(id), h_(0x9e3779b97f4a7c15ULL * (std::uint64_t{id} + 1)) {}
  TemplateHash& add(std::uint64_t part) {
    if (fast_) {
      h_ = (h_ ^ part) * 0xff51afd7ed558ccdULL;
      h_ ^= h_ >> 29;
    } else {
      fnv_.add(part);
    }
    return *this;
  }
  std::uint64_t value() const {
    if (!fast_) return fnv_.value();
    std::uint64_t x = h_;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
  }

 private:
  bool fast_;
  FeatureHash fnv_;
  std::uint64_t h_;
};

/// The templates: Zhang and Nivre (2011) adapted to arc-hybrid (b0 has only left children).
/// With `clusters`, also cluster templates (Koo, Carreras and Collins 2008): clusters in
/// place of words, alone and mixed with tags and words. Returns the number of features.
std::size_t extract_features(const ArcHybridState& s, std::span<const ParseWord> words, bool clusters, bool fast,
                             std::array<std::uint64_t, kFeatureCount>& f) {
  const auto W = [&](std::int32_t p) { return p == kNone ? kNullValue : words[static_cast<std::size_t>(p)].word; };
  const auto T = [&](std::int32_t p) { return p == kNone ? kNullValue : words[static_cast<std::size_t>(p)].tag; };
  const auto L = [&](std::int32_t p) { return p == kNone ? kNullValue : static_cast<std::uint64_t>(s.label(p)); };
  const auto lc = [&](std::int32_t p, int rank) { return p == kNone ? kNone : s.left_child(p, rank); };
  const auto rc = [&](std::int32_t p, int rank) { return p == kNone ? kNone : s.right_child(p, rank); };
  const auto capped = [](std::uint32_t count) { return static_cast<std::uint64_t>(std::min<std::uint32_t>(count, 4)); };

  const std::int32_t s0 = s.stack(0), s1 = s.stack(1), s2 = s.stack(2);
  const std::int32_t b0 = s.buffer(0), b1 = s.buffer(1), b2 = s.buffer(2);
  const std::int32_t s0l1 = lc(s0, 0), s0l2 = lc(s0, 1), s0r1 = rc(s0, 0), s0r2 = rc(s0, 1);
  const std::int32_t b0l1 = lc(b0, 0), b0l2 = lc(b0, 1), s1r1 = rc(s1, 0), s1l1 = lc(s1, 0);
  const std::uint64_t d = distance_bucket(s0, b0);
  const std::uint64_t s0vr = s0 == kNone ? 9 : capped(s.right_count(s0));
  const std::uint64_t s0vl = s0 == kNone ? 9 : capped(s.left_count(s0));
  const std::uint64_t b0vl = b0 == kNone ? 9 : capped(s.left_count(b0));
  const std::uint64_t s0sr = s0 == kNone ? kNullValue : s.right_labels(s0);
  const std::uint64_t s0sl = s0 == kNone ? kNullValue : s.left_labels(s0);
  const std::uint64_t b0sl = b0 == kNone ? kNullValue : s.left_labels(b0);
  // The words just before b0 and just after s0 in the sentence (not on the stack).
  const std::int32_t before_b0 = b0 == kNone || b0 <= 1 ? kNone : b0 - 1;
  const std::int32_t after_s0 = s0 == kNone || s0 == 0 || s0 + 1 > static_cast<std::int32_t>(s.words()) ? kNone : s0 + 1;

  std::size_t n = 0;
  std::uint32_t id = 0;
  const auto put1 = [&](std::uint64_t a) { f[n++] = TemplateHash(fast, ++id).add(a).value(); };
  const auto put2 = [&](std::uint64_t a, std::uint64_t b) { f[n++] = TemplateHash(fast, ++id).add(a).add(b).value(); };
  const auto put3 = [&](std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    f[n++] = TemplateHash(fast, ++id).add(a).add(b).add(c).value();
  };
  const auto put4 = [&](std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t e) {
    f[n++] = TemplateHash(fast, ++id).add(a).add(b).add(c).add(e).value();
  };
  // single words
  put1(W(s0)); put1(T(s0)); put2(W(s0), T(s0));
  put1(W(b0)); put1(T(b0)); put2(W(b0), T(b0));
  put1(W(b1)); put1(T(b1)); put2(W(b1), T(b1));
  put1(W(b2)); put1(T(b2)); put2(W(b2), T(b2));
  put1(W(s1)); put1(T(s1)); put2(W(s1), T(s1));
  put1(T(s2)); put1(W(s2));
  // pairs
  put4(W(s0), T(s0), W(b0), T(b0)); put3(W(s0), T(s0), W(b0)); put3(W(s0), W(b0), T(b0));
  put3(W(s0), T(s0), T(b0)); put3(T(s0), W(b0), T(b0)); put2(W(s0), W(b0)); put2(T(s0), T(b0));
  put2(T(b0), T(b1)); put2(T(s1), T(s0)); put2(W(s1), W(s0)); put2(T(s1), T(b0));
  // tag triples
  put3(T(b0), T(b1), T(b2)); put3(T(s0), T(b0), T(b1)); put3(T(s1), T(s0), T(b0));
  put3(T(s0), T(s0l1), T(b0)); put3(T(s0), T(s0r1), T(b0)); put3(T(s0), T(b0), T(b0l1));
  put3(T(s2), T(s1), T(s0)); put3(T(s1), T(s1r1), T(s0));
  // distance
  put2(W(s0), d); put2(T(s0), d); put2(W(b0), d); put2(T(b0), d); put3(W(s0), W(b0), d); put3(T(s0), T(b0), d);
  // valency
  put2(W(s0), s0vr); put2(T(s0), s0vr); put2(W(s0), s0vl); put2(T(s0), s0vl); put2(W(b0), b0vl); put2(T(b0), b0vl);
  // children
  put1(W(s0l1)); put1(T(s0l1)); put1(L(s0l1));
  put1(W(s0r1)); put1(T(s0r1)); put1(L(s0r1));
  put1(W(b0l1)); put1(T(b0l1)); put1(L(b0l1));
  put1(T(s1r1)); put1(L(s1r1)); put1(L(s1l1));
  put1(W(s0l2)); put1(T(s0l2)); put1(L(s0l2));
  put1(W(s0r2)); put1(T(s0r2)); put1(L(s0r2));
  put1(W(b0l2)); put1(T(b0l2)); put1(L(b0l2));
  put3(T(s0), T(s0l1), T(s0l2)); put3(T(s0), T(s0r1), T(s0r2)); put3(T(b0), T(b0l1), T(b0l2));
  // label sets
  put2(W(s0), s0sr); put2(T(s0), s0sr); put2(W(s0), s0sl); put2(T(s0), s0sl); put2(W(b0), b0sl); put2(T(b0), b0sl);
  // neighbours in the string and a bias
  put2(T(before_b0), T(b0)); put2(T(s0), T(after_s0));
  put1(0);
  if (!clusters) {
    // Models without clusters (parser.bin up to T2KGDEP2) were trained with one more slot
    // than templates, always 0 (row 0): keep it, so they parse as they always did.
    f[n++] = 0;
    return n;
  }
  const auto C = [&](std::int32_t p, std::size_t level) {
    return p == kNone ? kNullValue : words[static_cast<std::size_t>(p)].cluster[level];
  };
  put1(C(s0, 2)); put1(C(b0, 2)); put1(C(b1, 2)); put1(C(s1, 2));
  put2(C(s0, 1), T(b0)); put2(T(s0), C(b0, 1)); put2(C(s0, 1), C(b0, 1)); put2(W(s0), C(b0, 1)); put2(C(s0, 1), W(b0));
  put3(C(s0, 0), C(b0, 0), C(b1, 0)); put3(C(s1, 0), C(s0, 0), C(b0, 0));
  put2(C(s0l1, 1), T(s0)); put2(C(s0r1, 1), T(s0)); put2(C(b0l1, 1), T(b0));
  put3(C(s0, 1), C(b0, 1), d);
  return n;
}

/// The best legal transition by `scores`; with `costs`, only among those costing `wanted_cost`.
std::uint32_t best_legal(const ArcHybridState& s, std::span<const float> scores, const std::vector<int>* costs = nullptr,
                         int wanted_cost = 0) {
  std::uint32_t best = 0;
  float best_score = 0;
  bool found = false;
  const auto consider = [&](std::uint32_t c) {
    if (costs != nullptr && (*costs)[c] != wanted_cost) return;
    if (!found || scores[c] > best_score) {
      best = c;
      best_score = scores[c];
      found = true;
    }
  };
  if (s.can_shift()) consider(kShift);
  if (s.can_left()) consider(kLeft);
  if (s.can_right()) consider(kRight);
  return best;
}

/// The (head, dependent) pair a LEFT or RIGHT transition would create.
std::pair<std::int32_t, std::int32_t> arc_of(const ArcHybridState& s, std::uint32_t transition) {
  return transition == kLeft ? std::pair{s.buffer(0), s.stack(0)} : std::pair{s.stack(1), s.stack(0)};
}

void apply(ArcHybridState& s, std::uint32_t transition, std::uint16_t label) {
  if (transition == kShift) {
    s.shift();
  } else if (transition == kLeft) {
    s.left(label);
  } else {
    s.right(label);
  }
}

/// Features for labelling the arc head -> dependent, from the state just before it is made:
/// both words, their tags, direction and distance, and the dependents each already has.
std::size_t extract_label_features(const ArcHybridState& s, std::span<const ParseWord> words, bool clusters,
                                   bool fast, std::int32_t head, std::int32_t dependent,
                                   std::array<std::uint64_t, kLabelFeatureCount>& f) {
  const auto W = [&](std::int32_t p) { return p == kNone ? kNullValue : words[static_cast<std::size_t>(p)].word; };
  const auto T = [&](std::int32_t p) { return p == kNone ? kNullValue : words[static_cast<std::size_t>(p)].tag; };
  const auto L = [&](std::int32_t p) { return p == kNone ? kNullValue : static_cast<std::uint64_t>(s.label(p)); };
  const std::int32_t n = static_cast<std::int32_t>(s.words());
  const std::uint64_t direction = dependent < head ? 1 : 2;
  const std::uint64_t distance = dependent < head ? distance_bucket(dependent, head) : distance_bucket(head, dependent);
  const std::int32_t dl = s.left_child(dependent, 0), dr = s.right_child(dependent, 0);
  const std::int32_t hl = s.left_child(head, 0), hr = s.right_child(head, 0);
  const std::int32_t before = dependent > 1 ? dependent - 1 : kNone;
  const std::int32_t after = dependent < n ? dependent + 1 : kNone;
  std::size_t k = 0;
  std::uint32_t id = 1000;
  const auto put = [&](std::initializer_list<std::uint64_t> parts) {
    TemplateHash h(fast, ++id);
    for (const std::uint64_t part : parts) h.add(part);
    f[k++] = h.value();
  };
  put({W(dependent)}); put({T(dependent)}); put({W(dependent), T(dependent)});
  put({W(head)}); put({T(head)}); put({W(head), T(head)});
  put({T(dependent), T(head)}); put({W(dependent), T(head)}); put({T(dependent), W(head)}); put({W(dependent), W(head)});
  put({direction}); put({direction, distance, T(dependent), T(head)}); put({direction, T(dependent)});
  put({direction, T(head)}); put({direction, W(dependent)});
  put({L(dl)}); put({L(dr)}); put({W(dl), T(dependent)}); put({T(dl), T(dependent)}); put({W(dr), T(dependent)});
  put({s.left_labels(dependent), T(dependent)}); put({s.right_labels(dependent), T(dependent)});
  put({s.left_labels(head), direction}); put({s.right_labels(head), direction});
  put({L(hl), T(head), direction}); put({L(hr), T(head), direction}); put({W(hl), T(head)});
  put({T(before), T(dependent)}); put({T(dependent), T(after)});
  put({0});
  if (!clusters) return k;
  const auto C = [&](std::int32_t p, std::size_t level) {
    return p == kNone ? kNullValue : words[static_cast<std::size_t>(p)].cluster[level];
  };
  put({C(dependent, 2)}); put({C(head, 2)}); put({C(dependent, 1), C(head, 1)});
  put({C(dependent, 1), T(head), direction}); put({T(dependent), C(head, 1), direction});
  put({C(dependent, 0), C(head, 0), direction, distance});
  return k;
}

/// A training sentence: the words as the parser sees them and the gold tree (1-based, 0 = root).
struct TrainingSentence {
  std::vector<ParseWord> words;
  std::vector<std::int32_t> gold_head;
  std::vector<std::uint16_t> gold_label;
};

}  // namespace

/// One hypothesis of the beam: a state and the sum of its transitions' scores.
struct BeamItem {
  ArcHybridState state;
  float score = 0;
};

struct BeamCandidate {
  float score = 0;
  std::uint32_t item = 0, transition = 0;
};

struct BeamScratch {
  std::vector<BeamItem> items, next;
  std::vector<BeamCandidate> candidates;
};

/// The legal transitions of hypothesis `index`, each scored on top of the hypothesis's own score.
void add_candidates(const BeamItem& item, std::uint32_t index, const std::array<float, kTransitions>& scores,
                    std::vector<BeamCandidate>& out) {
  if (item.state.can_shift()) out.push_back({item.score + scores[kShift], index, kShift});
  if (item.state.can_left()) out.push_back({item.score + scores[kLeft], index, kLeft});
  if (item.state.can_right()) out.push_back({item.score + scores[kRight], index, kRight});
}

/// Moves the best `width` candidates to the front, best first, and returns how many there
/// are; ties go to the earlier hypothesis and the lower transition, as in the greedy parse.
std::size_t keep_best(std::vector<BeamCandidate>& candidates, std::size_t width) {
  const std::size_t kept = std::min(width, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept), candidates.end(),
                    [](const BeamCandidate& a, const BeamCandidate& b) {
                      if (a.score != b.score) return a.score > b.score;
                      return a.item != b.item ? a.item < b.item : a.transition < b.transition;
                    });
  return kept;
}

struct ParserInternals {
  /// The best label for head -> dependent; the root label only (and always) for the root.
  static std::uint16_t label(const Parser& parser, const ArcHybridState& s, std::span<const ParseWord> words,
                             std::int32_t head, std::int32_t dependent, std::vector<float>& scores,
                             std::array<std::uint64_t, kLabelFeatureCount>& features) {
    if (head == 0) return parser.root_label_;
    const std::size_t n = extract_label_features(s, words, !parser.clusters_.empty(), parser.fast_hash_, head, dependent, features);
    std::fill(scores.begin(), scores.end(), 0.0F);
    parser.label_model_.add_scores(std::span<const std::uint64_t>(features.data(), n), scores);
    return best_label(parser, scores);
  }

  static std::uint16_t best_label(const Parser& parser, std::span<const float> scores) {
    std::uint32_t best = parser.root_label_ == 1 ? 1 : 0;
    for (std::uint32_t c = 0; c < scores.size(); ++c) {
      if (c + 1 != parser.root_label_ && scores[c] > scores[best]) best = c;
    }
    return static_cast<std::uint16_t>(best + 1);
  }

  static void parse(const Parser& parser, std::span<const ParseWord> words, ArcHybridState& s,
                    std::vector<float>& label_scores) {
    std::array<std::uint64_t, kFeatureCount> features{};
    std::array<std::uint64_t, kLabelFeatureCount> label_features{};
    std::array<float, kTransitions> scores{};
    s.reset(static_cast<std::uint32_t>(words.size() - 1));
    while (!s.finished()) {
      const std::size_t n = extract_features(s, words, !parser.clusters_.empty(), parser.fast_hash_, features);
      scores.fill(0.0F);
      parser.model_.add_scores(std::span<const std::uint64_t>(features.data(), n), scores);
      const std::uint32_t transition = best_legal(s, scores);
      std::uint16_t label = 0;
      if (transition != kShift) {
        const auto [head, dependent] = arc_of(s, transition);
        label = ParserInternals::label(parser, s, words, head, dependent, label_scores, label_features);
      }
      apply(s, transition, label);
    }
  }

  /// One sentence of beam training with early update: the beam is searched as parse_beam
  /// does while the gold path (the lowest-cost transition, the model's best among equals)
  /// is followed beside it; when the gold path falls out of the beam, or ends below the
  /// best parse, the gold path's transitions so far are rewarded and the best hypothesis's
  /// penalised. Labels are learnt greedily on the gold path's arcs.
  struct BeamStep {
    std::uint32_t features = 0;  ///< index into the sentence's feature pool
    std::uint32_t transition = 0;
    std::int32_t parent = -1;  ///< the step before, or -1
  };
  struct BeamTrainingScratch {
    std::vector<std::array<std::uint64_t, kFeatureCount>> pool;
    std::vector<std::uint32_t> pool_size;
    std::vector<BeamStep> steps;
    std::vector<std::int32_t> item_step, next_step;  ///< per hypothesis: its last step
    std::vector<char> item_gold, next_gold;          ///< per hypothesis: still the gold path
    std::vector<std::uint32_t> item_features;        ///< per hypothesis: its state's pool entry
    std::vector<std::uint32_t> gold_features, gold_transitions;
    std::vector<int> costs;
    std::vector<std::uint16_t> unlabelled;
    BeamScratch beam;
  };

  static void train_beam(Parser& parser, const LinearModel& model, const LinearModel& label_model,
                         const TrainingSentence& sentence, std::size_t width, PerceptronTrainer& trainer,
                         PerceptronTrainer& label_trainer, std::vector<float>& label_scores, BeamTrainingScratch& t,
                         std::uint64_t& correct, std::uint64_t& total) {
    const auto& words = sentence.words;
    const bool clusters = !parser.clusters_.empty();
    const bool fast = parser.fast_hash_;
    std::array<std::uint64_t, kLabelFeatureCount> label_features{};
    std::array<float, kTransitions> scores{};
    t.pool.clear();
    t.pool_size.clear();
    t.steps.clear();
    t.gold_features.clear();
    t.gold_transitions.clear();
    t.unlabelled.assign(sentence.gold_label.size(), 1);
    const auto features_of = [&](const ArcHybridState& s) {
      t.pool.emplace_back();
      t.pool_size.push_back(static_cast<std::uint32_t>(extract_features(s, words, clusters, fast, t.pool.back())));
      return static_cast<std::uint32_t>(t.pool.size() - 1);
    };
    const auto score_of = [&](std::uint32_t f) {
      scores.fill(0.0F);
      model.add_scores(std::span<const std::uint64_t>(t.pool[f].data(), t.pool_size[f]), scores);
    };
    const auto label_arc = [&](const ArcHybridState& s, std::uint32_t transition, bool learn) -> std::uint16_t {
      if (transition == kShift) return 0;
      const auto [head, dependent] = arc_of(s, transition);
      if (head == 0) return parser.root_label_;
      const std::span<const std::uint64_t> used(label_features.data(),
                                                extract_label_features(s, words, clusters, fast, head, dependent, label_features));
      std::fill(label_scores.begin(), label_scores.end(), 0.0F);
      label_model.add_scores(used, label_scores);
      const std::uint16_t label = best_label(parser, label_scores);
      const std::uint16_t gold = sentence.gold_label[static_cast<std::size_t>(dependent)];
      if (learn && sentence.gold_head[static_cast<std::size_t>(dependent)] == head && gold != parser.root_label_) {
        label_trainer.update(used, gold - 1U, label - 1U);
        label_trainer.tick();
      }
      return label;
    };
    const auto update = [&](std::int32_t best_step, std::size_t gold_steps) {
      for (std::size_t k = 0; k < gold_steps; ++k) {
        const std::uint32_t f = t.gold_features[k];
        trainer.add(std::span<const std::uint64_t>(t.pool[f].data(), t.pool_size[f]), t.gold_transitions[k], 1.0F);
      }
      for (std::int32_t k = best_step; k >= 0; k = t.steps[static_cast<std::size_t>(k)].parent) {
        const BeamStep& step = t.steps[static_cast<std::size_t>(k)];
        trainer.add(std::span<const std::uint64_t>(t.pool[step.features].data(), t.pool_size[step.features]), step.transition, -1.0F);
      }
    };

    ArcHybridState gold;
    gold.reset(static_cast<std::uint32_t>(words.size() - 1));
    auto& beam = t.beam;
    beam.items.resize(1);
    beam.items[0].state = gold;
    beam.items[0].score = 0;
    t.item_step.assign(1, -1);
    t.item_gold.assign(1, 1);
    while (!gold.finished()) {
      // the gold transition, from the gold path's own state
      const std::uint32_t gf = features_of(gold);
      score_of(gf);
      gold.costs(sentence.gold_head, t.unlabelled, 1, t.costs);
      int lowest = -1;
      for (const int c : t.costs) {
        if (c >= 0 && (lowest < 0 || c < lowest)) lowest = c;
      }
      const std::uint32_t gold_transition = best_legal(gold, scores, &t.costs, lowest);
      t.gold_features.push_back(gf);
      t.gold_transitions.push_back(gold_transition);
      // expand the beam
      beam.candidates.clear();
      t.item_features.resize(beam.items.size());
      for (std::uint32_t i = 0; i < beam.items.size(); ++i) {
        const ArcHybridState& s = beam.items[i].state;
        const std::uint32_t f = t.item_gold[i] ? gf : features_of(s);
        t.item_features[i] = f;
        score_of(f);
        add_candidates(beam.items[i], i, scores, beam.candidates);
      }
      const std::size_t kept = keep_best(beam.candidates, width);
      beam.next.resize(kept);
      t.next_step.resize(kept);
      t.next_gold.resize(kept);
      bool gold_kept = false;
      for (std::size_t k = 0; k < kept; ++k) {
        const BeamCandidate& c = beam.candidates[k];
        BeamItem& item = beam.next[k];
        item.state = beam.items[c.item].state;
        item.score = c.score;
        const bool on_gold = t.item_gold[c.item] && c.transition == gold_transition;
        t.steps.push_back({t.item_features[c.item], c.transition, t.item_step[c.item]});
        t.next_step[k] = static_cast<std::int32_t>(t.steps.size() - 1);
        t.next_gold[k] = on_gold ? 1 : 0;
        gold_kept = gold_kept || on_gold;
        apply(item.state, c.transition, label_arc(item.state, c.transition, false));
      }
      ++total;
      correct += t.next_gold[0] != 0;
      // the gold path takes the labels its hypothesis in the beam has, learning them as it goes
      apply(gold, gold_transition, label_arc(gold, gold_transition, true));
      std::swap(beam.items, beam.next);
      std::swap(t.item_step, t.next_step);
      std::swap(t.item_gold, t.next_gold);
      if (!gold_kept) {
        update(t.item_step[0], t.gold_transitions.size());
        trainer.tick();
        return;
      }
    }
    if (!t.item_gold[0]) update(t.item_step[0], t.gold_transitions.size());
    trainer.tick();
  }

  /// Beam search over the transitions (labels chosen greedily as each arc is made): every
  /// parse takes 2n transitions, so the hypotheses stay comparable step by step. The best
  /// finished state is beam.items.front().
  static void parse_beam(const Parser& parser, std::span<const ParseWord> words, std::size_t width, BeamScratch& beam,
                         std::vector<float>& label_scores) {
    std::array<std::uint64_t, kFeatureCount> features{};
    std::array<std::uint64_t, kLabelFeatureCount> label_features{};
    std::array<float, kTransitions> scores{};
    beam.items.resize(1);
    beam.items[0].state.reset(static_cast<std::uint32_t>(words.size() - 1));
    beam.items[0].score = 0;
    while (!beam.items.front().state.finished()) {
      beam.candidates.clear();
      for (std::uint32_t i = 0; i < beam.items.size(); ++i) {
        const ArcHybridState& s = beam.items[i].state;
        const std::size_t n = extract_features(s, words, !parser.clusters_.empty(), parser.fast_hash_, features);
        scores.fill(0.0F);
        parser.model_.add_scores(std::span<const std::uint64_t>(features.data(), n), scores);
        add_candidates(beam.items[i], i, scores, beam.candidates);
      }
      const std::size_t kept = keep_best(beam.candidates, width);
      beam.next.resize(kept);
      for (std::size_t k = 0; k < kept; ++k) {
        const BeamCandidate& c = beam.candidates[k];
        BeamItem& item = beam.next[k];
        item.state = beam.items[c.item].state;
        item.score = c.score;
        std::uint16_t label = 0;
        if (c.transition != kShift) {
          const auto [head, dependent] = arc_of(item.state, c.transition);
          label = ParserInternals::label(parser, item.state, words, head, dependent, label_scores, label_features);
        }
        apply(item.state, c.transition, label);
      }
      std::swap(beam.items, beam.next);
    }
  }
};

void Parser::process(Document& doc) const {
  std::vector<ParseWord> words;
  std::vector<float> scores(label_model_.classes());
  ArcHybridState state;
  BeamScratch beam;
  auto& tokens = doc.mutable_tokens();
  for (const Sentence& sentence : doc.sentences()) {
    if (sentence.tokens.size() == 0) continue;
    prepare_words(doc, sentence, clusters_, words);
    if (beam_width_ > 1) {
      ParserInternals::parse_beam(*this, words, beam_width_, beam, scores);
      state = beam.items.front().state;
    } else {
      ParserInternals::parse(*this, words, state, scores);
    }
    for (std::uint32_t w = 1; w < words.size(); ++w) {
      Token& token = tokens[sentence.tokens.begin + w - 1];
      const std::int32_t head = state.head(static_cast<std::int32_t>(w));
      token.head = head <= 0 ? -1 : static_cast<std::int32_t>(sentence.tokens.begin) + head - 1;
      const std::string& label = labels_[state.label(static_cast<std::int32_t>(w))];
      // The transition system guarantees one root; keep its label consistent with that.
      if (head <= 0) {
        token.deprel = "root";
      } else {
        token.deprel = label == "root" ? "dep" : label;
      }
    }
  }
}

std::unique_ptr<Parser> Parser::train(std::span<const Document> train, const ParserTrainingOptions& options) {
  std::unique_ptr<Parser> parser(new Parser());
  if (options.clusters != nullptr) parser->clusters_ = *options.clusters;
  const bool clusters = !parser->clusters_.empty();
  parser->fast_hash_ = options.fast_hash;
  const bool fast = parser->fast_hash_;
  if (options.beam < 1 || options.beam > kMaxBeamWidth) throw Error("parser: beam width must be 1 to " + std::to_string(kMaxBeamWidth));
  parser->beam_width_ = static_cast<std::uint32_t>(options.beam);
  std::set<std::string> label_set;
  for (const Document& doc : train) {
    for (const Token& token : doc.tokens()) {
      if (!token.deprel.empty()) label_set.insert(token.deprel);
    }
  }
  label_set.insert("root");
  parser->labels_.push_back("");
  parser->labels_.insert(parser->labels_.end(), label_set.begin(), label_set.end());
  std::map<std::string, std::uint16_t> label_index;
  for (std::size_t i = 1; i < parser->labels_.size(); ++i) label_index[parser->labels_[i]] = static_cast<std::uint16_t>(i);
  const auto labels = static_cast<std::uint16_t>(parser->labels_.size() - 1);

  std::vector<TrainingSentence> sentences;
  for (const Document& doc : train) {
    for (const Sentence& sentence : doc.sentences()) {
      if (sentence.tokens.size() == 0) continue;
      TrainingSentence s;
      prepare_words(doc, sentence, parser->clusters_, s.words);
      s.gold_head.assign(s.words.size(), 0);
      s.gold_label.assign(s.words.size(), 0);
      for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) {
        const Token& token = doc.tokens()[t];
        const std::size_t w = t - sentence.tokens.begin + 1;
        const bool inside = token.head >= static_cast<std::int32_t>(sentence.tokens.begin) &&
                            token.head < static_cast<std::int32_t>(sentence.tokens.end);
        s.gold_head[w] = inside ? token.head - static_cast<std::int32_t>(sentence.tokens.begin) + 1 : 0;
        s.gold_label[w] = label_index[token.deprel.empty() ? "root" : token.deprel];
      }
      sentences.push_back(std::move(s));
    }
  }
  if (sentences.empty()) throw Error("parser: no training sentences");

  parser->root_label_ = label_index["root"];
  LinearModel model(kTransitions, options.bucket_bits);
  PerceptronTrainer trainer(model);
  LinearModel label_model(labels, options.label_bucket_bits);
  PerceptronTrainer label_trainer(label_model);
  std::array<float, kTransitions> scores{};
  std::vector<float> label_scores(labels);
  std::vector<int> costs;
  std::array<std::uint64_t, kFeatureCount> features{};
  std::array<std::uint64_t, kLabelFeatureCount> label_features{};
  // The transition oracle ignores labels: every arc counts as label 1.
  std::vector<std::uint16_t> unlabelled;
  ArcHybridState state;
  ParserInternals::BeamTrainingScratch beam_scratch;
  std::vector<std::size_t> order(sentences.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::uint64_t correct = 0, total = 0;
    for (const std::size_t index : order) {
      const TrainingSentence& s = sentences[index];
      if (parser->beam_width_ > 1) {
        ParserInternals::train_beam(*parser, model, label_model, s, parser->beam_width_, trainer, label_trainer, label_scores, beam_scratch, correct, total);
        continue;
      }
      unlabelled.assign(s.gold_label.size(), 1);
      state.reset(static_cast<std::uint32_t>(s.words.size() - 1));
      while (!state.finished()) {
        const std::span<const std::uint64_t> features_used(features.data(),
                                                           extract_features(state, s.words, clusters, fast, features));
        scores.fill(0.0F);
        model.add_scores(features_used, scores);
        state.costs(s.gold_head, unlabelled, 1, costs);
        int lowest = -1;
        for (const int c : costs) {
          if (c >= 0 && (lowest < 0 || c < lowest)) lowest = c;
        }
        const std::uint32_t predicted = best_legal(state, scores);
        const std::uint32_t oracle = best_legal(state, scores, &costs, lowest);
        if (costs[predicted] != lowest) trainer.update(features_used, oracle, predicted);
        trainer.tick();
        correct += costs[predicted] == lowest;
        ++total;
        // Exploration: after the first epoch, mostly follow the model's own choice, so it
        // sees (and learns from) the states its mistakes lead to.
        const bool explore = epoch > 1 && static_cast<double>(random() % 1000000) < options.explore * 1e6;
        const std::uint32_t chosen = explore ? predicted : oracle;
        std::uint16_t label = 0;
        if (chosen != kShift) {
          const auto [head, dependent] = arc_of(state, chosen);
          const std::uint16_t gold = s.gold_label[static_cast<std::size_t>(dependent)];
          if (head == 0) {
            label = parser->root_label_;
          } else {
            const std::span<const std::uint64_t> label_used(
                label_features.data(), extract_label_features(state, s.words, clusters, fast, head, dependent, label_features));
            std::fill(label_scores.begin(), label_scores.end(), 0.0F);
            label_model.add_scores(label_used, label_scores);
            label = ParserInternals::best_label(*parser, label_scores);
            // Labels are learnt on correct arcs only: a wrong arc has no right label.
            if (s.gold_head[static_cast<std::size_t>(dependent)] == head && gold != parser->root_label_) {
              label_trainer.update(label_used, gold - 1U, label - 1U);
              label_trainer.tick();
              if (!explore) label = gold;
            }
          }
        }
        apply(state, chosen, label);
      }
    }
    if (options.log != nullptr) {
      *options.log << "parser epoch " << epoch << ": train transition accuracy "
                   << 100.0 * static_cast<double>(correct) / static_cast<double>(std::max<std::uint64_t>(total, 1));
      if (!options.dev.empty()) {
        parser->model_ = trainer.averaged();
        parser->label_model_ = label_trainer.averaged();
        std::uint64_t words = 0, uas = 0, las = 0;
        for (const Document& gold : options.dev) {
          Document copy = gold;
          parser->process(copy);
          for (std::size_t t = 0; t < gold.tokens().size(); ++t) {
            ++words;
            if (copy.tokens()[t].head != gold.tokens()[t].head) continue;
            ++uas;
            las += copy.tokens()[t].deprel == gold.tokens()[t].deprel;
          }
        }
        const double denominator = static_cast<double>(std::max<std::uint64_t>(words, 1));
        *options.log << ", dev UAS " << 100.0 * static_cast<double>(uas) / denominator << ", dev LAS (with subtypes) "
                     << 100.0 * static_cast<double>(las) / denominator;
      }
      *options.log << '\n' << std::flush;
    }
  }
  parser->model_ = trainer.averaged();
  parser->label_model_ = label_trainer.averaged();
  return parser;
}

void Parser::save(std::ostream& out) const {
  using namespace model_io;
  out.write(kMagic.data(), static_cast<std::streamsize>(kMagic.size()));
  put(out, static_cast<std::uint32_t>(labels_.size()));
  for (const std::string& label : labels_) put_string(out, label);
  model_.save(out);
  label_model_.save(out);
  clusters_.save(out);
  put(out, static_cast<std::uint8_t>(fast_hash_ ? 1 : 0));
  put(out, beam_width_);
}

void Parser::save(const std::filesystem::path& model_file) const {
  model_io::save_file(model_file, [this](std::ostream& out) { save(out); });
}

std::unique_ptr<Parser> Parser::load(std::istream& in) {
  using namespace model_io;
  char magic[8] = {};
  if (!in.read(magic, sizeof magic)) throw Error("parser: not a text2kg parser model (expected T2KGDEP5)");
  const std::string_view version(magic, sizeof magic);
  if (version != kMagic && version != kMagicV4 && version != kMagicV3 && version != kMagicV2) {
    throw Error("parser: not a text2kg parser model (expected T2KGDEP5)");
  }
  std::unique_ptr<Parser> parser(new Parser());
  const auto count = get<std::uint32_t>(in, kWhat);
  if (count < 2 || count > 64) throw Error("parser: implausible label count in model file");
  for (std::uint32_t i = 0; i < count; ++i) parser->labels_.push_back(get_string(in, kWhat));
  const auto root = std::find(parser->labels_.begin(), parser->labels_.end(), "root");
  if (root == parser->labels_.end()) throw Error("parser: model has no root label");
  parser->root_label_ = static_cast<std::uint16_t>(root - parser->labels_.begin());
  parser->model_ = LinearModel::load(in);
  parser->label_model_ = LinearModel::load(in);
  if (parser->model_.classes() != kTransitions || parser->label_model_.classes() != count - 1) {
    throw Error("parser: model classes do not match the transitions and labels");
  }
  if (version != kMagicV2) parser->clusters_ = WordClusters::load(in);
  if (version == kMagic || version == kMagicV4) {
    const auto hash = get<std::uint8_t>(in, kWhat);
    if (hash > 1) throw Error("parser: unknown template hash in model file");
    parser->fast_hash_ = hash == 1;
  }
  if (version == kMagic) {
    parser->beam_width_ = get<std::uint32_t>(in, kWhat);
    if (parser->beam_width_ < 1 || parser->beam_width_ > kMaxBeamWidth) throw Error("parser: implausible beam width in model file");
  }
  return parser;
}

std::unique_ptr<Parser> Parser::load(const std::filesystem::path& model_file) {
  return model_io::load_file(model_file, "parser", [](std::istream& in) { return load(in); });
}

}  // namespace text2kg::nlp
