#include "text2kg/nlp/ner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "paths.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/nlp/gazetteer.hpp"
#include "text2kg/nlp/ner_corpus.hpp"
#include "text2kg/nlp/ner_propagation.hpp"
#include "text2kg/nlp/ner_score.hpp"
#include "text2kg/nlp/ner_tags.hpp"

namespace text2kg::nlp {
namespace {

namespace fs = std::filesystem;

fs::path write_temp(const std::string& name, const std::string& content) {
  const fs::path path = fs::temp_directory_path() / ("text2kg_ner_test_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

/// Views into `sentence`, which must outlive them.
std::vector<std::string_view> split_words(const std::string& sentence) {
  std::vector<std::string_view> words;
  std::string_view rest = sentence;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    words.push_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  return words;
}

/// "[Person: John Smith] [Place: Chicago]" for readable expectations.
std::string describe(const std::vector<std::string_view>& words, const std::vector<NerSpan>& spans) {
  std::string out;
  for (const NerSpan& span : spans) {
    out += out.empty() ? "[" : " [";
    out += to_string(span.type);
    out += ':';
    for (auto w = span.words.begin; w < span.words.end; ++w) (out += ' ') += words[w];
    out += ']';
  }
  return out;
}

const NerRecognizer& shipped_model() {
  static const NerRecognizer recognizer = NerRecognizer::load(testing::source_dir() / "models" / "ner.bin");
  return recognizer;
}

// --- BILOU ----------------------------------------------------------------------------

TEST(NerTags, EncodeThenDecodeGivesTheSpansBack) {
  const std::vector<NerSpan> spans = {{{0, 2}, EntityType::Person}, {{3, 4}, EntityType::Place},
                                      {{4, 7}, EntityType::Event}, {{8, 9}, EntityType::Other}};
  const auto classes = encode_bilou(spans, 10);
  EXPECT_EQ(classes[0], ner_class(BilouPart::Begin, 0));
  EXPECT_EQ(classes[1], ner_class(BilouPart::Last, 0));
  EXPECT_EQ(classes[2], 0U);
  EXPECT_EQ(classes[3], ner_class(BilouPart::Unit, 2));
  EXPECT_EQ(classes[5], ner_class(BilouPart::Inside, 3));
  EXPECT_EQ(decode_bilou(classes), spans);
}

TEST(NerTags, DecodingAnyClassSequenceYieldsWellFormedSpans) {
  std::mt19937 random(7);
  std::vector<NerSpan> reused;  // decoded into again and again: the previous spans must go
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<std::uint32_t> classes(1 + random() % 12);
    for (auto& c : classes) c = random() % (kNerClassCount + 2);  // includes out-of-range classes
    const auto spans = decode_bilou(classes);
    decode_bilou(classes, reused);
    ASSERT_EQ(reused, spans);
    std::uint32_t previous_end = 0;
    for (const NerSpan& span : spans) {
      ASSERT_LT(span.words.begin, span.words.end);
      ASSERT_LE(previous_end, span.words.begin);
      ASSERT_LE(span.words.end, classes.size());
      ASSERT_NE(span.type, EntityType::None);
      previous_end = span.words.end;
    }
  }
}

TEST(NerTags, StrayInsideAndUnfinishedBeginStillMakeSpans) {
  const std::uint32_t inside_person = ner_class(BilouPart::Inside, 0);
  const std::uint32_t begin_place = ner_class(BilouPart::Begin, 2);
  const std::vector<std::uint32_t> classes = {inside_person, 0, begin_place};
  const std::vector<NerSpan> expected = {{{0, 1}, EntityType::Person}, {{2, 3}, EntityType::Place}};
  EXPECT_EQ(decode_bilou(classes), expected);
}

TEST(NerTags, TransitionsOnlyAllowWellFormedSequences) {
  const std::uint32_t begin_person = ner_class(BilouPart::Begin, 0);
  EXPECT_TRUE(bilou_allowed(kNerClassCount, begin_person, false));
  EXPECT_FALSE(bilou_allowed(kNerClassCount, begin_person, true));  // B cannot end a sentence
  EXPECT_FALSE(bilou_allowed(begin_person, 0, false));
  EXPECT_FALSE(bilou_allowed(begin_person, ner_class(BilouPart::Last, 1), false));
  EXPECT_TRUE(bilou_allowed(begin_person, ner_class(BilouPart::Last, 0), true));
  EXPECT_FALSE(bilou_allowed(0, ner_class(BilouPart::Inside, 0), false));
}

// --- Gazetteer -----------------------------------------------------------------------

// Viterbi over 2 types (9 classes): emission, transition and (optionally) per-word history
// rows laid out as NerLattice describes.
struct ViterbiCase {
  static constexpr std::uint32_t kClasses = 9;
  std::size_t n;
  std::uint32_t keys;
  std::vector<float> emission, transition, history;
  std::vector<std::uint8_t> key;
  /// keys 0: no history; kClasses + 1: one row per previous class; else rows by BILOU part.
  explicit ViterbiCase(std::size_t words, std::uint32_t history_keys = 0)
      : n(words), keys(history_keys), emission(words * kClasses, 0.0F), transition((kClasses + 1) * kClasses, 0.0F),
        history(words * history_keys * kClasses, 0.0F), key(kClasses + 1, 0) {
    for (std::uint32_t p = 0; p <= kClasses; ++p) {
      if (keys == kClasses + 1) key[p] = static_cast<std::uint8_t>(p);
      else if (keys > 0) key[p] = static_cast<std::uint8_t>(p == kClasses ? keys - 1 : static_cast<std::uint32_t>(bilou_part(p)) % (keys - 1));
    }
  }
  float& e(std::size_t i, std::uint32_t c) { return emission[i * kClasses + c]; }
  float& t(std::uint32_t p, std::uint32_t c) { return transition[p * kClasses + c]; }
  /// The score of class c at word i after p (p = kClasses at the start), as NerLattice defines it.
  float step(std::size_t i, std::uint32_t p, std::uint32_t c) const {
    float v = emission[i * kClasses + c] + transition[p * kClasses + c];
    if (keys > 0) v += history[(i * keys + key[p]) * kClasses + c];
    return v;
  }
  float total(const std::vector<std::uint32_t>& classes) const {
    float sum = 0;
    for (std::size_t i = 0; i < classes.size(); ++i) sum += step(i, i == 0 ? kClasses : classes[i - 1], classes[i]);
    return sum;
  }
  std::vector<std::uint32_t> run(std::uint32_t mask, ViterbiScratch& scratch) const {
    NerLattice lattice;
    lattice.words = n;
    lattice.classes = kClasses;
    lattice.emission = emission;
    lattice.transition = transition;
    std::vector<const float*> rows;
    for (std::size_t i = 0; i < n && keys > 0; ++i) rows.push_back(history.data() + i * keys * kClasses);
    lattice.history = rows;
    lattice.keys = keys;
    lattice.key = key;
    std::vector<std::uint32_t> best;
    viterbi_bilou(lattice, mask, scratch, best);
    return best;
  }
  std::vector<std::uint32_t> run(std::uint32_t mask = 3) const {
    ViterbiScratch scratch;
    return run(mask, scratch);
  }
  /// Every well-formed sequence of the mask's types, the best one (first found on ties).
  std::pair<float, std::vector<std::uint32_t>> brute_force(std::uint32_t mask) const {
    std::vector<std::uint32_t> current(n, 0), best;
    float top = -1e30F;
    const auto allowed_type = [&](std::uint32_t c) { return c == 0 || (mask & (1U << bilou_type(c))) != 0; };
    const std::function<void(std::size_t)> visit = [&](std::size_t i) {
      if (i == n) {
        const float v = total(current);
        if (best.empty() || v > top) top = v, best = current;
        return;
      }
      for (std::uint32_t c = 0; c < kClasses; ++c) {
        if (!allowed_type(c) || !bilou_allowed(i == 0 ? kNerClassCount : current[i - 1], c, i + 1 == n)) continue;
        current[i] = c;
        visit(i + 1);
      }
    };
    visit(0);
    return {top, best};
  }
};

TEST(NerViterbi, FindsTheBestSequenceWhereGreedyWouldNot) {
  // Word 0 alone prefers U-Person, but B-Person then L-Person scores more over both words.
  ViterbiCase v(2);
  const std::uint32_t b = ner_class(BilouPart::Begin, 0), l = ner_class(BilouPart::Last, 0);
  const std::uint32_t u = ner_class(BilouPart::Unit, 0);
  v.e(0, u) = 2.0F;
  v.e(0, b) = 1.5F;
  v.e(1, l) = 3.0F;  // only reachable after B
  v.e(1, 0) = 1.0F;
  EXPECT_EQ(v.run(), (std::vector<std::uint32_t>{b, l}));
  // A transition weight can change the answer: U then O once the B -> L transition costs.
  v.t(b, l) = -3.0F;
  EXPECT_EQ(v.run(), (std::vector<std::uint32_t>{u, 0}));
  // So can a word's own history row: word 1 likes L after B again.
  ViterbiCase w(2, ViterbiCase::kClasses + 1);
  w.emission = v.emission;
  w.transition = v.transition;
  w.history[(1 * w.keys + b) * ViterbiCase::kClasses + l] = 3.5F;
  EXPECT_EQ(w.run(), (std::vector<std::uint32_t>{b, l}));
}

TEST(NerViterbi, OutputIsWellFormedAndRespectsTheTypeMask) {
  std::mt19937 random(7);
  std::uniform_real_distribution<float> score(-2.0F, 2.0F);
  ViterbiScratch scratch;  // shared: the cached predecessor lists must follow the mask
  for (int round = 0; round < 200; ++round) {
    ViterbiCase v(1 + round % 7, round % 2 == 0 ? 0 : 4);
    for (float& x : v.emission) x = score(random);
    for (float& x : v.transition) x = score(random);
    for (float& x : v.history) x = score(random);
    const std::uint32_t mask = round % 3 == 0 ? 1U : round % 3 == 1 ? 2U : 3U;
    const auto best = v.run(mask, scratch);
    ASSERT_EQ(best.size(), v.n);
    std::uint32_t previous = kNerClassCount;
    for (std::size_t i = 0; i < best.size(); ++i) {
      ASSERT_TRUE(bilou_allowed(previous, best[i], i + 1 == best.size())) << "round " << round << " word " << i;
      if (best[i] != 0) {
        ASSERT_TRUE(mask & (1U << bilou_type(best[i])));
      }
      previous = best[i];
    }
  }
}

TEST(NerViterbi, MatchesExhaustiveSearchOnRandomLattices) {
  std::mt19937 random(11);
  std::uniform_real_distribution<float> score(-2.0F, 2.0F);
  ViterbiScratch scratch;
  int differed = 0;
  for (int round = 0; round < 300; ++round) {
    // No history, one row per previous class, and rows keyed by part (4 of them here).
    const std::uint32_t keys = round % 3 == 0 ? 0 : round % 3 == 1 ? ViterbiCase::kClasses + 1 : 4;
    ViterbiCase v(1 + round % 4, keys);
    for (float& x : v.emission) x = score(random);
    for (float& x : v.transition) x = score(random);
    for (float& x : v.history) x = score(random);
    const std::uint32_t mask = round % 5 == 0 ? 2U : 3U;
    const auto [top, expected] = v.brute_force(mask);
    const auto best = v.run(mask, scratch);
    EXPECT_NEAR(v.total(best), top, 1e-4F) << "round " << round;
    differed += best != expected ? 1 : 0;
  }
  EXPECT_EQ(differed, 0) << "random real scores have no ties, so the best sequence is unique";
}

TEST(NerViterbi, PairOrderHistoryGivesTheSameSequences) {
  std::mt19937 random(13);
  std::uniform_real_distribution<float> score(-2.0F, 2.0F);
  constexpr std::uint32_t kClasses = ViterbiCase::kClasses;
  ViterbiScratch scratch;
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t keys = round % 2 == 0 ? kClasses + 1 : 4;
    const std::uint32_t mask = round % 3 == 0 ? 1U : 3U;
    ViterbiCase v(1 + round % 6, keys);
    for (float& x : v.emission) x = score(random);
    for (float& x : v.transition) x = score(random);
    for (float& x : v.history) x = score(random);
    // Every close with a block of its own, or closes of one history row sharing one.
    const NerPairs pairs = round % 4 < 2 ? NerPairs::build(kClasses, mask) : NerPairs::build(kClasses, mask, v.key);
    std::vector<float> compact(v.n * pairs.size());
    std::vector<const float*> rows;
    for (std::size_t i = 0; i < v.n; ++i) {
      float* out = compact.data() + i * pairs.size();
      const float* full = v.history.data() + i * keys * kClasses;
      for (std::size_t k = 0; k < pairs.size(); ++k) {
        const std::uint32_t p = pairs.previous[k];
        out[k] = p == NerPairs::kPadding ? 0.0F : full[v.key[p] * kClasses + pairs.next[k]];
      }
      rows.push_back(out);
    }
    NerLattice lattice;
    lattice.words = v.n;
    lattice.classes = kClasses;
    lattice.emission = v.emission;
    lattice.transition = v.transition;
    lattice.history = rows;
    lattice.pairs = &pairs;
    std::vector<std::uint32_t> best;
    viterbi_bilou(lattice, mask, scratch, best);
    EXPECT_EQ(best, v.run(mask)) << "round " << round;
    // The transition in pair order made once beforehand, as the recogniser does: the same.
    const std::vector<float> ordered = pairs.order_transition(v.transition);
    lattice.pair_transition = ordered;
    viterbi_bilou(lattice, mask, scratch, best);
    EXPECT_EQ(best, v.run(mask)) << "round " << round << " with the pair transition";
    // Without AVX2 code (the same as with it where the processor has it, as on most machines).
    lattice.avx2 = false;
    viterbi_bilou(lattice, mask, scratch, best);
    EXPECT_EQ(best, v.run(mask)) << "round " << round << " without AVX2";
    const std::vector<float> portable_scores = scratch.score;
    lattice.avx2 = true;
    viterbi_bilou(lattice, mask, scratch, best);
    EXPECT_EQ(scratch.score, portable_scores) << "round " << round << ": the same path scores to the bit";
    EXPECT_THROW(viterbi_bilou(lattice, mask == 1U ? 3U : 1U, scratch, best), Error) << "pairs of another mask";
    lattice.pair_transition = std::span<const float>(ordered).first(ordered.size() - 1);
    EXPECT_THROW(viterbi_bilou(lattice, mask, scratch, best), Error) << "a pair transition of another size";
  }
}

TEST(NerViterbi, ClosesOfOneHistoryRowShareABlock) {
  constexpr std::uint32_t kClasses = ViterbiCase::kClasses;  // two types
  std::vector<std::uint8_t> by_part(kClasses + 1, 5);  // rows by BILOU part: L of either type is one row, U too
  for (std::uint32_t p = 0; p < kClasses; ++p) by_part[p] = static_cast<std::uint8_t>(bilou_part(p));
  const NerPairs separate = NerPairs::build(kClasses, 3U);
  const NerPairs shared = NerPairs::build(kClasses, 3U, by_part);
  ASSERT_EQ(shared.closes, separate.closes);  // O, L, U, L, U
  EXPECT_EQ(separate.close_offset, (std::vector<std::uint32_t>{0, 8, 16, 24, 32}));
  EXPECT_EQ(shared.close_offset, (std::vector<std::uint32_t>{0, 8, 16, 8, 16}));
  EXPECT_EQ(separate.size() - shared.size(), 2U * separate.width);
  EXPECT_EQ(shared.inside, 3U * shared.width);
  EXPECT_EQ(shared.start(), shared.inside + 4U * 2U);
  const ViterbiCase by_class(1, kClasses + 1);  // every class its own row: nothing is shared
  EXPECT_EQ(NerPairs::build(kClasses, 3U, by_class.key).close_offset, separate.close_offset);
  EXPECT_THROW(NerPairs::build(kClasses, 3U, std::vector<std::uint8_t>(3, 0)), Error);
}

TEST(NerClusters, ExchangeSeparatesWordsThatShareContexts) {
  // Words 2-4 follow "in" (1) and end the sentence, words 6-8 follow "mr" (5) then "said" (9).
  std::vector<std::vector<std::uint32_t>> sentences;
  for (int round = 0; round < 20; ++round) {
    for (std::uint32_t place = 2; place <= 4; ++place) sentences.push_back({1, place});
    for (std::uint32_t person = 6; person <= 8; ++person) sentences.push_back({5, person, 9});
  }
  std::vector<std::uint64_t> counts(10, 0);
  for (const auto& s : sentences) {
    for (const std::uint32_t w : s) ++counts[w];
  }
  const auto classes = exchange_clusters(sentences, counts, 5, 10);
  ASSERT_EQ(classes.size(), 10U);
  EXPECT_EQ(classes[0], 0U);  // the boundary keeps its own class
  EXPECT_EQ(classes[2], classes[3]);
  EXPECT_EQ(classes[3], classes[4]);
  EXPECT_EQ(classes[6], classes[7]);
  EXPECT_EQ(classes[7], classes[8]);
  EXPECT_NE(classes[2], classes[6]);
  for (std::size_t w = 1; w < classes.size(); ++w) {
    EXPECT_GE(classes[w], 1U);
    EXPECT_LT(classes[w], 5U);
  }
  EXPECT_EQ(exchange_clusters(sentences, counts, 5, 10), classes);  // deterministic
}

TEST(NerClusters, TsvLoadsSavesAndRejectsBadLines) {
  const auto good = write_temp("clusters.tsv", "# comment\nLondon\t3\t12\t40\nparis\t3\t12\t41\n");
  const WordClusters clusters = WordClusters::load_tsv(good);
  ASSERT_EQ(clusters.size(), 2U);
  const auto* london = clusters.find(WordClusters::key("london"));  // keys are lower-cased
  ASSERT_NE(london, nullptr);
  EXPECT_EQ(*london, (WordClusters::Ids{3, 12, 40}));
  EXPECT_EQ(clusters.find(WordClusters::key("berlin")), nullptr);
  std::stringstream bytes;
  clusters.save(bytes);
  const WordClusters loaded = WordClusters::load(bytes);
  ASSERT_EQ(loaded.size(), 2U);
  EXPECT_EQ(*loaded.find(WordClusters::key("paris")), (WordClusters::Ids{3, 12, 41}));
  const auto bad = write_temp("clusters_bad.tsv", "london\t3\t12\t40\nparis\t3\tx\t41\n");
  try {
    (void)WordClusters::load_tsv(bad);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
  }
  const auto short_line = write_temp("clusters_short.tsv", "london\t3\t12\n");
  EXPECT_THROW((void)WordClusters::load_tsv(short_line), InputError);
  fs::remove(good);
  fs::remove(bad);
  fs::remove(short_line);
}

TEST(NerClusters, LearnClustersWritesEveryFrequentWordOnce) {
  std::string text;
  for (int round = 0; round < 5; ++round) text += "we flew to Paris\nwe flew to Rome\nMr Smith said no\nMr Jones said yes\n";
  const auto path = write_temp("cluster_text.txt", text);
  std::ostringstream out, log;
  const std::vector<fs::path> texts = {path};
  const std::vector<std::uint32_t> sizes = {2, 4, 8};
  learn_clusters(texts, sizes, 5, 5, out, log);
  const auto tsv = write_temp("learnt.tsv", out.str());
  const WordClusters clusters = WordClusters::load_tsv(tsv);
  EXPECT_EQ(clusters.size(), 11U);  // every word is seen at least 5 times
  const auto* paris = clusters.find(WordClusters::key("paris"));
  const auto* rome = clusters.find(WordClusters::key("rome"));
  ASSERT_NE(paris, nullptr);
  ASSERT_NE(rome, nullptr);
  EXPECT_EQ((*paris)[2], (*rome)[2]);
  fs::remove(path);
  fs::remove(tsv);
}

TEST(Gazetteer, LoadsTsvAndPrefersTheLongestName) {
  const fs::path path = write_temp("gaz.tsv", "# comment\nPlace\tnew york\nPlace\tnew york city\nPerson\tyork\n");
  const Gazetteer gazetteer = Gazetteer::load_tsv(path);
  fs::remove(path);
  EXPECT_EQ(gazetteer.size(), 3U);
  const std::vector<std::string_view> words = {"in", "new", "york", "city", "and", "york"};
  std::vector<Gazetteer::Hit> hits(words.size());
  gazetteer.match(words, hits);
  const std::uint8_t place = 1U << ner_type_index(EntityType::Place);
  const std::uint8_t person = 1U << ner_type_index(EntityType::Person);
  EXPECT_EQ(hits[0].types, 0);
  EXPECT_EQ(hits[1].types, place);
  EXPECT_EQ(hits[1].part, 1);
  EXPECT_EQ(hits[2].part, 2);
  EXPECT_EQ(hits[3].part, 3);
  EXPECT_EQ(hits[4].types, 0);
  EXPECT_EQ(hits[5].types, person);
  EXPECT_EQ(hits[5].part, 4);
}

TEST(Gazetteer, FindsLongNamesWhoseFirstWordsAreNoNameAndKeepsThemThroughSaveAndLoad) {
  // "united states of" is no name: the match must go on past it (the first words of every
  // name are marked), and stop at "united states army" without a hit.
  Gazetteer gazetteer;
  const std::vector<std::string_view> usa = {"united", "states", "of", "america"}, states = {"states"};
  gazetteer.add(usa, EntityType::Place);
  gazetteer.add(states, EntityType::Organization);
  for (int i = 0; i < 300; ++i) {  // enough names to make the table grow several times
    std::string word = std::to_string(i);
    word.insert(word.begin(), 'w');
    const std::vector<std::string_view> name = {word, "x"};
    gazetteer.add(name, EntityType::Person);
  }
  EXPECT_EQ(gazetteer.size(), 302U) << "the first words of a name are not counted as names";
  std::stringstream bytes;
  gazetteer.save(bytes);
  const Gazetteer loaded = Gazetteer::load(bytes);
  EXPECT_EQ(loaded.size(), 302U);
  const std::uint8_t place = 1U << ner_type_index(EntityType::Place);
  const std::uint8_t organization = 1U << ner_type_index(EntityType::Organization);
  const std::uint8_t person = 1U << ner_type_index(EntityType::Person);
  for (const Gazetteer* g : {static_cast<const Gazetteer*>(&gazetteer), &loaded}) {
    const std::vector<std::string_view> words = {"the", "united", "states", "of", "america", "and", "united",
                                                 "states", "army", "w17", "x", "w17"};
    std::vector<Gazetteer::Hit> hits(words.size());
    g->match(words, hits);
    EXPECT_EQ(hits[0].types, 0);
    for (std::size_t i = 1; i <= 4; ++i) EXPECT_EQ(hits[i].types, place) << i;
    EXPECT_EQ(hits[1].part, 1);
    EXPECT_EQ(hits[4].part, 3);
    EXPECT_EQ(hits[6].types, 0) << "united alone is no name";
    EXPECT_EQ(hits[7].types, organization);
    EXPECT_EQ(hits[7].part, 4);
    EXPECT_EQ(hits[8].types, 0);
    EXPECT_EQ(hits[9].types, person);
    EXPECT_EQ(hits[10].part, 3);
    EXPECT_EQ(hits[11].types, 0) << "w17 alone is only the start of a name";
  }
}

TEST(Gazetteer, MalformedLineNamesFileAndLine) {
  const fs::path path = write_temp("bad.tsv", "Place\tparis\nCity\tlyon\n");
  try {
    Gazetteer::load_tsv(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string() + ":2:"), std::string::npos) << e.what();
  }
  fs::remove(path);
}

TEST(Gazetteer, SaveLoadKeepsMatches) {
  Gazetteer gazetteer;
  const std::vector<std::string_view> name = {"united", "kingdom"};
  gazetteer.add(name, EntityType::Place);
  std::stringstream buffer;
  gazetteer.save(buffer);
  const Gazetteer loaded = Gazetteer::load(buffer);
  std::vector<Gazetteer::Hit> hits(2);
  loaded.match(name, hits);
  EXPECT_EQ(hits[0].part, 1);
  EXPECT_EQ(hits[1].part, 3);
}

const NerRecognizer& shipped_model();

TEST(Gazetteer, ShippedModelHoldsCountriesAndCommonWords) {
  const Gazetteer& gazetteer = shipped_model().gazetteer();
  EXPECT_GT(gazetteer.size(), 5000U);
  const std::vector<std::string_view> words = {"bosnia", "and", "herzegovina", "table"};
  std::vector<Gazetteer::Hit> hits(words.size());
  gazetteer.match(words, hits);
  EXPECT_EQ(hits[0].part, 1);
  EXPECT_EQ(hits[2].part, 3);
  EXPECT_TRUE(hits[0].types & (1U << ner_type_index(EntityType::Place)));
  EXPECT_EQ(hits[3].types, Gazetteer::kCommonWord);
}

TEST(Gazetteer, CommonWordsLoadFromTsv) {
  const fs::path path = write_temp("common.tsv", "Common\ttable\nPerson\twill\nCommon\twill\n");
  const Gazetteer gazetteer = Gazetteer::load_tsv(path);
  fs::remove(path);
  const std::vector<std::string_view> words = {"will", "table", "chair"};
  std::vector<Gazetteer::Hit> hits(words.size());
  gazetteer.match(words, hits);
  EXPECT_EQ(hits[0].types, Gazetteer::kCommonWord | (1U << ner_type_index(EntityType::Person)));
  EXPECT_EQ(hits[1].types, Gazetteer::kCommonWord);
  EXPECT_EQ(hits[2].types, 0);
}

// --- Corpus readers --------------------------------------------------------------------

TEST(NerCorpus, ReadsUnerIob2AndDropsOtherLabels) {
  const fs::path path = write_temp("uner.iob2",
                                   "# sent_id = s1\n1\tin\tO\n2\ttampa\tB-LOC\t-\tx\n3\tbay\tI-LOC\t-\tx\n"
                                   "4\tiPhone\tB-OTH\t-\tx\n5\tSmith\tI-PER\t-\tx\n\n1\tok\tB-O\n");
  const auto sentences = read_uner_iob2(path);
  fs::remove(path);
  ASSERT_EQ(sentences.size(), 2U);
  EXPECT_EQ(sentences[0].id, "s1");
  const std::vector<NerSpan> expected = {{{1, 3}, EntityType::Place}, {{4, 5}, EntityType::Person}};
  EXPECT_EQ(sentences[0].spans, expected);
  EXPECT_TRUE(sentences[1].spans.empty());
}

TEST(NerCorpus, UnknownUnerTagNamesFileAndLine) {
  const fs::path path = write_temp("bad.iob2", "1\ta\tO\n2\tb\tB-XYZ\n");
  try {
    read_uner_iob2(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
  }
  fs::remove(path);
}

TEST(NerCorpus, GumNamedMentionsKeepOutermostProperNames) {
  // "the University of Chicago hired Ann ." with a nested named place and a common noun.
  const std::string conllu =
      "# sent_id = g1\n"
      "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-organization-new-x-x-x-sgl\n"
      "2\tUniversity\tUniversity\tPROPN\tNNP\t_\t5\tnsubj\t_\t_\n"
      "3\tof\tof\tADP\tIN\t_\t4\tcase\t_\t_\n"
      "4\tChicago\tChicago\tPROPN\tNNP\t_\t2\tnmod\t_\tEntity=(2-place-new-x-x-x-sgl)1)\n"
      "5\thired\thire\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "6\tAnn\tAnn\tPROPN\tNNP\t_\t5\tobj\t_\tEntity=(3-person-new-x-x-x-sgl)\n"
      "7\tstaff\tstaff\tNOUN\tNN\t_\t5\tobj\t_\tEntity=(4-person-new-x-x-x-sgl)\n"
      "8\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n";
  const auto docs = io::read_conllu(conllu, "test.conllu");
  const auto sentences = gum_named_sentences(docs.at(0), "test.conllu");
  ASSERT_EQ(sentences.size(), 1U);
  const std::vector<NerSpan> expected = {{{1, 4}, EntityType::Organization}, {{5, 6}, EntityType::Person}};
  EXPECT_EQ(sentences[0].spans, expected);
  EXPECT_EQ(sentences[0].source_types, (std::vector<std::string>{"organization", "person"}));
}

// --- Scorer ----------------------------------------------------------------------------

TEST(NerScore, CountsExactMatchesOnly) {
  NerScore score;
  const std::vector<NerSpan> gold = {{{0, 2}, EntityType::Person}, {{3, 4}, EntityType::Place}};
  const std::vector<NerSpan> predicted = {
      {{0, 2}, EntityType::Person}, {{3, 4}, EntityType::Organization}, {{5, 6}, EntityType::Place}};
  score.add(gold, predicted);
  EXPECT_EQ(score.total().true_positives, 1U);
  EXPECT_EQ(score.total().false_positives, 2U);
  EXPECT_EQ(score.total().false_negatives, 1U);
  EXPECT_DOUBLE_EQ(score.total().precision(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(score.total().recall(), 0.5);
  EXPECT_DOUBLE_EQ(score.total().f1(), 0.4);
  EXPECT_DOUBLE_EQ(score.by_type().at("Person").f1(), 1.0);
  EXPECT_EQ(score.by_type().at("Place").false_negatives, 1U);
  EXPECT_EQ(score.by_type().at("Place").false_positives, 1U);
  EXPECT_DOUBLE_EQ(score.by_type().at("Organization").f1(), 0.0);
}

TEST(NerScore, PartialOverlapIsAMissAndAFalseAlarm) {
  NerScore score;
  const std::vector<NerSpan> gold = {{{0, 3}, EntityType::Organization}};
  const std::vector<NerSpan> predicted = {{{1, 3}, EntityType::Organization}};
  score.add(gold, predicted);
  score.add(gold, gold);
  EXPECT_DOUBLE_EQ(score.total().precision(), 0.5);
  EXPECT_DOUBLE_EQ(score.total().recall(), 0.5);
}

// --- The shipped model -------------------------------------------------------------------

struct Case {
  std::string sentence;
  std::string expected;
};

class ShippedNer : public ::testing::TestWithParam<Case> {};

TEST_P(ShippedNer, FindsObviousNames) {
  const std::string sentence = GetParam().sentence;
  const auto words = split_words(sentence);
  EXPECT_EQ(describe(words, shipped_model().recognize(words)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    HandMade, ShippedNer,
    ::testing::Values(
        Case{"President George Bush flew to France .", "[Person: George Bush] [Place: France]"},
        Case{"Mr. John Smith met officials of the FBI in Chicago .",
             "[Person: John Smith] [Organization: FBI] [Place: Chicago]"},
        Case{"She works for the UN in Geneva .", "[Organization: UN] [Place: Geneva]"},
        Case{"Dr. Sarah Jones lives in Boston .", "[Person: Sarah Jones] [Place: Boston]"},
        Case{"The weather was nice and we ate lunch .", ""}));

TEST(NerModel, SaveLoadRoundTripGivesIdenticalPredictions) {
  // A tiny model trained here, so the test does not depend on the shipped one.
  std::vector<NerSentence> train;
  const auto add = [&](std::vector<std::string> words, std::vector<NerSpan> spans) {
    NerSentence s;
    s.words = std::move(words);
    s.spans = std::move(spans);
    s.annotated_types = {EntityType::Person, EntityType::Organization, EntityType::Place};
    train.push_back(std::move(s));
  };
  add({"Anna", "Berg", "lives", "in", "Oslo", "."}, {{{0, 2}, EntityType::Person}, {{4, 5}, EntityType::Place}});
  add({"He", "joined", "Acme", "Corp", "in", "Rome", "."},
      {{{2, 4}, EntityType::Organization}, {{5, 6}, EntityType::Place}});
  add({"the", "cat", "sat", "."}, {});
  Gazetteer gazetteer;
  const std::vector<std::string_view> oslo = {"oslo"};
  gazetteer.add(oslo, EntityType::Place);
  NerTrainingOptions options;
  options.epochs = 5;
  options.bucket_bits = 14;
  const NerRecognizer trained = NerRecognizer::train(train, {}, gazetteer, options);

  // Weights are stored quantised, so the in-memory model and the loaded one may differ on
  // a close call; what must hold is that the loaded model fits the data, and that a second
  // save/load changes neither the bytes nor any prediction.
  std::stringstream first_bytes, second_bytes;
  trained.save(first_bytes);
  const fs::path path = write_temp("model.bin", first_bytes.str());
  const NerRecognizer loaded = NerRecognizer::load(path);
  loaded.save(second_bytes);
  EXPECT_EQ(second_bytes.str(), first_bytes.str());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << second_bytes.str();
  const NerRecognizer reloaded = NerRecognizer::load(path);
  fs::remove(path);
  for (const NerSentence& s : train) {
    const std::vector<std::string_view> words(s.words.begin(), s.words.end());
    EXPECT_EQ(trained.recognize(words), s.spans) << "the tiny model should fit its training data";
    EXPECT_EQ(loaded.recognize(words), s.spans);
    EXPECT_EQ(reloaded.recognize(words), loaded.recognize(words));
  }
  for (const std::string sentence : {"Maria Berg moved to Oslo and Rome .", "Acme Corp hired Anna .", "in in in"}) {
    const auto words = split_words(sentence);
    EXPECT_EQ(reloaded.recognize(words), loaded.recognize(words)) << sentence;
  }
}

TEST(NerModel, LoadRejectsAForeignFile) {
  const fs::path path = write_temp("foreign.bin", "not a model at all");
  EXPECT_THROW(NerRecognizer::load(path), Error);
  fs::remove(path);
  EXPECT_THROW(NerRecognizer::load(path), Error);  // missing
}

// --- The stage ---------------------------------------------------------------------------

Document document_of(const std::string& text) {
  Document doc("d", text);
  std::uint32_t start = 0;
  for (std::uint32_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      doc.add_token(ByteSpan{start, i});
      start = i + 1;
    }
  }
  doc.add_sentence(0);
  doc.add_layers(Layer::Tokens | Layer::Sentences);
  return doc;
}

TEST(NerStage, AddsProperMentionsWithLastWordAsHead) {
  const auto stage = NerStage::load(testing::source_dir() / "models" / "ner.bin");
  EXPECT_EQ(stage->name(), "ner");
  EXPECT_TRUE(stage->provided_layers().has(Layer::Entities));
  Document doc = document_of("President George Bush flew to France .");
  stage->process(doc);
  EXPECT_TRUE(doc.layers().has(Layer::Entities));
  ASSERT_EQ(doc.mentions().size(), 2U);
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{1, 3}));
  EXPECT_EQ(doc.mentions()[0].head, 2U);
  EXPECT_EQ(doc.mentions()[0].kind, MentionKind::Proper);
  EXPECT_EQ(doc.mentions()[0].type, EntityType::Person);
  EXPECT_EQ(doc.mentions()[1].type, EntityType::Place);
  EXPECT_TRUE(validate(doc).empty());
}

TEST(NerStage, UsesTheSyntacticHeadWhenDepsArePresent) {
  const auto stage = NerStage::load(testing::source_dir() / "models" / "ner.bin");
  // A tree in which "George" heads "George Bush": the head must follow it, not the last word.
  Document doc = document_of("President George Bush flew to France .");
  const std::vector<std::int32_t> heads = {1, 3, 1, -1, 5, 3, 3};
  for (std::size_t i = 0; i < heads.size(); ++i) doc.mutable_tokens()[i].head = heads[i];
  doc.add_layers(Layer::Deps);
  stage->process(doc);
  bool found = false;
  for (const Mention& m : doc.mentions()) {
    if (m.tokens == TokenRange{1, 3}) {
      found = true;
      EXPECT_EQ(m.head, 1U);
    }
  }
  EXPECT_TRUE(found) << "expected 'George Bush' as one mention";
}

}  // namespace
}  // namespace text2kg::nlp

namespace text2kg::nlp {
namespace {

TEST(NerPropagation, MarksOtherCapitalisedOccurrencesWithTheMajorityType) {
  const std::vector<std::vector<std::string_view>> words = {
      {"Miramar", "is", "in", "Florida"}, {"I", "like", "Miramar", "Beach", "and", "Miramar"},
      {"miramar", "Miramar"}, {"we", "went", "to", "Florida"}};
  std::vector<std::vector<NerSpan>> spans = {
      {{{0, 1}, EntityType::Place}, {{3, 4}, EntityType::Place}},
      {{{2, 4}, EntityType::Organization}},
      {},
      {{{3, 4}, EntityType::Person}}};
  propagate_names(words, spans);
  // sentence 1: "Miramar Beach" stays; the lone "Miramar" is added as Place.
  const std::vector<NerSpan> second = {{{2, 4}, EntityType::Organization}, {{5, 6}, EntityType::Place}};
  EXPECT_EQ(spans[1], second);
  // sentence 2: the lower-case form is left alone, the capitalised one is added.
  const std::vector<NerSpan> third = {{{1, 2}, EntityType::Place}};
  EXPECT_EQ(spans[2], third);
  // sentence 3: a tie (Florida once Place, once Person) keeps the span's own type.
  EXPECT_EQ(spans[3].size(), 1U);
  EXPECT_EQ(spans[3][0].type, EntityType::Person);
}

TEST(NerPropagation, ANameFoundMostlyAsOneTypeTakesItEverywhere) {
  const std::vector<std::vector<std::string_view>> words = {
      {"Miramar", "is", "nice"}, {"Miramar", "was", "founded"}, {"I", "met", "Miramar"}, {"Miramar", "Beach"}};
  std::vector<std::vector<NerSpan>> spans = {{{{0, 1}, EntityType::Place}},
                                             {{{0, 1}, EntityType::Place}},
                                             {{{2, 3}, EntityType::Person}},
                                             {{{0, 2}, EntityType::Organization}}};
  propagate_names(words, spans);
  EXPECT_EQ(spans[2], (std::vector<NerSpan>{{{2, 3}, EntityType::Place}}));  // 2 votes to 1
  EXPECT_EQ(spans[3], (std::vector<NerSpan>{{{0, 2}, EntityType::Organization}}));  // another name
}

TEST(NerPropagation, ASurnameAloneIsThePersonNamedInFull) {
  const std::vector<std::vector<std::string_view>> words = {
      {"Dana", "Whitfield", "arrived"}, {"Whitfield", "spoke"}, {"then", "Lee", "Whitfield", "left"},
      {"Whitfield", "Street", "closed"}, {"they", "saw", "Whitfield"}};
  std::vector<std::vector<NerSpan>> spans = {{{{0, 2}, EntityType::Person}}, {}, {}, {}, {}};
  propagate_names(words, spans);
  EXPECT_EQ(spans[1], (std::vector<NerSpan>{{{0, 1}, EntityType::Person}}));  // sentence-initial too
  EXPECT_TRUE(spans[2].empty());  // "Lee Whitfield": another name the tagger missed (a capital
                                  // on a sentence's first word says nothing, so only mid-sentence)
  EXPECT_TRUE(spans[3].empty());  // "Whitfield Street"
  EXPECT_EQ(spans[4], (std::vector<NerSpan>{{{2, 3}, EntityType::Person}}));
}

TEST(NerPropagation, ASurnameFoundAsAnotherTypeIsNotSpreadAsAPerson) {
  const std::vector<std::vector<std::string_view>> words = {
      {"George", "Washington", "spoke"}, {"in", "Washington", "today"}, {"Washington", "is", "big"}, {"to", "Washington"}};
  std::vector<std::vector<NerSpan>> spans = {{{{0, 2}, EntityType::Person}},
                                             {{{1, 2}, EntityType::Place}},
                                             {{{0, 1}, EntityType::Place}},
                                             {}};
  propagate_names(words, spans);
  EXPECT_EQ(spans[3], (std::vector<NerSpan>{{{1, 2}, EntityType::Place}}));
}

TEST(NerPropagation, APersonNamedInFullOutvotesAnotherTypeOnTheSurnameAlone) {
  const std::vector<std::vector<std::string_view>> words = {
      {"Dana", "Whitfield", "arrived"}, {"Whitfield", "spoke"}, {"a", "photo", "by", "Whitfield"}};
  std::vector<std::vector<NerSpan>> spans = {{{{0, 2}, EntityType::Person}},
                                             {{{0, 1}, EntityType::Person}},
                                             {{{3, 4}, EntityType::Place}}};
  propagate_names(words, spans);
  // "Whitfield" alone: Person once, Place once, and the full name adds a Person vote.
  EXPECT_EQ(spans[2], (std::vector<NerSpan>{{{3, 4}, EntityType::Person}}));
}

TEST(NerPropagation, LowerCaseNamesAreNotSpread) {
  const std::vector<std::vector<std::string_view>> words = {{"us", "army"}, {"tell", "us"}};
  std::vector<std::vector<NerSpan>> spans = {{{{0, 1}, EntityType::Place}}, {}};
  propagate_names(words, spans);
  EXPECT_TRUE(spans[1].empty());
}

}  // namespace
}  // namespace text2kg::nlp

namespace text2kg::nlp {
namespace {

TEST(NerModel, OutsidePenaltyPushesTowardsNamesAndIsSaved) {
  NerRecognizer recognizer = NerRecognizer::load(testing::source_dir() / "models" / "ner.bin");
  const std::string sentence = "the cat sat on the mat .";
  const auto words = split_words(sentence);
  EXPECT_TRUE(recognizer.recognize(words).empty());
  recognizer.set_outside_penalty(1e9F);
  const auto spans = recognizer.recognize(words);
  std::uint32_t covered = 0;
  for (const NerSpan& span : spans) covered += span.words.size();
  EXPECT_EQ(covered, words.size()) << "O can no longer win";
  std::stringstream bytes;
  recognizer.save(bytes);
  const fs::path path = write_temp("penalty.bin", bytes.str());
  const NerRecognizer loaded = NerRecognizer::load(path);
  fs::remove(path);
  EXPECT_EQ(loaded.taggers()[0].outside_penalty, 1e9F);
  EXPECT_EQ(loaded.recognize(words), spans);
}

}  // namespace
}  // namespace text2kg::nlp

namespace text2kg::nlp {
namespace {

TEST(NerModel, RareWordVocabularyIsSavedAndChangesWhatIsKnown) {
  std::vector<NerSentence> train;
  for (int copy = 0; copy < 2; ++copy) {
    NerSentence s;
    s.words = {"Anna", "lives", "in", copy == 0 ? "Oslo" : "Rome", "."};
    s.spans = {{{0, 1}, EntityType::Person}, {{3, 4}, EntityType::Place}};
    s.annotated_types = {EntityType::Person, EntityType::Organization, EntityType::Place};
    train.push_back(std::move(s));
  }
  NerTrainingOptions options;
  options.epochs = 3;
  options.bucket_bits = 12;
  options.min_word_count = 2;  // "oslo" and "rome" (once each) become the unknown word
  const NerRecognizer with_vocabulary = NerRecognizer::train(train, {}, Gazetteer{}, options);
  options.min_word_count = 1;
  const NerRecognizer without = NerRecognizer::train(train, {}, Gazetteer{}, options);
  std::stringstream a, b, c;
  with_vocabulary.save(a);
  without.save(b);
  EXPECT_NE(a.str(), b.str());
  const fs::path path = write_temp("vocabulary.bin", a.str());
  const NerRecognizer loaded = NerRecognizer::load(path);
  fs::remove(path);
  loaded.save(c);
  EXPECT_EQ(c.str(), a.str());
  const std::string sentence = "Anna lives in Paris .";
  const auto words = split_words(sentence);
  EXPECT_EQ(loaded.recognize(words), with_vocabulary.recognize(words));
}

}  // namespace
}  // namespace text2kg::nlp

namespace text2kg::nlp {
namespace {

TEST(NerCorpus, AttachUposJoinsBySentIdAndSkipsRetokenisedSentences) {
  const std::string conllu =
      "# sent_id = a\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tran\trun\tVERB\tVBD\t_\t0\troot\t_\t_\n\n"
      "# sent_id = b\n1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n";
  const auto treebank = io::read_conllu(conllu, "t.conllu");
  std::vector<NerSentence> sentences(3);
  sentences[0].id = "a";
  sentences[0].words = {"I", "ran"};
  sentences[1].id = "b";
  sentences[1].words = {"Go", "!"};  // different words: left without POS
  sentences[2].id = "c";
  sentences[2].words = {"x"};
  EXPECT_EQ(attach_upos(sentences, treebank), 1U);
  EXPECT_EQ(sentences[0].upos, (std::vector<Upos>{Upos::PRON, Upos::VERB}));
  EXPECT_TRUE(sentences[1].upos.empty());
  EXPECT_TRUE(sentences[2].upos.empty());
}

const std::vector<Upos> kHiltonTags = {Upos::PRON, Upos::VERB,  Upos::ADP, Upos::DET, Upos::PROPN,
                                       Upos::ADP,  Upos::PROPN, Upos::ADJ, Upos::NOUN};

TEST(NerModel, PosIsUsedOnlyWhenGivenForEveryWord) {
  const NerRecognizer& recognizer = shipped_model();
  const std::string sentence = "we stayed at the hilton near orlando last week";
  const auto words = split_words(sentence);
  const std::vector<Upos> short_list = {Upos::PROPN};
  NerScratch scratch;
  std::vector<NerSpan> none, wrong_length, tagged;
  recognizer.recognize(words, scratch, none);
  recognizer.recognize(words, scratch, wrong_length, short_list);
  EXPECT_EQ(wrong_length, none) << "a POS list of the wrong length is ignored";
  recognizer.recognize(words, scratch, tagged, kHiltonTags);
  const NerSpan orlando{{6, 7}, EntityType::Place};
  EXPECT_TRUE(std::find(tagged.begin(), tagged.end(), orlando) != tagged.end()) << "PROPN keeps a lower-case name";
  // The same words tagged as common nouns and verbs lose their names: the tags are read.
  std::vector<Upos> common(words.size(), Upos::NOUN);
  common[1] = Upos::VERB;
  std::vector<NerSpan> untagged_names;
  recognizer.recognize(words, scratch, untagged_names, common);
  EXPECT_NE(tagged, untagged_names);
}

TEST(NerStage, GivesTheSameNamesWithOrWithoutAPosLayer) {
  // The tagger's POS costs F1 on dev, so the stage leaves it out (the recogniser still takes it).
  const auto stage = NerStage::load(testing::source_dir() / "models" / "ner.bin");
  Document plain = document_of("we stayed at the hilton near orlando last week");
  Document tagged = document_of("we stayed at the hilton near orlando last week");
  for (std::size_t i = 0; i < kHiltonTags.size(); ++i) tagged.mutable_tokens()[i].upos = kHiltonTags[i];
  tagged.add_layers(Layer::Pos);
  stage->process(plain);
  stage->process(tagged);
  ASSERT_EQ(plain.mentions().size(), tagged.mentions().size());
  for (std::size_t m = 0; m < plain.mentions().size(); ++m) {
    EXPECT_EQ(plain.mentions()[m].tokens, tagged.mentions()[m].tokens);
    EXPECT_EQ(plain.mentions()[m].type, tagged.mentions()[m].type);
  }
  EXPECT_TRUE(validate(tagged).empty());
}

}  // namespace
}  // namespace text2kg::nlp

namespace text2kg::nlp {
namespace {

TEST(NerWeights, TrainAverageFreezeSaveAndLoad) {
  NerWeights weights(5, 10);
  EXPECT_FALSE(weights.frozen());
  NerWeightTrainer trainer(weights);
  const std::vector<std::uint64_t> both = {1, 2}, second = {2};
  trainer.update(both, 3, 0);
  trainer.tick();
  trainer.update(second, 3, 1);
  trainer.tick();
  std::vector<float> trained(5, 0.0F);
  weights.add_scores(both, trained);
  const NerWeights frozen = trainer.averaged();
  ASSERT_TRUE(frozen.frozen());
  EXPECT_EQ(frozen.stride(), 16U);
  EXPECT_EQ(frozen.used_rows(), 2U);
  EXPECT_THROW(NerWeightTrainer{const_cast<NerWeights&>(frozen)}, Error);
  std::vector<std::int32_t> sums(16, 0);
  frozen.add_raw(both, sums.data());
  // Averages over the 3 instances: row 1 held +1 (class 3) and -1 (class 0) for the last 2; row 2
  // the same, then +2 (class 3) and -1 (class 1) for the last one.
  EXPECT_NEAR(static_cast<float>(sums[3]) * frozen.scale(), 2.0F / 3 + 1.0F, 1e-3F);
  EXPECT_NEAR(static_cast<float>(sums[0]) * frozen.scale(), -(2.0F / 3 + 2.0F / 3), 1e-3F);
  EXPECT_NEAR(static_cast<float>(sums[1]) * frozen.scale(), -1.0F / 3, 1e-3F);
  for (std::size_t c = 5; c < sums.size(); ++c) EXPECT_EQ(sums[c], 0) << "padding class " << c;
  // A feature is its hash modulo the rows: 1 + 1024 reads row 1 again.
  std::vector<std::int32_t> twice(16, 0), once(16, 0);
  const std::vector<std::uint64_t> colliding = {1, 1 + 1024}, single = {1};
  frozen.add_raw(colliding, twice.data());
  frozen.add_raw(single, once.data());
  for (std::size_t c = 0; c < 16; ++c) EXPECT_EQ(twice[c], 2 * once[c]);
  EXPECT_THROW(weights.add_raw(both, sums.data()), Error);
  EXPECT_THROW(weights.score({}, both, trained.data()), Error);
  EXPECT_THROW(frozen.add_scores(both, trained), Error);

  std::stringstream first, second_bytes;
  frozen.save(first);
  const NerWeights loaded = NerWeights::load(first);
  loaded.save(second_bytes);
  EXPECT_EQ(second_bytes.str(), first.str());
  std::vector<std::int32_t> reloaded(16, 0);
  loaded.add_raw(both, reloaded.data());
  std::vector<std::int32_t> original(16, 0);
  frozen.add_raw(both, original.data());
  EXPECT_EQ(reloaded, original);
  std::stringstream foreign("not a weight table");
  EXPECT_THROW(NerWeights::load(foreign), Error);
  std::stringstream truncated(first.str().substr(0, first.str().size() - 3));
  EXPECT_THROW(NerWeights::load(truncated), Error);
}

/// A frozen table of known rows, written in NerWeights' file format (magic, classes, bits,
/// scale, used rows, then per row: index gap, class mask, the masked weights) and loaded.
NerWeights table_of(std::uint32_t classes, std::uint32_t bits, const std::vector<std::vector<std::int16_t>>& rows,
                    float scale) {
  std::stringstream out;
  const auto put = [&out](auto value) { out.write(reinterpret_cast<const char*>(&value), sizeof value); };
  out.write("T2KGNERW", 8);
  put(classes);
  put(bits);
  put(scale);
  put(static_cast<std::uint64_t>(rows.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    put(static_cast<std::uint32_t>(r == 0 ? 0 : 1));
    put(static_cast<std::uint32_t>(classes == 32 ? ~0U : (1U << classes) - 1));
    for (const std::int16_t w : rows[r]) put(w);
  }
  return NerWeights::load(out);
}

TEST(NerWeights, RowSumsEqualAPlainLoopOverTheClasses) {
  // add_raw widens and sums eight weights at a time; any weight, extremes and signs included,
  // must add up as a loop over the classes would.
  std::mt19937 random(5);
  std::uniform_int_distribution<int> weight(-32768, 32767);
  for (const std::uint32_t classes : {5U, 13U, 16U, 25U, 32U}) {
    constexpr std::uint32_t kBits = 6;
    std::vector<std::vector<std::int16_t>> rows(std::size_t{1} << kBits);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::uint32_t c = 0; c < classes; ++c) {
        const int w = r == 0 ? -32768 : r == 1 ? 32767 : r == 2 ? -1 : weight(random);
        rows[r].push_back(static_cast<std::int16_t>(w));
      }
    }
    NerWeights table = table_of(classes, kBits, rows, 0.37F);
    // Both the portable code and, where the processor has it, the AVX2 code.
    const bool avx2 = table.avx2();
    for (int round = 0; round < (avx2 ? 100 : 50); ++round) {
      table.set_avx2(avx2 && round % 2 == 0);
      std::vector<std::uint64_t> features(static_cast<std::size_t>(round / 2));
      for (std::uint64_t& f : features) f = random();
      if (round / 2 == 1) features = {0, 0, 0, 2, 2};  // the most negative weights, repeated
      std::vector<std::int32_t> sums(table.stride(), 7), expected(table.stride(), 7);
      for (const std::uint64_t f : features) {
        for (std::uint32_t c = 0; c < classes; ++c) expected[c] += rows[f & ((1U << kBits) - 1)][c];
      }
      table.add_raw(features, sums.data());
      EXPECT_EQ(sums, expected) << classes << " classes, round " << round;
      // score(): the same sums plus other parts, as floats times the scale.
      std::vector<std::int32_t> part(table.stride());
      for (std::int32_t& x : part) x = weight(random) * 5;
      const std::int32_t* parts[] = {part.data(), sums.data()};
      std::vector<float> scores(classes + 1, -1.0F), expected_scores(classes + 1, -1.0F);
      table.score(parts, features, scores.data());
      for (std::uint32_t c = 0; c < classes; ++c) {
        expected_scores[c] = static_cast<float>(expected[c] - 7 + part[c] + sums[c]) * table.scale();
      }
      EXPECT_EQ(scores, expected_scores) << classes << " classes, round " << round << ": nothing written past them";
    }
    if (!avx2) {
      EXPECT_THROW(table.set_avx2(true), Error);
    }
  }
}

TEST(NerWeights, RowsOfManyClassesFillOneCacheLine) {
  NerWeights weights(25, 8);
  NerWeightTrainer trainer(weights);
  const std::vector<std::uint64_t> f = {7};
  trainer.update(f, 24, 0);
  trainer.tick();
  const NerWeights frozen = trainer.averaged();
  EXPECT_EQ(frozen.stride(), 32U);
  std::vector<std::int32_t> sums(32, 0);
  frozen.add_raw(f, sums.data());
  EXPECT_GT(sums[24], 0);
  EXPECT_LT(sums[0], 0);
  EXPECT_EQ(std::count(sums.begin(), sums.end(), 0), 30);
}

/// A tiny recogniser trained here: both taggers (unless `secondary` is false), clusters and a gazetteer.
NerRecognizer tiny_recognizer(bool secondary, std::uint64_t seed, bool own_types = false) {
  std::vector<NerSentence> train, gum;
  const auto add = [](std::vector<NerSentence>& into, std::vector<std::string> words, std::vector<NerSpan> spans,
                      bool all_types) {
    NerSentence s;
    s.words = std::move(words);
    s.spans = std::move(spans);
    s.annotated_types = {EntityType::Person, EntityType::Organization, EntityType::Place};
    if (all_types) s.annotated_types.insert(s.annotated_types.end(), {EntityType::Event, EntityType::Date, EntityType::Other});
    into.push_back(std::move(s));
  };
  add(train, {"Anna", "Berg", "lives", "in", "Oslo", "."}, {{{0, 2}, EntityType::Person}, {{4, 5}, EntityType::Place}}, false);
  add(train, {"He", "joined", "Acme", "Corp", "in", "Rome", "."},
      {{{2, 4}, EntityType::Organization}, {{5, 6}, EntityType::Place}}, false);
  add(train, {"the", "cat", "sat", "."}, {}, false);
  add(gum, {"After", "World", "War", "II", "Anna", "left", "in", "May", "."},
      {{{1, 4}, EntityType::Event}, {{4, 5}, EntityType::Person}, {{7, 8}, EntityType::Date}}, true);
  add(gum, {"The", "Olympics", "came", "to", "Rome", "."}, {{{1, 2}, EntityType::Event}, {{4, 5}, EntityType::Place}}, true);
  // As --gum-in-primary: their Person/Organization/Place names teach tagger 1 too (the rest is O there).
  for (const NerSentence& s : gum) {
    NerSentence copy = s;
    copy.annotated_types = {EntityType::Person, EntityType::Organization, EntityType::Place};
    std::erase_if(copy.spans, [](const NerSpan& span) { return ner_type_index(span.type) >= 3; });
    train.push_back(std::move(copy));
  }
  Gazetteer gazetteer;
  const std::vector<std::string_view> oslo = {"oslo"}, acme = {"acme", "corp"}, cat = {"cat"};
  gazetteer.add(oslo, EntityType::Place);
  gazetteer.add(acme, EntityType::Organization);
  gazetteer.add_common(cat);
  WordClusters clusters;
  clusters.add("oslo", {1, 2, 3});
  clusters.add("rome", {1, 2, 4});
  clusters.add("anna", {2, 5, 6});
  NerTrainingOptions options;
  options.epochs = 4;
  options.bucket_bits = 12;
  options.secondary_bucket_bits = 11;
  options.seed = seed;
  options.clusters = &clusters;
  options.secondary_own_types_only = own_types;
  options.margin = own_types ? 1.0F : 0.0F;
  return NerRecognizer::train(train, secondary ? std::span<const NerSentence>(gum) : std::span<const NerSentence>{},
                              gazetteer, options);
}

TEST(NerModel, SecondTaggerCanLearnOnlyTheTypesItOutputs) {
  const NerRecognizer all = tiny_recognizer(true, 3), own = tiny_recognizer(true, 3, true);
  ASSERT_EQ(all.taggers().size(), 2U);
  ASSERT_EQ(own.taggers().size(), 2U);
  EXPECT_EQ(all.taggers()[1].model.classes(), 25U);
  EXPECT_EQ(own.taggers()[1].first_type, 3U);
  EXPECT_EQ(own.taggers()[1].model.classes(), 13U);
  // Its classes are Event/Date/Other ones: the spans it adds carry those types.
  const std::string sentence = "After World War II Anna left in May .";
  const auto words = split_words(sentence);
  EXPECT_EQ(describe(words, own.recognize(words)), "[Event: World War II] [Person: Anna] [Date: May]");
  std::stringstream bytes;
  own.save(bytes);
  const fs::path path = write_temp("own.bin", bytes.str());
  const NerRecognizer loaded = NerRecognizer::load(path);
  fs::remove(path);
  EXPECT_EQ(loaded.taggers()[1].first_type, 3U);
  EXPECT_EQ(loaded.recognize(words), own.recognize(words));
}

/// The pair layout the word-form cache keeps the last tagger's history scores in.
NerPairs cached_pairs(const NerRecognizer& recognizer) {
  const std::uint32_t classes = recognizer.taggers().back().model.classes();
  std::vector<std::uint8_t> key(classes + 1);
  for (std::uint32_t p = 0; p <= classes; ++p) key[p] = static_cast<std::uint8_t>(NerRecognizer::history_key(p, classes));
  return NerPairs::build(classes, (1U << recognizer.taggers().back().types) - 1, key);
}

TEST(NerModel, CachedWordScoresEqualDirectScoring) {
  // The cache holds integer sums of each word form's own features; a word's emission is those
  // plus its neighbours' and its context features, so it must equal scoring every feature.
  const NerRecognizer one = tiny_recognizer(false, 1), two = tiny_recognizer(true, 2),
                      three = tiny_recognizer(true, 3, true);
  const std::vector<std::string> sentences = {
      "Anna Berg lives in Oslo .", "Oslo", "in Rome", "Acme Corp hired Anna Berg in Oslo and Rome and Oslo .",
      "the cat sat on the cat", "After World War II Maria moved to Paris in May .", "ANNA BERG LIVES IN OSLO"};
  NerScratch cached;  // shared by both recognisers: it must start again for each
  for (int pass = 0; pass < 2; ++pass) {
    for (const NerRecognizer* recognizer : {&one, &two, &three, &one}) {
      for (const std::string& sentence : sentences) {
        const auto words = split_words(sentence);
        NerScratch direct;
        direct.use_cache = false;
        std::vector<NerSpan> from_cache, from_direct;
        recognizer->recognize(words, cached, from_cache);
        recognizer->recognize(words, direct, from_direct);
        EXPECT_EQ(from_cache, from_direct) << sentence;
        // The last tagger's scores are left in the scratch.
        ASSERT_EQ(cached.emission.size(), words.size() * recognizer->taggers().back().model.classes());
        EXPECT_EQ(cached.emission, direct.emission) << sentence;
        // The cache keeps history in pair order: the direct rows, rearranged, must match it.
        const std::uint32_t classes = recognizer->taggers().back().model.classes();
        const NerPairs pairs = cached_pairs(*recognizer);
        ASSERT_EQ(cached.history_rows.size(), words.size());
        for (std::size_t i = 0; i < words.size(); ++i) {
          std::vector<float> expected(pairs.size());
          const float* rows = direct.history_rows[i];
          for (std::size_t k = 0; k < pairs.size(); ++k) {
            const std::uint32_t p = pairs.previous[k];
            if (p != NerPairs::kPadding) expected[k] = rows[NerRecognizer::history_key(p, classes) * classes + pairs.next[k]];
          }
          EXPECT_EQ(std::vector<float>(cached.history_rows[i], cached.history_rows[i] + pairs.size()), expected)
              << sentence << " word " << i;
        }
        EXPECT_EQ(direct.cache.entries, 0U);
        EXPECT_GT(cached.cache.entries, 0U);
      }
    }
  }
  // The scores are not all zero (the comparison above would then prove nothing).
  NerScratch scratch;
  std::vector<NerSpan> spans;
  const auto words = split_words(sentences[0]);
  two.recognize(words, scratch, spans);
  EXPECT_TRUE(std::any_of(scratch.emission.begin(), scratch.emission.end(), [](float x) { return x != 0.0F; }));
  const float* history = scratch.history_rows[0];
  EXPECT_TRUE(std::any_of(history, history + cached_pairs(two).size(),
                          [](float x) { return x != 0.0F; }));
}

}  // namespace
}  // namespace text2kg::nlp
