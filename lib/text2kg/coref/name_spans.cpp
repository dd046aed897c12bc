#include "text2kg/coref/name_spans.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "text2kg/base/ascii.hpp"
#include "text2kg/coref/mention_features.hpp"

namespace text2kg::coref {
namespace {

bool is_role(const Document& doc, std::uint32_t t, const CorefStatistics& stats) {
  const std::string form = ascii_lower(doc.form(t));
  if (is_title_word(form)) return true;
  const Token& token = doc.tokens()[t];
  if (token.upos != Upos::NOUN && token.upos != Upos::PROPN) return false;
  const auto* counts = stats.noun(ascii_lower(token.lemma.empty() ? form : token.lemma));
  if (!counts) counts = stats.noun(form);
  return counts && CorefStatistics::type_of(*counts) == EntityType::Person &&
         CorefStatistics::animacy_of(*counts) == animacy::kAnimate && !stats.name(form);
}

bool is_capitalized(std::string_view word) {
  return !word.empty() && std::isupper(static_cast<unsigned char>(word.front()));
}

/// A word that makes a title of a title, capitalised with it: "Vice President", "Prime
/// Minister", "Deputy Chief", "Acting Attorney General". Closed class.
bool is_title_premodifier(std::string_view word) {
  static constexpr std::array<std::string_view, 17> kPremodifiers = {
      "acting", "assistant", "associate", "chief",  "co",     "deputy", "executive", "first", "former",
      "general", "interim",  "junior",    "lieutenant", "prime", "senior", "supreme", "vice"};
  const std::string w = ascii_lower(word);
  return std::binary_search(kPremodifiers.begin(), kPremodifiers.end(), std::string_view(w));
}

/// The name before a person's titles, when the span starts with one: "<US> President Donald
/// Trump", "<Acme> chief executive Jane Roe". Its words are capitalised proper nouns that
/// are not roles themselves, and the first title follows them directly; an adjective
/// ("Mexican President ...") is no name (the demonym rules read it). Empty otherwise.
TokenRange holder_before_titles(const Document& doc, TokenRange r, std::uint32_t cut, const CorefStatistics& stats) {
  std::uint32_t end = r.begin;
  while (end < cut && doc.tokens()[end].upos == Upos::PROPN && is_capitalized(doc.form(end)) &&
         !is_role(doc, end, stats) && !is_title_premodifier(doc.form(end)))
    ++end;
  if (end == r.begin || end >= cut || !is_role(doc, end, stats)) return {r.begin, r.begin};
  return {r.begin, end};
}

/// A verb or auxiliary inside a recognised span ends the name ("Obama said"), unless it is
/// capitalised before another capitalised word of the span: then it is a word of the name
/// the tagger misread ("United Nations", "United States" with "United" as a participle).
bool breaks_name(const Document& doc, std::uint32_t t, TokenRange span) {
  const Upos upos = doc.tokens()[t].upos;
  if (upos != Upos::VERB && upos != Upos::AUX) return false;
  return !(is_capitalized(doc.form(t)) && t + 1 < span.end && is_capitalized(doc.form(t + 1)));
}

/// A title with no name in it ("Prime Minister", "Malaysia's Prime Minister", "President"):
/// it ends in a role, right after another role, a title premodifier or a possessive, or is
/// one word. Such a phrase describes someone; coreference links it to the name beside it,
/// while as a name it would be one node for every prime minister of every document.
bool is_title_phrase(const Document& doc, TokenRange r, const CorefStatistics& stats) {
  if (r.empty() || !is_role(doc, r.end - 1, stats)) return false;
  if (r.size() == 1) return true;
  const std::uint32_t before = r.end - 2;
  return is_role(doc, before, stats) || is_title_premodifier(doc.form(before)) || doc.tokens()[before].upos == Upos::PART;
}

/// No name ends in a particle, punctuation or a pronoun ("Devocht , who").
bool ends_no_name(Upos upos) { return upos == Upos::PART || upos == Upos::PUNCT || upos == Upos::PRON; }

}  // namespace

void tidy_name_spans(Document& doc, const CorefStatistics& stats) {
  std::vector<Mention> holders;
  bool dropped = false;
  for (Mention& m : doc.mutable_mentions()) {
    if (m.kind != MentionKind::Proper || m.tokens.empty()) continue;
    TokenRange r = m.tokens;
    // a name holds no verb: keep the stretch without one that holds the span's head (the
    // recogniser sometimes runs on over a clause: "Devocht, who had told Montalvo he"), else
    // the longest
    TokenRange best{r.begin, r.begin}, with_head{r.begin, r.begin};
    for (std::uint32_t t = r.begin; t < r.end;) {
      std::uint32_t end = t;
      while (end < r.end && !breaks_name(doc, end, r)) ++end;
      if (end - t > best.size()) best = {t, end};
      if (t <= m.head && m.head < end) with_head = {t, end};
      t = end + 1;
    }
    if (!with_head.empty()) r = with_head;
    else if (!best.empty()) r = best;
    while (r.size() > 1 && ends_no_name(doc.tokens()[r.end - 1].upos)) --r.end;
    while (r.size() > 1 && doc.tokens()[r.begin].upos == Upos::PUNCT) ++r.begin;
    if (is_title_phrase(doc, r, stats)) {
      m.tokens = {r.begin, r.begin};  // dropped below
      dropped = true;
      continue;
    }
    // a title or role right before a name makes it a person's ("Minister X", "rivals X"),
    // whatever the recogniser said; a person's name loses its leading roles
    const std::uint32_t first = doc.sentences()[doc.tokens()[r.begin].sentence].tokens.begin;
    const bool role_before = r.begin > first && is_role(doc, r.begin - 1, stats);
    std::uint32_t cut = r.begin;
    for (std::uint32_t t = r.begin; t + 1 < r.end; ++t) {
      if (is_role(doc, t, stats)) cut = t + 1;
    }
    if ((cut > r.begin || role_before) && is_capitalized(doc.form(r.end - 1))) m.type = EntityType::Person;
    if (m.type == EntityType::Person) {
      // the holder of the title is a name of its own, for the title rules and coreference
      const TokenRange holder = holder_before_titles(doc, r, cut, stats);
      if (!holder.empty()) {
        Mention h;
        h.tokens = holder;
        h.head = holder.end - 1;
        h.kind = MentionKind::Proper;
        h.score = m.score;
        holders.push_back(h);
      }
      r.begin = cut;
    }
    if (r == m.tokens) continue;
    m.tokens = r;
    if (!r.contains(m.head)) {
      m.head = r.end - 1;
      for (std::uint32_t t = r.begin; t < r.end; ++t) {
        const std::int32_t h = doc.tokens()[t].head;
        if (h < 0 || !r.contains(static_cast<std::uint32_t>(h))) {
          m.head = t;
          break;
        }
      }
    }
  }
  auto& mentions = doc.mutable_mentions();
  if (dropped) {
    std::erase_if(mentions, [](const Mention& m) { return m.kind == MentionKind::Proper && m.tokens.empty(); });
  }
  if (holders.empty()) return;
  mentions.insert(mentions.end(), holders.begin(), holders.end());
  std::stable_sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
    return a.tokens.begin != b.tokens.begin ? a.tokens.begin < b.tokens.begin : a.tokens.end > b.tokens.end;
  });
}

}  // namespace text2kg::coref
