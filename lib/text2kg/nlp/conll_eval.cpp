#include "text2kg/nlp/conll_eval.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <unordered_map>

#include "text2kg/base/ascii.hpp"
#include "text2kg/base/error.hpp"

namespace text2kg::nlp {
namespace {

struct CharSpan {
  std::size_t start = 0;
  std::size_t end = 0;
};

/// A word as the script sees it: span over non-space characters, columns, multiword flag.
struct EvalWord {
  CharSpan span;
  std::string form;
  std::string lemma, upos, xpos, feats, deprel;
  std::int64_t parent = -1;  ///< index into the same side's words; -1 = root
  bool is_multiword = false;
};

struct EvalSide {
  std::string characters;
  std::vector<CharSpan> tokens;
  std::vector<CharSpan> sentences;
  std::vector<EvalWord> words;
};

constexpr std::array<std::string_view, 21> kUniversalFeatures = {
    "PronType", "NumType", "Poss",  "Reflex", "Foreign", "Abbr",   "Gender", "Animacy", "Number", "Case",  "Definite",
    "Degree",   "VerbForm", "Mood", "Tense",  "Aspect",  "Voice",  "Evident", "Polarity", "Person", "Polite"};

std::string universal_feats(std::string_view feats) {
  if (feats.empty() || feats == "_") return "_";
  std::vector<std::string_view> kept;
  std::size_t start = 0;
  while (start <= feats.size()) {
    auto bar = feats.find('|', start);
    if (bar == std::string_view::npos) bar = feats.size();
    const std::string_view feat = feats.substr(start, bar - start);
    const std::string_view name = feat.substr(0, feat.find('='));
    if (std::find(kUniversalFeatures.begin(), kUniversalFeatures.end(), name) != kUniversalFeatures.end()) {
      kept.push_back(feat);
    }
    start = bar + 1;
  }
  std::sort(kept.begin(), kept.end());
  std::string out;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i) out += '|';
    out += kept[i];
  }
  return out;  // the script joins an empty list to ""
}

/// Byte length of the Unicode space separator (category Zs, which the script deletes from
/// forms) starting at `i`, or 0. Tabs and line breaks cannot occur in forms; dropped too.
std::size_t space_separator_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0U; };
  if (b(0) == ' ' || b(0) == '\t' || b(0) == '\n' || b(0) == '\r') return 1;
  if (b(0) == 0xC2 && b(1) == 0xA0) return 2;                                  // U+00A0
  if (b(0) == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;                  // U+1680
  if (b(0) == 0xE2 && b(1) == 0x80 && (b(2) <= 0x8A || b(2) == 0xAF)) return 3;  // U+2000..200A, U+202F
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;                  // U+205F
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;                  // U+3000
  return 0;
}

/// Appends `form` without whitespace to the side's characters; returns its span.
CharSpan append_chars(EvalSide& side, std::string_view form) {
  CharSpan span{side.characters.size(), 0};
  for (std::size_t i = 0; i < form.size(); ++i) {
    if (const std::size_t n = space_separator_length(form, i); n > 0) {
      i += n - 1;
      continue;
    }
    side.characters += form[i];
  }
  span.end = side.characters.size();
  return span;
}

std::string or_blank(std::string_view v) { return v.empty() ? "_" : std::string(v); }

void add_document(EvalSide& side, const Document& doc) {
  const Layers layers = doc.layers();
  const auto mwts = doc.multiword_tokens();
  const std::size_t word_base = side.words.size();
  std::size_t next_mwt = 0;
  for (const Sentence& sentence : doc.sentences()) {
    if (sentence.tokens.empty()) continue;
    const std::size_t sentence_start = side.characters.size();
    for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end;) {
      while (next_mwt < mwts.size() && mwts[next_mwt].words.end <= t) ++next_mwt;
      TokenRange words{t, t + 1};
      CharSpan token_span;
      bool multiword = false;
      if (next_mwt < mwts.size() && mwts[next_mwt].words.begin == t && mwts[next_mwt].words.size() > 1) {
        words = mwts[next_mwt].words;
        token_span = append_chars(side, doc.text_of(mwts[next_mwt].chars));
        multiword = true;
      } else {
        token_span = append_chars(side, doc.form(t));
      }
      side.tokens.push_back(token_span);
      for (std::uint32_t w = words.begin; w < words.end; ++w) {
        const Token& token = doc.tokens()[w];
        EvalWord word;
        word.span = token_span;
        word.form = std::string(doc.form(w));
        word.is_multiword = multiword;
        word.lemma = layers.has(Layer::Lemmas) ? or_blank(token.lemma) : "_";
        word.upos = layers.has(Layer::Pos) ? std::string(to_string(token.upos)) : "_";
        word.xpos = layers.has(Layer::Pos) ? or_blank(token.xpos) : "_";
        word.feats = universal_feats(token.feats);
        if (layers.has(Layer::Deps)) {
          word.deprel = or_blank(token.deprel.substr(0, token.deprel.find(':')));
          word.parent = token.head < 0 ? -1 : static_cast<std::int64_t>(word_base) + token.head;
        } else {
          word.deprel.assign(1, '_');
          word.parent = -2;  // no parent at all: never equal to a gold parent
        }
        side.words.push_back(std::move(word));
      }
      t = words.end;
    }
    side.sentences.push_back({sentence_start, side.characters.size()});
  }
}

EvalSide build_side(const std::vector<Document>& docs) {
  EvalSide side;
  for (const Document& doc : docs) add_document(side, doc);
  return side;
}

EvalScore spans_score(const std::vector<CharSpan>& gold, const std::vector<CharSpan>& system) {
  EvalScore score{gold.size(), system.size(), 0, 0};
  std::size_t gi = 0, si = 0;
  while (gi < gold.size() && si < system.size()) {
    if (system[si].start < gold[gi].start) {
      ++si;
    } else if (gold[gi].start < system[si].start) {
      ++gi;
    } else {
      score.correct += gold[gi].end == system[si].end ? 1 : 0;
      ++gi;
      ++si;
    }
  }
  return score;
}

/// Word alignment (the script's align_words), as pairs of gold and system word indices.
class Aligner {
 public:
  Aligner(const std::vector<EvalWord>& gold, const std::vector<EvalWord>& system) : g_(gold), s_(system) {}

  std::vector<std::pair<std::size_t, std::size_t>> align() {
    std::size_t gi = 0, si = 0;
    while (gi < g_.size() && si < s_.size()) {
      if (g_[gi].is_multiword || s_[si].is_multiword) {
        const auto [gs, ss] = find_multiword_span(gi, si);
        if (si > ss && gi > gs) align_lcs(gs, ss, gi, si);
      } else if (g_[gi].span.start == s_[si].span.start && g_[gi].span.end == s_[si].span.end) {
        pairs_.emplace_back(gi++, si++);
      } else if (g_[gi].span.start <= s_[si].span.start) {
        ++gi;
      } else {
        ++si;
      }
    }
    return std::move(pairs_);
  }

 private:
  static bool beyond_end(const std::vector<EvalWord>& words, std::size_t i, std::size_t end) {
    if (i >= words.size()) return true;
    if (words[i].is_multiword) return words[i].span.start >= end;
    return words[i].span.end > end;
  }
  static std::size_t extend_end(const EvalWord& word, std::size_t end) {
    return word.is_multiword && word.span.end > end ? word.span.end : end;
  }

  std::pair<std::size_t, std::size_t> find_multiword_span(std::size_t& gi, std::size_t& si) {
    std::size_t end;
    if (g_[gi].is_multiword) {
      end = g_[gi].span.end;
      if (!s_[si].is_multiword && s_[si].span.start < g_[gi].span.start) ++si;
    } else {
      end = s_[si].span.end;
      if (!g_[gi].is_multiword && g_[gi].span.start < s_[si].span.start) ++gi;
    }
    const std::size_t gs = gi, ss = si;
    while (!beyond_end(g_, gi, end) || !beyond_end(s_, si, end)) {
      if (gi < g_.size() && (si >= s_.size() || g_[gi].span.start <= s_[si].span.start)) {
        end = extend_end(g_[gi], end);
        ++gi;
      } else {
        end = extend_end(s_[si], end);
        ++si;
      }
    }
    return {gs, ss};
  }

  void align_lcs(std::size_t gs, std::size_t ss, std::size_t gi, std::size_t si) {
    const std::size_t gn = gi - gs, sn = si - ss;
    std::vector<std::string> gl(gn), sl(sn);
    for (std::size_t g = 0; g < gn; ++g) gl[g] = ascii_lower(g_[gs + g].form);
    for (std::size_t s = 0; s < sn; ++s) sl[s] = ascii_lower(s_[ss + s].form);
    std::vector<std::vector<int>> lcs(gn, std::vector<int>(sn, 0));
    for (std::size_t g = gn; g-- > 0;) {
      for (std::size_t s = sn; s-- > 0;) {
        if (gl[g] == sl[s]) lcs[g][s] = 1 + (g + 1 < gn && s + 1 < sn ? lcs[g + 1][s + 1] : 0);
        lcs[g][s] = std::max(lcs[g][s], g + 1 < gn ? lcs[g + 1][s] : 0);
        lcs[g][s] = std::max(lcs[g][s], s + 1 < sn ? lcs[g][s + 1] : 0);
      }
    }
    std::size_t g = 0, s = 0;
    while (g < gn && s < sn) {
      if (gl[g] == sl[s]) {
        pairs_.emplace_back(gs + g, ss + s);
        ++g;
        ++s;
      } else if (lcs[g][s] == (g + 1 < gn ? lcs[g + 1][s] : 0)) {
        ++g;
      } else {
        ++s;
      }
    }
  }

  const std::vector<EvalWord>& g_;
  const std::vector<EvalWord>& s_;
  std::vector<std::pair<std::size_t, std::size_t>> pairs_;
};

}  // namespace

const EvalScore& EvalReport::operator[](std::string_view name) const {
  for (const auto& [metric, score] : metrics) {
    if (metric == name) return score;
  }
  throw Error("no metric named '" + std::string(name) + "'");
}

EvalReport evaluate_conll(const std::vector<Document>& gold_docs, const std::vector<Document>& system_docs) {
  const EvalSide gold = build_side(gold_docs);
  const EvalSide system = build_side(system_docs);
  if (gold.characters != system.characters) {
    std::size_t at = 0;
    while (at < gold.characters.size() && at < system.characters.size() && gold.characters[at] == system.characters[at]) {
      ++at;
    }
    throw Error("the concatenation of tokens in gold and system differ at non-space character " + std::to_string(at));
  }
  const auto pairs = Aligner(gold.words, system.words).align();
  // system word index -> aligned gold word index
  std::unordered_map<std::int64_t, std::int64_t> gold_of;
  for (const auto& [g, s] : pairs) gold_of[static_cast<std::int64_t>(s)] = static_cast<std::int64_t>(g);
  const auto aligned_parent = [&](const EvalWord& w) -> std::int64_t {
    if (w.parent < 0) return w.parent;
    const auto it = gold_of.find(w.parent);
    return it == gold_of.end() ? -3 : it->second;  // -3: not aligned
  };

  using Key = std::function<std::string(const EvalWord&, const EvalWord& gold_word, bool is_system)>;
  const auto score_by = [&](const Key& key) {
    EvalScore score{gold.words.size(), system.words.size(), 0, pairs.size()};
    for (const auto& [g, s] : pairs) {
      if (key(gold.words[g], gold.words[g], false) == key(system.words[s], gold.words[g], true)) ++score.correct;
    }
    return score;
  };
  EvalReport report;
  report.metrics.emplace_back("Tokens", spans_score(gold.tokens, system.tokens));
  report.metrics.emplace_back("Sentences", spans_score(gold.sentences, system.sentences));
  report.metrics.emplace_back("Words", EvalScore{gold.words.size(), system.words.size(), pairs.size(), 0});
  report.metrics.emplace_back("UPOS", score_by([](const EvalWord& w, const EvalWord&, bool) { return w.upos; }));
  report.metrics.emplace_back("XPOS", score_by([](const EvalWord& w, const EvalWord&, bool) { return w.xpos; }));
  report.metrics.emplace_back("UFeats", score_by([](const EvalWord& w, const EvalWord&, bool) { return w.feats; }));
  report.metrics.emplace_back("AllTags", score_by([](const EvalWord& w, const EvalWord&, bool) {
                                return w.upos + '\t' + w.xpos + '\t' + w.feats;
                              }));
  report.metrics.emplace_back("Lemmas", score_by([](const EvalWord& w, const EvalWord& g, bool) {
                                return g.lemma != "_" ? w.lemma : std::string("_");
                              }));
  const auto parent_key = [&](const EvalWord& w, bool is_system) {
    return std::to_string(is_system ? aligned_parent(w) : w.parent);
  };
  report.metrics.emplace_back("UAS", score_by([&](const EvalWord& w, const EvalWord&, bool is_system) {
                                return parent_key(w, is_system);
                              }));
  report.metrics.emplace_back("LAS", score_by([&](const EvalWord& w, const EvalWord&, bool is_system) {
                                return parent_key(w, is_system) + '\t' + w.deprel;
                              }));
  return report;
}

std::string format_report(const EvalReport& report) {
  std::string out = "Metric     | Precision |    Recall |  F1 Score | AligndAcc\n";
  out += "-----------+-----------+-----------+-----------+-----------\n";
  char line[128];
  for (const auto& [name, s] : report.metrics) {
    if (s.aligned > 0 || name == "UPOS" || name == "XPOS" || name == "UFeats" || name == "AllTags" ||
        name == "Lemmas" || name == "UAS" || name == "LAS") {
      std::snprintf(line, sizeof line, "%-11s|%10.2f |%10.2f |%10.2f |%10.2f\n", name.c_str(), 100 * s.precision(),
                    100 * s.recall(), 100 * s.f1(), 100 * s.aligned_accuracy());
    } else {
      std::snprintf(line, sizeof line, "%-11s|%10.2f |%10.2f |%10.2f |\n", name.c_str(), 100 * s.precision(),
                    100 * s.recall(), 100 * s.f1());
    }
    out += line;
  }
  return out;
}

std::vector<Document> raw_documents(const std::vector<Document>& gold) {
  std::vector<Document> out;
  out.reserve(gold.size());
  for (const Document& doc : gold) out.emplace_back(std::string(doc.id()), std::string(doc.text()), doc.meta());
  return out;
}

std::vector<Document> gold_tokenized_documents(const std::vector<Document>& gold) {
  std::vector<Document> out;
  out.reserve(gold.size());
  for (const Document& doc : gold) {
    Document copy(std::string(doc.id()), std::string(doc.text()), doc.meta());
    for (std::size_t t = 0; t < doc.tokens().size(); ++t) {
      const Token& token = doc.tokens()[t];
      const std::uint32_t index = copy.add_token(token.chars, token.space_after);
      copy.mutable_tokens()[index].form_override = token.form_override;
      copy.mutable_tokens()[index].sentence = token.sentence;
    }
    copy.mutable_sentences().assign(doc.sentences().begin(), doc.sentences().end());
    copy.mutable_multiword_tokens().assign(doc.multiword_tokens().begin(), doc.multiword_tokens().end());
    copy.add_layers(Layer::Tokens | Layer::Sentences);
    out.push_back(std::move(copy));
  }
  return out;
}

}  // namespace text2kg::nlp
