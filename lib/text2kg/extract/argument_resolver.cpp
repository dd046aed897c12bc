#include "text2kg/extract/argument_resolver.hpp"

#include <algorithm>
#include <array>

#include "text2kg/coref/mention_features.hpp"

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

/// A name in an of-apposition to a geographic classifier, "the town of Chimore", "the
/// province of Chaco": the noun says what kind of place the name is. (Relational nouns,
/// "the capital of France", name another place and are not in the list.)
bool names_a_place_by_its_classifier(const SentenceTree& tree, std::uint32_t name) {
  static constexpr std::array<std::string_view, 14> kPlaceClassifiers = {
      "city", "county", "department", "district", "island", "municipality", "port",
      "province", "region", "republic", "state", "territory", "town", "village"};
  if (tree.deprel(name) != "nmod") return false;
  const auto classifier = tree.head(name);
  const auto preposition = tree.first_child(name, "case");
  if (!classifier || !preposition || tree.lemma(*preposition) != "of" || tree.upos(*classifier) != Upos::NOUN) return false;
  const std::string lemma = tree.lemma(*classifier);
  return std::find(kPlaceClassifiers.begin(), kPlaceClassifiers.end(), lemma) != kPlaceClassifiers.end();
}

}  // namespace

std::vector<std::vector<std::uint32_t>> mentions_by_sentence(const Document& doc) {
  std::vector<std::vector<std::uint32_t>> out(doc.sentences().size());
  if (!doc.layers().has(Layer::Entities)) return out;
  for (std::uint32_t m = 0; m < doc.mentions().size(); ++m) {
    const TokenRange tokens = doc.mentions()[m].tokens;
    if (tokens.empty() || tokens.end > doc.tokens().size()) continue;
    // a mention may cross a sentence boundary the tokenizer drew: every sentence it touches
    const std::uint32_t first = doc.tokens()[tokens.begin].sentence, last = doc.tokens()[tokens.end - 1].sentence;
    for (std::uint32_t s = first; s <= last && s < out.size(); ++s) out[s].push_back(m);
  }
  return out;
}

ResolvedArguments::ResolvedArguments(const SentenceTree& tree, std::vector<std::uint32_t> sentence_mentions)
    : tree_(tree), sentence_mentions_(std::move(sentence_mentions)) {}

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

bool ResolvedArguments::is_relative_pronoun(std::uint32_t t) const { return relative_antecedent(t).has_value(); }

std::uint32_t ResolvedArguments::antecedent(std::uint32_t t) const { return relative_antecedent(t).value_or(t); }

std::optional<std::uint32_t> ResolvedArguments::relative_antecedent(std::uint32_t t) const {
  if (tree_.upos(t) != Upos::PRON && tree_.upos(t) != Upos::DET) return std::nullopt;
  const std::string& xpos = tree_.token(t).xpos;
  const bool relative = tree_.has_feature(t, "PronType=Rel") || xpos == "WP" || xpos == "WDT";
  if (!relative) return std::nullopt;
  const auto clause = tree_.head(t);
  if (!clause) return std::nullopt;
  if (tree_.deprel(*clause) == "acl:relcl") return tree_.head(*clause);
  return adjacent_antecedent(t, *clause);
}

std::optional<std::uint32_t> ResolvedArguments::adjacent_antecedent(std::uint32_t t, std::uint32_t clause) const {
  // A relative clause the parser attached elsewhere ("Anez, who is next in line" read as a
  // parataxis): who / whom / which follows its antecedent directly, or after one comma.
  // "what" and "that" are left alone (a free relative, a complementiser), and so is an
  // embedded question ("asked who came"), whose clause is a complement.
  const std::string word = tree_.lower_form(t);
  if (word != "who" && word != "whom" && word != "which") return std::nullopt;
  const std::string_view clause_rel = tree_.deprel(clause);
  if (clause_rel.starts_with("ccomp") || clause_rel.starts_with("csubj") || clause_rel == "xcomp") return std::nullopt;
  std::uint32_t before = t;
  if (before == tree_.range().begin) return std::nullopt;
  --before;
  if (tree_.upos(before) == Upos::PUNCT && tree_.form(before) == ",") {
    if (before == tree_.range().begin) return std::nullopt;
    --before;
  }
  if (tree_.upos(before) != Upos::NOUN && tree_.upos(before) != Upos::PROPN) return std::nullopt;
  // from the last word of the name or compound up to the phrase's head
  std::uint32_t head = before;
  for (std::uint32_t hops = 0; hops < tree_.size(); ++hops) {
    const std::string_view rel = tree_.deprel(head);
    const auto up = tree_.head(head);
    if (!up || !(rel == "flat" || rel == "compound" || rel == "fixed" || rel == "goeswith")) break;
    head = *up;
  }
  // the antecedent lies outside the clause it would head
  std::uint32_t hops = 0;  // bounded: a cyclic parse must not loop
  for (auto x = std::optional<std::uint32_t>(head); x && hops <= tree_.size(); x = tree_.head(*x), ++hops) {
    if (*x == clause) return std::nullopt;
  }
  return head;
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

namespace {

/// The concept node a description names: its minimal phrase, keyed by its lemmas.
void name_concept(const SentenceTree& tree, std::uint32_t head, Argument& argument) {
  const auto minimal = minimal_phrase(tree, head);
  argument.type = EntityType::Concept;
  argument.name = tree.text(minimal);
  argument.key = make_entity_key(EntityType::Concept, lemma_phrase(tree, minimal));
}

}  // namespace

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
    // A pronoun whose chain has no name but a description ("the military ... it") stands for
    // that description's concept node, keyed as the description itself is: a node named "it"
    // would join every unresolved "it" of the corpus.
    if (mention.kind == MentionKind::Pronoun && representative != &mention &&
        representative->kind == MentionKind::Nominal && representative->head < doc.tokens().size()) {
      const SentenceTree antecedent_tree(doc, doc.tokens()[representative->head].sentence);
      if (antecedent_tree.upos(representative->head) == Upos::NOUN) {
        name_concept(antecedent_tree, representative->head, r.argument);
        r.kind = ArgumentKind::ResolvedPronoun;
        r.via_coref = true;
        return r;
      }
    }
    // Otherwise only a chain named somewhere resolves: a description or pronoun whose chain
    // has no name keeps the reading it has without coreference (a concept keyed by its lemmas).
    if (mention.kind != MentionKind::Proper && representative->kind != MentionKind::Proper) return resolve_plain(r, head);
    // a copular predicate ("Kim is the mayor") describes its subject: keep the description,
    // or the fact would be a loop on one node
    if (mention.kind == MentionKind::Nominal && tree_.first_child(head, "cop")) return resolve_plain(r, head);
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
  return resolve_plain(r, head);
}

ResolvedArgument ResolvedArguments::resolve_plain(ResolvedArgument r, std::uint32_t head) const {
  const auto minimal = minimal_phrase(tree_, head);
  const Upos upos = tree_.upos(head);
  if (upos == Upos::PRON) {
    r.kind = ArgumentKind::Pronoun;
    r.argument.name = r.argument.surface;
    r.argument.key = make_entity_key(EntityType::None, r.argument.name);
  } else if (upos == Upos::PROPN && !(minimal.size() == 1 && coref::is_title_word(tree_.form(head)) &&
                                      tree_.form(head).find('.') == std::string_view::npos)) {
    // a title capitalised on its own ("is President") names no one: it is the concept
    r.kind = ArgumentKind::Named;
    r.argument.name = r.argument.surface;
    if (names_a_place_by_its_classifier(tree_, head)) r.argument.type = EntityType::Place;
    r.argument.key = make_entity_key(r.argument.type, r.argument.name);
  } else {
    r.kind = ArgumentKind::Concept;
    name_concept(tree_, head, r.argument);
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
  r.argument.type = EntityType::Claim;
  r.argument.surface = tree_.text(tokens);
  r.argument.name = r.argument.surface;
  r.argument.phrase = r.argument.surface;
  r.argument.key = make_entity_key(EntityType::Claim, r.argument.name);
  r.chars = tree_.chars(tokens);
  return r;
}

ResolvedArgument ResolvedArguments::resolve_attribute(std::uint32_t adjective) const {
  const auto tokens = tree_.subtree(adjective, [&](std::uint32_t c) {
    return tree_.head(c) == adjective && !tree_.deprel(c).starts_with("obl");
  });
  ResolvedArgument r;
  r.kind = ArgumentKind::Concept;
  r.argument.type = EntityType::Concept;
  r.argument.surface = tree_.text(tokens);
  r.argument.name = r.argument.surface;
  r.argument.phrase = r.argument.surface;
  r.argument.key = make_entity_key(EntityType::Concept, lemma_phrase(tree_, tokens));
  r.chars = tree_.chars(tokens);
  return r;
}

}  // namespace text2kg::extract
