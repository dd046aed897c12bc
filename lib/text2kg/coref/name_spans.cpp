#include "text2kg/coref/name_spans.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "text2kg/base/ascii.hpp"
#include "text2kg/coref/mention_features.hpp"
#include "text2kg/text/demonyms.hpp"

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

/// A nationality adjective left on its own ("Argentine" of "Argentine President-elect Alberto
/// Fernandez", once the title is cut off) names no person, organisation or place (UNER leaves
/// nationalities out of those types; extraction reads the country from the adjective). A
/// language stays a name of type Other ("English"), and a plural ("Bolivians") is no entry.
bool is_nationality(const Document& doc, TokenRange r, EntityType type) {
  const bool entity_type = type == EntityType::Person || type == EntityType::Organization || type == EntityType::Place;
  return entity_type && r.size() == 1 && country_for_demonym(doc.form(r.begin)).has_value();
}

/// The stretch of `r` between tokens that `breaks` that holds `head`; else the longest; `r`
/// itself when every token breaks.
template <class Breaks>
TokenRange stretch_with_head(TokenRange r, std::uint32_t head, Breaks&& breaks) {
  TokenRange longest{r.begin, r.begin}, with_head{r.begin, r.begin};
  for (std::uint32_t t = r.begin; t < r.end;) {
    std::uint32_t end = t;
    while (end < r.end && !breaks(end)) ++end;
    if (end - t > longest.size()) longest = {t, end};
    if (t <= head && head < end) with_head = {t, end};
    t = end + 1;
  }
  if (!with_head.empty()) return with_head;
  return longest.empty() ? r : longest;
}

bool lower_initial(std::string_view word) {
  return !word.empty() && word.front() >= 'a' && word.front() <= 'z' &&
         std::none_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });  // not "eBay"
}

/// The second part of a hyphenated word ("Kwok-hung" split as "Kwok - hung").
bool after_hyphen(const Document& doc, std::uint32_t t) {
  return t >= 2 && doc.form(t - 1) == "-" && !doc.tokens()[t - 2].space_after && !doc.tokens()[t - 1].space_after;
}

/// Lower-case words a name holds between its capitalised ones ("Bank of England", "Ludwig
/// van Beethoven", "Union of Atheists and Agnostics"). Closed class.
bool name_connector(std::string_view word) {
  static constexpr std::array<std::string_view, 26> kConnectors = {
      "al", "and", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "dos",
      "du", "el", "for", "ibn", "la", "le", "of", "on", "ten", "ter", "the", "van", "von"};
  return std::binary_search(kConnectors.begin(), kConnectors.end(), word);
}

/// A word no name holds: an ordinary lower-case word, or a comma before one.
bool outside_any_name(const Document& doc, std::uint32_t t, TokenRange r) {
  const std::string_view w = doc.form(t);
  if (w == ",") return t + 1 < r.end && lower_initial(doc.form(t + 1)) && !name_connector(doc.form(t + 1));
  return lower_initial(w) && !name_connector(w) && !after_hyphen(doc, t);
}

/// The lower-case particles of people's names ("Ludwig van Beethoven", "Osama bin Laden").
bool person_particle(std::string_view word) {
  static constexpr std::array<std::string_view, 21> kParticles = {
      "al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di",
      "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von"};
  return std::binary_search(kParticles.begin(), kParticles.end(), word);
}

/// A word no person's name holds: punctuation but a hyphen or an initial's dot, a
/// conjunction, a possessive, any lower-case word but the particles of names.
bool outside_person_name(const Document& doc, std::uint32_t t) {
  const std::string_view w = doc.form(t);
  if (w == "-" || w == "." || after_hyphen(doc, t)) return false;
  if (lower_initial(w)) return !person_particle(w);
  const Upos upos = doc.tokens()[t].upos;
  return upos == Upos::PUNCT || upos == Upos::CCONJ || upos == Upos::PART;
}

/// The word of `r` whose head lies outside it (the last word when none does).
std::uint32_t head_of(const Document& doc, TokenRange r) {
  for (std::uint32_t t = r.begin; t < r.end; ++t) {
    const std::int32_t h = doc.tokens()[t].head;
    if (h < 0 || !r.contains(static_cast<std::uint32_t>(h))) return t;
  }
  return r.end - 1;
}

/// The comma-separated parts of a place name, each starting with a capital ("Mountain
/// View", "California"); the whole name when it has no such comma.
std::vector<TokenRange> place_parts(const Document& doc, TokenRange r) {
  std::vector<TokenRange> parts;
  std::uint32_t begin = r.begin;
  for (std::uint32_t t = r.begin + 1; t + 1 < r.end; ++t) {
    if (doc.form(t) != "," || !is_capitalized(doc.form(t + 1)) || t == begin) continue;
    parts.push_back({begin, t});
    begin = t + 1;
  }
  parts.push_back({begin, r.end});
  return parts;
}

/// Whether `t` is `head` or below it in the tree without leaving `r`.
bool hangs_from(const Document& doc, std::uint32_t t, std::uint32_t head, TokenRange r) {
  for (std::uint32_t hops = 0; hops <= r.size() && r.contains(t); ++hops) {
    if (t == head) return true;
    const std::int32_t up = doc.tokens()[t].head;
    if (up < 0) return false;
    t = static_cast<std::uint32_t>(up);
  }
  return false;
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
    r = stretch_with_head(r, m.head, [&](std::uint32_t t) { return breaks_name(doc, t, r); });
    while (r.size() > 1 && ends_no_name(doc.tokens()[r.end - 1].upos)) --r.end;
    // nor starts with one ("'s Flag Consideration Project" of "the government's ...")
    while (r.size() > 1 && (doc.tokens()[r.begin].upos == Upos::PUNCT || doc.tokens()[r.begin].upos == Upos::PART)) ++r.begin;
    // nor with the article a sentence's first word capitalises ("The Federal Trade Commission"
    // is "the Federal Trade Commission" mid-sentence); "The Hague" keeps it
    if (r.size() > 2 && ascii_lower(doc.form(r.begin)) == "the") ++r.begin;
    // nor an ordinary word or a clause after a comma ("Fisht Stadium in Sochi", "the
    // University of Toledo, which also")
    r = stretch_with_head(r, m.head, [&](std::uint32_t t) { return outside_any_name(doc, t, r); });
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
      // a person's name is a run of capitalised words: not a list of people with their
      // parties ("Alvin Yeung of the Civic Party, Fernando Cheung ..."), nor what comes
      // before a possessive ("DAB's Starry Lee") or a description ("fashion designer Halston")
      r = stretch_with_head(r, m.head, [&](std::uint32_t t) { return outside_person_name(doc, t); });
      // nor the complement of a title before it ("Minister of Education Stefania Giannini"):
      // the name's words hang from its head
      if (r.contains(m.head)) r = stretch_with_head(r, m.head, [&](std::uint32_t t) { return !hangs_from(doc, t, m.head, r); });
    }
    if (m.type == EntityType::Place) {
      // "Aceh, Indonesia", "Evansville, Indiana": places inside places, each a name of its
      // own; as one name, "Indonesia" alone would join the town's chain
      for (const TokenRange part : place_parts(doc, r)) {
        if (part.begin == r.begin) continue;
        Mention p;
        p.tokens = part;
        p.head = head_of(doc, part);
        p.kind = MentionKind::Proper;
        p.type = EntityType::Place;
        p.score = m.score;
        holders.push_back(p);
      }
      r = place_parts(doc, r).front();
    }
    if (is_nationality(doc, r, m.type)) {
      m.tokens = {r.begin, r.begin};  // dropped below
      dropped = true;
      continue;
    }
    if (r == m.tokens) continue;
    m.tokens = r;
    if (!r.contains(m.head)) m.head = head_of(doc, r);
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
