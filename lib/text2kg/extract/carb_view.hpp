#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

#include "text2kg/extract/carb.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::extract::carb {

/// The CaRB view of one analysed sentence, read from its parse rather than from graph
/// triples: Open IE states clauses, not only edges between two entities. Per verbal clause
/// (rules.hpp finds the same clauses, subjects and objects as the graph view):
/// - the relation is the verb group as written: auxiliaries, negation, the verbs of a
///   control chain with their "to" ("was able to control"), the particle; a participle
///   modifier or a participial adverbial clause without a subject gets "be" ("industries
///   backed by" -> be backed by, "Founded in 1990, the firm" -> be Founded);
/// - ARG1 is the subject phrase (a relative pronoun stands for its noun), ARG2 the object,
///   else the first prepositional oblique (its preposition joins the relation), else a
///   non-verbal complement ("became icy cold"), a content clause ("found that ...") or a
///   time; the clause's other obliques and time are further arguments;
/// - a clause whose only complements are obliques, times or an adverb still gives an
///   extraction, so intransitive verbs are covered ("prices rose sharply"); a clause with
///   nothing after its verb gives none (CaRB has almost no unary tuples);
/// - a relative clause with "where" takes its noun as the place (was born in; the town).
/// A copular clause gives one reading, (X; is; the whole predicate), each conjoined
/// predicate its own. Appositions, titles, possessives and of-modifiers come from the
/// shared rule families, one reading each: (X; be; the title phrase), (holder; has/had;
/// thing) by the clause's tense. Confidence is the shared triple_confidence() of the rule
/// and the arguments (rule_prior() has the view-only rules), lowered for verbless readings
/// (view_factor() in carb_view.cpp). Extractions below `min_confidence` are dropped.
std::vector<Extraction> sentence_extractions(const Document& doc, std::uint32_t sentence, double min_confidence = 0.0);

/// Writes extractions as CaRB system lines against `sentence` (as write_system_lines does).
/// `with_rules` adds each extraction's rule as a last field "C: rule NAME", a context field
/// that CaRB readers drop, for looking at what each rule contributes.
void write_extraction_lines(std::ostream& out, std::string_view sentence, const std::vector<Extraction>& extractions,
                            bool with_rules = false);

}  // namespace text2kg::extract::carb
