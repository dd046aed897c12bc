#include "text2kg/nlp/ner.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/feature_hash.hpp"

namespace text2kg::nlp {

namespace {

constexpr char kMagic[8] = {'T', '2', 'K', 'G', 'N', 'E', 'R', '1'};

/// Feature templates; the numbers are part of the model file, so only ever append.
enum Template : std::uint64_t {
  kBias = 1, kWord, kLower, kLowerPrev, kLowerNext, kLowerPrev2, kLowerNext2, kShape, kShapeWindow,
  kPrefix1, kPrefix2, kPrefix3, kSuffix2, kSuffix3, kSuffix4, kBigramPrev, kBigramNext, kFirstWordShape,
  kGazetteerHere, kGazetteerPrev, kGazetteerNext, kStyleShape, kPrevShapeLower, kShapeNextLower,
  kPrevClass, kPrevTwoClasses, kPrevClassLower, kPrevClassShape, kGazetteerShape,
};

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

template <typename T>
void put(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

NerRecognizer::NerRecognizer(LinearModel model, Gazetteer gazetteer)
    : model_(std::move(model)), gazetteer_(std::move(gazetteer)) {
  if (model_.classes() != kNerClassCount) throw Error("ner: model has the wrong number of classes");
}

void NerRecognizer::prepare(std::span<const std::string_view> words, NerScratch& scratch) const {
  const std::size_t n = words.size();
  if (scratch.lower_storage.size() < n) scratch.lower_storage.resize(n);
  scratch.lower.resize(n);
  scratch.hashes.resize(n);
  scratch.gazetteer.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view word = words[i];
    std::string& lower = scratch.lower_storage[i];
    lower.assign(word);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    scratch.lower[i] = lower;
    NerScratch::WordHashes& h = scratch.hashes[i];
    h.word = hash_text(word);
    h.lower = hash_text(lower);
    // Shape with runs cut at 3 ("Xxxx" for any long capitalised word) and fully collapsed.
    std::string& shape = scratch.shape;
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
      h.prefix[k] = hash_text(std::string_view(lower).substr(0, k + 1));
      const std::size_t length = k + 2;
      h.suffix[k] = lower.size() > length ? hash_text(std::string_view(lower).substr(lower.size() - length)) : h.lower;
    }
  }
  gazetteer_.match(scratch.lower, scratch.gazetteer);
}

void NerRecognizer::features_at(std::span<const std::string_view> words, std::size_t i, std::uint32_t previous,
                                std::uint32_t before_previous, std::uint32_t style, NerScratch& scratch) const {
  const std::size_t n = words.size();
  const auto& hs = scratch.hashes;
  const NerScratch::WordHashes& h = hs[i];
  const std::uint64_t lower_prev = i > 0 ? hs[i - 1].lower : kStartHash;
  const std::uint64_t lower_prev2 = i > 1 ? hs[i - 2].lower : kStartHash;
  const std::uint64_t lower_next = i + 1 < n ? hs[i + 1].lower : kEndHash;
  const std::uint64_t lower_next2 = i + 2 < n ? hs[i + 2].lower : kEndHash;
  const std::uint64_t shape_prev = i > 0 ? hs[i - 1].short_shape : kStartHash;
  const std::uint64_t shape_next = i + 1 < n ? hs[i + 1].short_shape : kEndHash;
  const Gazetteer::Hit gaz = scratch.gazetteer[i];
  const std::uint8_t gaz_prev = i > 0 ? scratch.gazetteer[i - 1].types : 0;
  const std::uint8_t gaz_next = i + 1 < n ? scratch.gazetteer[i + 1].types : 0;

  auto& f = scratch.features;
  f.clear();
  f.push_back(feature(kBias, 0));
  f.push_back(feature(kWord, h.word));
  f.push_back(feature(kLower, h.lower));
  f.push_back(feature(kLowerPrev, lower_prev));
  f.push_back(feature(kLowerNext, lower_next));
  f.push_back(feature(kLowerPrev2, lower_prev2));
  f.push_back(feature(kLowerNext2, lower_next2));
  f.push_back(feature(kShape, h.shape));
  f.push_back(feature(kShapeWindow, shape_prev, h.short_shape, shape_next));
  f.push_back(feature(kPrefix1, h.prefix[0]));
  f.push_back(feature(kPrefix2, h.prefix[1]));
  f.push_back(feature(kPrefix3, h.prefix[2]));
  f.push_back(feature(kSuffix2, h.suffix[0]));
  f.push_back(feature(kSuffix3, h.suffix[1]));
  f.push_back(feature(kSuffix4, h.suffix[2]));
  f.push_back(feature(kBigramPrev, lower_prev, h.lower));
  f.push_back(feature(kBigramNext, h.lower, lower_next));
  if (i == 0) f.push_back(feature(kFirstWordShape, h.shape));
  for (std::uint32_t t = 0; t < kNerTypeCount; ++t) {
    if (gaz.types & (1U << t)) {
      f.push_back(feature(kGazetteerHere, t, gaz.part));
      f.push_back(feature(kGazetteerShape, t, gaz.part, h.short_shape));
    }
    if (gaz_prev & (1U << t)) f.push_back(feature(kGazetteerPrev, t));
    if (gaz_next & (1U << t)) f.push_back(feature(kGazetteerNext, t));
  }
  f.push_back(feature(kStyleShape, style, h.short_shape));
  f.push_back(feature(kPrevShapeLower, shape_prev, h.lower));
  f.push_back(feature(kShapeNextLower, h.short_shape, lower_next));
  f.push_back(feature(kPrevClass, previous));
  f.push_back(feature(kPrevTwoClasses, previous, before_previous));
  f.push_back(feature(kPrevClassLower, previous, h.lower));
  f.push_back(feature(kPrevClassShape, previous, h.short_shape));
}

std::uint32_t NerRecognizer::best_class(std::span<const float> scores, std::uint32_t previous, bool last_word,
                                        std::uint32_t type_mask) const {
  std::uint32_t best = kNerClassCount;
  for (std::uint32_t c = 0; c < kNerClassCount; ++c) {
    if (c != 0 && !(type_mask & (1U << bilou_type(c)))) continue;
    if (!bilou_allowed(previous, c, last_word)) continue;
    if (best == kNerClassCount || scores[c] > scores[best]) best = c;
  }
  return best;  // never kNerClassCount: O or L of the open type is always allowed
}

void NerRecognizer::recognize(std::span<const std::string_view> words, NerScratch& scratch,
                              std::vector<NerSpan>& spans) const {
  spans.clear();
  if (words.empty()) return;
  prepare(words, scratch);
  const std::uint32_t style = sentence_style(words);
  scratch.scores.resize(kNerClassCount);
  scratch.classes.resize(words.size());
  std::uint32_t previous = kNerClassCount, before_previous = kNerClassCount;
  constexpr std::uint32_t kAllTypes = 7;
  for (std::size_t i = 0; i < words.size(); ++i) {
    features_at(words, i, previous, before_previous, style, scratch);
    std::fill(scratch.scores.begin(), scratch.scores.end(), 0.0F);
    model_.add_scores(scratch.features, scratch.scores);
    const std::uint32_t cls = best_class(scratch.scores, previous, i + 1 == words.size(), kAllTypes);
    scratch.classes[i] = cls;
    before_previous = previous;
    previous = cls;
  }
  spans = decode_bilou(scratch.classes);
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
  model_.save(out);
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
    LinearModel model = LinearModel::load(in);
    return NerRecognizer(std::move(model), std::move(gazetteer));
  } catch (const Error& e) {
    throw Error(model_file.string() + ": " + e.what());
  }
}

NerRecognizer NerRecognizer::train(std::span<const NerSentence> sentences, Gazetteer gazetteer,
                                   const NerTrainingOptions& options,
                                   const std::function<void(std::uint32_t, const NerRecognizer&)>& after_epoch) {
  NerRecognizer learner(LinearModel(kNerClassCount, options.bucket_bits), std::move(gazetteer));
  PerceptronTrainer trainer(learner.model_);
  std::vector<std::size_t> order(sentences.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 random(options.seed);
  NerScratch scratch;
  std::vector<std::string_view> words;
  std::vector<float> scores(kNerClassCount);
  for (std::uint32_t epoch = 1; epoch <= options.epochs; ++epoch) {
    // A hand-written Fisher-Yates: std::shuffle's algorithm differs between libraries.
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    for (const std::size_t index : order) {
      const NerSentence& sentence = sentences[index];
      if (sentence.words.empty()) continue;
      words.assign(sentence.words.begin(), sentence.words.end());
      const std::vector<std::uint32_t> gold = encode_bilou(sentence.spans, static_cast<std::uint32_t>(words.size()));
      std::uint32_t type_mask = 0;
      for (const EntityType type : sentence.annotated_types) {
        if (ner_type_index(type) >= 0) type_mask |= 1U << ner_type_index(type);
      }
      learner.prepare(words, scratch);
      const std::uint32_t style = sentence_style(words);
      std::uint32_t previous = kNerClassCount, before_previous = kNerClassCount;
      for (std::size_t i = 0; i < words.size(); ++i) {
        learner.features_at(words, i, previous, before_previous, style, scratch);
        std::fill(scores.begin(), scores.end(), 0.0F);
        learner.model_.add_scores(scratch.features, scores);
        const std::uint32_t guess = learner.best_class(scores, previous, i + 1 == words.size(), type_mask);
        trainer.update(scratch.features, gold[i], guess);
        trainer.tick();
        before_previous = previous;
        previous = guess;  // learn from its own history, as it will run
      }
    }
    if (after_epoch) after_epoch(epoch, NerRecognizer(trainer.averaged(), learner.gazetteer_));
  }
  return NerRecognizer(trainer.averaged(), std::move(learner.gazetteer_));
}

std::unique_ptr<Stage> NerStage::load(const std::filesystem::path& model_file) {
  return std::make_unique<NerStage>(NerRecognizer::load(model_file));
}

void NerStage::process(Document& doc) const {
  NerScratch scratch;
  std::vector<std::string_view> words;
  std::vector<NerSpan> spans;
  const bool has_deps = doc.layers().has(Layer::Deps);
  for (const Sentence& sentence : doc.sentences()) {
    const std::uint32_t first = sentence.tokens.begin;
    words.clear();
    for (std::uint32_t t = first; t < sentence.tokens.end; ++t) words.push_back(doc.form(t));
    recognizer_.recognize(words, scratch, spans);
    for (const NerSpan& span : spans) {
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
