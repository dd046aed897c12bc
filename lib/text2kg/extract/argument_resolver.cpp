#include "text2kg/extract/argument_resolver.hpp"

#include "text2kg/extract/entity_key.hpp"
#include "text2kg/extract/predicate.hpp"

namespace text2kg::extract {
namespace {

/// Text of a token range anywhere in the document (a chain's representative may be in
/// another sentence).
std::string document_text(const Document& doc, TokenRange range) {
  std::string out;
  for (std::uint32_t t = range.begin; t < range.end; ++t) {
    out += doc.form(t);
    if (t + 1 < range.end && doc.tokens()[t].space_after) out += ' ';
  }
  return out;
}

}  // namespace

ResolvedArguments::ResolvedArguments(const SentenceTree& tree) : tree_(tree) {
  // One pass per sentence, so that resolving an argument does not scan the whole
  // document's mentions (quadratic in the document's length otherwise).
  const Document& doc = tree_.doc();
  if (!doc.layers().has(Layer::Entities)) return;
  const TokenRange range = tree_.range();
  for (std::uint32_t m = 0; m < doc.mentions().size(); ++m) {
    const TokenRange tokens = doc.mentions()[m].tokens;
    if (tokens.begin < range.end && tokens.end > range.begin) sentence_mentions_.push_back(m);
  }
}

bool ResolvedArguments::is_relative_pronoun(std::uint32_t t) const {
  if (tree_.upos(t) != Upos::PRON && tree_.upos(t) != Upos::DET) return false;
  const std::string& xpos = tree_.token(t).xpos;
  const bool relative = tree_.has_feature(t, "PronType=Rel") || xpos == "WP" || xpos == "WDT";
  if (!relative) return false;
  const auto clause = tree_.head(t);
  return clause && tree_.deprel(*clause) == "acl:relcl";
}

std::uint32_t ResolvedArguments::antecedent(std::uint32_t t) const {
  if (!is_relative_pronoun(t)) return t;
  const auto clause = tree_.head(t);
  const auto noun = clause ? tree_.head(*clause) : std::nullopt;
  return noun ? *noun : t;
}

std::optional<std::uint32_t> ResolvedArguments::mention_at(std::uint32_t head) const {
  const Document& doc = tree_.doc();
  if (!doc.layers().has(Layer::Entities)) return std::nullopt;
  std::optional<std::uint32_t> best;
  for (const std::uint32_t m : sentence_mentions_) {
    const Mention& mention = doc.mentions()[m];
    if (!mention.tokens.contains(head)) continue;
    if (mention.head == head) return m;
    if (!best || mention.tokens.size() < doc.mentions()[*best].tokens.size()) best = m;
  }
  return best;
}

ResolvedArgument ResolvedArguments::resolve(std::uint32_t token, std::optional<std::uint32_t> predicate) const {
  const std::uint32_t head = antecedent(token);
  ResolvedArgument r;
  const auto minimal = minimal_phrase(tree_, head);
  const auto full = full_phrase(tree_, head, predicate);
  r.argument.surface = tree_.text(minimal);
  r.argument.phrase = tree_.text(full.empty() ? minimal : full);
  r.chars = tree_.chars(minimal);
  const Document& doc = tree_.doc();
  if (const auto m = mention_at(head)) {
    const Mention& mention = doc.mentions()[*m];
    const Mention* representative = &mention;
    if (mention.chain && doc.layers().has(Layer::Coref) && *mention.chain < doc.chains().size()) {
      const CorefChain& chain = doc.chains()[*mention.chain];
      if (chain.representative < doc.mentions().size()) representative = &doc.mentions()[chain.representative];
    }
    r.via_coref = representative != &mention;
    r.argument.type = representative->type != EntityType::None ? representative->type : mention.type;
    r.argument.name = document_text(doc, representative->tokens);
    r.argument.key = make_entity_key(r.argument.type, r.argument.name);
    if (mention.kind == MentionKind::Pronoun) {
      r.kind = r.via_coref ? ArgumentKind::ResolvedPronoun : ArgumentKind::Pronoun;
    } else {
      r.kind = representative->kind == MentionKind::Nominal ? ArgumentKind::Concept : ArgumentKind::Named;
    }
    return r;
  }
  const Upos upos = tree_.upos(head);
  if (upos == Upos::PRON) {
    r.kind = ArgumentKind::Pronoun;
    r.argument.name = r.argument.surface;
    r.argument.key = make_entity_key(EntityType::None, r.argument.name);
  } else if (upos == Upos::PROPN) {
    r.kind = ArgumentKind::Named;
    r.argument.name = r.argument.surface;
    r.argument.key = make_entity_key(EntityType::None, r.argument.name);
  } else {
    r.kind = ArgumentKind::Concept;
    r.argument.type = EntityType::Concept;
    r.argument.name = r.argument.surface;
    r.argument.key = make_entity_key(EntityType::Concept, lemma_phrase(tree_, minimal));
  }
  return r;
}

ResolvedArgument ResolvedArguments::resolve_clause(std::uint32_t clause_head, std::optional<std::uint32_t> skip) const {
  ResolvedArgument r;
  auto tokens = tree_.subtree(clause_head, [&](std::uint32_t c) {
    if (c == skip) return true;
    return tree_.head(c) == clause_head && (tree_.deprel(c) == "mark" || tree_.deprel(c) == "punct");
  });
  while (!tokens.empty() && tree_.upos(tokens.front()) == Upos::PUNCT) tokens.erase(tokens.begin());
  while (!tokens.empty() && tree_.upos(tokens.back()) == Upos::PUNCT) tokens.pop_back();
  r.kind = ArgumentKind::Clause;
  r.argument.type = EntityType::Other;
  r.argument.surface = tree_.text(tokens);
  r.argument.name = r.argument.surface;
  r.argument.phrase = r.argument.surface;
  r.argument.key = make_entity_key(EntityType::Other, r.argument.name);
  r.chars = tree_.chars(tokens);
  return r;
}

}  // namespace text2kg::extract
