#include "text2kg/extract/predicate.hpp"

#include <algorithm>
#include <cctype>

#include "text2kg/extract/time_expression.hpp"

namespace text2kg::extract {

std::string snake_case(const std::vector<std::string>& words) {
  std::string out;
  bool pending = false;
  for (const auto& word : words) {
    for (const char c : word) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || u >= 0x80) {
        if (pending && !out.empty()) out += '_';
        pending = false;
        out += static_cast<char>(std::tolower(u));
      } else {
        pending = true;
      }
    }
    pending = true;
  }
  return out;
}

void PredicateWords::add_token(const SentenceTree& tree, std::uint32_t t) {
  add_word(std::string(tree.form(t)), tree.lemma(t));
}

void PredicateWords::add_word(std::string surface_word, std::string lemma_word) {
  surface.push_back(std::move(surface_word));
  lemma.push_back(std::move(lemma_word));
}

void PredicateWords::add_lemma(std::string lemma_word) { lemma.push_back(std::move(lemma_word)); }

void PredicateWords::append(const PredicateWords& other) {
  surface.insert(surface.end(), other.surface.begin(), other.surface.end());
  lemma.insert(lemma.end(), other.lemma.begin(), other.lemma.end());
}

PredicateWords verb_words(const SentenceTree& tree, std::uint32_t verb) {
  PredicateWords words;
  words.add_token(tree, verb);
  for (const auto particle : tree.children_with(verb, "compound:prt")) words.add_token(tree, particle);
  return words;
}

PredicateWords preposition_words(const SentenceTree& tree, std::uint32_t nominal) {
  PredicateWords words;
  for (const auto c : tree.children(nominal)) {
    if (tree.deprel(c) != "case" || tree.upos(c) == Upos::PART) continue;  // not possessive 's
    words.add_token(tree, c);
    for (const auto part : tree.children_with(c, "fixed")) words.add_token(tree, part);
  }
  return words;
}

namespace {

void collect_name_parts(const SentenceTree& tree, std::uint32_t t, std::vector<std::uint32_t>& out) {
  out.push_back(t);
  if (out.size() > tree.size()) return;  // only a cyclic parse revisits a word
  const bool name = tree.upos(t) == Upos::PROPN;
  for (const auto c : tree.children(t)) {
    const std::string_view rel = tree.deprel(c);
    // A common-noun compound before a name is a title ("police officer John Smith"),
    // not part of the name.
    const bool part = rel == "flat" || rel == "flat:name" || rel == "fixed" ||
                      (rel == "compound" && (!name || tree.upos(c) == Upos::PROPN));
    if (part) collect_name_parts(tree, c, out);
  }
}

/// A unit counted by a number: a span of time ("14 years"), money ("$ 5"), a percentage.
/// Its number is part of what it names: "14 years" is not "years".
bool is_counted_unit(const SentenceTree& tree, std::uint32_t head) {
  const std::string lemma = tree.lemma(head);
  return tree.upos(head) == Upos::SYM || lemma == "percent" || lemma == "dollar" ||
         (tree.upos(head) == Upos::NOUN && is_time_word(lemma));
}

}  // namespace

std::vector<std::uint32_t> minimal_phrase(const SentenceTree& tree, std::uint32_t head) {
  std::vector<std::uint32_t> out;
  collect_name_parts(tree, head, out);
  if (tree.first_child(head, "nummod") && is_counted_unit(tree, head)) {
    for (const auto number : tree.children_with(head, "nummod")) collect_name_parts(tree, number, out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

/// Dependents of an argument head that belong to the clause or the predicate, not to the
/// argument: a predicate nominal's subject and copula, and a preposition already joined
/// to the predicate (a possessive 's stays).
bool is_clause_dependent(const SentenceTree& tree, std::uint32_t c) {
  const std::string_view rel = tree.deprel(c);
  if (rel == "case") return tree.upos(c) == Upos::ADP;
  return rel.starts_with("nsubj") || rel.starts_with("csubj") || rel.starts_with("aux") || rel == "cop" ||
         rel == "mark" || rel == "expl" || rel == "discourse" || rel == "vocative";
}

/// A relative clause set off by a comma ("Áñez, who is next in line,") adds a second
/// fact, not part of the name; a restrictive one ("protesters who blocked the road") stays.
bool is_nonrestrictive_clause(const SentenceTree& tree, std::uint32_t c) {
  if (tree.deprel(c) != "acl:relcl") return false;
  const auto tokens = tree.subtree(c);
  return !tokens.empty() && tree.upos(tokens.front()) == Upos::PUNCT;
}

}  // namespace

std::vector<std::uint32_t> full_phrase(const SentenceTree& tree, std::uint32_t head,
                                       std::optional<std::uint32_t> predicate) {
  // The child of `head` on the path up from the predicate, if the predicate is below head.
  std::optional<std::uint32_t> predicate_branch;
  std::uint32_t hops = 0;
  for (auto t = predicate; t && *t != head && hops <= tree.size(); t = tree.head(*t), ++hops) {
    if (tree.head(*t) == head) predicate_branch = *t;
  }
  auto tokens = tree.subtree(head, [&](std::uint32_t c) {
    if (tree.head(c) != head) return false;
    if (c == predicate_branch) return true;
    const std::string_view rel = tree.deprel(c);
    return rel == "conj" || rel == "cc" || rel == "appos" || rel == "parataxis" || rel == "punct" || rel == "dep" ||
           rel == "cc:preconj" || is_clause_dependent(tree, c) || is_nonrestrictive_clause(tree, c);
  });
  while (!tokens.empty() && tree.upos(tokens.front()) == Upos::PUNCT) tokens.erase(tokens.begin());
  while (!tokens.empty() && tree.upos(tokens.back()) == Upos::PUNCT) tokens.pop_back();
  return tokens;
}

std::string lemma_phrase(const SentenceTree& tree, const std::vector<std::uint32_t>& tokens) {
  std::string out;
  for (const auto t : tokens) {
    if (!out.empty()) out += ' ';
    out += tree.lemma(t);
  }
  return out;
}

}  // namespace text2kg::extract
