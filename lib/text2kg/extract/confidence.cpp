#include "text2kg/extract/confidence.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace text2kg::extract {
namespace {

double kind_factor(ArgumentKind kind) {
  switch (kind) {
    case ArgumentKind::Named: return 1.0;
    case ArgumentKind::Concept: return 0.9;
    case ArgumentKind::ResolvedPronoun: return 0.85;
    case ArgumentKind::Clause: return 0.8;
    case ArgumentKind::Pronoun: return 0.6;
  }
  return 0.6;
}

}  // namespace

double rule_prior(std::string_view rule) {
  static constexpr std::array<std::pair<std::string_view, double>, 24> kPriors = {{
      {"clause.svo", 0.9},
      {"clause.obl", 0.8},
      {"clause.relcl", 0.8},
      {"clause.acl", 0.7},
      {"passive.agent", 0.85},
      {"passive.obl", 0.75},
      {"passive.obj", 0.75},
      {"copula.nominal", 0.85},
      {"copula.is_a", 0.75},
      {"copula.adjective", 0.7},
      {"copula.attribute", 0.7},
      {"copula.location", 0.8},
      {"apposition.title_of", 0.85},
      {"apposition.is_a", 0.75},
      {"apposition.name", 0.45},
      {"title.of", 0.85},
      {"title.is_a", 0.7},
      {"possessive.of", 0.6},
      {"nominal.of", 0.55},
      {"possessive.place", 0.55},
      {"attribution.said", 0.7},
      {"clause.complement", 0.75},  // CaRB view: a clause whose complement is a clause or predicate
      {"clause.modifier", 0.65},
      {"copula.attribute", 0.5},   // CaRB view: (X; is; responsible for Y)
  }};
  for (const auto& [name, prior] : kPriors) {
    if (name == rule) return prior;
  }
  return 0.5;
}

double triple_confidence(const ConfidenceInputs& in) {
  double c = rule_prior(in.rule) * kind_factor(in.subject) * kind_factor(in.object);
  if (in.sentence_length > 20) c *= std::max(0.6, 1.0 - 0.01 * static_cast<double>(in.sentence_length - 20));
  if (in.distance > 4) c *= std::max(0.6, 1.0 - 0.02 * static_cast<double>(in.distance - 4));
  c *= std::pow(0.9, in.coordination_depth);
  if (in.inherited_subject) c *= 0.85;
  if (in.attributed) c *= 0.9;
  c = std::clamp(c, 0.01, 1.0);
  return std::round(c * 1000.0) / 1000.0;
}

}  // namespace text2kg::extract
