#include "text2kg/extract/rules.hpp"

namespace text2kg::extract {
namespace {

void add_speech_act(const RuleInput& input, std::uint32_t verb, std::uint32_t content,
                    std::optional<std::uint32_t> skip, Facts& out) {
  const SentenceTree& tree = input.tree;
  ClauseContext context = clause_context(tree, verb, input.document_date);
  for (const auto& s : subjects_of(tree, verb)) {
    Fact f;
    f.subject = s.token;
    f.object = content;
    f.object_is_clause = true;
    f.clause_skip = skip;
    f.predicate = verb_words(tree, verb);
    f.rule = "attribution.said";
    f.anchor = verb;
    f.context = context;
    f.coordination_depth = s.coordination_depth;
    f.inherited_subject = s.inherited;
    out.push_back(std::move(f));
  }
}

}  // namespace

void extract_speech_acts(const RuleInput& input, Facts& out) {
  const SentenceTree& tree = input.tree;
  for (std::uint32_t verb = tree.range().begin; verb < tree.range().end; ++verb) {
    if (tree.upos(verb) != Upos::VERB || !is_speech_verb(tree.lemma(verb))) continue;
    if (const auto content = tree.first_child(verb, "ccomp")) {
      add_speech_act(input, verb, *content, std::nullopt, out);
    } else if (tree.deprel(verb) == "parataxis" && !tree.first_child(verb, "obj")) {
      // "The talks failed, he said": the clause the speech verb interrupts is the content.
      if (const auto content = tree.head(verb)) add_speech_act(input, verb, *content, verb, out);
    }
  }
}

}  // namespace text2kg::extract
