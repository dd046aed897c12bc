#include "text2kg/coref/mention_detection.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <cctype>
#include <optional>
#include <span>

#include "text2kg/base/ascii.hpp"

namespace text2kg::coref {
namespace {

bool is_nominal(Upos u) { return u == Upos::NOUN || u == Upos::PROPN; }

bool has_feature(const Token& t, std::string_view feature) { return t.feats.find(feature) != std::string::npos; }

bool plural(const Token& t) {
  return has_feature(t, "Number=Plur") || t.xpos == "NNS" || t.xpos == "NNPS";
}

/// `deprel` is `rel` or a subtype of it ("nsubj:pass"). Asked a dozen times per token, and
/// nearly always false on the first letter, so that is tested before any string compare.
bool base_rel(std::string_view deprel, std::string_view rel) {
  if (deprel.empty() || rel.empty() || deprel.front() != rel.front() || !deprel.starts_with(rel)) return false;
  return deprel.size() == rel.size() || deprel[rel.size()] == ':';
}

/// Dependency children per token of one sentence (document indices), in sentence order,
/// stored as one array with an offset per token; refilled sentence by sentence, so a
/// document allocates it about once.
class Children {
 public:
  void fill(const Document& doc, TokenRange sentence) {
    first_ = sentence.begin;
    start_.assign(sentence.size() + 1, 0);
    const auto head_in_sentence = [&](std::uint32_t t) -> std::optional<std::uint32_t> {
      const std::int32_t h = doc.tokens()[t].head;
      if (h < 0 || !sentence.contains(static_cast<std::uint32_t>(h))) return std::nullopt;
      return static_cast<std::uint32_t>(h) - first_;
    };
    for (std::uint32_t t = sentence.begin; t < sentence.end; ++t) {
      if (const auto h = head_in_sentence(t)) ++start_[*h + 1];
    }
    for (std::size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
    children_.resize(start_.back());
    next_.assign(start_.begin(), start_.end() - 1);
    for (std::uint32_t t = sentence.begin; t < sentence.end; ++t) {
      if (const auto h = head_in_sentence(t)) children_[next_[*h]++] = t;
    }
  }
  std::span<const std::uint32_t> of(std::uint32_t t) const {
    return {children_.data() + start_[t - first_], children_.data() + start_[t - first_ + 1]};
  }
  std::uint32_t sentence_size() const { return static_cast<std::uint32_t>(start_.size() - 1); }

 private:
  std::uint32_t first_ = 0;
  std::vector<std::uint32_t> start_;
  std::vector<std::uint32_t> children_;
  std::vector<std::uint32_t> next_;  ///< fill()'s write position per token
};

/// Widens [lo, hi] to the subtree of `t` (bounded by the sentence: a cyclic parse ends).
void widen_to_subtree(const Children& children, std::uint32_t t, std::uint32_t& lo, std::uint32_t& hi, std::uint32_t depth) {
  lo = std::min(lo, t);
  hi = std::max(hi, t);
  if (depth > children.sentence_size()) return;
  for (const std::uint32_t c : children.of(t)) widen_to_subtree(children, c, lo, hi, depth + 1);
}

/// The extent of a phrase headed by `head`: its subtree without children the predicate
/// rejects, trimmed of edge punctuation and leading prepositions.
template <class Drop>
TokenRange extent_of(const Document& doc, const Children& children, std::uint32_t head, Drop drop) {
  std::uint32_t lo = head, hi = head;
  for (const std::uint32_t c : children.of(head)) {
    const Token& child = doc.tokens()[c];
    if (drop(c, child)) continue;
    // a preposition or subordinator before the head is not part of the noun phrase
    if (c < head && (base_rel(child.deprel, "case") || base_rel(child.deprel, "mark"))) continue;
    widen_to_subtree(children, c, lo, hi, 1);
  }
  std::uint32_t begin = lo;
  std::uint32_t end = hi + 1;
  while (begin < head && (doc.tokens()[begin].upos == Upos::PUNCT || doc.tokens()[begin].upos == Upos::CCONJ)) ++begin;
  while (end - 1 > head && doc.tokens()[end - 1].upos == Upos::PUNCT) --end;
  return {begin, end};
}

bool outside_phrase(const Token& child) {
  return base_rel(child.deprel, "appos") || base_rel(child.deprel, "conj") || base_rel(child.deprel, "cc") ||
         base_rel(child.deprel, "parataxis") || base_rel(child.deprel, "discourse") ||
         base_rel(child.deprel, "vocative") || base_rel(child.deprel, "punct") || base_rel(child.deprel, "dislocated") ||
         base_rel(child.deprel, "reparandum") || base_rel(child.deprel, "orphan");
}

bool clause_dependent(const Token& child) {
  static constexpr std::string_view rels[] = {"nsubj", "csubj", "cop", "aux", "mark", "advcl", "obl", "ccomp",
                                              "xcomp", "expl", "advmod", "obj", "iobj"};
  for (const std::string_view rel : rels) {
    if (base_rel(child.deprel, rel)) return true;
  }
  return false;
}

/// The head word of a name, lower case: its last word ("Morales" of "Evo Morales"), a
/// possessive 's aside; in a name that is no person's, the last before a preposition inside
/// it ("University" of "University of Florida", "Coupe" of "Coupe de France"; a person's
/// "de" is a particle: "Henri de Saint-Simon").
std::string name_head_word(const Document& doc, TokenRange name, EntityType type) {
  static constexpr std::array<std::string_view, 9> kPrepositions = {"at", "da", "de", "del", "des", "di", "du", "for", "of"};
  std::uint32_t end = name.end;
  for (std::uint32_t t = name.begin + 1; t + 1 < name.end && type != EntityType::Person; ++t) {
    if (std::binary_search(kPrepositions.begin(), kPrepositions.end(), doc.form(t))) {
      end = t;
      break;
    }
  }
  std::uint32_t last = end - 1;
  while (last > name.begin && doc.tokens()[last].upos == Upos::PART) --last;
  return ascii_lower(doc.form(last));
}

bool is_content(Upos u) { return u == Upos::NOUN || u == Upos::PROPN || u == Upos::ADJ || u == Upos::NUM || u == Upos::VERB; }

void sort_unique(std::vector<std::uint32_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

/// Every token's form in lower case, lowered once per document: the mentions ask for the same
/// words many times over (head words, extent texts, name lookups, word ids of nested phrases).
class LowerForms {
 public:
  explicit LowerForms(const Document& doc) : end_(doc.tokens().size() + 1, 0) {
    text_.reserve(doc.text().size());
    for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
      text_ += doc.form(t);
      end_[t + 1] = text_.size();
    }
    for (char& c : text_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  std::string_view of(std::uint32_t t) const { return std::string_view(text_).substr(end_[t], end_[t + 1] - end_[t]); }
  /// lower_text of `range`, into `out`.
  void join(TokenRange range, std::string& out) const {
    out.clear();
    for (std::uint32_t t = range.begin; t < range.end; ++t) {
      if (!out.empty()) out += ' ';
      out += of(t);
    }
  }

 private:
  std::string text_;
  std::vector<std::size_t> end_;  ///< token t's form is text_[end_[t], end_[t + 1])
};

/// Numbers words (equal words, equal ids) in order of first sight. The words are views:
/// they must outlive the numbering (the document's lower-cased forms, the mentions' texts
/// while the mention list stands still), so numbering a word allocates nothing. Open
/// addressing over a power-of-two table, at most half full.
class WordNumbers {
 public:
  explicit WordNumbers(std::size_t expected) : slots_(table_size(expected)) {}

  std::uint32_t id_of(std::string_view word) {
    std::size_t slot = std::hash<std::string_view>{}(word) & (slots_.size() - 1);
    while (slots_[slot].id != kEmpty) {
      if (slots_[slot].word == word) return slots_[slot].id;
      slot = (slot + 1) & (slots_.size() - 1);
    }
    slots_[slot] = {word, count_};
    if (2 * ++count_ > slots_.size()) grow();
    return count_ - 1;
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::string_view word;
    std::uint32_t id = kEmpty;
  };
  static std::size_t table_size(std::size_t expected) {
    std::size_t size = 64;
    while (size < 2 * expected) size *= 2;
    return size;
  }
  void grow() {
    std::vector<Slot> old(2 * slots_.size());
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.id == kEmpty) continue;
      std::size_t slot = std::hash<std::string_view>{}(s.word) & (slots_.size() - 1);
      while (slots_[slot].id != kEmpty) slot = (slot + 1) & (slots_.size() - 1);
      slots_[slot] = s;
    }
  }

  std::vector<Slot> slots_;
  std::uint32_t count_ = 0;
};

bool is_quotation_mark(std::string_view f) { return f == "\"" || f == "\u201c" || f == "\u201d" || f == "``" || f == "''"; }

/// Per token: how many quotation marks come before it in its sentence.
std::vector<std::uint32_t> quotation_marks_before(const Document& doc) {
  std::vector<std::uint32_t> before(doc.tokens().size(), 0);
  for (const Sentence& sentence : doc.sentences()) {
    std::uint32_t marks = 0;
    for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) {
      before[t] = marks;
      marks += is_quotation_mark(doc.form(t)) ? 1 : 0;
    }
  }
  return before;
}

/// Quotation marks in `sentence` before token `t` (which normally lies inside it).
std::uint32_t marks_in_sentence_before(const Document& doc, TokenRange sentence, std::span<const std::uint32_t> before,
                                       std::uint32_t t) {
  if (t <= sentence.begin) return 0;
  if (t < sentence.end) return before[t];
  std::uint32_t marks = before[sentence.end - 1] + (is_quotation_mark(doc.form(sentence.end - 1)) ? 1 : 0);
  for (std::uint32_t u = sentence.end; u < t; ++u) marks += is_quotation_mark(doc.form(u)) ? 1 : 0;
  return marks;
}

/// Sorted by extent start, longer first, ties in their present order: the order is found on
/// indices and each mention moved once (a stable sort of the mentions moved them log n times).
std::vector<CorefMention> in_text_order(std::vector<CorefMention> mentions) {
  std::vector<std::uint32_t> order(mentions.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const TokenRange x = mentions[a].extent, y = mentions[b].extent;
    if (x.begin != y.begin) return x.begin < y.begin;
    return x.size() > y.size();
  });
  std::vector<CorefMention> sorted;
  sorted.reserve(mentions.size());
  for (const std::uint32_t i : order) sorted.push_back(std::move(mentions[i]));
  return sorted;
}

/// The word sets the sieves compare: content words of the extent (lower case), with and
/// without the head token, and the name's words less a leading title and possessive marks.
/// `word_id(t)` numbers token t's lower-cased form.
/// The lists are gathered in `buffer` first, so that each is allocated once, at its size.
template <class WordId>
void set_word_ids(const Document& doc, CorefMention& m, WordId&& word_id, std::vector<std::uint32_t>& buffer) {
  buffer.clear();
  std::size_t head_at = SIZE_MAX;  // where the head token's id is in buffer, if it is a content word
  for (std::uint32_t t = m.extent.begin; t < m.extent.end; ++t) {
    if (!is_content(doc.tokens()[t].upos)) continue;
    if (t == m.head) head_at = buffer.size();
    buffer.push_back(word_id(t));
  }
  m.content_ids.assign(buffer.begin(), buffer.end());
  m.modifier_ids.reserve(buffer.size() - (head_at == SIZE_MAX ? 0 : 1));
  for (std::size_t k = 0; k < buffer.size(); ++k) {
    if (k != head_at) m.modifier_ids.push_back(buffer[k]);
  }
  sort_unique(m.content_ids);
  sort_unique(m.modifier_ids);
  m.name_ids.reserve(m.name.size());
  for (std::uint32_t t = m.name.begin; t < m.name.end; ++t) {
    if (doc.tokens()[t].upos == Upos::PART || doc.tokens()[t].upos == Upos::PUNCT) continue;
    if (t == m.name.begin && is_title_word(doc.form(t))) continue;
    m.name_ids.push_back(word_id(t));
  }
}

/// The token whose relation gives a mention its grammatical role: a name attached by `flat`
/// under a title noun ("vice president Jeanine Anez", a common misparse) or an appositive
/// plays the role of the phrase it belongs to.
std::uint32_t role_token(const Document& doc, std::uint32_t t) {
  for (int hops = 0; hops < 8; ++hops) {
    const Token& token = doc.tokens()[t];
    if (token.head < 0 || !(base_rel(token.deprel, "flat") || base_rel(token.deprel, "appos"))) break;
    t = static_cast<std::uint32_t>(token.head);
  }
  return t;
}

void set_proper_agreement(CorefMention& m, const Document& doc, const LowerForms& lower, const CorefStatistics& stats) {
  Agreement& a = m.agreement;
  a.person = person::kThird;
  const std::string_view first = lower.of(m.name.begin);
  std::uint32_t given = m.name.begin;
  if (is_title_word(first)) {
    m.has_title = true;
    a.animacy = animacy::kAnimate;  // a title is held by a person
    if (first == "mr" || first == "mr.") a.gender = gender::kMale;
    if (first == "mrs" || first == "mrs." || first == "ms" || first == "ms." || first == "miss") a.gender = gender::kFemale;
    ++given;
  }
  switch (m.type) {
    case EntityType::Person:
      a.number = number::kSingular;
      a.animacy = animacy::kAnimate;
      if (a.gender == gender::kUnknown) a.gender = gender::kMale | gender::kFemale;
      if (given + 1 < m.name.end) {
        if (const auto* counts = stats.name(lower.of(given))) {
          const std::uint8_t g = CorefStatistics::gender_of(*counts);
          if (g == gender::kMale || g == gender::kFemale) a.gender = g;
        }
      }
      break;
    case EntityType::Place:
      a.number = number::kSingular;
      a.gender = gender::kNeuter;
      a.animacy = animacy::kInanimate;
      break;
    case EntityType::Organization:
      a.gender = gender::kNeuter;
      a.animacy = animacy::kInanimate;
      break;
    case EntityType::Event:
    case EntityType::Date:
    case EntityType::Other:
    case EntityType::Concept:
    case EntityType::Claim:
      a.gender = gender::kNeuter;
      a.animacy = animacy::kInanimate;
      a.number = plural(doc.tokens()[m.head]) ? number::kPlural : number::kSingular;
      break;
    case EntityType::None:
      a.number = plural(doc.tokens()[m.head]) ? number::kPlural : number::kSingular;
      if (m.has_title) break;
      if (const auto* counts = stats.name(lower.of(given))) {
        a.animacy = CorefStatistics::animacy_of(*counts);
        const std::uint8_t g = CorefStatistics::gender_of(*counts);
        if (a.animacy == animacy::kAnimate && (g == gender::kMale || g == gender::kFemale)) a.gender = g;
        if (a.animacy == animacy::kInanimate) a.gender = gender::kNeuter;
        // a one-word name the recogniser missed takes the type GUM gives it ("Russia": place)
        if (m.name.size() == 1 && !m.entity_mention) m.type = CorefStatistics::type_of(*counts);
      }
      break;
  }
}

/// A number standing as an argument on its own ("in 1859", "[17]"), not counting a noun.
bool standalone_number(const Token& t) {
  return !(base_rel(t.deprel, "nummod") || base_rel(t.deprel, "compound") || base_rel(t.deprel, "flat") ||
           base_rel(t.deprel, "fixed") || base_rel(t.deprel, "goeswith") || base_rel(t.deprel, "amod"));
}

void set_nominal_agreement(CorefMention& m, const Document& doc, const CorefStatistics& stats) {
  const Token& head = doc.tokens()[m.head];
  Agreement& a = m.agreement;
  a.person = person::kThird;
  a.number = plural(head) ? number::kPlural : number::kSingular;
  if (const auto* counts = stats.noun(m.head_word)) {
    a.animacy = CorefStatistics::animacy_of(*counts);
    a.gender = CorefStatistics::gender_of(*counts);
    if (a.animacy == animacy::kInanimate) a.gender = gender::kNeuter;
    if (a.animacy == animacy::kAnimate && a.gender == gender::kNeuter) a.gender = gender::kMale | gender::kFemale;
    if (a.number == number::kPlural) a.gender = gender::kUnknown;
    m.type = CorefStatistics::type_of(*counts);
  }
}

/// A name inside another name, as its modifier ("San Francisco" of "the San Francisco
/// Bulletin"): a proper noun that is a compound of a proper noun after it. It is a mention
/// when the recogniser found the same words as a name of their own elsewhere.
bool nested_name(const Document& doc, std::uint32_t t) {
  const Token& token = doc.tokens()[t];
  if (token.upos != Upos::PROPN || token.head <= static_cast<std::int32_t>(t) || !base_rel(token.deprel, "compound")) return false;
  const Token& parent = doc.tokens()[static_cast<std::uint32_t>(token.head)];
  return parent.upos == Upos::PROPN;
}

/// The mention of a nested name at `t`: the word with the proper nouns before it that hang
/// from it by flat or compound; linked by name only (nested_name).
CorefMention nested_name_mention(const Document& doc, const Children& children, std::uint32_t t, std::uint32_t sentence,
                                 const LowerForms& lower, const CorefStatistics& stats) {
  CorefMention m;
  m.head = t;
  m.sentence = sentence;
  m.kind = MentionKind::Proper;
  m.nested = true;
  m.parent = doc.tokens()[t].head;
  std::uint32_t begin = t;
  for (const std::uint32_t c : children.of(t)) {
    const Token& child = doc.tokens()[c];
    if (c < t && child.upos == Upos::PROPN && (base_rel(child.deprel, "flat") || base_rel(child.deprel, "compound"))) {
      begin = std::min(begin, c);
    }
  }
  m.extent = m.name = {begin, t + 1};
  m.head_word = name_head_word(doc, m.name, m.type);
  set_proper_agreement(m, doc, lower, stats);
  return m;
}

}  // namespace

std::string lower_text(const Document& doc, TokenRange range) {
  std::string out;
  for (std::uint32_t t = range.begin; t < range.end; ++t) {
    if (!out.empty()) out += ' ';
    out += ascii_lower(doc.form(t));
  }
  return out;
}

std::vector<CorefMention> detect_mentions(const Document& doc, const CorefStatistics& stats, const ExtentModel* extents) {
  std::vector<CorefMention> out;
  out.reserve(doc.tokens().size() / 2);  // a guess that spares most regrowth (each moves every mention)
  const LowerForms lower(doc);
  const bool entities = doc.layers().has(Layer::Entities);
  // names by head token, and which tokens lie inside a name
  std::vector<std::int32_t> name_at_head(doc.tokens().size(), -1);
  std::vector<std::int32_t> inside_name(doc.tokens().size(), -1);
  if (entities) {
    for (std::uint32_t m = 0; m < doc.mentions().size(); ++m) {
      const Mention& mention = doc.mentions()[m];
      if (mention.kind != MentionKind::Proper || mention.tokens.end > doc.tokens().size()) continue;
      name_at_head[mention.head] = static_cast<std::int32_t>(m);
      for (std::uint32_t t = mention.tokens.begin; t < mention.tokens.end; ++t) inside_name[t] = static_cast<std::int32_t>(m);
    }
  }
  // the recognised names' texts, lower case, sorted
  std::vector<std::string> name_texts;
  std::string text;
  if (entities) {
    for (const Mention& mention : doc.mentions()) {
      if (mention.kind != MentionKind::Proper || mention.tokens.end > doc.tokens().size()) continue;
      lower.join(mention.tokens, text);
      name_texts.push_back(text);
    }
    std::sort(name_texts.begin(), name_texts.end());
  }
  Children children;
  for (std::uint32_t s = 0; s < doc.sentences().size(); ++s) {
    const TokenRange sentence = doc.sentences()[s].tokens;
    children.fill(doc, sentence);
    for (std::uint32_t t = sentence.begin; t < sentence.end; ++t) {
      const Token& token = doc.tokens()[t];
      const bool name_head = name_at_head[t] >= 0;
      if (!name_head && nested_name(doc, t)) {
        // only a name the recogniser found on its own elsewhere ("San Francisco", not "World" of "World Bank")
        CorefMention nested = nested_name_mention(doc, children, t, s, lower, stats);
        lower.join(nested.name, text);
        if (std::binary_search(name_texts.begin(), name_texts.end(), text)) out.push_back(std::move(nested));
        continue;
      }
      if (!name_head && inside_name[t] >= 0) continue;  // a word inside a recognised name
      CorefMention m;
      m.head = t;
      m.sentence = s;
      m.subject = base_rel(doc.tokens()[role_token(doc, t)].deprel, "nsubj");
      m.appositive = base_rel(token.deprel, "appos");
      m.parent = token.head;
      if (token.upos == Upos::PRON && !name_head) {
        if (!pronoun_agreement(doc.form(t), m.agreement)) continue;
        m.kind = MentionKind::Pronoun;
        m.extent = m.name = {t, t + 1};
        m.head_word = lower.of(t);
        out.push_back(std::move(m));
        continue;
      }
      const bool numeric = token.upos == Upos::NUM && !name_head && standalone_number(token);
      if (!is_nominal(token.upos) && !name_head && !numeric) continue;
      const std::int32_t parent = token.head;
      const bool in_parent_name =
          parent >= 0 && doc.tokens()[static_cast<std::uint32_t>(parent)].upos == Upos::PROPN && token.upos == Upos::PROPN &&
          (base_rel(token.deprel, "flat") || base_rel(token.deprel, "compound"));
      if (!name_head && (in_parent_name || base_rel(token.deprel, "fixed") || base_rel(token.deprel, "goeswith"))) continue;
      // "Dr." of "Dr. Bailey" is part of the name's phrase, not a mention of its own
      if (!name_head && parent >= 0 && doc.tokens()[static_cast<std::uint32_t>(parent)].upos == Upos::PROPN &&
          is_title_word(doc.form(t)) && static_cast<std::uint32_t>(parent) > t) {
        continue;
      }
      // a copular predicate ("X is the issue") is a phrase without its clause: subject, copula ...
      bool predicate = false;
      bool has_subject = false;
      for (const std::uint32_t c : children.of(t)) {
        predicate |= base_rel(doc.tokens()[c].deprel, "cop");
        has_subject |= base_rel(doc.tokens()[c].deprel, "nsubj") || base_rel(doc.tokens()[c].deprel, "csubj") || base_rel(doc.tokens()[c].deprel, "aux");
      }
      m.copular = predicate;
      predicate |= has_subject;
      m.extent = extent_of(doc, children, t, [predicate](std::uint32_t, const Token& child) {
        return outside_phrase(child) || (predicate && clause_dependent(child));
      });
      if (name_head) {
        const Mention& name = doc.mentions()[static_cast<std::uint32_t>(name_at_head[t])];
        m.kind = MentionKind::Proper;
        m.type = name.type;
        m.name = name.tokens;
        m.entity_mention = static_cast<std::uint32_t>(name_at_head[t]);
        m.extent.begin = std::min(m.extent.begin, name.tokens.begin);
        m.extent.end = std::max(m.extent.end, name.tokens.end);
      } else if (token.upos == Upos::PROPN) {
        m.kind = MentionKind::Proper;
        // the name: the head with the flat / compound proper nouns right next to it
        const auto name_part = [&](std::uint32_t c) {
          const Token& child = doc.tokens()[c];
          return child.head == static_cast<std::int32_t>(t) && child.upos == Upos::PROPN &&
                 (base_rel(child.deprel, "flat") || base_rel(child.deprel, "compound"));
        };
        std::uint32_t begin = t, end = t + 1;
        while (begin > sentence.begin && name_part(begin - 1)) --begin;
        while (end < sentence.end && name_part(end)) ++end;
        m.name = {begin, end};
      } else if (numeric) {
        m.kind = MentionKind::Nominal;
        m.numeric = true;
        m.name = {t, t + 1};
      } else {
        m.kind = MentionKind::Nominal;
        std::uint32_t begin = t;
        for (const std::uint32_t c : children.of(t)) {
          const Token& child = doc.tokens()[c];
          if (c < t && (base_rel(child.deprel, "compound") || base_rel(child.deprel, "amod") ||
                        base_rel(child.deprel, "flat"))) {
            begin = std::min(begin, c);
          }
        }
        m.name = {begin, t + 1};
      }
      if (extents != nullptr && !m.numeric) m.extent = extents->refine(doc, m.extent, t, m.name, m.kind == MentionKind::Proper);
      m.head_word = m.kind == MentionKind::Nominal ? (token.lemma.empty() ? std::string(lower.of(t)) : ascii_lower(token.lemma))
                                                   : name_head_word(doc, m.name, m.type);
      if (m.numeric) {
        m.agreement = {number::kUnknown, gender::kNeuter, animacy::kInanimate, person::kThird};
      } else if (m.kind == MentionKind::Nominal) {
        set_nominal_agreement(m, doc, stats);
      } else {
        set_proper_agreement(m, doc, lower, stats);
      }
      // a coordination ("Kim and Lee") is one more, plural mention over all conjuncts
      bool coordinated = false;
      for (const std::uint32_t c : children.of(t)) {
        const Token& child = doc.tokens()[c];
        coordinated |= base_rel(child.deprel, "conj") && (is_nominal(child.upos) || child.upos == Upos::PRON);
      }
      if (coordinated && !base_rel(token.deprel, "compound")) {
        CorefMention whole;
        whole.extent = extent_of(doc, children, t, [](std::uint32_t, const Token& child) {
          return base_rel(child.deprel, "appos") || base_rel(child.deprel, "parataxis") ||
                 base_rel(child.deprel, "discourse") || base_rel(child.deprel, "vocative");
        });
        whole.name = whole.extent;
        whole.head = t;
        whole.sentence = s;
        whole.kind = MentionKind::Nominal;
        whole.coordination = true;
        whole.subject = m.subject;
        whole.agreement = {number::kPlural, gender::kUnknown, animacy::kUnknown, person::kThird};
        lower.join(whole.extent, whole.head_word);
        out.push_back(std::move(whole));
      }
      out.push_back(std::move(m));
    }
  }
  // names whose head is neither a noun nor a pronoun (a tagging error) still count
  if (entities) {
    std::vector<bool> seen(doc.mentions().size(), false);
    for (const CorefMention& m : out) {
      if (m.entity_mention) seen[*m.entity_mention] = true;
    }
    for (std::uint32_t i = 0; i < doc.mentions().size(); ++i) {
      const Mention& name = doc.mentions()[i];
      if (seen[i] || name.kind != MentionKind::Proper || name.tokens.empty()) continue;
      CorefMention m;
      m.extent = m.name = name.tokens;
      m.head = name.head;
      m.sentence = doc.tokens()[name.head].sentence;
      m.kind = MentionKind::Proper;
      m.type = name.type;
      m.entity_mention = i;
      m.head_word = name_head_word(doc, name.tokens, name.type);
      set_proper_agreement(m, doc, lower, stats);
      out.push_back(std::move(m));
    }
  }
  for (CorefMention& m : out) {
    TokenRange r = m.extent;
    while (r.size() > 1 && doc.tokens()[r.begin].upos == Upos::DET) {
      const std::string_view w = lower.of(r.begin);
      if (w != "the" && w != "a" && w != "an") break;
      ++r.begin;
    }
    while (r.size() > 1 && doc.tokens()[r.end - 1].upos == Upos::PART) --r.end;
    lower.join(r, m.exact_text);
  }
  // quotation marks: a mention after an odd number of them in its sentence is quoted
  const std::vector<std::uint32_t> marks_before = quotation_marks_before(doc);
  for (CorefMention& m : out) {
    const TokenRange sentence = doc.sentences()[m.sentence].tokens;
    m.quoted = marks_in_sentence_before(doc, sentence, marks_before, m.extent.begin) % 2 == 1;
  }
  // the mentions stay put from here on: their texts can be numbered by view
  WordNumbers numbers(2 * out.size());
  // a word inside several nested mentions is looked up once
  constexpr std::uint32_t kUnset = UINT32_MAX;
  std::vector<std::uint32_t> token_ids(doc.tokens().size(), kUnset);
  const auto word_id = [&](std::uint32_t t) {
    if (token_ids[t] == kUnset) token_ids[t] = numbers.id_of(lower.of(t));
    return token_ids[t];
  };
  std::vector<std::uint32_t> buffer;
  for (CorefMention& m : out) {
    m.head_id = numbers.id_of(m.head_word);
    m.exact_id = numbers.id_of(m.exact_text);
    set_word_ids(doc, m, word_id, buffer);
  }
  return in_text_order(std::move(out));
}

}  // namespace text2kg::coref
