#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/extract/triple.hpp"

namespace text2kg::extract::carb {

/// One Open IE extraction as CaRB sees it: a relation phrase and its arguments, each a
/// string of whitespace-separated tokens. `confidence` is only meaningful for system output.
struct Extraction {
  std::string relation;
  std::vector<std::string> arguments;  ///< ARG1, ARG2, further arguments; `C: ` context fields dropped
  double confidence = 1.0;
  std::string rule = {};  ///< in our own output: the rule that read it (carb_view.hpp)
};

/// Extractions grouped by sentence key (see sentence_key()).
using ExtractionSet = std::map<std::string, std::vector<Extraction>>;

/// CaRB's sentence key: the sentence with all spaces and ASCII punctuation removed after
/// undoing PTB bracket escapes (-LRB- etc.), so tokenisation differences do not matter.
std::string sentence_key(std::string_view sentence);

/// Reads a gold file: SENTENCE TAB RELATION TAB ARG1 TAB ARG2 [TAB ARG3 ...]. Fields that
/// begin with "C: " are context markers and are dropped, as the reference reader does.
/// Each line is stripped first (as the reference reader does), so trailing empty fields
/// vanish; sentences are keyed after stripping. Throws InputError with file
/// and line for a row with fewer than three fields.
ExtractionSet read_gold(std::string_view content, const std::string& name);
ExtractionSet read_gold_file(const std::filesystem::path& path);

/// Reads a system file in CaRB's tabbed format: SENTENCE TAB CONFIDENCE TAB RELATION TAB
/// ARG1 [TAB ARG2 ...]. Rows of one sentence string are grouped; if two different sentence
/// strings share a key, the later one replaces the earlier (the reference scorer's dict).
/// Throws InputError with file and line for too few fields or a bad confidence.
ExtractionSet read_system(std::string_view content, const std::string& name);
ExtractionSet read_system_file(const std::filesystem::path& path);

/// Precision and recall of one predicted extraction against one gold extraction (token
/// level, case-sensitive, stopwords kept; see carb.cpp for the exact rules). A non-match
/// has matched = false.
struct PairScore {
  bool matched = false;
  double precision = 0;
  double recall = 0;
};
PairScore score_pair(const Extraction& gold, const Extraction& predicted);

struct CurvePoint {
  double threshold = 0;
  double precision = 0;
  double recall = 0;
};

struct Score {
  double auc = 0;            ///< area under the P-R curve with (R=0, P=1) added
  double precision = 0;      ///< at the threshold with the best F1
  double recall = 0;
  double f1 = 0;             ///< the best F1 on the curve
  double threshold = 0;      ///< the confidence threshold that gives it
  double precision_all = 0;  ///< with every prediction kept (lowest threshold)
  double recall_all = 0;
  std::size_t gold_count = 0;       ///< gold extractions
  std::size_t predicted_count = 0;  ///< predictions on sentences that have gold
  std::vector<CurvePoint> curve;    ///< one point per distinct confidence, highest first
};

/// Scores a system against gold as CaRB does: per sentence, recall takes for each gold
/// tuple its best recall over all predictions; precision matches predictions to gold tuples
/// one-to-one, greedily by highest precision; both are summed over the corpus (micro
/// average) at every distinct confidence threshold. Predictions for sentences without
/// gold are ignored.
Score score(const ExtractionSet& gold, const ExtractionSet& system);

// The CaRB reading of graph triples, for triples without a parse behind them (read from
// a file, or another system's). text2kg-carb reads our own extractions from the parse
// instead (carb_view.hpp), which states intransitive clauses and whole verb groups.

/// The confidence of the CaRB view: the triple's, lowered for verbless noun-to-holder facts
/// (rules nominal.of, possessive.of), which are weaker Open IE evidence than clauses.
double carb_confidence(const Triple& triple);

/// The relation as CaRB spells it: predicate words ('_' -> ' '), "is " in front of a
/// verbless noun-to-holder fact ("is of"; a possessive one reads "has"), a modal auxiliary of the
/// clause in front when the predicate lacks it, and "not" for a negated clause (after a
/// leading auxiliary: "did not sell", else in front: "not sold").
std::string relation_phrase(const Triple& triple);

/// ARG1, ARG2 and further arguments of the CaRB view: subject phrase, object phrase, then
/// the clause's time modifier when neither argument contains it. A possessive fact puts
/// the possessor first: (Morales; has; supporters).
std::vector<std::string> argument_phrases(const Triple& triple);

/// The CaRB view of one sentence's triples: one Extraction per triple (relation_phrase(),
/// argument_phrases(), carb_confidence()), except that an oblique triple ("sold to Y", rule
/// clause.obl/passive.obl) whose subject and relation extend an object triple of the same
/// sentence ("sold shares") is folded into it as a further argument ("to Y"); without such
/// an object triple, later obliques of the same verb and subject fold into the first
/// ("fled to Mexico" + "fled with his family" -> fled to; Mexico; with his family).
std::vector<Extraction> carb_extractions(const std::vector<Triple>& triples);

/// Writes triples of one sentence as system lines: sentence, confidence (3 decimals),
/// the lines of carb_extractions(). Tabs and newlines inside
/// fields become spaces.
void write_system_lines(std::ostream& out, std::string_view sentence, const std::vector<Triple>& triples);

}  // namespace text2kg::extract::carb
