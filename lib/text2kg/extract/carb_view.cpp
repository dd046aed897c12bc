#include "text2kg/extract/carb_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "text2kg/extract/argument_resolver.hpp"
#include "text2kg/extract/confidence.hpp"
#include "text2kg/extract/rules.hpp"

namespace text2kg::extract::carb {
namespace {

bool is_negation(const SentenceTree& tree, std::uint32_t t) {
  if (tree.deprel(t) != "advmod") return false;
  const std::string lemma = tree.lemma(t);
  return lemma == "not" || lemma == "n't" || lemma == "never";
}

bool is_verb_group_word(const SentenceTree& tree, std::uint32_t c) {
  const std::string_view rel = tree.deprel(c);
  return rel == "aux" || rel == "aux:pass" || rel == "cop" || is_negation(tree, c);
}

/// A governor whose xcomp continues its verb group: "began to march", "tried to woo",
/// "was able to control". Object control ("urged him to resign") and speech verbs are
/// two events.
bool continues_into_xcomp(const SentenceTree& tree, std::uint32_t governor) {
  if (tree.first_child(governor, "cop")) return tree.upos(governor) == Upos::ADJ;
  return tree.upos(governor) == Upos::VERB && !is_speech_verb(tree.lemma(governor)) &&
         !tree.first_child(governor, "obj");
}

/// True when the xcomp `x` continues its governor's verb group: a verb ("began to
/// march"), or a copular predicate under a verb ("was considered to be the patron").
bool joins_governor(const SentenceTree& tree, std::uint32_t x) {
  if (tree.deprel(x) != "xcomp") return false;
  const auto governor = tree.head(x);
  if (!governor || !continues_into_xcomp(tree, *governor)) return false;
  if (tree.first_child(x, "cop")) return tree.upos(*governor) == Upos::VERB && !tree.first_child(*governor, "cop");
  return tree.upos(x) == Upos::VERB;
}

/// The xcomp that continues `t`'s verb group, if any.
std::optional<std::uint32_t> chained_xcomp(const SentenceTree& tree, std::uint32_t t) {
  for (const auto x : tree.children_with(t, "xcomp")) {
    if (joins_governor(tree, x)) return x;
  }
  return std::nullopt;
}

/// The verb group ending at `verb`, from the top of its control chain: top first.
std::vector<std::uint32_t> control_chain(const SentenceTree& tree, std::uint32_t verb) {
  std::vector<std::uint32_t> chain = {verb};
  std::uint32_t t = verb;
  for (std::uint32_t hops = 0; hops < tree.size() && joins_governor(tree, t); ++hops) {
    const auto governor = tree.head(t);
    if (!governor) break;
    chain.push_back(*governor);
    t = *governor;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::size_t subjects_own(const SentenceTree& tree, std::uint32_t verb) {
  std::size_t n = 0;
  for (const auto c : tree.children(verb)) n += tree.deprel(c).starts_with("nsubj") || tree.deprel(c).starts_with("csubj");
  return n;
}

/// Relation words of a verb group as written: auxiliaries, copula, negation and adverbs
/// inside the group ("has also said"), each verb and its particle, the "to" between.
std::vector<std::uint32_t> verb_group(const SentenceTree& tree, std::uint32_t verb) {
  std::vector<std::uint32_t> words;
  const auto chain = control_chain(tree, verb);
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const std::uint32_t e = chain[i];
    std::optional<std::uint32_t> first_aux;
    for (const auto c : tree.children(e)) {
      if (c > e) continue;
      if (is_verb_group_word(tree, c)) {
        words.push_back(c);
        if (!first_aux || c < *first_aux) first_aux = c;
      }
      if (i > 0 && tree.deprel(c) == "mark") words.push_back(c);
    }
    for (const auto c : tree.children_with(e, "advmod")) {
      const bool inside = first_aux ? c > *first_aux : c + 1 == e;  // "has also said", "also said"
      if (inside && c < e && tree.upos(c) == Upos::ADV && !is_negation(tree, c) && tree.token(c).xpos != "WRB") words.push_back(c);
    }
    // "has bought and sold": a conjoined verb without its own subject or auxiliary shares
    // the auxiliaries of the verb it is conjoined with
    const auto governor = tree.head(e);
    if (i == 0 && !first_aux && governor && tree.deprel(e) == "conj" && tree.upos(*governor) == Upos::VERB &&
        subjects_own(tree, e) == 0) {
      for (const auto c : tree.children(*governor)) {
        const std::string_view r = tree.deprel(c);
        if (c < *governor && (r == "aux" || r == "aux:pass")) words.push_back(c);
      }
    }
    words.push_back(e);
    for (const auto particle : tree.children_with(e, "compound:prt")) words.push_back(particle);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

std::string without_possessive_clitic(std::string phrase) {
  for (const std::string_view clitic : {" 's", " '", "'s", " \u2019s", "\u2019s"}) {
    if (phrase.size() > clitic.size() && phrase.compare(phrase.size() - clitic.size(), clitic.size(), clitic) == 0) {
      phrase.resize(phrase.size() - clitic.size());
      return phrase;
    }
  }
  return phrase;
}

std::string clean(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

std::size_t distance(std::uint32_t a, std::uint32_t b) { return a > b ? a - b : b - a; }

/// How much of its triple confidence a reading keeps in the CaRB view. Open IE gold states
/// clauses; a verbless reading (copula and apposition as "is", a title, a noun and its
/// holder) is right as a graph edge more often than it matches a tuple an annotator wrote
/// (on CaRB dev, matched precision: clauses 0.54-0.68, copulas and appositions 0.32-0.56,
/// noun-to-holder facts 0.24-0.32).
double view_factor(std::string_view rule) {
  if (rule.starts_with("clause.") || rule == "attribution.said") return 1.0;
  if (rule == "possessive.of" || rule == "nominal.of") return 0.4;
  return 0.7;
}

class ViewBuilder {
 public:
  explicit ViewBuilder(const SentenceTree& tree) : tree_(tree), arguments_(tree) {}

  void verbal_clauses() {
    for (std::uint32_t v = tree_.range().begin; v < tree_.range().end; ++v) {
      if (!is_clause_verb(tree_, v)) continue;
      if (chained_xcomp(tree_, v)) continue;  // the verb group ends further down
      clause(v, false);
    }
  }

  void copular_clauses() {
    for (std::uint32_t p = tree_.range().begin; p < tree_.range().end; ++p) {
      if (!tree_.first_child(p, "cop") || chained_xcomp(tree_, p)) continue;
      clause(p, true);
    }
  }

  /// Facts of the shared copula, nominal and attribution rules that the clause readings
  /// above do not already state.
  void shared_facts(const Facts& facts) {
    for (const auto& f : facts) fact(f);
  }

  std::vector<Extraction> take() { return std::move(out_); }

 private:
  struct Complement {
    std::uint32_t head;
    std::string text;  ///< the clause or predicate as an argument
  };

  /// An argument's words (full_phrase of the head, or of the noun a relative pronoun
  /// stands for); a phrase set in quotation marks keeps them: `` Video Concert Hall ''.
  std::string phrase(std::uint32_t head, std::optional<std::uint32_t> predicate = std::nullopt) const {
    auto tokens = full_phrase(tree_, arguments_.antecedent(head), predicate);
    if (tokens.empty()) return without_possessive_clitic(arguments_.resolve(head, predicate).argument.phrase);
    const TokenRange range = tree_.range();
    if (tokens.front() > range.begin && tokens.back() + 1 < range.end &&
        tree_.token(tokens.front() - 1).xpos == "``" && tree_.token(tokens.back() + 1).xpos == "''") {
      tokens.insert(tokens.begin(), tokens.front() - 1);
      tokens.push_back(tokens.back() + 1);
    }
    return without_possessive_clitic(tree_.text(tokens));
  }

  std::string words_text(const std::vector<std::uint32_t>& words) const {
    std::string out;
    for (const auto w : words) {
      if (!out.empty()) out += ' ';
      out += tree_.form(w);
    }
    return out;
  }

  /// "has", or "had" when the clause the noun belongs to is in the past tense.
  std::string have(std::uint32_t noun) const {
    std::uint32_t t = noun;
    for (std::uint32_t hops = 0; hops < tree_.size(); ++hops) {
      const auto head = tree_.head(t);
      if (!head) break;
      t = *head;
      if (!is_clause_verb(tree_, t) && !tree_.first_child(t, "cop")) continue;
      if (tree_.has_feature(t, "Tense=Past") && tree_.token(t).xpos != "VBN") return "had";
      for (const auto c : tree_.children(t)) {
        const std::string_view r = tree_.deprel(c);
        if ((r == "aux" || r == "aux:pass" || r == "cop") && tree_.has_feature(c, "Tense=Past")) return "had";
      }
      return "has";
    }
    return "has";
  }

  /// An oblique as a further argument, with its preposition ("in 1941"). A preposition
  /// that is not an ADP ("due to", "including") already stays in the phrase.
  std::string prepositional(std::uint32_t obl, std::uint32_t predicate) const {
    const std::string preposition = join(preposition_words(tree_, obl).surface);
    const std::string text = phrase(obl, predicate);
    if (preposition.empty() || text == preposition || text.starts_with(preposition + " ")) return text;
    return join({preposition, text});
  }

  /// A clause's subtree as text, without its edge punctuation.
  std::string clause_text(std::uint32_t head, bool without_mark) const {
    auto tokens = tree_.subtree(head, [&](std::uint32_t c) {
      return tree_.head(c) == head && ((without_mark && tree_.deprel(c) == "mark") || tree_.deprel(c) == "punct");
    });
    while (!tokens.empty() && tree_.upos(tokens.front()) == Upos::PUNCT) tokens.erase(tokens.begin());
    while (!tokens.empty() && tree_.upos(tokens.back()) == Upos::PUNCT) tokens.pop_back();
    return tree_.text(tokens);
  }

  /// A participle that modifies a noun or a clause without a subject or auxiliary of its
  /// own ("industries backed by X", "Founded in 1990, the firm", "sponsored by X and
  /// signed into law": a conjunct of one too).
  bool participial_modifier(std::uint32_t v) const {
    std::uint32_t t = v;
    for (std::uint32_t hops = 0; hops < tree_.size(); ++hops) {
      const bool participle = is_past_participle(tree_, t) || tree_.token(t).xpos == "VBG";
      if (!participle || subjects_own(tree_, t) > 0) return false;
      for (const auto c : tree_.children(t)) {
        if (tree_.deprel(c).starts_with("aux") || tree_.deprel(c) == "cop") return false;
      }
      const std::string_view rel = tree_.deprel(t);
      if (rel == "acl" || rel == "advcl") return true;
      const auto governor = tree_.head(t);
      if (rel != "conj" || !governor) return false;
      t = *governor;
    }
    return false;
  }

  /// An adverb measured by a time ("several years later", "two days ago").
  bool time_adverb(std::uint32_t adverb) const {
    for (const auto c : tree_.children(adverb)) {
      if (c < adverb && is_temporal(tree_, c)) return true;
    }
    return false;
  }

  void emit(std::string relation, std::vector<std::string> args, const ConfidenceInputs& inputs) {
    if (relation.empty() || args.size() < 2 || args[0].empty() || args[1].empty() || args[0] == args[1]) return;
    Extraction e;
    e.relation = clean(std::move(relation));
    for (auto& a : args) {
      if (!a.empty()) e.arguments.push_back(clean(std::move(a)));
    }
    e.confidence = std::round(triple_confidence(inputs) * view_factor(inputs.rule) * 1000.0) / 1000.0;
    e.rule = std::string(inputs.rule);
    for (auto& seen : out_) {
      if (seen.relation == e.relation && seen.arguments == e.arguments) {
        seen.confidence = std::max(seen.confidence, e.confidence);
        return;
      }
    }
    out_.push_back(std::move(e));
  }

  ConfidenceInputs inputs(std::string_view rule, const SubjectRef& s, std::optional<std::uint32_t> object,
                          std::uint32_t anchor, int object_depth, ArgumentKind object_kind) const {
    ConfidenceInputs in;
    in.rule = rule;
    in.subject = arguments_.resolve(s.token, anchor).kind;
    in.object = object_kind;
    in.sentence_length = tree_.size();
    const std::uint32_t subject_head = arguments_.antecedent(s.token);
    in.distance = std::max(distance(subject_head, anchor), object ? distance(*object, anchor) : 0);
    in.coordination_depth = s.coordination_depth + object_depth;
    in.inherited_subject = s.inherited;
    in.attributed = attribution_source(tree_, anchor).has_value();
    return in;
  }

  void clause(std::uint32_t v, bool copular) {
    const auto subjects = subjects_of(tree_, v);
    if (subjects.empty()) return;
    std::vector<std::uint32_t> group = verb_group(tree_, v);
    if (copular) std::erase(group, v);  // "is a lawyer": the predicate word is ARG2
    std::string relation = words_text(group);
    const std::string_view rel = tree_.deprel(v);
    // a purpose clause joins the verb it serves: "left that post to become" -> left to become
    if (!copular && rel == "advcl" && subjects_own(tree_, v) == 0) {
      const auto mark = tree_.first_child(v, "mark");
      const auto governor = tree_.head(v);
      if (mark && *mark < v && tree_.lower_form(*mark) == "to" && governor && is_clause_verb(tree_, *governor)) {
        std::vector<std::uint32_t> words = verb_group(tree_, *governor);
        words.push_back(*mark);
        words.insert(words.end(), group.begin(), group.end());
        relation = words_text(words);
      }
    }
    if (!copular && participial_modifier(v)) {
      // "industries backed by X": be backed by; "Founded in 1990, the firm": be Founded
      relation = "be " + relation;
    }
    std::vector<std::pair<std::uint32_t, int>> objects;
    std::vector<std::uint32_t> obliques;
    std::vector<Complement> complements;
    std::vector<std::string> times;
    std::vector<std::string> manners;  // adverbs after the verb, for a clause with nothing else
    std::string complement_mark;
    if (!copular) {
      for (const auto o : tree_.children_with(v, "obj")) {
        for (const auto& c : with_conjuncts(tree_, o)) objects.push_back(c);
      }
      if (objects.empty() && rel == "conj") {
        if (const auto governor = tree_.head(v)) {
          for (const auto o : tree_.children_with(*governor, "obj")) {
            if (o < v) continue;
            for (auto c : with_conjuncts(tree_, o)) objects.emplace_back(c.first, c.second + 1);
          }
        }
      }
      if (objects.empty()) {
        for (const auto o : tree_.children_with(v, "iobj")) objects.emplace_back(o, 0);
      }
    }
    for (const auto c : tree_.children(v)) {
      const std::string_view r = tree_.deprel(c);
      if (r == "advmod" && time_adverb(c)) {
        times.push_back(clause_text(c, false));  // "several years later"
      } else if (r.starts_with("obl") || r == "nmod:tmod" || (r == "advmod" && is_temporal(tree_, c))) {
        if (is_temporal(tree_, c) || preposition_words(tree_, c).surface.empty()) {
          if (r.starts_with("obl") || r == "nmod:tmod" || r == "advmod") times.push_back(clause_text(c, false));
        } else {
          obliques.push_back(c);
        }
      } else if (r == "advmod" && c > v && tree_.upos(c) == Upos::ADV && !is_negation(tree_, c) &&
                 tree_.token(c).xpos != "WRB") {
        manners.push_back(clause_text(c, false));  // "prices rose sharply"
      } else if (r == "xcomp" && !copular) {
        complements.push_back({c, clause_text(c, false)});
      } else if (r == "ccomp" && !copular) {
        const auto mark = tree_.first_child(c, "mark");
        if (complements.empty() && mark && *mark < c) complement_mark = std::string(tree_.form(*mark));
        complements.push_back({c, clause_text(c, mark.has_value())});
      }
    }
    const std::string_view rule_base = rel == "acl:relcl" ? "clause.relcl" : rel == "acl" ? "clause.acl" : "";
    const std::string_view object_rule = rule_base.empty() ? std::string_view("clause.svo") : rule_base;
    const std::string_view oblique_rule = rule_base.empty() ? std::string_view("clause.obl") : rule_base;
    // "the city where many groups live": the noun is where it happens (live in; the city)
    std::optional<std::uint32_t> place_noun;
    if (rel == "acl:relcl" && !copular) {
      for (const auto c : tree_.children_with(v, "advmod")) {
        if (tree_.lower_form(c) == "where") place_noun = tree_.head(v);
      }
    }
    // "Bolivia 's former president Evo Morales flew", parsed with two subjects: one
    // subject, the title in its phrase.
    std::vector<std::uint32_t> titles;
    for (const auto& s : subjects) {
      if (const auto t = title_sibling(tree_, s.token)) titles.push_back(*t);
    }
    for (const auto& s : subjects) {
      if (s.token == v || std::find(titles.begin(), titles.end(), s.token) != titles.end()) continue;
      std::string subject = phrase(s.token, v);
      if (const auto t = title_sibling(tree_, s.token)) {
        subject = join({without_possessive_clitic(tree_.text(tree_.subtree(*t))), subject});
      }
      if (copular) {
        copular_clause(s, v, relation, subject, times);
        continue;
      }
      const std::string place = place_noun ? phrase(*place_noun, v) : std::string();
      if (!objects.empty()) {
        for (const auto& [o, depth] : objects) {
          std::vector<std::string> args = {subject, phrase(o, v)};
          for (const auto& c : complements) args.push_back(c.text);
          for (const auto obl : obliques) args.push_back(prepositional(obl, v));
          if (place_noun) args.push_back("in " + place);
          args.insert(args.end(), times.begin(), times.end());
          emit(relation, std::move(args),
               inputs(object_rule, s, o, v, depth, arguments_.resolve(o, v).kind));
        }
      } else if (!obliques.empty()) {
        const std::uint32_t main = obliques.front();
        const std::string with_preposition = join({relation, join(preposition_words(tree_, main).surface)});
        const std::string preposition = join(preposition_words(tree_, main).surface);
        for (const auto& [o, depth] : with_conjuncts(tree_, main)) {
          std::string object = phrase(o, v);
          if (object.starts_with(preposition + " ")) object.erase(0, preposition.size() + 1);
          std::vector<std::string> args = {subject, object};
          for (std::size_t i = 1; i < obliques.size(); ++i) args.push_back(prepositional(obliques[i], v));
          for (const auto& c : complements) args.push_back(c.text);
          if (place_noun) args.push_back("in " + place);
          args.insert(args.end(), times.begin(), times.end());
          emit(with_preposition, std::move(args),
               inputs(oblique_rule, s, o, v, depth, arguments_.resolve(o, v).kind));
        }
      } else if (place_noun) {
        std::vector<std::string> args = {subject, place};
        for (const auto& c : complements) args.push_back(c.text);
        args.insert(args.end(), times.begin(), times.end());
        emit(join({relation, "in"}), std::move(args),
             inputs("clause.relcl", s, *place_noun, v, 0, arguments_.resolve(*place_noun, v).kind));
      } else if (!complements.empty()) {
        std::vector<std::string> args = {subject};
        for (const auto& c : complements) args.push_back(c.text);
        args.insert(args.end(), times.begin(), times.end());
        emit(join({relation, complement_mark}), std::move(args),
             inputs("clause.complement", s, complements.front().head, v, 0, ArgumentKind::Clause));
      } else if (!times.empty() || !manners.empty()) {
        std::vector<std::string> args = {subject};
        args.insert(args.end(), manners.begin(), manners.end());
        args.insert(args.end(), times.begin(), times.end());
        emit(relation, std::move(args), inputs("clause.modifier", s, std::nullopt, v, 0, ArgumentKind::Concept));
      }
    }
  }

  /// "X is a lawyer in La Paz": (X; is; a lawyer in La Paz); "X is in La Paz": (X; is in;
  /// La Paz).
  void copular_clause(const SubjectRef& s, std::uint32_t p, const std::string& relation, const std::string& subject,
                      const std::vector<std::string>& times) {
    if (relation.empty()) return;
    const PredicateWords preposition = preposition_words(tree_, p);
    for (const auto& [predicate, depth] : with_conjuncts(tree_, p)) {
      // a conjunct with its own copula or subject is a clause of its own
      if (predicate != p && (tree_.first_child(predicate, "cop") || tree_.first_child(predicate, "nsubj"))) continue;
      // words of the verb group ("is also home") are not repeated in the argument
      const auto group = verb_group(tree_, p);
      std::vector<std::uint32_t> tokens;
      for (const auto t : full_phrase(tree_, predicate)) {
        if (t == predicate || std::find(group.begin(), group.end(), t) == group.end()) tokens.push_back(t);
      }
      std::vector<std::string> args = {subject, without_possessive_clitic(tree_.text(tokens))};
      std::string rel = relation;
      std::string_view rule = "copula.is_a";
      if (!preposition.surface.empty()) {
        rel = join({rel, join(preposition.surface)});
        rule = "copula.location";
      } else if (tree_.upos(predicate) == Upos::ADJ) {
        rule = "copula.attribute";
      }
      // The predicate's phrase already holds its obliques; a time outside it is added.
      for (const auto& time : times) {
        if (args[1].find(time) == std::string::npos) args.push_back(time);
      }
      const ConfidenceInputs in = inputs(rule, s, predicate, p, depth, arguments_.resolve(predicate).kind);
      emit(rel, std::move(args), in);
    }
  }

  /// The words of a noun phrase without one of its dependents (a possessor, an of-holder).
  std::string phrase_without(std::uint32_t head, std::uint32_t dependent) const {
    const auto tokens = full_phrase(tree_, head);
    const auto drop = tree_.subtree(dependent);
    std::vector<std::uint32_t> kept;
    for (const auto t : tokens) {
      if (std::find(drop.begin(), drop.end(), t) == drop.end()) kept.push_back(t);
    }
    while (!kept.empty() && tree_.upos(kept.back()) == Upos::PUNCT) kept.pop_back();
    return tree_.text(kept);
  }

  void fact(const Fact& f) {
    const std::string_view rule = f.rule;
    const SubjectRef s{f.subject, f.coordination_depth, f.inherited_subject};
    const std::string object = f.object_country.empty() ? phrase(f.object, f.anchor) : f.object_country;
    const ArgumentKind object_kind =
        f.object_country.empty() ? arguments_.resolve(f.object, f.anchor).kind : ArgumentKind::Named;
    const ConfidenceInputs in = inputs(rule, s, f.object, f.anchor, 0, object_kind);
    // copula.nominal, copula.adjective and copula.attribute ("is president of", "is
    // responsible for", "is next in line") restate the tokens of the copular clause
    // reading (X; is; the president of Y), which CaRB gold states once: the view keeps that one.
    if (rule == "copula.nominal" || rule == "copula.adjective" || rule == "copula.attribute") {
      return;
    } else if (rule == "title.of" || rule == "apposition.title_of") {
      const std::string holder = rule == "title.of" ? tree_.text(minimal_phrase(tree_, f.subject)) : phrase(f.subject);
      // One reading, as for copulas: (Bush; is; President), (Morales; is; the former
      // president of Bolivia); the graph's label reading (president of; Bolivia) restates it.
      if (rule == "title.of") {
        // "President Bush": (Bush; is; President)
        emit("be", {holder, tree_.text(full_phrase(tree_, f.anchor))}, in);
      } else {
        emit("be", {holder, phrase(f.anchor)}, in);
      }
    } else if (rule == "title.is_a") {
      emit("be", {tree_.text(minimal_phrase(tree_, f.subject)), object}, in);
    } else if (rule == "apposition.is_a" || rule == "apposition.name") {
      emit("be", {phrase(f.subject), object}, in);
    } else if (rule == "possessive.of") {
      emit(have(f.subject), {object, phrase_without(f.subject, f.object)}, in);
    } else if (rule == "nominal.of") {
      emit("be of", {phrase_without(f.subject, f.object), object}, in);
    } else if (rule == "attribution.said" && (f.clause_skip || tree_.deprel(f.object) != "ccomp")) {
      const std::string content = arguments_.resolve_clause(f.object, f.clause_skip).argument.phrase;
      emit(words_text(verb_group(tree_, f.anchor)), {phrase(f.subject, f.anchor), content}, in);
    }
  }

  const SentenceTree& tree_;
  ResolvedArguments arguments_;
  std::vector<Extraction> out_;
};

}  // namespace

std::vector<Extraction> sentence_extractions(const Document& doc, std::uint32_t sentence, double min_confidence) {
  const SentenceTree tree(doc, sentence);
  const RuleInput input{tree, doc.meta().date};
  Facts facts;
  extract_copulas(input, facts);
  extract_nominal_facts(input, facts);
  extract_speech_acts(input, facts);
  ViewBuilder builder(tree);
  builder.verbal_clauses();
  builder.copular_clauses();
  builder.shared_facts(facts);
  auto out = builder.take();
  std::erase_if(out, [&](const Extraction& e) { return e.confidence < min_confidence; });
  return out;
}

void write_extraction_lines(std::ostream& out, std::string_view sentence, const std::vector<Extraction>& extractions,
                            bool with_rules) {
  std::string text(sentence);
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  std::ostringstream confidence;
  confidence.setf(std::ios::fixed);
  confidence.precision(3);
  for (const auto& e : extractions) {
    confidence.str("");
    confidence << e.confidence;
    out << text << '\t' << confidence.str() << '\t' << e.relation;
    for (const auto& argument : e.arguments) out << '\t' << argument;
    if (with_rules) out << "\tC: rule " << e.rule;
    out << '\n';
  }
}

}  // namespace text2kg::extract::carb
