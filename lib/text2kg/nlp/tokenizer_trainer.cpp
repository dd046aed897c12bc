// Training of the tokenizer model: lists counted from gold tokens, then an averaged
// perceptron over the boundaries that the rule-based segmentation proposes.
#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>

#include "text2kg/nlp/tokenizer.hpp"

namespace text2kg::nlp {
namespace {

std::string lower_key(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // curly apostrophes (U+2019, U+2018) count as straight ones, as in the clitic rules
    if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && (s[i + 2] == '\x99' || s[i + 2] == '\x98')) {
      out += '\'';
      i += 2;
      continue;
    }
    const char c = s[i];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool has_alnum(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct Counts {
  int whole = 0;
  int split = 0;
};

/// Surface tokens of a gold document: (span, words) with words empty for a plain token.
struct GoldSurface {
  ByteSpan chars;
  std::vector<std::string> words;
};

std::vector<GoldSurface> gold_surface(const Document& doc) {
  std::vector<GoldSurface> out;
  const auto mwts = doc.multiword_tokens();
  std::size_t next = 0;
  for (std::uint32_t t = 0; t < doc.tokens().size();) {
    while (next < mwts.size() && mwts[next].words.end <= t) ++next;
    if (next < mwts.size() && mwts[next].words.begin == t) {
      GoldSurface s{mwts[next].chars, {}};
      for (std::uint32_t w = mwts[next].words.begin; w < mwts[next].words.end; ++w) s.words.emplace_back(doc.form(w));
      t = mwts[next].words.end;
      out.push_back(std::move(s));
      continue;
    }
    out.push_back({doc.tokens()[t].chars, {}});
    ++t;
  }
  return out;
}

void learn_lists(const std::vector<Document>& gold, TokenizerModel& model) {
  std::map<std::string, Counts> words;     // hyphenated words and abbreviations
  std::map<std::string, Counts> prefixes;  // first parts of hyphenated words
  std::map<std::string, std::map<std::vector<std::string>, int>> splits;
  std::map<std::string, int> singles;
  std::map<std::string, int> punct;        // punctuation-only tokens of several characters
  std::map<std::string, Counts> units;     // letters after a number: "375mm" vs "375 mm"
  for (const Document& doc : gold) {
    const auto surface = gold_surface(doc);
    for (std::size_t i = 0; i < surface.size(); ++i) {
      const std::string_view form = doc.text_of(surface[i].chars);
      const std::string key = lower_key(form);
      if (!surface[i].words.empty()) {
        std::vector<std::string> lowered;
        for (const auto& w : surface[i].words) lowered.push_back(lower_key(w));
        ++splits[key][lowered];
        continue;
      }
      ++singles[key];
      const bool inner_punct = std::any_of(form.begin(), form.end(), [](char c) {
        return c > ' ' && c < 127 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
      });
      const bool ascii_punct = std::all_of(form.begin(), form.end(), [](char c) { return c > ' ' && c < 127; });
      if (form.size() > 1 && ascii_punct && !has_alnum(form) && form.find_first_not_of(form[0]) != std::string_view::npos) {
        ++punct[std::string(form)];
      }
      const auto digits = form.find_first_not_of("0123456789");
      if (digits != std::string_view::npos && digits > 0 &&
          std::all_of(form.begin() + static_cast<std::ptrdiff_t>(digits), form.end(), is_letter)) {
        ++units[lower_key(form.substr(digits))].whole;
      }
      if (digits == std::string_view::npos && i + 1 < surface.size() && surface[i].chars.end == surface[i + 1].chars.begin) {
        const std::string_view next = doc.text_of(surface[i + 1].chars);
        if (!next.empty() && std::all_of(next.begin(), next.end(), is_letter)) ++units[lower_key(next)].split;
      }
      if (form.size() > 1 && has_alnum(form) && inner_punct) {
        ++words[key].whole;
        const auto hyphen = key.find('-');
        if (hyphen != std::string::npos && hyphen > 0) ++prefixes[key.substr(0, hyphen)].whole;
      }
      // "A - B" written without spaces: the treebank split a hyphenated word
      if (i + 2 < surface.size() && form.size() > 0 && has_alnum(form) && doc.text_of(surface[i + 1].chars) == "-" &&
          surface[i].chars.end == surface[i + 1].chars.begin && surface[i + 1].chars.end == surface[i + 2].chars.begin) {
        ++prefixes[key].split;
        ++words[key + "-" + lower_key(doc.text_of(surface[i + 2].chars))].split;
      }
      // "Dr ." written without a space: the treebank split the period off
      if (i + 1 < surface.size() && doc.text_of(surface[i + 1].chars) == "." &&
          surface[i].chars.end == surface[i + 1].chars.begin) {
        ++words[key + "."].split;
      }
    }
  }
  for (const auto& [w, c] : words) {
    if (c.whole > c.split) model.whole_tokens.insert(w);
  }
  for (const auto& [p, n] : punct) {
    if (n >= 2) model.punct_tokens.insert(p);
  }
  for (const auto& [u, c] : units) {
    if (c.split > c.whole) model.number_suffixes.insert(u);
  }
  for (const auto& [p, c] : prefixes) {
    if (c.whole > c.split) model.hyphen_prefixes.insert(p);
  }
  // Multiword entries only where the clitic rules would get it wrong.
  TokenizerModel rules_only;
  std::vector<std::string> rule_words;
  for (const auto& [surface, variants] : splits) {
    const auto best = std::max_element(variants.begin(), variants.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    int split_count = 0;
    for (const auto& v : variants) split_count += v.second;
    // a contraction seen once may be a typo ("hams" for "ham's"): ask for three, and for
    // more splits than plain uses
    const auto single = singles.find(surface);
    if (split_count < 3 || (single != singles.end() && single->second >= split_count)) continue;
    split_multiword(rules_only, surface, rule_words);
    for (auto& w : rule_words) w = lower_key(w);
    if (rule_words != best->first) model.multiword_lexicon.emplace(surface, best->first);
  }
  // Plain tokens that the clitic rules would split ("o'clock" is not "o" + "'clock").
  for (const auto& [surface, count] : singles) {
    if (!split_multiword(rules_only, surface, rule_words)) continue;
    int split_count = 0;
    if (const auto it = splits.find(surface); it != splits.end()) {
      for (const auto& v : it->second) split_count += v.second;
    }
    if (count > split_count) model.multiword_lexicon.emplace(surface, std::vector<std::string>{surface});
  }
}

struct BoundaryExample {
  std::vector<SurfaceToken> tokens;
  std::vector<std::uint8_t> ends;  ///< 1 if a gold sentence ends at the token's end
  const Document* doc = nullptr;
};

}  // namespace

TokenizerModel train_tokenizer(const std::vector<Document>& gold, int epochs) {
  TokenizerModel model;
  learn_lists(gold, model);
  std::vector<BoundaryExample> examples;
  for (const Document& doc : gold) {
    BoundaryExample ex;
    ex.doc = &doc;
    segment_text(model, doc.text(), ex.tokens);
    std::unordered_set<std::uint32_t> ends;
    for (const Sentence& s : doc.sentences()) ends.insert(s.chars.end);
    for (const SurfaceToken& t : ex.tokens) ex.ends.push_back(ends.count(t.end) != 0 ? 1 : 0);
    examples.push_back(std::move(ex));
  }
  LinearModel current(2, 18);
  PerceptronTrainer trainer(current);
  std::vector<std::uint64_t> features;
  std::array<float, 2> scores{};
  for (int epoch = 0; epoch < epochs; ++epoch) {
    for (const BoundaryExample& ex : examples) {
      std::size_t in_sentence = 0;
      for (std::size_t i = 0; i < ex.tokens.size(); ++i) {
        ++in_sentence;
        if (ex.tokens[i].newlines_after >= 2 || i + 1 == ex.tokens.size()) {
          in_sentence = 0;
          continue;  // forced boundaries are not learned
        }
        boundary_features(ex.doc->text(), ex.tokens, i, in_sentence, features);
        const std::uint32_t guess = current.predict(features, scores);
        if (guess != ex.ends[i]) trainer.update(features, ex.ends[i], guess);
        trainer.tick();
        if (ex.ends[i] != 0) in_sentence = 0;
      }
    }
  }
  model.boundary = trainer.averaged();
  return model;
}

}  // namespace text2kg::nlp
