#include "text2kg/extract/rules.hpp"

#include <algorithm>
#include <array>

#include "text2kg/text/demonyms.hpp"

namespace text2kg::extract {
namespace {

std::optional<std::string_view> demonym_country(const SentenceTree& tree, std::uint32_t t) {
  if (tree.deprel(t) != "amod") return std::nullopt;
  return country_for_demonym(tree.form(t));
}

/// The possessor of a noun when it names something (pronouns need coreference).
std::optional<std::uint32_t> named_possessor(const SentenceTree& tree, std::uint32_t noun) {
  for (const auto c : tree.children_with(noun, "nmod:poss")) {
    if (tree.upos(c) != Upos::PRON || tree.doc().layers().has(Layer::Coref)) return c;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> of_modifier(const SentenceTree& tree, std::uint32_t noun) {
  for (const auto c : tree.children_with(noun, "nmod")) {
    const auto preposition = tree.first_child(c, "case");
    if (preposition && tree.lemma(*preposition) == "of") return c;
  }
  return std::nullopt;
}

bool is_acronym(std::string_view form) {
  return form.size() >= 2 && std::all_of(form.begin(), form.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

/// A proper-noun compound before a relational noun names its holder: "UN envoy", "IBM
/// chairman", "Apple CEO". The compound must be an acronym or, with entity mentions, a
/// mention of its own: a capitalised title word ("Vice President", tagged as a name) is
/// part of the title.
std::optional<std::uint32_t> compound_holder(const SentenceTree& tree, std::uint32_t noun) {
  for (const auto c : tree.children(noun)) {
    // a name before the noun, whether the parser calls it compound or (misled by the
    // position of "US President") amod
    if (tree.deprel(c) != "compound" && tree.deprel(c) != "amod") continue;
    if (c > noun || tree.upos(c) != Upos::PROPN) continue;
    if (is_acronym(tree.form(c))) return c;
    if (!tree.doc().layers().has(Layer::Entities)) continue;
    for (const auto& m : tree.doc().mentions()) {
      if (m.tokens.contains(c) && !m.tokens.contains(noun)) return c;
    }
  }
  return std::nullopt;
}

/// The demonym written just before a title and its own words ("Brazilian President",
/// "Russian Foreign Minister"), whatever the parser attached it to: sentence-initial
/// demonyms are often misparsed as adverbs or subjects, and the word order still says what
/// they modify.
std::optional<std::string_view> demonym_before_title(const SentenceTree& tree, std::uint32_t noun) {
  std::uint32_t first = noun;
  while (first > tree.range().begin && tree.head(first - 1) == noun &&
         (tree.deprel(first - 1) == "amod" || tree.deprel(first - 1) == "compound")) {
    --first;
  }
  if (first == tree.range().begin) return std::nullopt;
  const std::uint32_t before = first - 1;
  if (tree.upos(before) != Upos::ADJ && tree.upos(before) != Upos::PROPN) return std::nullopt;
  return country_for_demonym(tree.form(before));
}

/// The title's words: its adjectives (less demonyms) and compounds (less a holder), then
/// itself.
PredicateWords title_words(const SentenceTree& tree, std::uint32_t noun) {
  std::vector<std::uint32_t> tokens = {noun};
  const auto holder = compound_holder(tree, noun);
  for (const auto c : tree.children(noun)) {
    const std::string_view rel = tree.deprel(c);
    if (c > noun || c == holder) continue;
    if ((rel == "amod" && !demonym_country(tree, c)) || rel == "compound") tokens.push_back(c);
  }
  std::sort(tokens.begin(), tokens.end());
  PredicateWords words;
  for (const auto t : tokens) words.add_token(tree, t);
  return words;
}

Fact nominal_fact(std::uint32_t subject, std::uint32_t anchor, std::string rule) {
  Fact f;
  f.subject = subject;
  f.anchor = anchor;
  f.rule = std::move(rule);
  return f;
}

bool is_name_head(const SentenceTree& tree, std::uint32_t t) {
  const std::string_view rel = tree.deprel(t);
  return tree.upos(t) == Upos::PROPN && rel != "flat" && rel != "compound" && rel != "nmod:desc" && rel != "fixed";
}

/// A form of address ("Mr.", "Mrs", "Dr."), which says nothing about a role: an
/// abbreviation with its full stop, or one of the common ones written without it.
bool is_honorific(const SentenceTree& tree, std::uint32_t t) {
  static constexpr std::array<std::string_view, 7> kHonorifics = {"mr", "mrs", "ms", "miss", "messrs", "dr", "sir"};
  const std::string_view form = tree.form(t);
  if (form.size() <= 5 && form.size() >= 2 && form.back() == '.' && tree.children(t).empty()) return true;
  const std::string lower = tree.lower_form(t);
  return std::find(kHonorifics.begin(), kHonorifics.end(), lower) != kHonorifics.end();
}

/// "Brazilian President Jair Bolsonaro", "Mexico's Foreign Minister Marcelo Ebrard".
void extract_titles(const SentenceTree& tree, std::uint32_t name, Facts& out) {
  std::vector<std::uint32_t> candidates = tree.children(name);
  const auto sibling = tree.deprel(name).starts_with("nsubj") && name > tree.range().begin &&
                               tree.deprel(name - 1) != "punct"
                           ? title_sibling(tree, name)
                           : std::nullopt;
  if (sibling) candidates.push_back(*sibling);
  for (const auto t : candidates) {
    const std::string_view rel = tree.deprel(t);
    const bool title =
        t == sibling || rel == "nmod:desc" || (rel == "compound" && tree.upos(t) == Upos::NOUN && t < name);
    if (!title || is_honorific(tree, t)) continue;
    if (const auto relation = relational_noun(tree, t, name)) {
      Fact f = nominal_fact(name, t, "title.of");
      f.predicate = relation->label;
      f.object = relation->target.value_or(t);
      f.object_country = relation->country;
      out.push_back(std::move(f));
    } else {
      Fact f = nominal_fact(name, t, "title.is_a");
      f.predicate.add_word("is", "be");
      f.object = t;
      out.push_back(std::move(f));
    }
  }
}

/// "Evo Morales, the former president of Bolivia," and "Bolivia's president, Evo Morales,".
void extract_apposition(const SentenceTree& tree, std::uint32_t appos, Facts& out) {
  const auto noun = tree.head(appos);
  if (!noun) return;
  std::uint32_t holder = *noun;
  std::uint32_t role = appos;
  if (tree.upos(*noun) == Upos::NOUN && tree.upos(appos) == Upos::PROPN) std::swap(holder, role);
  if (tree.upos(role) == Upos::NOUN) {
    if (const auto relation = relational_noun(tree, role)) {
      Fact f = nominal_fact(holder, role, "apposition.title_of");
      f.predicate = relation->label;
      f.object = relation->target.value_or(role);
      f.object_country = relation->country;
      out.push_back(std::move(f));
      return;
    }
  }
  if (tree.upos(role) != Upos::NOUN && tree.upos(role) != Upos::PROPN) return;
  // Two names side by side are often an alias ("the Housing Authority, HANO") but as often
  // a place and its region ("Birmingham, UK"): a rule of its own with a low prior.
  const bool two_names = tree.upos(holder) == Upos::PROPN && tree.upos(role) == Upos::PROPN;
  Fact f = nominal_fact(holder, role, two_names ? "apposition.name" : "apposition.is_a");
  f.predicate.add_word("is", "be");
  f.object = role;
  out.push_back(std::move(f));
}

/// A noun that already relates its holder through a title or apposition rule.
bool is_role_noun(const SentenceTree& tree, std::uint32_t noun) {
  const std::string_view rel = tree.deprel(noun);
  if (rel == "appos" || rel == "nmod:desc" || rel == "compound" || tree.first_child(noun, "cop")) return true;
  return !tree.children_with(noun, "appos").empty();
}

/// "Morales's supporters" and "opponents of Maduro": the thing -of-> its named holder.
void extract_of_relations(const SentenceTree& tree, std::uint32_t noun, Facts& out) {
  if (tree.upos(noun) != Upos::NOUN || is_role_noun(tree, noun)) return;
  if (const auto possessor = named_possessor(tree, noun); possessor && tree.upos(*possessor) == Upos::PROPN) {
    Fact f = nominal_fact(noun, noun, "possessive.of");
    f.predicate.add_word("of", "of");
    f.object = *possessor;
    out.push_back(std::move(f));
  }
  if (const auto holder = of_modifier(tree, noun); holder && tree.upos(*holder) == Upos::PROPN) {
    for (const auto& [h, depth] : with_conjuncts(tree, *holder)) {
      Fact f = nominal_fact(noun, noun, "nominal.of");
      f.predicate.add_word("of", "of");
      f.object = h;
      f.coordination_depth = depth;
      out.push_back(std::move(f));
    }
  }
}

/// "its headquarters in Washington", "Acme's plant at Ostrava": a possessed noun placed by
/// an in/at modifier naming a place says where the possessor has it: possessor -N_in->
/// place. The place and the possessor must be names: a possessive pronoun's antecedent is
/// the weakest link of coreference ("X's government collapsed after Y, with its
/// headquarters in Z" easily gives "its" to the subject).
void extract_possessed_place(const SentenceTree& tree, std::uint32_t noun, Facts& out) {
  if (tree.upos(noun) != Upos::NOUN || is_role_noun(tree, noun)) return;
  const auto possessor = named_possessor(tree, noun);
  if (!possessor || tree.upos(*possessor) != Upos::PROPN) return;
  for (const auto c : tree.children_with(noun, "nmod")) {
    if (c < noun || tree.upos(c) != Upos::PROPN) continue;
    const auto preposition = tree.first_child(c, "case");
    if (!preposition || (tree.lemma(*preposition) != "in" && tree.lemma(*preposition) != "at")) continue;
    Fact f = nominal_fact(*possessor, noun, "possessive.place");
    f.predicate.add_token(tree, noun);
    f.predicate.add_token(tree, *preposition);
    f.object = c;
    out.push_back(std::move(f));
    return;
  }
}

}  // namespace

std::optional<std::uint32_t> title_sibling(const SentenceTree& tree, std::uint32_t name) {
  const auto head = tree.head(name);
  if (!head) return std::nullopt;
  for (const auto t : tree.children(*head)) {
    if (t >= name || tree.upos(t) != Upos::NOUN || tree.deprel(t) != tree.deprel(name)) continue;
    const auto tokens = tree.subtree(t);
    const auto name_tokens = tree.subtree(name);
    if (!tokens.empty() && !name_tokens.empty() && tokens.back() + 1 == name_tokens.front()) return t;
  }
  return std::nullopt;
}

std::optional<Relation> relational_noun(const SentenceTree& tree, std::uint32_t noun, std::optional<std::uint32_t> name) {
  Relation relation;
  relation.label = title_words(tree, noun);
  relation.label.add_word("of", "of");
  if (const auto holder = of_modifier(tree, noun)) {
    relation.target = holder;
  } else if (const auto possessor = named_possessor(tree, noun)) {
    relation.target = possessor;
  } else if (const auto name_possessor = name ? named_possessor(tree, *name) : std::nullopt) {
    relation.target = name_possessor;
  } else if (const auto holder = compound_holder(tree, noun)) {
    relation.target = holder;
  } else {
    std::vector<std::uint32_t> modifiers = tree.children(noun);
    if (name) modifiers.insert(modifiers.end(), tree.children(*name).begin(), tree.children(*name).end());
    for (const auto c : modifiers) {
      if (const auto country = demonym_country(tree, c)) {
        relation.country = std::string(*country);
        return relation;
      }
    }
    if (const auto country = demonym_before_title(tree, noun)) {
      relation.country = std::string(*country);
      return relation;
    }
    return std::nullopt;
  }
  return relation;
}

void extract_nominal_facts(const RuleInput& input, Facts& out) {
  const SentenceTree& tree = input.tree;
  for (std::uint32_t t = tree.range().begin; t < tree.range().end; ++t) {
    if (is_name_head(tree, t)) extract_titles(tree, t, out);
    if (tree.deprel(t) == "appos") extract_apposition(tree, t, out);
    extract_of_relations(tree, t, out);
    extract_possessed_place(tree, t, out);
  }
}

}  // namespace text2kg::extract
