#include "text2kg/nlp/tagger.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <ostream>
#include <random>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/feature_hash.hpp"
#include "text2kg/nlp/model_io.hpp"
#include "text2kg/nlp/word_features.hpp"

namespace text2kg::nlp {
namespace {

constexpr std::string_view kMagic = "T2KGTAG3";      // TAG2 plus the word clusters
constexpr std::string_view kMagicV2 = "T2KGTAG2";
constexpr std::string_view kWhat = "tagger";
constexpr std::uint64_t kNoTag = 0xFFFF;  // history before the sentence start
constexpr std::size_t kFeatureCount = 29;        // first pass
constexpr std::size_t kClusterFeatureCount = 11;  // with word clusters
constexpr std::size_t kMaxFeatureCount = 35 + kClusterFeatureCount;  // second pass adds right-context tags

/// One word of a sentence with everything the templates look at, computed once.
struct WordView {
  WordFeatures word;
  std::uint64_t dictionary_class = kNoTag;  ///< the tag dictionary's class, or kNoTag
  /// The word's cluster at each granularity (64, 256, 1024 classes), 0 for a word the
  /// cluster table lacks; unused when the model has no clusters.
  std::array<std::uint64_t, WordClusters::kLevels> cluster{};
};

WordFeatures boundary_word(std::uint64_t salt) {
  WordFeatures w;
  w.form = w.lower = w.shape = 0x9e3779b97f4a7c15ULL * salt;
  for (auto& p : w.prefix) p = w.form;
  for (auto& s : w.suffix) s = w.form;
  w.flags = 1U << 10;
  return w;
}

const WordView& boundary(std::ptrdiff_t offset) {
  static const std::array<WordView, 4> views = [] {
    std::array<WordView, 4> v;
    for (std::uint64_t k = 0; k < 4; ++k) {
      v[k].word = boundary_word(k + 1);
      for (auto& c : v[k].cluster) c = v[k].word.form;
    }
    return v;
  }();
  return views[static_cast<std::size_t>(offset)];
}

/// The feature templates. `p1`, `p2` are the classes predicted for the two previous words;
/// `right`, in the second pass, the first pass's classes for the whole sentence. Returns
/// the number of features written.
std::size_t extract_features(std::span<const WordView> words, std::size_t i, std::uint64_t p1, std::uint64_t p2,
                             std::span<const std::uint16_t> right, bool clusters,
                             std::array<std::uint64_t, kMaxFeatureCount>& f) {
  const auto at = [&](std::ptrdiff_t offset) -> const WordView& {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + offset;
    if (j < 0) return boundary(j == -1 ? 0 : 1);
    if (j >= static_cast<std::ptrdiff_t>(words.size())) return boundary(j == static_cast<std::ptrdiff_t>(words.size()) ? 2 : 3);
    return words[static_cast<std::size_t>(j)];
  };
  const WordFeatures& w0 = at(0).word;
  const WordFeatures& wm1 = at(-1).word;
  const WordFeatures& wm2 = at(-2).word;
  const WordFeatures& wp1 = at(1).word;
  const WordFeatures& wp2 = at(2).word;
  std::size_t n = 0;
  f[n++] = FeatureHash(0).value();
  f[n++] = FeatureHash(1).add(w0.lower).value();
  f[n++] = FeatureHash(2).add(w0.form).value();
  for (std::uint32_t k = 0; k < 3; ++k) f[n++] = FeatureHash(3 + k).add(w0.prefix[k]).value();
  for (std::uint32_t k = 0; k < 4; ++k) f[n++] = FeatureHash(6 + k).add(w0.suffix[k]).value();
  f[n++] = FeatureHash(10).add(w0.shape).value();
  f[n++] = FeatureHash(11).add(w0.flags | (i == 0 ? 1U << 8 : 0U)).value();
  f[n++] = FeatureHash(12).add(p1).value();
  f[n++] = FeatureHash(13).add(p2).value();
  f[n++] = FeatureHash(14).add(p1).add(p2).value();
  f[n++] = FeatureHash(15).add(p1).add(w0.lower).value();
  f[n++] = FeatureHash(16).add(wm1.lower).value();
  f[n++] = FeatureHash(17).add(wm1.suffix[2]).value();
  f[n++] = FeatureHash(18).add(wm2.lower).value();
  f[n++] = FeatureHash(19).add(wp1.lower).value();
  f[n++] = FeatureHash(20).add(wp1.suffix[2]).value();
  f[n++] = FeatureHash(21).add(wp2.lower).value();
  f[n++] = FeatureHash(22).add(wm1.lower).add(w0.lower).value();
  f[n++] = FeatureHash(23).add(w0.lower).add(wp1.lower).value();
  f[n++] = FeatureHash(24).add(wp1.shape).value();
  f[n++] = FeatureHash(25).add(wm1.shape).add(w0.shape).value();
  f[n++] = FeatureHash(26).add(at(1).dictionary_class).value();
  f[n++] = FeatureHash(27).add(p1).add(w0.suffix[2]).value();
  f[n++] = FeatureHash(28).add(at(1).dictionary_class).add(at(2).dictionary_class).value();
  if (clusters) {
    // Koo et al. (2008) style: the word's and its neighbours' clusters at several
    // granularities, alone and with a suffix or the previous tag.
    const auto& c0 = at(0).cluster;
    const auto& cm1 = at(-1).cluster;
    const auto& cp1 = at(1).cluster;
    const auto& cp2 = at(2).cluster;
    f[n++] = FeatureHash(50).add(c0[0]).value();
    f[n++] = FeatureHash(51).add(c0[1]).value();
    f[n++] = FeatureHash(52).add(c0[2]).value();
    f[n++] = FeatureHash(53).add(cm1[1]).value();
    f[n++] = FeatureHash(54).add(cp1[1]).value();
    f[n++] = FeatureHash(55).add(cp1[2]).value();
    f[n++] = FeatureHash(56).add(cm1[2]).value();
    f[n++] = FeatureHash(57).add(c0[1]).add(w0.suffix[2]).value();
    f[n++] = FeatureHash(58).add(p1).add(c0[1]).value();
    f[n++] = FeatureHash(59).add(c0[0]).add(cp1[0]).value();
    f[n++] = FeatureHash(60).add(cp2[1]).value();
  }
  if (right.empty()) return n;
  const auto right_tag = [&](std::size_t offset) -> std::uint64_t {
    return i + offset < right.size() ? right[i + offset] : kNoTag - offset;
  };
  f[n++] = FeatureHash(40).add(right_tag(1)).value();
  f[n++] = FeatureHash(41).add(right_tag(2)).value();
  f[n++] = FeatureHash(42).add(right_tag(1)).add(right_tag(2)).value();
  f[n++] = FeatureHash(43).add(p1).add(right_tag(1)).value();
  f[n++] = FeatureHash(44).add(right_tag(1)).add(w0.lower).value();
  f[n++] = FeatureHash(45).add(right_tag(0)).value();
  return n;
}

std::uint64_t feats_key(std::uint64_t lower, std::uint32_t tag_class) { return lower ^ (0x9e3779b97f4a7c15ULL * (tag_class + 1)); }

/// A training sentence: its words' features and gold classes.
struct TrainingSentence {
  std::vector<WordView> words;
  std::vector<std::uint16_t> gold;
};

}  // namespace

/// Training and decoding share this code; it is a friend so the Tagger's members stay private.
struct TaggerInternals {
  static void prepare(const Tagger& tagger, std::span<const std::string_view> forms, std::vector<WordView>& words) {
    words.resize(forms.size());
    std::string lower;
    for (std::size_t i = 0; i < forms.size(); ++i) {
      compute_word_features(forms[i], words[i].word);
      const auto hit = tagger.dictionary_.find(words[i].word.form);
      words[i].dictionary_class = hit == tagger.dictionary_.end() ? kNoTag : hit->second;
      if (tagger.clusters_.empty()) continue;
      lower.assign(forms[i]);
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      const WordClusters::Ids* ids = tagger.clusters_.find(WordClusters::key(lower));
      for (std::size_t k = 0; k < WordClusters::kLevels; ++k) words[i].cluster[k] = ids == nullptr ? 0 : (*ids)[k];
    }
  }

  /// Greedy decoding with the given weights (`right`: first-pass classes for the second
  /// pass, else empty); with `trainer`, updates toward `gold`.
  static void decode(const LinearModel& model, std::span<const WordView> words, std::span<const std::uint16_t> right,
                     bool clusters, std::vector<std::uint16_t>& out, std::span<float> scores,
                     PerceptronTrainer* trainer = nullptr, std::span<const std::uint16_t> gold = {}) {
    out.resize(words.size());
    std::array<std::uint64_t, kMaxFeatureCount> buffer{};
    std::uint64_t p1 = kNoTag, p2 = kNoTag;
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::uint32_t guess = 0;
      if (words[i].dictionary_class != kNoTag) {
        guess = static_cast<std::uint32_t>(words[i].dictionary_class);
      } else {
        const std::span<const std::uint64_t> features(buffer.data(), extract_features(words, i, p1, p2, right, clusters, buffer));
        guess = model.predict(features, scores);
        if (trainer != nullptr) {
          trainer->update(features, gold[i], guess);
          trainer->tick();
        }
      }
      out[i] = static_cast<std::uint16_t>(guess);
      p2 = p1;
      p1 = guess;
    }
  }
};

void Tagger::process(Document& doc) const {
  std::vector<WordView> words;
  std::vector<std::string_view> forms;
  std::vector<std::uint16_t> first, tags;
  std::vector<float> scores(classes_.size());
  auto& tokens = doc.mutable_tokens();
  for (const Sentence& sentence : doc.sentences()) {
    forms.clear();
    for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) forms.push_back(doc.form(t));
    TaggerInternals::prepare(*this, forms, words);
    const bool clusters = !clusters_.empty();
    if (second_.classes() == 0) {
      TaggerInternals::decode(model_, words, {}, clusters, tags, scores);
    } else {
      TaggerInternals::decode(model_, words, {}, clusters, first, scores);
      TaggerInternals::decode(second_, words, first, clusters, tags, scores);
    }
    for (std::size_t i = 0; i < forms.size(); ++i) {
      Token& token = tokens[sentence.tokens.begin + i];
      const TagClass& tag = classes_[tags[i]];
      token.upos = tag.upos;
      token.xpos = tag.xpos;
      const auto exception = feats_by_word_.find(feats_key(words[i].word.lower, tags[i]));
      token.feats = feats_[exception == feats_by_word_.end() ? tag.feats : exception->second];
    }
  }
}

std::unique_ptr<Tagger> Tagger::train(std::span<const Document> train, const TaggerTrainingOptions& options) {
  std::unique_ptr<Tagger> tagger(new Tagger());
  if (options.clusters != nullptr) tagger->clusters_ = *options.clusters;
  const bool clusters = !tagger->clusters_.empty();
  // Classes, feats table and counts for the dictionaries, in a deterministic (sorted) order.
  std::map<std::pair<std::string, std::string>, std::uint64_t> class_counts;  // (upos, xpos)
  for (const Document& doc : train) {
    for (const Token& token : doc.tokens()) ++class_counts[{std::string(to_string(token.upos)), token.xpos}];
  }
  std::map<std::pair<std::string, std::string>, std::uint16_t> class_index;
  for (const auto& [key, count] : class_counts) {
    class_index[key] = static_cast<std::uint16_t>(tagger->classes_.size());
    tagger->classes_.push_back({parse_upos(key.first).value_or(Upos::X), key.second, 0});
  }
  if (tagger->classes_.empty()) throw Error("tagger: no training tokens");
  std::map<std::string, std::uint32_t> feats_index;
  const auto feats_id = [&](const std::string& feats) {
    const std::string value = feats.empty() ? "_" : feats;
    const auto [it, inserted] = feats_index.emplace(value, static_cast<std::uint32_t>(tagger->feats_.size()));
    if (inserted) tagger->feats_.push_back(value);
    return it->second;
  };
  feats_id("_");
  std::map<std::string, std::map<std::uint16_t, std::uint64_t>> word_classes;  // form -> class -> count
  std::map<std::uint16_t, std::map<std::uint32_t, std::uint64_t>> class_feats;
  std::map<std::pair<std::string, std::uint16_t>, std::map<std::uint32_t, std::uint64_t>> word_feats;
  std::vector<TrainingSentence> sentences;
  for (const Document& doc : train) {
    for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
      const Token& token = doc.tokens()[t];
      const std::uint16_t c = class_index[{std::string(to_string(token.upos)), token.xpos}];
      const std::string form(doc.form(t));
      ++word_classes[form][c];
      const std::uint32_t feats = feats_id(token.feats);
      ++class_feats[c][feats];
      std::string lower = form;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch; });
      ++word_feats[{lower, c}][feats];
    }
  }
  const auto most_frequent = [](const auto& counts) {
    auto best = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it) {
      if (it->second > best->second) best = it;
    }
    return *best;
  };
  for (auto& [c, counts] : class_feats) tagger->classes_[c].feats = most_frequent(counts).first;
  for (const auto& [key, counts] : word_feats) {
    const std::uint32_t best = most_frequent(counts).first;
    if (best != tagger->classes_[key.second].feats) tagger->feats_by_word_[feats_key(lower_hash(key.first), key.second)] = best;
  }
  // Frequent words that (nearly) always take one class skip the model: faster, and as accurate.
  for (const auto& [form, counts] : word_classes) {
    std::uint64_t total = 0;
    for (const auto& entry : counts) total += entry.second;
    const auto [best, count] = most_frequent(counts);
    if (total >= 20 && static_cast<double>(count) >= 0.995 * static_cast<double>(total)) {
      WordFeatures w;
      compute_word_features(form, w);
      tagger->dictionary_[w.form] = best;
    }
  }

  for (const Document& doc : train) {
    for (const Sentence& sentence : doc.sentences()) {
      TrainingSentence s;
      std::vector<std::string_view> forms;
      for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) {
        forms.push_back(doc.form(t));
        const Token& token = doc.tokens()[t];
        s.gold.push_back(class_index[{std::string(to_string(token.upos)), token.xpos}]);
      }
      TaggerInternals::prepare(*tagger, forms, s.words);
      sentences.push_back(std::move(s));
    }
  }

  LinearModel model(static_cast<std::uint32_t>(tagger->classes_.size()), options.bucket_bits);
  PerceptronTrainer trainer(model);
  LinearModel second(options.two_pass ? static_cast<std::uint32_t>(tagger->classes_.size()) : 1U,
                     options.two_pass ? options.bucket_bits : 1U);
  PerceptronTrainer second_trainer(second);
  std::vector<std::uint16_t> final_tags;
  std::vector<float> scores(tagger->classes_.size());
  std::vector<std::uint16_t> predicted;
  std::vector<std::size_t> order(sentences.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with our own index draw: std::shuffle's algorithm is not specified.
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::uint64_t correct = 0, total = 0;
    for (const std::size_t index : order) {
      const TrainingSentence& s = sentences[index];
      TaggerInternals::decode(model, s.words, {}, clusters, predicted, scores, &trainer, s.gold);
      // The second pass learns from the first pass's online guesses: made before this
      // sentence's update, they carry realistic errors.
      if (options.two_pass) {
        TaggerInternals::decode(second, s.words, predicted, clusters, final_tags, scores, &second_trainer, s.gold);
      } else {
        final_tags = predicted;
      }
      for (std::size_t i = 0; i < final_tags.size(); ++i) correct += final_tags[i] == s.gold[i];
      total += predicted.size();
    }
    if (options.log != nullptr) {
      *options.log << "tagger epoch " << epoch << ": train accuracy " << 100.0 * static_cast<double>(correct) / static_cast<double>(std::max<std::uint64_t>(total, 1));
      if (!options.dev.empty()) {
        tagger->model_ = trainer.averaged();
        if (options.two_pass) tagger->second_ = second_trainer.averaged();
        std::uint64_t upos_ok = 0, xpos_ok = 0, dev_total = 0;
        for (const Document& gold : options.dev) {
          Document copy = gold;
          tagger->process(copy);
          for (std::size_t t = 0; t < gold.tokens().size(); ++t) {
            upos_ok += copy.tokens()[t].upos == gold.tokens()[t].upos;
            xpos_ok += copy.tokens()[t].xpos == gold.tokens()[t].xpos;
            ++dev_total;
          }
        }
        const double denominator = static_cast<double>(std::max<std::uint64_t>(dev_total, 1));
        *options.log << ", dev UPOS " << 100.0 * static_cast<double>(upos_ok) / denominator << ", dev XPOS "
                     << 100.0 * static_cast<double>(xpos_ok) / denominator;
      }
      *options.log << '\n' << std::flush;
    }
  }
  tagger->model_ = trainer.averaged();
  if (options.two_pass) tagger->second_ = second_trainer.averaged();
  return tagger;
}

void Tagger::save(std::ostream& out) const {
  using namespace model_io;
  out.write(kMagic.data(), static_cast<std::streamsize>(kMagic.size()));
  put(out, static_cast<std::uint32_t>(feats_.size()));
  for (const std::string& feats : feats_) put_string(out, feats);
  put(out, static_cast<std::uint32_t>(classes_.size()));
  for (const TagClass& c : classes_) {
    put(out, static_cast<std::uint8_t>(c.upos));
    put_string(out, c.xpos);
    put(out, c.feats);
  }
  // Hash maps are written in key order so that equal models give equal bytes.
  std::vector<std::pair<std::uint64_t, std::uint16_t>> dictionary(dictionary_.begin(), dictionary_.end());
  std::sort(dictionary.begin(), dictionary.end());
  put(out, static_cast<std::uint32_t>(dictionary.size()));
  for (const auto& [key, c] : dictionary) {
    put(out, key);
    put(out, c);
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> exceptions(feats_by_word_.begin(), feats_by_word_.end());
  std::sort(exceptions.begin(), exceptions.end());
  put(out, static_cast<std::uint32_t>(exceptions.size()));
  for (const auto& [key, feats] : exceptions) {
    put(out, key);
    put(out, feats);
  }
  model_.save(out);
  put(out, static_cast<std::uint8_t>(second_.classes() == 0 ? 0 : 1));
  if (second_.classes() != 0) second_.save(out);
  clusters_.save(out);
}

void Tagger::save(const std::filesystem::path& model_file) const {
  model_io::save_file(model_file, [this](std::ostream& out) { save(out); });
}

std::unique_ptr<Tagger> Tagger::load(std::istream& in) {
  using namespace model_io;
  char magic[8] = {};
  if (!in.read(magic, sizeof magic)) throw Error("tagger: not a text2kg tagger model (expected T2KGTAG3)");
  const std::string_view version(magic, sizeof magic);
  if (version != kMagic && version != kMagicV2) throw Error("tagger: not a text2kg tagger model (expected T2KGTAG3)");
  std::unique_ptr<Tagger> tagger(new Tagger());
  const auto feats_count = get<std::uint32_t>(in, kWhat);
  if (feats_count == 0 || feats_count > (1U << 20)) throw Error("tagger: implausible feats table in model file");
  for (std::uint32_t i = 0; i < feats_count; ++i) tagger->feats_.push_back(get_string(in, kWhat));
  const auto class_count = get<std::uint32_t>(in, kWhat);
  if (class_count == 0 || class_count > 4096) throw Error("tagger: implausible class count in model file");
  for (std::uint32_t i = 0; i < class_count; ++i) {
    TagClass c;
    const auto upos = get<std::uint8_t>(in, kWhat);
    if (upos >= kUposCount) throw Error("tagger: bad UPOS in model file");
    c.upos = static_cast<Upos>(upos);
    c.xpos = get_string(in, kWhat);
    c.feats = get<std::uint32_t>(in, kWhat);
    if (c.feats >= feats_count) throw Error("tagger: bad feats index in model file");
    tagger->classes_.push_back(std::move(c));
  }
  const auto dictionary_size = get<std::uint32_t>(in, kWhat);
  for (std::uint32_t i = 0; i < dictionary_size; ++i) {
    const auto key = get<std::uint64_t>(in, kWhat);
    const auto c = get<std::uint16_t>(in, kWhat);
    if (c >= class_count) throw Error("tagger: bad dictionary class in model file");
    tagger->dictionary_[key] = c;
  }
  const auto exception_count = get<std::uint32_t>(in, kWhat);
  for (std::uint32_t i = 0; i < exception_count; ++i) {
    const auto key = get<std::uint64_t>(in, kWhat);
    const auto feats = get<std::uint32_t>(in, kWhat);
    if (feats >= feats_count) throw Error("tagger: bad feats index in model file");
    tagger->feats_by_word_[key] = feats;
  }
  tagger->model_ = LinearModel::load(in);
  if (tagger->model_.classes() != class_count) throw Error("tagger: model classes do not match the tag set");
  if (get<std::uint8_t>(in, kWhat) != 0) {
    tagger->second_ = LinearModel::load(in);
    if (tagger->second_.classes() != class_count) throw Error("tagger: second-pass classes do not match the tag set");
  }
  if (version == kMagic) tagger->clusters_ = WordClusters::load(in);
  return tagger;
}

std::unique_ptr<Tagger> Tagger::load(const std::filesystem::path& model_file) {
  return model_io::load_file(model_file, "tagger", [](std::istream& in) { return load(in); });
}

}  // namespace text2kg::nlp
