#include "text2kg/coref/sieves.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "text2kg/base/ascii.hpp"

namespace text2kg::coref {
namespace {

bool base_rel(const std::string& deprel, std::string_view rel) {
  return deprel == rel || (deprel.size() > rel.size() && deprel.starts_with(rel) && deprel[rel.size()] == ':');
}

using WordIds = std::vector<std::uint32_t>;

/// Content words of a mention's extent, the head included unless `without_head`.
const WordIds& content_words(const CorefMention& m, bool without_head) { return without_head ? m.modifier_ids : m.content_ids; }

/// Words of a name, titles and possessive markers left out.
const WordIds& name_words(const CorefMention& m) { return m.name_ids; }

WordIds sorted_unique(WordIds words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

/// The union of two sorted sets.
void add_words(WordIds& out, const WordIds& words) {
  WordIds joined;
  joined.reserve(out.size() + words.size());
  std::set_union(out.begin(), out.end(), words.begin(), words.end(), std::back_inserter(joined));
  out = std::move(joined);
}

bool contains(TokenRange outer, TokenRange inner) { return outer.begin <= inner.begin && inner.end <= outer.end; }

bool in_cluster_any(const SieveContext& c, std::uint32_t antecedent, auto&& test) {
  for (const std::uint32_t m : c.clusters.members(c.clusters.cluster_of(antecedent))) {
    if (c.mentions[m].kind != MentionKind::Pronoun && test(c.mentions[m])) return true;
  }
  return false;
}

WordIds cluster_words(const SieveContext& c, std::uint32_t mention, bool without_heads) {
  WordIds out;
  for (const std::uint32_t m : c.clusters.members(c.clusters.cluster_of(mention))) {
    if (c.mentions[m].kind == MentionKind::Pronoun) continue;
    add_words(out, content_words(c.mentions[m], without_heads));
  }
  return out;
}

/// cluster_words with the heads, through the cluster cache when there is one.
const WordIds& cluster_content_words(const SieveContext& c, std::uint32_t mention, WordIds& own) {
  if (c.facts == nullptr) return own = cluster_words(c, mention, false);
  return c.facts->content_words(c.clusters, c.clusters.cluster_of(mention), [&] { return cluster_words(c, mention, false); });
}

bool subset(const WordIds& a, const WordIds& b) { return std::includes(b.begin(), b.end(), a.begin(), a.end()); }

EntityType named_type(const SieveContext& c, std::uint32_t mention);

/// One bit set: a definite value ("he": male), not a range ("a person": male or female).
bool single(std::uint8_t bits) { return bits != 0 && (bits & (bits - 1)) == 0; }

/// The union of the cluster's values per feature; definite values, where there are any,
/// override ranges (a chain with "he" is male even if its name left the gender open).
Agreement compute_cluster_agreement(const SieveContext& c, std::uint32_t mention) {
  Agreement definite{0, 0, 0, 0}, any{0, 0, 0, 0};
  const auto add = [](std::uint8_t value, std::uint8_t unknown, std::uint8_t& d, std::uint8_t& a) {
    if (value == unknown) return;
    a |= value;
    if (single(value)) d |= value;
  };
  const EntityType type = named_type(c, mention);
  for (const std::uint32_t m : c.clusters.members(c.clusters.cluster_of(mention))) {
    // a name the recogniser typed against the rest of its cluster says nothing of its features
    if (c.mentions[m].kind == MentionKind::Proper && type != EntityType::None && c.mentions[m].type != EntityType::None &&
        c.mentions[m].type != type) {
      continue;
    }
    const Agreement& x = c.mentions[m].agreement;
    add(x.number, number::kUnknown, definite.number, any.number);
    add(x.gender, gender::kUnknown, definite.gender, any.gender);
    add(x.animacy, animacy::kUnknown, definite.animacy, any.animacy);
    add(x.person, person::kUnknown, definite.person, any.person);
  }
  const auto pick = [](std::uint8_t d, std::uint8_t a, std::uint8_t unknown) { return d ? d : (a ? a : unknown); };
  return {pick(definite.number, any.number, number::kUnknown), pick(definite.gender, any.gender, gender::kUnknown),
          pick(definite.animacy, any.animacy, animacy::kUnknown), pick(definite.person, any.person, person::kUnknown)};
}

Agreement cluster_agreement(const SieveContext& c, std::uint32_t mention) {
  if (c.facts == nullptr) return compute_cluster_agreement(c, mention);
  return c.facts->agreement(c.clusters, c.clusters.cluster_of(mention), [&] { return compute_cluster_agreement(c, mention); });
}

bool exact_match(const SieveContext& c, const CorefMention& m, const CorefMention& a) {
  if (m.kind == MentionKind::Pronoun || a.kind == MentionKind::Pronoun || m.coordination != a.coordination) return false;
  if (m.exact_id != a.exact_id) return false;
  bool content = m.numeric;
  for (std::uint32_t t = m.extent.begin; t < m.extent.end; ++t) {
    content |= c.doc.tokens()[t].upos == Upos::NOUN || c.doc.tokens()[t].upos == Upos::PROPN;
  }
  return content;
}

bool names_nest(const CorefMention& x, const CorefMention& y);

bool appositive(const CorefMention& m, const CorefMention& a) {
  if (!m.appositive || m.parent != static_cast<std::int32_t>(a.head)) return false;
  // two people's different names side by side are a list or a misparse, not an apposition;
  // two places are one inside the other ("Aceh, Indonesia")
  const bool two_names = m.kind == MentionKind::Proper && a.kind == MentionKind::Proper && !names_nest(m, a);
  return !(two_names && m.type == a.type && (m.type == EntityType::Person || m.type == EntityType::Place));
}

/// "A is B": B has a copula and A as its subject.
bool predicate_nominative(const CorefMention& m, const CorefMention& a) {
  if (m.kind == MentionKind::Pronoun || !m.copular) return false;
  return a.subject && a.parent == static_cast<std::int32_t>(m.head);
}

bool acronym(const SieveContext& c, const CorefMention& m, const CorefMention& a) {
  if (m.kind != MentionKind::Proper || a.kind != MentionKind::Proper) return false;
  // one of them a single all-capitals word ("OAS", "U.S."), before building any text
  if (!is_capitals_name(c.doc, m) && !is_capitals_name(c.doc, a)) return false;
  std::string mt, at;
  for (std::uint32_t t = m.name.begin; t < m.name.end; ++t) mt += std::string(c.doc.form(t)) + (t + 1 < m.name.end ? " " : "");
  for (std::uint32_t t = a.name.begin; t < a.name.end; ++t) at += std::string(c.doc.form(t)) + (t + 1 < a.name.end ? " " : "");
  return is_acronym_of(mt, at) || is_acronym_of(at, mt);
}

bool strict_head(const SieveContext& c, std::uint32_t mi, std::uint32_t ai, bool modifiers) {
  const CorefMention& m = c.mentions[mi];
  if (m.kind == MentionKind::Pronoun || m.coordination) return false;
  const bool head_match = in_cluster_any(c, ai, [&](const CorefMention& x) { return !x.coordination && x.head_id == m.head_id; });
  if (!head_match) return false;
  WordIds antecedent_own, anaphor_own;  // filled only without a cache
  const WordIds& antecedent_words = cluster_content_words(c, ai, antecedent_own);
  if (!subset(cluster_content_words(c, mi, anaphor_own), antecedent_words)) return false;
  if (modifiers) {
    const CorefMention& a = c.mentions[ai];
    if (!subset(content_words(m, true), content_words(a, true))) return false;
  }
  return true;
}

/// The words of one name all in the other: "Morales" in "Evo Morales", not "Juan Morales".
bool names_nest(const CorefMention& x, const CorefMention& y) {
  const WordIds* xw = &name_words(x);
  const WordIds* yw = &name_words(y);
  if (xw->empty() || yw->empty()) return false;
  if (xw->size() > yw->size()) std::swap(xw, yw);
  return std::all_of(xw->begin(), xw->end(), [&](std::uint32_t w) { return std::find(yw->begin(), yw->end(), w) != yw->end(); });
}

bool proper_head(const SieveContext& c, std::uint32_t mi, std::uint32_t ai) {
  const CorefMention& m = c.mentions[mi];
  const CorefMention& a = c.mentions[ai];
  if (m.kind != MentionKind::Proper || a.kind != MentionKind::Proper || m.head_id != a.head_id) return false;
  // with every name of both clusters, so "Lee Whitfield" does not join "Dana Whitfield" via "Whitfield"
  for (const std::uint32_t x : c.clusters.members(c.clusters.cluster_of(ai))) {
    if (c.mentions[x].kind != MentionKind::Proper) continue;
    for (const std::uint32_t y : c.clusters.members(c.clusters.cluster_of(mi))) {
      if (c.mentions[y].kind == MentionKind::Proper && !names_nest(c.mentions[x], c.mentions[y])) return false;
    }
  }
  return true;
}

bool relaxed_head(const SieveContext& c, std::uint32_t mi, std::uint32_t ai) {
  const CorefMention& m = c.mentions[mi];
  if (m.kind != MentionKind::Proper || m.type == EntityType::None) return false;
  if (cluster_type(c, c.clusters.cluster_of(ai)) != m.type) return false;
  // words of the names in the cluster (not of whole phrases, which may hold other names)
  WordIds words;
  for (const std::uint32_t x : c.clusters.members(c.clusters.cluster_of(ai))) {
    if (c.mentions[x].kind != MentionKind::Proper) continue;
    add_words(words, sorted_unique(name_words(c.mentions[x])));
  }
  const WordIds own = sorted_unique(name_words(m));
  if (!std::binary_search(words.begin(), words.end(), m.head_id) || !subset(own, words)) return false;
  // a surname names the person ("Bolsonaro" of "Jair Bolsonaro"); a place or organisation
  // inside another's name is another ("France" of "Coupe de France"): there the heads match
  return m.type == EntityType::Person ||
         in_cluster_any(c, ai, [&](const CorefMention& x) { return x.kind == MentionKind::Proper && x.head_id == m.head_id; });
}

bool pronoun(const SieveContext& c, std::uint32_t mi, std::uint32_t ai) {
  const CorefMention& m = c.mentions[mi];
  const CorefMention& a = c.mentions[ai];
  if (m.kind != MentionKind::Pronoun) return false;
  if (m.agreement.person != person::kThird) {
    // I ... me, you ... your: only to the same person, near by
    return a.kind == MentionKind::Pronoun && (a.agreement.person & m.agreement.person) &&
           (a.agreement.number & m.agreement.number);
  }
  if (a.agreement.person != person::kThird && a.kind == MentionKind::Pronoun) return false;
  Agreement cluster = cluster_agreement(c, ai);
  const EntityType type = cluster_type(c, c.clusters.cluster_of(ai));
  // "the council ... they": an organization is referred to in the plural too
  if (type == EntityType::Organization) cluster.number = number::kUnknown;
  if (!m.agreement.agrees_with(cluster)) return false;
  const bool animate_pronoun = m.agreement.animacy == animacy::kAnimate;
  if (animate_pronoun && type != EntityType::Person && type != EntityType::None) return false;
  if (m.agreement.animacy == animacy::kInanimate && type == EntityType::Person) return false;
  // he / she need evidence of a person: a name, an animate noun or another he / she
  if (m.agreement.gender == gender::kMale || m.agreement.gender == gender::kFemale) {
    const bool person = in_cluster_any(c, ai, [](const CorefMention& x) {
      return x.agreement.animacy == animacy::kAnimate || (x.kind == MentionKind::Proper && x.type == EntityType::None);
    }) || std::any_of(c.clusters.members(c.clusters.cluster_of(ai)).begin(), c.clusters.members(c.clusters.cluster_of(ai)).end(),
                      [&](std::uint32_t x) { return c.mentions[x].kind == MentionKind::Pronoun && c.mentions[x].agreement.animacy == animacy::kAnimate; });
    if (!person) return false;
  }
  if (m.agreement.number == number::kPlural && type == EntityType::Person && a.kind == MentionKind::Proper) return false;
  // a reflexive takes the subject of its own clause; another pronoun never does
  const Token& pt = c.doc.tokens()[m.head];
  const Token& at = c.doc.tokens()[a.head];
  const bool same_clause = m.sentence == a.sentence && pt.head == at.head && base_rel(at.deprel, "nsubj");
  if (is_reflexive(c.doc.form(m.head))) return same_clause;
  if (same_clause && !base_rel(pt.deprel, "nmod:poss")) return false;
  return true;
}

/// "the", "this", "that", "these", "those" opening the phrase: it refers back, unlike "a".
bool definite(const Document& doc, const CorefMention& m) {
  if (m.extent.begin == m.head || doc.tokens()[m.extent.begin].upos != Upos::DET) return false;
  static constexpr std::string_view kDefinite[] = {"the", "this", "that", "these", "those"};
  const std::string w = ascii_lower(doc.form(m.extent.begin));
  return std::find(std::begin(kDefinite), std::end(kDefinite), w) != std::end(kDefinite);
}

bool description(const SieveContext& c, std::uint32_t mi, std::uint32_t ai) {
  const CorefMention& m = c.mentions[mi];
  const CorefMention& a = c.mentions[ai];
  if (m.kind != MentionKind::Nominal || m.coordination || m.type == EntityType::None || !definite(c.doc, m)) return false;
  // "Evo Morales arrived ... The Bolivian leader thanked ...": a name as the subject of the
  // sentence just before, the description as the subject of its own
  if (!m.subject || !a.subject || a.kind != MentionKind::Proper || a.quoted || m.quoted || m.sentence != a.sentence + 1) {
    return false;
  }
  // the description's type is its head noun's in GUM train's chains ("leader": Person), the
  // cluster's its names'; no other name of the type may come between
  if (named_type(c, ai) != m.type) return false;
  for (std::uint32_t x = ai + 1; x < mi; ++x) {
    const CorefMention& between = c.mentions[x];
    if (between.kind == MentionKind::Proper && between.type == m.type && !c.clusters.same(x, ai)) return false;
  }
  return true;
}

/// The most frequent recognised type among a cluster's names (None when it has none).
EntityType compute_named_type(const SieveContext& c, std::uint32_t mention) {
  std::array<int, kEntityTypeCount> counts{};
  for (const std::uint32_t x : c.clusters.members(c.clusters.cluster_of(mention))) {
    if (c.mentions[x].kind == MentionKind::Proper) counts[static_cast<std::size_t>(c.mentions[x].type)]++;
  }
  counts[0] = 0;
  const auto it = std::max_element(counts.begin(), counts.end());
  return *it > 0 ? static_cast<EntityType>(it - counts.begin()) : EntityType::None;
}

EntityType named_type(const SieveContext& c, std::uint32_t mention) {
  if (c.facts == nullptr) return compute_named_type(c, mention);
  return c.facts->named_type(c.clusters, c.clusters.cluster_of(mention), [&] { return compute_named_type(c, mention); });
}

/// How many of a cluster's names the recogniser gave `type`.
int names_typed(const SieveContext& c, std::uint32_t mention, EntityType type) {
  int n = 0;
  for (const std::uint32_t x : c.clusters.members(c.clusters.cluster_of(mention))) {
    n += c.mentions[x].kind == MentionKind::Proper && c.mentions[x].type == type;
  }
  return n;
}

/// A cluster whose names the recogniser split between two types (at least half as many of
/// the other's type as of its own) is no evidence against joining a cluster of that type.
bool mixed_toward(const SieveContext& c, std::uint32_t mention, EntityType own, EntityType other) {
  return 2 * names_typed(c, mention, other) >= names_typed(c, mention, own);
}

/// One sense per discourse: a name met once whose exact words the other cluster uses for at
/// least two of its names takes that cluster's type (the recogniser erred once).
bool outvoted(const SieveContext& c, std::uint32_t single, std::uint32_t other) {
  const auto& members = c.clusters.members(c.clusters.cluster_of(single));
  if (members.size() != 1 || c.mentions[single].kind != MentionKind::Proper) return false;
  const WordIds& words = name_words(c.mentions[single]);
  int same = 0;
  for (const std::uint32_t x : c.clusters.members(c.clusters.cluster_of(other))) {
    same += c.mentions[x].kind == MentionKind::Proper && name_words(c.mentions[x]) == words;
  }
  return same >= 2;
}

bool speech_verb(std::string_view lemma) {
  static constexpr std::string_view verbs[] = {"say", "tell", "add", "state", "explain", "ask", "write", "tweet",
                                               "claim", "declare", "insist", "reply", "recall", "announce", "note"};
  return std::find(std::begin(verbs), std::end(verbs), lemma) != std::end(verbs);
}

}  // namespace

std::optional<std::uint32_t> quoted_speaker(const SieveContext& c, std::uint32_t mi) {
  const CorefMention& m = c.mentions[mi];
  if (m.kind != MentionKind::Pronoun || !m.quoted || m.agreement.person != person::kFirst ||
      m.agreement.number != number::kSingular) {
    return std::nullopt;
  }
  for (std::uint32_t a = 0; a < c.mentions.size(); ++a) {
    const CorefMention& s = c.mentions[a];
    if (s.sentence != m.sentence || s.quoted || !s.subject || s.parent < 0 || s.coordination) continue;
    if (s.kind == MentionKind::Pronoun && s.agreement.person != person::kThird) continue;
    const Token& verb = c.doc.tokens()[static_cast<std::uint32_t>(s.parent)];
    if (speech_verb(verb.lemma) && s.agreement.animacy != animacy::kInanimate) return a;
  }
  return std::nullopt;
}

std::string_view to_string(Sieve sieve) {
  static constexpr std::array<std::string_view, 9> names = {"speaker", "exact", "precise", "strict-head", "strict-head-nomod",
                                                            "proper-head", "relaxed-head", "pronoun", "description"};
  return names[static_cast<std::size_t>(sieve)];
}

bool is_capitals_name(const Document& doc, const CorefMention& m) {
  if (m.name.size() != 1) return false;
  const std::string_view w = doc.form(m.name.begin);
  return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char ch) { return ch == '.' || std::isupper(static_cast<unsigned char>(ch)); });
}

bool is_acronym_of(std::string_view acronym, std::string_view name) {
  std::string letters;
  for (const char ch : acronym) {
    if (ch == '.') continue;
    if (!std::isupper(static_cast<unsigned char>(ch))) return false;
    letters += ch;
  }
  if (letters.size() < 2 || letters.size() > 8) return false;
  std::string initials;
  bool start = true;
  std::size_t words = 0;
  for (const char ch : name) {
    if (ch == ' ' || ch == '-') {
      start = true;
      continue;
    }
    if (start) {
      ++words;
      if (std::isupper(static_cast<unsigned char>(ch))) initials += ch;
    }
    start = false;
  }
  return words >= 2 && initials == letters;
}

namespace {

EntityType compute_cluster_type(const SieveContext& c, std::uint32_t cluster) {
  std::array<int, kEntityTypeCount> named{}, nominal{};
  for (const std::uint32_t m : c.clusters.members(cluster)) {
    const CorefMention& x = c.mentions[m];
    if (x.type == EntityType::None) continue;
    (x.kind == MentionKind::Proper ? named : nominal)[static_cast<std::size_t>(x.type)]++;
  }
  const auto best = [](const std::array<int, kEntityTypeCount>& counts) {
    const auto it = std::max_element(counts.begin(), counts.end());
    return *it > 0 ? static_cast<EntityType>(it - counts.begin()) : EntityType::None;
  };
  const EntityType t = best(named);
  return t != EntityType::None ? t : best(nominal);
}

}  // namespace

EntityType cluster_type(const SieveContext& c, std::uint32_t cluster) {
  if (c.facts == nullptr) return compute_cluster_type(c, cluster);
  return c.facts->type(c.clusters, cluster, [&] { return compute_cluster_type(c, cluster); });
}

bool cluster_compatible(const SieveContext& c, std::uint32_t mi, std::uint32_t ai, bool check_agreement) {
  const CorefMention& m = c.mentions[mi];
  const CorefMention& a = c.mentions[ai];
  if (m.sentence == a.sentence && (contains(m.extent, a.extent) || contains(a.extent, m.extent))) return false;
  // recognised names of different types never join: Washington the city and the person
  // (a cluster's type is its names' most frequent one, so one recogniser slip does not split it)
  const EntityType mt = named_type(c, mi), at = named_type(c, ai);
  if (mt != EntityType::None && at != EntityType::None && mt != at) {
    // the slip's features are the recogniser's error too: no agreement to check
    // Other is the recogniser's weakest call: the very same name of a known type overrides it
    const bool same_name_over_other = (mt == EntityType::Other || at == EntityType::Other) &&
                                      m.kind == MentionKind::Proper && a.kind == MentionKind::Proper &&
                                      name_words(m) == name_words(a);
    return same_name_over_other || outvoted(c, mi, ai) || outvoted(c, ai, mi) || mixed_toward(c, mi, mt, at) ||
           mixed_toward(c, ai, at, mt);
  }
  if (check_agreement && !cluster_agreement(c, mi).agrees_with(cluster_agreement(c, ai))) return false;
  return true;
}

bool sieve_matches(Sieve sieve, const SieveContext& c, std::uint32_t mi, std::uint32_t ai) {
  const CorefMention& m = c.mentions[mi];
  const CorefMention& a = c.mentions[ai];
  if ((m.numeric || a.numeric) && sieve != Sieve::ExactMatch) return false;
  // a name inside another's joins only the very same name: its words say nothing of the whole
  if ((m.nested || a.nested) && sieve != Sieve::ExactMatch) return false;
  switch (sieve) {
    case Sieve::Speaker:
      return quoted_speaker(c, mi) == ai;
    case Sieve::ExactMatch:
      return exact_match(c, m, a);
    case Sieve::PreciseConstructs:
      if (m.kind == MentionKind::Pronoun || a.kind == MentionKind::Pronoun || m.coordination || a.coordination) return false;
      return appositive(m, a) || predicate_nominative(m, a) || acronym(c, m, a);
    case Sieve::StrictHeadMatch:
      return strict_head(c, mi, ai, true);
    case Sieve::StrictHeadNoModifiers:
      return strict_head(c, mi, ai, false);
    case Sieve::ProperHeadMatch:
      return proper_head(c, mi, ai);
    case Sieve::RelaxedHeadMatch:
      return relaxed_head(c, mi, ai);
    case Sieve::Pronouns:
      return pronoun(c, mi, ai);
    case Sieve::Description:
      return description(c, mi, ai);
  }
  return false;
}

}  // namespace text2kg::coref
