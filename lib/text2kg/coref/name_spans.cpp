#include "text2kg/coref/name_spans.hpp"

#include <cctype>
#include <string>

#include "text2kg/coref/mention_features.hpp"

namespace text2kg::coref {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_role(const Document& doc, std::uint32_t t, const CorefStatistics& stats) {
  const std::string form = lower(doc.form(t));
  if (is_title_word(form)) return true;
  const Token& token = doc.tokens()[t];
  if (token.upos != Upos::NOUN && token.upos != Upos::PROPN) return false;
  const auto* counts = stats.noun(lower(token.lemma.empty() ? form : token.lemma));
  if (!counts) counts = stats.noun(form);
  return counts && CorefStatistics::type_of(*counts) == EntityType::Person &&
         CorefStatistics::animacy_of(*counts) == animacy::kAnimate && !stats.name(form);
}

bool is_capitalized(std::string_view word) {
  return !word.empty() && std::isupper(static_cast<unsigned char>(word.front()));
}

}  // namespace

void tidy_name_spans(Document& doc, const CorefStatistics& stats) {
  for (Mention& m : doc.mutable_mentions()) {
    if (m.kind != MentionKind::Proper || m.tokens.empty()) continue;
    TokenRange r = m.tokens;
    // a name holds no verb: keep the longest stretch without one
    TokenRange best{r.begin, r.begin};
    for (std::uint32_t t = r.begin; t < r.end;) {
      std::uint32_t end = t;
      while (end < r.end && doc.tokens()[end].upos != Upos::VERB && doc.tokens()[end].upos != Upos::AUX) ++end;
      if (end - t > best.size()) best = {t, end};
      t = end + 1;
    }
    if (!best.empty()) r = best;
    while (r.size() > 1 && (doc.tokens()[r.end - 1].upos == Upos::PART || doc.tokens()[r.end - 1].upos == Upos::PUNCT)) --r.end;
    while (r.size() > 1 && doc.tokens()[r.begin].upos == Upos::PUNCT) ++r.begin;
    // a title or role right before a name makes it a person's ("Minister X", "rivals X"),
    // whatever the recogniser said; a person's name loses its leading roles
    const std::uint32_t first = doc.sentences()[doc.tokens()[r.begin].sentence].tokens.begin;
    const bool role_before = r.begin > first && is_role(doc, r.begin - 1, stats);
    std::uint32_t cut = r.begin;
    for (std::uint32_t t = r.begin; t + 1 < r.end; ++t) {
      if (is_role(doc, t, stats)) cut = t + 1;
    }
    if ((cut > r.begin || role_before) && is_capitalized(doc.form(r.end - 1))) m.type = EntityType::Person;
    if (m.type == EntityType::Person) r.begin = cut;
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
}

}  // namespace text2kg::coref
