#include "text2kg/extract/extractor.hpp"

#include <algorithm>
#include <cstdlib>

#include "text2kg/base/error.hpp"
#include "text2kg/extract/argument_resolver.hpp"
#include "text2kg/extract/confidence.hpp"
#include "text2kg/extract/entity_key.hpp"
#include "text2kg/extract/rules.hpp"

namespace text2kg::extract {
namespace {

constexpr Layers kRequired = Layer::Tokens | Layer::Sentences | Layer::Pos | Layer::Lemmas | Layer::Deps;

Evidence evidence_for(const Fact& fact, const ResolvedArgument& subject, const ResolvedArgument& object) {
  if (subject.via_coref || object.via_coref) return Evidence::Resolved;
  const std::string_view rule = fact.rule;
  if (rule.starts_with("title.") || rule.starts_with("apposition.") || rule.starts_with("possessive.") ||
      rule.starts_with("nominal.")) {
    return Evidence::Nominal;
  }
  return Evidence::Explicit;
}

ResolvedArgument country_argument(const std::string& country) {
  ResolvedArgument r;
  r.kind = ArgumentKind::Named;
  r.argument.type = EntityType::Place;
  r.argument.name = country;
  r.argument.surface = country;
  r.argument.phrase = country;
  r.argument.key = make_entity_key(EntityType::Place, country);
  return r;
}

std::size_t distance(std::uint32_t a, std::uint32_t b) { return a > b ? a - b : b - a; }

class SentenceExtraction {
 public:
  SentenceExtraction(const Document& doc, std::uint32_t sentence, std::vector<std::uint32_t> mentions)
      : tree_(doc, sentence), arguments_(tree_, std::move(mentions)) {}

  void run(std::vector<Triple>& out, const ExtractorOptions& options) {
    const RuleInput input{tree_, tree_.doc().meta().date};
    Facts facts;
    extract_verbal_clauses(input, facts);
    extract_copulas(input, facts);
    extract_nominal_facts(input, facts);
    extract_speech_acts(input, facts);
    const std::size_t first = out.size();
    for (const auto& fact : facts) {
      auto triple = to_triple(fact, options.keep_unresolved_pronouns);
      if (!triple || triple->provenance.confidence < options.min_confidence) continue;
      add_unique(out, first, std::move(*triple));
    }
  }

 private:
  static void add_unique(std::vector<Triple>& out, std::size_t first, Triple triple) {
    for (std::size_t i = first; i < out.size(); ++i) {
      Triple& seen = out[i];
      if (seen.subject.key == triple.subject.key && seen.predicate_lemma == triple.predicate_lemma &&
          seen.object.key == triple.object.key) {
        if (triple.provenance.confidence > seen.provenance.confidence) seen = std::move(triple);
        return;
      }
    }
    out.push_back(std::move(triple));
  }

  ResolvedArgument object_of(const Fact& fact) const {
    if (!fact.object_country.empty()) return country_argument(fact.object_country);
    if (fact.object_is_clause) return arguments_.resolve_clause(fact.object, fact.clause_skip);
    if (fact.object_is_attribute) return arguments_.resolve_attribute(fact.object);
    return arguments_.resolve(fact.object, fact.anchor);
  }

  std::optional<Triple> to_triple(const Fact& fact, bool keep_unresolved_pronouns) const {
    const ResolvedArgument subject = arguments_.resolve(fact.subject, fact.anchor);
    const ResolvedArgument object = object_of(fact);
    const bool unresolved = subject.kind == ArgumentKind::Pronoun || object.kind == ArgumentKind::Pronoun;
    if (unresolved && !keep_unresolved_pronouns) return std::nullopt;
    Triple t;
    t.predicate = fact.predicate.surface_name();
    t.predicate_lemma = fact.predicate.lemma_name();
    if (t.predicate.empty()) t.predicate = t.predicate_lemma;
    if (t.predicate_lemma.empty() || subject.argument.name.empty() || object.argument.name.empty()) return std::nullopt;
    if (subject.argument.key == object.argument.key) return std::nullopt;
    t.subject = subject.argument;
    t.object = object.argument;
    Provenance& p = t.provenance;
    const Document& doc = tree_.doc();
    const Sentence& sentence = doc.sentences()[tree_.sentence()];
    p.doc_id = std::string(doc.id());
    p.sentence = tree_.sentence();
    p.sentence_chars = sentence.chars;
    p.sentence_text = std::string(doc.text_of(sentence.chars));
    p.subject_chars = subject.chars;
    p.object_chars = object.chars;
    p.rule = fact.rule;
    p.level = evidence_for(fact, subject, object);
    p.negated = fact.context.negated;
    p.modality = fact.context.modality;
    if (fact.context.attributed_to) p.attributed_to = arguments_.resolve(*fact.context.attributed_to).argument.key;
    p.time = fact.context.time;
    p.time_normalized = fact.context.time_normalized;
    p.place = fact.context.place;
    ConfidenceInputs inputs;
    inputs.rule = fact.rule;
    inputs.subject = subject.kind;
    inputs.object = object.kind;
    inputs.sentence_length = tree_.size();
    const std::uint32_t subject_head = arguments_.antecedent(fact.subject);
    inputs.distance = std::max(distance(subject_head, fact.anchor), distance(fact.object, fact.anchor));
    inputs.coordination_depth = fact.coordination_depth;
    inputs.inherited_subject = fact.inherited_subject;
    inputs.attributed = fact.context.attributed_to.has_value();
    p.confidence = triple_confidence(inputs);
    return t;
  }

  SentenceTree tree_;
  ResolvedArguments arguments_;
};

}  // namespace

Extractor::Extractor(ExtractorOptions options) : options_(options) {}

std::vector<Triple> Extractor::extract(const Document& doc) const {
  if (!doc.layers().has(kRequired)) {
    throw Error("extractor: document '" + std::string(doc.id()) + "' lacks layers: " +
                describe(kRequired.missing_from(doc.layers())));
  }
  std::vector<Triple> out;
  auto mentions = mentions_by_sentence(doc);
  for (std::uint32_t s = 0; s < doc.sentences().size(); ++s) {
    SentenceExtraction(doc, s, std::move(mentions[s])).run(out, options_);
  }
  return out;
}

}  // namespace text2kg::extract
