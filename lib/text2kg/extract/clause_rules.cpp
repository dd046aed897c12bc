#include "text2kg/extract/rules.hpp"

namespace text2kg::extract {
namespace {

bool is_clausal_verb(const SentenceTree& tree, std::uint32_t t) { return is_clause_verb(tree, t); }

bool is_passive(const SentenceTree& tree, std::uint32_t verb) {
  if (tree.first_child(verb, "nsubj:pass") || tree.first_child(verb, "aux:pass")) return true;
  return tree.deprel(verb) == "acl" && is_past_participle(tree, verb) && !tree.first_child(verb, "nsubj");
}

/// The predicate of a verb with its control chain: "began to march" when the controller
/// is aspectual; an intent verb ("pledged to return") is left to modality.
PredicateWords chained_predicate(const SentenceTree& tree, std::uint32_t verb, std::uint32_t hops_left) {
  PredicateWords words;
  const auto governor = tree.head(verb);
  if (hops_left > 0 && tree.deprel(verb) == "xcomp" && governor && tree.upos(*governor) == Upos::VERB &&
      !is_modal_control_verb(tree.lemma(*governor)) && !is_speech_verb(tree.lemma(*governor)) &&
      !tree.first_child(*governor, "obj")) {  // object control ("urged him to resign") is not one event
    words = chained_predicate(tree, *governor, hops_left - 1);
    if (const auto mark = tree.first_child(verb, "mark")) words.add_token(tree, *mark);
  }
  words.append(verb_words(tree, verb));
  return words;
}

PredicateWords chained_predicate(const SentenceTree& tree, std::uint32_t verb) {
  return chained_predicate(tree, verb, tree.size());  // the bound only guards a cyclic parse
}

/// Objects of a verb with their conjuncts; a conjoined verb without its own object shares
/// one written after it ("bought and sold the shares").
std::vector<std::pair<std::uint32_t, int>> objects_of(const SentenceTree& tree, std::uint32_t verb) {
  std::vector<std::pair<std::uint32_t, int>> out;
  for (const auto o : tree.children_with(verb, "obj")) {
    for (const auto& c : with_conjuncts(tree, o)) out.push_back(c);
  }
  if (out.empty() && tree.deprel(verb) == "conj") {
    const auto governor = tree.head(verb);
    for (const auto o : governor ? tree.children_with(*governor, "obj") : std::vector<std::uint32_t>{}) {
      if (o < verb) continue;
      for (auto c : with_conjuncts(tree, o)) out.emplace_back(c.first, c.second + 1);
    }
  }
  if (out.empty()) {
    for (const auto o : tree.children_with(verb, "iobj")) out.emplace_back(o, 0);
  }
  return out;
}

/// A counted span of time after "for": "governed for 14 years" says how long, a quantity
/// the clause is about, not when it happened.
bool is_duration(const SentenceTree& tree, std::uint32_t nominal) {
  const auto preposition = tree.first_child(nominal, "case");
  return preposition && tree.lemma(*preposition) == "for" && tree.first_child(nominal, "nummod");
}

/// Obliques that join the predicate: with a preposition, not temporal unless a duration.
std::vector<std::uint32_t> prepositional_obliques(const SentenceTree& tree, std::uint32_t verb) {
  std::vector<std::uint32_t> out;
  for (const auto o : tree.children_with(verb, "obl")) {
    if ((is_temporal(tree, o) && !is_duration(tree, o)) || preposition_words(tree, o).surface.empty()) continue;
    out.push_back(o);
  }
  return out;
}

struct ClauseBuilder {
  const SentenceTree& tree;
  std::uint32_t verb;
  ClauseContext context;
  Facts& out;

  void add(const SubjectRef& subject, std::uint32_t object, int object_depth, PredicateWords predicate,
           std::string rule) const {
    if (subject.token == object) return;
    Fact f;
    f.subject = subject.token;
    f.object = object;
    f.predicate = std::move(predicate);
    f.rule = std::move(rule);
    f.anchor = verb;
    f.context = context;
    f.coordination_depth = subject.coordination_depth + object_depth;
    f.inherited_subject = subject.inherited;
    out.push_back(std::move(f));
  }

  std::string rule_for(std::string_view plain) const {
    const std::string_view rel = tree.deprel(verb);
    if (rel == "acl:relcl") return "clause.relcl";
    if (rel == "acl") return "clause.acl";
    return std::string(plain);
  }
};

void extract_active(const ClauseBuilder& b, const std::vector<SubjectRef>& subjects) {
  const PredicateWords predicate = chained_predicate(b.tree, b.verb);
  const auto objects = objects_of(b.tree, b.verb);
  const auto obliques = prepositional_obliques(b.tree, b.verb);
  for (const auto& s : subjects) {
    for (const auto& [o, depth] : objects) b.add(s, o, depth, predicate, b.rule_for("clause.svo"));
    for (const auto obl : obliques) {
      PredicateWords with_preposition = predicate;
      with_preposition.append(preposition_words(b.tree, obl));
      for (const auto& [o, depth] : with_conjuncts(b.tree, obl)) {
        b.add(s, o, depth, with_preposition, b.rule_for("clause.obl"));
      }
    }
  }
}

void extract_passive(const ClauseBuilder& b, const std::vector<SubjectRef>& patients) {
  const SentenceTree& tree = b.tree;
  // Active reading when the agent is written: "was taken by the military" -> military take X.
  for (const auto agent : tree.children_with(b.verb, "obl:agent")) {
    for (const auto& [a, depth] : with_conjuncts(tree, agent)) {
      for (const auto& p : patients) {
        b.add({a, depth, false}, p.token, p.coordination_depth, chained_predicate(tree, b.verb), "passive.agent");
      }
    }
  }
  // Kept passive: "was taken to La Paz" -> was_taken_to / be_take_to.
  PredicateWords passive;
  const auto auxiliaries = tree.children_with(b.verb, "aux:pass");
  for (const auto aux : auxiliaries) passive.add_token(tree, aux);
  if (auxiliaries.empty()) passive.add_lemma("be");
  passive.append(chained_predicate(tree, b.verb));
  for (const auto& p : patients) {
    for (const auto& [o, depth] : objects_of(tree, b.verb)) b.add(p, o, depth, passive, "passive.obj");
    for (const auto obl : prepositional_obliques(tree, b.verb)) {
      PredicateWords with_preposition = passive;
      with_preposition.append(preposition_words(tree, obl));
      for (const auto& [o, depth] : with_conjuncts(tree, obl)) b.add(p, o, depth, with_preposition, "passive.obl");
    }
  }
}

}  // namespace

void extract_verbal_clauses(const RuleInput& input, Facts& out) {
  const SentenceTree& tree = input.tree;
  for (std::uint32_t verb = tree.range().begin; verb < tree.range().end; ++verb) {
    if (!is_clausal_verb(tree, verb)) continue;
    const auto subjects = subjects_of(tree, verb);
    if (subjects.empty()) continue;
    const ClauseBuilder builder{tree, verb, clause_context(tree, verb, input.document_date), out};
    if (is_passive(tree, verb)) {
      extract_passive(builder, subjects);
    } else {
      extract_active(builder, subjects);
    }
  }
}

}  // namespace text2kg::extract
