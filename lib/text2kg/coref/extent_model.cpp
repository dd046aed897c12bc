#include "text2kg/coref/extent_model.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "text2kg/base/error.hpp"
#include "text2kg/coref/weights_file.hpp"
#include "text2kg/nlp/feature_hash.hpp"

namespace text2kg::coref {
namespace {

using nlp::FeatureHash;

std::uint64_t bucket(std::uint64_t n) {
  if (n <= 3) return n;
  if (n <= 6) return 4;
  if (n <= 12) return 5;
  return 6;
}

bool closed_class(Upos u) {
  return u == Upos::ADP || u == Upos::SCONJ || u == Upos::CCONJ || u == Upos::PRON || u == Upos::DET ||
         u == Upos::PART || u == Upos::PUNCT || u == Upos::AUX;
}

/// A word in lower case (at most 24 bytes: longer words are content words, whose class is used).
struct Lower {
  char text[24];
  std::size_t size = 0;
  explicit Lower(std::string_view w) {
    size = std::min(w.size(), sizeof text);
    for (std::size_t i = 0; i < size; ++i) {
      const char c = w[i];
      text[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  std::string_view view() const { return {text, size}; }
};

/// A word as the features see it: a closed-class word itself (lower case), another its tag.
struct WordClass {
  Lower lower{std::string_view{}};
  std::string_view tag;
  bool closed = false;
  WordClass(const Document& doc, std::uint32_t t) {
    const Token& token = doc.tokens()[t];
    closed = closed_class(token.upos);
    if (closed) {
      lower = Lower(doc.form(t));
    } else {
      tag = to_string(token.upos);
    }
  }
  std::string_view view() const { return closed ? lower.view() : tag; }
};

std::string_view base_relation(std::string_view rel) { return rel.substr(0, rel.find(':')); }

bool inside(std::int32_t x, std::uint32_t begin, std::uint32_t end) {
  return x >= 0 && static_cast<std::uint32_t>(x) >= begin && static_cast<std::uint32_t>(x) < end;
}

/// The word of [begin, end) that the others of the subtree starting at `t` hang from.
std::uint32_t top_of(const Document& doc, std::uint32_t t, std::uint32_t begin, std::uint32_t end) {
  for (std::uint32_t hops = 0; hops < end - begin; ++hops) {
    const std::int32_t h = doc.tokens()[t].head;
    if (!inside(h, begin, end)) break;
    t = static_cast<std::uint32_t>(h);
  }
  return t;
}

/// `last_verb`: the last verb of the extent (or its begin when it has none).
void right_features(const Document& doc, TokenRange extent, std::uint32_t head, std::uint32_t cut, std::uint32_t rank,
                    bool proper, std::uint32_t last_verb, std::vector<std::uint64_t>& out) {
  const auto& tokens = doc.tokens();
  std::uint32_t first = cut;  // the first word removed that is no punctuation
  while (first + 1 < extent.end && tokens[first].upos == Upos::PUNCT) ++first;
  const std::uint32_t d = top_of(doc, first, cut, extent.end);
  const Token& dep = tokens[d];
  const std::string_view rel = dep.deprel;
  const Token& h = tokens[head];
  const std::int32_t dh = dep.head;
  const std::string_view dep_head_upos = dh >= 0 ? to_string(tokens[static_cast<std::uint32_t>(dh)].upos) : "-";
  const bool verb = last_verb >= cut && tokens[last_verb].upos == Upos::VERB;
  std::string_view parent_upos = "-", parent_lemma = "";
  bool parent_before = false;
  if (h.head >= 0) {
    const Token& p = tokens[static_cast<std::uint32_t>(h.head)];
    parent_upos = to_string(p.upos);
    if (p.upos == Upos::VERB || p.upos == Upos::AUX) parent_lemma = p.lemma;
    parent_before = static_cast<std::uint32_t>(h.head) < head;
  }
  // the classes of the first word removed, the word at the cut and the one before it, once
  const WordClass first_class(doc, first), cut_class(doc, cut), before_class(doc, cut - 1);
  const std::string_view first_word = first_class.view();
  out.clear();
  static constexpr std::uint64_t kBias = FeatureHash(1).value();
  out.push_back(kBias);
  out.push_back(FeatureHash(2).add(rel).value());
  out.push_back(FeatureHash(3).add(rel).add(first_word).value());
  out.push_back(FeatureHash(4).add(rel).add(cut_class.view()).add(before_class.view()).value());
  out.push_back(FeatureHash(5).add(rel).add(dep_head_upos).add(dh == static_cast<std::int32_t>(head) ? 1U : 0U).value());
  out.push_back(FeatureHash(7).add(parent_upos).add(parent_lemma).add(first_word).value());
  out.push_back(FeatureHash(8).add(base_relation(h.deprel)).add(rel).value());
  out.push_back(FeatureHash(10).add(bucket(cut - extent.begin)).add(bucket(extent.end - cut)).value());
  out.push_back(FeatureHash(11).add(std::string_view(dep.xpos)).add(rel).value());
  out.push_back(FeatureHash(12).add(verb ? 1U : 0U).add(rel).value());
  out.push_back(FeatureHash(13).add(proper ? 1U : 0U).add(rel).value());
  out.push_back(FeatureHash(14).add(parent_upos).add(parent_before ? 1U : 0U).add(base_relation(h.deprel)).add(first_word).value());
  out.push_back(FeatureHash(15).add(std::min<std::uint64_t>(rank, 3)).add(rel).value());
}

void left_features(const Document& doc, TokenRange extent, std::uint32_t head, std::uint32_t cut, bool proper,
                   std::vector<std::uint64_t>& out) {
  const auto& tokens = doc.tokens();
  const std::uint32_t b = extent.begin;
  const std::uint32_t top = top_of(doc, b, b, cut);
  const Lower first(doc.form(b));
  out.clear();
  static constexpr std::uint64_t kBias = FeatureHash(50).value();
  out.push_back(kBias);
  out.push_back(FeatureHash(51).add(to_string(tokens[b].upos)).value());
  out.push_back(FeatureHash(52).add(first.view()).value());
  out.push_back(FeatureHash(53).add(std::string_view(tokens[b].deprel)).add(first.view()).value());
  out.push_back(FeatureHash(54).add(std::string_view(tokens[top].deprel)).add(to_string(tokens[head].upos)).value());
  out.push_back(FeatureHash(55).add(bucket(cut - b)).value());
  out.push_back(FeatureHash(56).add(first.view()).add(proper ? 1U : 0U).value());
  out.push_back(FeatureHash(57).add(std::string_view(tokens[head].lemma)).add(to_string(tokens[b].upos)).value());
}

bool is_of(std::string_view w) { return w.size() == 2 && (w[0] == 'o' || w[0] == 'O') && (w[1] == 'f' || w[1] == 'F'); }

/// A phrase may lose its first words only when they are no determiner, adjective, noun or number.
bool left_cut_possible(const Token& first) {
  switch (first.upos) {
    case Upos::ADV: case Upos::ADP: case Upos::SCONJ: case Upos::CCONJ: case Upos::INTJ: case Upos::PART:
    case Upos::PUNCT: case Upos::VERB: case Upos::AUX: case Upos::X: case Upos::SYM:
      return true;
    default:
      return false;
  }
}

/// Calls visit(extent, right, features) for each cut of extent_cuts, the features in one
/// reused buffer (refine scores them at once; nothing is allocated per cut).
template <class Visit>
void for_each_cut(const Document& doc, TokenRange extent, std::uint32_t head, TokenRange keep, bool proper,
                  std::vector<std::uint64_t>& features, bool skip_of, Visit&& visit) {
  const auto& tokens = doc.tokens();
  if (extent.empty() || !extent.contains(head)) return;
  const std::uint32_t keep_end = std::max(keep.end, head + 1);
  const std::uint32_t keep_begin = std::min(keep.begin, head);
  // right: a cut at p when no word of [begin, p) but the head hangs from p or later
  if (keep_end < extent.end) {
    std::int32_t reach = -1;
    for (std::uint32_t t = extent.begin; t < keep_end; ++t) {
      if (t != head) reach = std::max(reach, tokens[t].head);
    }
    std::uint32_t last_verb = extent.end - 1;
    while (last_verb > extent.begin && tokens[last_verb].upos != Upos::VERB) --last_verb;
    std::uint32_t last_end = extent.end, rank = 0;
    for (std::uint32_t p = keep_end; p < extent.end; ++p) {
      // an of-phrase belongs to the noun before it (GUM train, our parses: 16 of 3,030 such
      // cuts give the gold edge; the model takes next to none), so refine does not try them
      if (reach < static_cast<std::int32_t>(p) && !(skip_of && is_of(doc.form(p)))) {
        std::uint32_t end = p;
        while (end - 1 > head && end > keep_end && tokens[end - 1].upos == Upos::PUNCT) --end;
        if (end != last_end) {
          right_features(doc, extent, head, p, rank++, proper, last_verb, features);
          visit(TokenRange{extent.begin, end}, true, features);
          last_end = end;
        }
      }
      reach = std::max(reach, tokens[p].head);
    }
  }
  // left: a cut after q when no word of [q, head) hangs from a word before q
  if (!left_cut_possible(tokens[extent.begin]) || keep_begin <= extent.begin) return;
  std::int32_t low = static_cast<std::int32_t>(tokens.size());  // the lowest head of [q, keep_begin)
  for (std::uint32_t q = keep_begin; q > extent.begin; --q) {
    if (q < keep_begin) low = std::min(low, tokens[q].head);
    if (low < static_cast<std::int32_t>(q)) continue;
    std::uint32_t begin = q;
    while (begin < head && (tokens[begin].upos == Upos::PUNCT || tokens[begin].upos == Upos::CCONJ)) ++begin;
    if (begin > keep_begin) continue;
    left_features(doc, extent, head, q, proper, features);
    visit(TokenRange{begin, extent.end}, false, features);
  }
}

}  // namespace

void extent_cuts(const Document& doc, TokenRange extent, std::uint32_t head, TokenRange keep, bool proper,
                 std::vector<ExtentCut>& out) {
  out.clear();
  std::vector<std::uint64_t> features;
  for_each_cut(doc, extent, head, keep, proper, features, false, [&](TokenRange cut, bool right, const std::vector<std::uint64_t>& f) {
    out.push_back({cut, right, f});
  });
}

ExtentModel::ExtentModel(std::unordered_map<std::uint64_t, float> weights)
    : weights_(std::move(weights)), table_(weights_) {}

double ExtentModel::score(std::span<const std::uint64_t> features) const { return table_.score(features); }

TokenRange ExtentModel::refine(const Document& doc, TokenRange extent, std::uint32_t head, TokenRange keep, bool proper) const {
  thread_local std::vector<std::uint64_t> features;
  double best_right = 0, best_left = 0;
  TokenRange out = extent;
  for_each_cut(doc, extent, head, keep, proper, features, true, [&](TokenRange cut, bool right, const std::vector<std::uint64_t>& f) {
    const double s = score(f);
    double& best = right ? best_right : best_left;
    if (s <= best) return;
    best = s;
    if (right) {
      out.end = cut.end;
    } else {
      out.begin = cut.begin;
    }
  });
  return out;
}

ExtentModel ExtentModel::load(const std::filesystem::path& file) { return ExtentModel(load_weights(file, "extent model")); }

void ExtentModel::save(const std::filesystem::path& file, std::string_view comment) const {
  save_weights(weights_, file, comment);
}

}  // namespace text2kg::coref
