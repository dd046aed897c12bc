#include "text2kg/extract/rules.hpp"

namespace text2kg::extract {
namespace {

bool is_nominal(Upos upos) { return upos == Upos::NOUN || upos == Upos::PROPN || upos == Upos::PRON || upos == Upos::NUM; }

/// Ordinals, superlatives and the positional "next" / "last" rank their subject within a
/// domain ("next in line", "first in the queue", "the largest in the region"): the
/// prepositional phrase belongs to the property, it is not a second argument.
bool is_ranking_adjective(const SentenceTree& tree, std::uint32_t adjective) {
  const std::string lemma = tree.lower_form(adjective);
  return tree.has_feature(adjective, "Degree=Sup") || tree.has_feature(adjective, "NumType=Ord") ||
         lemma == "next" || lemma == "last" || lemma == "first";
}

bool has_domain(const SentenceTree& tree, std::uint32_t adjective) {
  for (const auto obl : tree.children_with(adjective, "obl")) {
    if (!is_temporal(tree, obl) && tree.first_child(obl, "case")) return true;
  }
  return false;
}

Fact fact_for(const SubjectRef& s, std::uint32_t predicate, const ClauseContext& context, std::string rule) {
  Fact f;
  f.subject = s.token;
  f.anchor = predicate;
  f.context = context;
  f.coordination_depth = s.coordination_depth;
  f.inherited_subject = s.inherited;
  f.rule = std::move(rule);
  return f;
}

}  // namespace

void extract_copulas(const RuleInput& input, Facts& out) {
  const SentenceTree& tree = input.tree;
  for (std::uint32_t p = tree.range().begin; p < tree.range().end; ++p) {
    const auto copula = tree.first_child(p, "cop");
    if (!copula) continue;
    const auto subjects = subjects_of(tree, p);
    if (subjects.empty()) continue;
    const ClauseContext context = clause_context(tree, p, input.document_date);
    PredicateWords be;
    be.add_token(tree, *copula);
    const Upos upos = tree.upos(p);
    for (const auto& s : subjects) {
      if (s.token == p) continue;
      const PredicateWords preposition = preposition_words(tree, p);
      if (is_nominal(upos) && !preposition.surface.empty()) {
        // "X is in La Paz": the predicate is a prepositional phrase
        Fact f = fact_for(s, p, context, "copula.location");
        f.predicate = be;
        f.predicate.append(preposition);
        f.object = p;
        out.push_back(std::move(f));
      } else if (upos == Upos::NOUN || upos == Upos::PROPN) {
        if (const auto relation = relational_noun(tree, p)) {
          Fact f = fact_for(s, p, context, "copula.nominal");
          f.predicate = relation->label;
          f.object = relation->target.value_or(p);
          f.object_country = relation->country;
          out.push_back(std::move(f));
        } else {
          Fact f = fact_for(s, p, context, "copula.is_a");
          f.predicate = be;
          f.object = p;
          out.push_back(std::move(f));
        }
      } else if (upos == Upos::ADJ && is_ranking_adjective(tree, p) && has_domain(tree, p)) {
        Fact f = fact_for(s, p, context, "copula.attribute");
        f.predicate = be;
        f.object = p;
        f.object_is_attribute = true;
        out.push_back(std::move(f));
      } else if (upos == Upos::ADJ) {
        for (const auto obl : tree.children_with(p, "obl")) {
          if (is_temporal(tree, obl)) continue;
          const PredicateWords obl_preposition = preposition_words(tree, obl);
          if (obl_preposition.surface.empty()) continue;
          Fact f = fact_for(s, p, context, "copula.adjective");
          f.predicate = be;
          f.predicate.add_token(tree, p);
          f.predicate.append(obl_preposition);
          f.object = obl;
          out.push_back(std::move(f));
        }
      }
    }
  }
}

}  // namespace text2kg::extract
