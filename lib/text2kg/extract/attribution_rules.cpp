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

bool is_quote(const SentenceTree& tree, std::uint32_t t, bool opening) {
  const std::string& xpos = tree.token(t).xpos;
  return tree.upos(t) == Upos::PUNCT && (opening ? xpos == "``" : xpos == "''");
}

/// A dependent of a speech verb set in quotation marks is what was said, whatever
/// relation the parser gave it ("'A great day,' the minister tweeted" parsed with the
/// quote as a time): its words run from just after an opening quote to a closing one.
std::optional<std::uint32_t> quoted_content(const SentenceTree& tree, std::uint32_t verb) {
  for (const auto c : tree.children(verb)) {
    const std::string_view rel = tree.deprel(c);
    if (rel.starts_with("nsubj") || rel == "punct" || rel.starts_with("aux") || rel == "ccomp") continue;
    const auto tokens = tree.subtree(c);
    if (tokens.size() < 2) continue;
    // the quotation marks may be the dependent's own punctuation or stand just outside it
    const auto begin = tree.range().begin, end = tree.range().end;
    const bool opened = is_quote(tree, tokens.front(), true) ||
                        (tokens.front() > begin && is_quote(tree, tokens.front() - 1, true));
    const bool closed = is_quote(tree, tokens.back(), false) ||
                        (tokens.back() + 1 < end && is_quote(tree, tokens.back() + 1, false));
    if (opened && closed) return c;
  }
  return std::nullopt;
}

}  // namespace

void extract_speech_acts(const RuleInput& input, Facts& out) {
  const SentenceTree& tree = input.tree;
  for (std::uint32_t verb = tree.range().begin; verb < tree.range().end; ++verb) {
    if (tree.upos(verb) != Upos::VERB || !is_speech_verb(tree.lemma(verb))) continue;
    if (const auto content = tree.first_child(verb, "ccomp")) {
      add_speech_act(input, verb, *content, std::nullopt, out);
    } else if (const auto quoted = quoted_content(tree, verb)) {
      add_speech_act(input, verb, *quoted, std::nullopt, out);
    } else if (tree.deprel(verb) == "parataxis" && !tree.first_child(verb, "obj")) {
      // "The talks failed, he said": the clause the speech verb interrupts is the content.
      if (const auto content = tree.head(verb)) add_speech_act(input, verb, *content, verb, out);
    }
  }
}

}  // namespace text2kg::extract
