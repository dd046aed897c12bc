#include "text2kg/extract/clause_context.hpp"

#include <algorithm>
#include <array>

#include "text2kg/extract/time_expression.hpp"

namespace text2kg::extract {
namespace {

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool is_subject_relation(std::string_view rel) {
  return rel == "nsubj" || rel == "nsubj:pass" || rel == "csubj" || rel == "csubj:pass" || rel == "nsubj:outer";
}

bool is_negation(const SentenceTree& tree, std::uint32_t t) {
  static constexpr std::array<std::string_view, 4> kNegations = {"not", "n't", "never", "no"};
  return tree.deprel(t) == "advmod" && contains(kNegations, tree.lemma(t));
}

bool is_modal(std::string_view lemma) {
  static constexpr std::array<std::string_view, 9> kModals = {"will", "would", "can", "could", "may",
                                                             "might", "shall", "should", "must"};
  return contains(kModals, lemma);
}

/// The place named by an oblique, without its preposition, when it is a locative phrase
/// over a proper noun ("in La Paz", "at the Mexican embassy" is kept only with a name).
std::string place_of(const SentenceTree& tree, std::uint32_t obl) {
  static constexpr std::array<std::string_view, 8> kLocative = {"in", "at", "near", "inside", "outside",
                                                               "across", "throughout", "within"};
  if (tree.upos(obl) != Upos::PROPN) return "";
  const auto preposition = tree.first_child(obl, "case");
  if (!preposition || !contains(kLocative, tree.lemma(*preposition))) return "";
  auto tokens = tree.subtree(obl, [&](std::uint32_t c) { return tree.head(c) == obl && tree.deprel(c) == "case"; });
  return tree.text(tokens);
}

void add_own_context(const SentenceTree& tree, std::uint32_t predicate, ClauseContext& context) {
  for (const auto c : tree.children(predicate)) {
    const std::string_view rel = tree.deprel(c);
    if (is_negation(tree, c)) context.negated = true;
    if (rel == "aux" && context.modality.empty() && is_modal(tree.lemma(c))) context.modality = tree.lemma(c);
    const bool nominal_modifier = rel.starts_with("obl") || rel == "nmod:tmod" || rel == "advmod";
    if (nominal_modifier && context.time.empty() && is_temporal(tree, c)) context.time = tree.text(tree.subtree(c));
    if (rel == "obl" && context.place.empty() && !is_temporal(tree, c)) context.place = place_of(tree, c);
  }
}

}  // namespace

bool is_speech_verb(std::string_view lemma) {
  static constexpr std::array<std::string_view, 22> kSpeech = {
      "say", "tell", "tweet", "write", "announce", "claim", "state", "add", "report", "insist", "argue",
      "deny", "confirm", "warn", "note", "explain", "declare", "allege", "assert", "acknowledge", "admit", "post"};
  return contains(kSpeech, lemma);
}

bool is_modal_control_verb(std::string_view lemma) {
  static constexpr std::array<std::string_view, 16> kControl = {
      "pledge", "promise", "threaten", "vow", "plan", "want", "intend", "hope", "try", "seek",
      "expect", "agree", "refuse", "decide", "offer", "attempt"};
  return contains(kControl, lemma);
}

bool is_clause_verb(const SentenceTree& tree, std::uint32_t t) {
  if (tree.first_child(t, "cop")) return false;
  if (tree.upos(t) == Upos::VERB) return true;
  if (tree.upos(t) != Upos::NOUN) return false;
  return tree.first_child(t, "nsubj") || tree.first_child(t, "nsubj:pass") || tree.first_child(t, "obj");
}

bool is_past_participle(const SentenceTree& tree, std::uint32_t t) {
  return tree.token(t).xpos == "VBN" || (tree.has_feature(t, "VerbForm=Part") && tree.has_feature(t, "Tense=Past"));
}

bool is_temporal(const SentenceTree& tree, std::uint32_t nominal) {
  const std::string_view rel = tree.deprel(nominal);
  if (rel == "obl:tmod" || rel == "nmod:tmod") return true;
  const std::string lemma = tree.lemma(nominal);
  if (rel == "advmod") return lemma == "today" || lemma == "yesterday" || lemma == "tomorrow" || lemma == "tonight";
  if (is_time_word(lemma)) return true;
  const std::string_view form = tree.form(nominal);
  const bool year = tree.upos(nominal) == Upos::NUM && form.size() == 4 && std::all_of(form.begin(), form.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  return year && (form[0] == '1' || form[0] == '2');
}

std::vector<std::pair<std::uint32_t, int>> with_conjuncts(const SentenceTree& tree, std::uint32_t token) {
  std::vector<std::pair<std::uint32_t, int>> out = {{token, 0}};
  // a well-formed tree has fewer conjuncts than words; the bound only guards a cyclic parse
  for (std::size_t i = 0; i < out.size() && out.size() <= tree.size(); ++i) {
    for (const auto c : tree.children_with(out[i].first, "conj")) out.emplace_back(c, out[i].second + 1);
  }
  // A coordinated argument is one of several: every conjunct counts one hop.
  if (out.size() > 1) out[0].second = 1;
  return out;
}

namespace {

std::vector<SubjectRef> subjects_within(const SentenceTree& tree, std::uint32_t predicate, std::uint32_t hops_left);

}  // namespace

std::vector<SubjectRef> subjects_of(const SentenceTree& tree, std::uint32_t predicate) {
  // Every hop climbs one head, so a well-formed tree needs fewer hops than it has words;
  // the bound only protects against a malformed (cyclic) parse.
  return subjects_within(tree, predicate, tree.size());
}

namespace {

std::vector<SubjectRef> subjects_within(const SentenceTree& tree, std::uint32_t predicate, std::uint32_t hops_left) {
  std::vector<SubjectRef> out;
  for (const auto c : tree.children(predicate)) {
    if (!is_subject_relation(tree.deprel(c))) continue;
    for (const auto& [token, depth] : with_conjuncts(tree, c)) out.push_back({token, depth, false});
  }
  if (!out.empty()) return out;
  const auto governor = tree.head(predicate);
  if (!governor || hops_left == 0) return out;
  const std::string_view rel = tree.deprel(predicate);
  if (rel == "conj") {
    for (auto s : subjects_within(tree, *governor, hops_left - 1)) {
      s.coordination_depth += 1;
      out.push_back(s);
    }
  } else if (rel == "xcomp") {
    if (const auto object = tree.first_child(*governor, "obj")) return {{*object, 0, true}};
    for (auto s : subjects_within(tree, *governor, hops_left - 1)) {
      s.inherited = true;
      out.push_back(s);
    }
  } else if (rel == "advcl") {
    for (auto s : subjects_within(tree, *governor, hops_left - 1)) {
      s.inherited = true;
      out.push_back(s);
    }
  } else if (rel == "acl:relcl") {
    out.push_back({*governor, 0, false});
  } else if (rel == "acl") {
    // "a bid to revive talks" names a purpose, not a fact about the bid
    const auto mark = tree.first_child(predicate, "mark");
    if (!mark) out.push_back({*governor, 0, false});
  }
  return out;
}

}  // namespace

ClauseContext clause_context(const SentenceTree& tree, std::uint32_t predicate, std::string_view document_date) {
  ClauseContext context;
  add_own_context(tree, predicate, context);
  // Up a control chain: "did not pledge to return" is negated; "pledged to return" is intent.
  std::uint32_t t = predicate;
  for (std::uint32_t hops = 0; hops < tree.size() && tree.deprel(t) == "xcomp"; ++hops) {
    const auto governor = tree.head(t);
    if (!governor) break;
    if (context.modality.empty() && is_modal_control_verb(tree.lemma(*governor))) {
      context.modality = tree.lower_form(*governor);
    }
    add_own_context(tree, *governor, context);
    t = *governor;
  }
  if (!context.time.empty()) context.time_normalized = normalize_time(context.time, document_date);
  context.attributed_to = attribution_source(tree, predicate);
  return context;
}

std::optional<std::uint32_t> attribution_source(const SentenceTree& tree, std::uint32_t predicate) {
  std::uint32_t t = predicate;
  std::optional<std::uint32_t> came_from;
  for (std::uint32_t hops = 0; hops <= tree.size(); ++hops) {
    const auto governor = tree.head(t);
    if (!governor) {
      for (const auto c : tree.children_with(t, "parataxis")) {
        if (c == came_from || !is_speech_verb(tree.lemma(c))) continue;
        if (tree.first_child(c, "ccomp")) continue;
        const auto subjects = subjects_of(tree, c);
        if (!subjects.empty()) return subjects.front().token;
      }
      return std::nullopt;
    }
    if (tree.deprel(t) == "ccomp" && is_speech_verb(tree.lemma(*governor))) {
      const auto subjects = subjects_of(tree, *governor);
      if (!subjects.empty()) return subjects.front().token;
    }
    came_from = t;
    t = *governor;
  }
  return std::nullopt;  // a cyclic parse
}

}  // namespace text2kg::extract
