#include "text2kg/extract/carb.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>
#include <sstream>

#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"

namespace text2kg::extract::carb {
namespace {

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && !std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos > start) out.push_back(s.substr(start, pos - start));
  }
  return out;
}

/// Calls `row(line_number, line)` for every non-empty line.
template <typename Row>
void for_each_line(std::string_view content, Row row) {
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    ++line_number;
    std::string_view line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // The reference readers strip each line first: trailing empty fields disappear.
    line = strip(line);
    if (!line.empty()) row(line_number, line);
    start = end + 1;
  }
}

/// Arguments after dropping context fields ("C: ...").
std::vector<std::string> arguments_of(const std::vector<std::string>& fields, std::size_t first) {
  std::vector<std::string> args;
  for (std::size_t i = first; i < fields.size(); ++i) {
    if (fields[i].rfind("C: ", 0) == 0) continue;
    args.emplace_back(strip(fields[i]));
  }
  return args;
}

/// Tokens of `gold` also in `predicted`, each predicted token used once (CaRB's count).
std::size_t count_matching(const std::vector<std::string_view>& gold, std::vector<std::string_view> predicted) {
  std::size_t matching = 0;
  for (const auto word : gold) {
    const auto it = std::find(predicted.begin(), predicted.end(), word);
    if (it != predicted.end()) {
      ++matching;
      predicted.erase(it);
    }
  }
  return matching;
}

/// CaRB's lenient tuple match over (ARG1, REL, ARG2) where ARG2 is every further argument
/// joined by a space.
PairScore lenient_match(const std::string& gold_relation, const std::array<std::string, 2>& gold_args,
                        std::size_t gold_arity, const std::string& relation,
                        const std::array<std::string, 2>& args, std::size_t arity) {
  std::size_t precision_num = 0, precision_den = 0, recall_num = 0, recall_den = 0;
  const auto gold_words = words(gold_relation);
  auto predicted_words = words(relation);
  precision_den += predicted_words.size();
  recall_den += gold_words.size();
  std::size_t matching = 0;
  for (const auto word : gold_words) {
    const auto it = std::find(predicted_words.begin(), predicted_words.end(), word);
    if (it != predicted_words.end()) {
      ++matching;
      predicted_words.erase(it);
    }
  }
  // A predicted lemma "be" matches any inflected form of be in the gold relation.
  static constexpr std::array<std::string_view, 8> kFormsOfBe = {"be", "is", "am", "are", "was", "were", "been", "being"};
  if (std::find(predicted_words.begin(), predicted_words.end(), "be") != predicted_words.end()) {
    for (const auto form : kFormsOfBe) {
      if (std::find(gold_words.begin(), gold_words.end(), form) != gold_words.end()) {
        ++matching;
        break;
      }
    }
  }
  if (matching == 0) return {};
  precision_num += matching;
  recall_num += matching;
  for (std::size_t i = 0; i < gold_arity; ++i) {
    const auto gold_arg = words(gold_args[i]);
    recall_den += gold_arg.size();
    if (i >= arity) return {};  // ARG1 and ARG2 must both be predicted
    const auto predicted_arg = words(args[i]);
    precision_den += predicted_arg.size();
    const std::size_t arg_matching = count_matching(gold_arg, predicted_arg);
    precision_num += arg_matching;
    recall_num += arg_matching;
  }
  PairScore s;
  s.matched = true;
  s.precision = precision_den == 0 ? 0.0 : static_cast<double>(precision_num) / static_cast<double>(precision_den);
  s.recall = recall_den == 0 ? 0.0 : static_cast<double>(recall_num) / static_cast<double>(recall_den);
  return s;
}

std::string join_from(const std::vector<std::string>& args, std::size_t first) {
  std::string out;
  for (std::size_t i = first; i < args.size(); ++i) {
    if (i > first) out += ' ';
    out += args[i];
  }
  return out;
}

/// (ARG1, ARG2 + ARG3 + ...) and how many of the two exist.
std::pair<std::array<std::string, 2>, std::size_t> flatten(const std::vector<std::string>& args) {
  if (args.empty()) return {{"", ""}, 0};
  if (args.size() == 1) return {{args[0], ""}, 1};
  return {{args[0], join_from(args, 1)}, 2};
}

bool is_said_relation(std::string_view relation) {
  static constexpr std::array<std::string_view, 5> kSaid = {"said", "told", "added", "says", "adds"};
  return std::any_of(kSaid.begin(), kSaid.end(),
                     [&](std::string_view verb) { return relation.find(verb) != std::string_view::npos; });
}

double safe_ratio(double num, double den) { return den == 0 ? 0.0 : num / den; }

/// Scores of every (gold, predicted) pair of one sentence.
using Matrix = std::vector<std::vector<PairScore>>;

struct Totals {
  double precision_num = 0, recall_num = 0;
  std::size_t predicted = 0, gold = 0;
};

/// Adds one sentence at one threshold: predictions with `keep[j]` only.
void add_sentence(const Matrix& m, const std::vector<bool>& keep, Totals& totals) {
  const std::size_t rows = m.size();
  const std::size_t cols = keep.size();
  totals.gold += rows;
  for (std::size_t j = 0; j < cols; ++j) totals.predicted += keep[j] ? 1 : 0;
  for (std::size_t i = 0; i < rows; ++i) {
    double best = 0;
    for (std::size_t j = 0; j < cols; ++j) {
      if (keep[j] && m[i][j].matched) best = std::max(best, m[i][j].recall);
    }
    totals.recall_num += best;
  }
  std::vector<bool> row_used(rows, false), col_used(cols, false);
  while (true) {
    double best = 0;
    std::size_t best_i = rows, best_j = cols;
    for (std::size_t i = 0; i < rows; ++i) {
      if (row_used[i]) continue;
      for (std::size_t j = 0; j < cols; ++j) {
        if (col_used[j] || !keep[j] || !m[i][j].matched) continue;
        if (m[i][j].precision > best) {
          best = m[i][j].precision;
          best_i = i;
          best_j = j;
        }
      }
    }
    if (best_i == rows) break;
    row_used[best_i] = true;
    col_used[best_j] = true;
    totals.precision_num += best;
  }
}

}  // namespace

std::string sentence_key(std::string_view sentence) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kEscapes = {{
      {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"}}};
  std::string text(sentence);
  for (const auto& [escape, bracket] : kEscapes) {
    for (std::size_t pos = text.find(escape); pos != std::string::npos; pos = text.find(escape, pos)) {
      text.replace(pos, escape.size(), bracket);
    }
  }
  std::string key;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) || (u < 0x80 && std::ispunct(u))) continue;
    key += c;
  }
  return key;
}

ExtractionSet read_gold(std::string_view content, const std::string& name) {
  ExtractionSet set;
  for_each_line(content, [&](std::size_t line_number, std::string_view line) {
    const auto fields = split_tabs(line);
    if (fields.size() < 3) throw InputError::at_line(name, line_number, "expected SENTENCE, RELATION and ARG1 separated by tabs");
    Extraction e;
    e.relation = std::string(strip(fields[1]));
    e.arguments = arguments_of(fields, 2);
    set[sentence_key(strip(fields[0]))].push_back(std::move(e));
  });
  return set;
}

ExtractionSet read_system(std::string_view content, const std::string& name) {
  std::map<std::string, std::vector<Extraction>> by_sentence;
  std::vector<std::string> order;  // first appearance of each sentence string
  for_each_line(content, [&](std::size_t line_number, std::string_view line) {
    const auto fields = split_tabs(line);
    if (fields.size() < 4) throw InputError::at_line(name, line_number, "expected SENTENCE, CONFIDENCE, RELATION and ARG1 separated by tabs");
    Extraction e;
    const std::string_view confidence = strip(fields[1]);
    const auto [end, error] = std::from_chars(confidence.data(), confidence.data() + confidence.size(), e.confidence);
    if (error != std::errc() || end != confidence.data() + confidence.size()) {
      throw InputError::at_line(name, line_number, "confidence '" + std::string(confidence) + "' is not a number");
    }
    e.relation = std::string(strip(fields[2]));
    e.arguments = arguments_of(fields, 3);
    const std::string sentence(strip(fields[0]));
    auto [it, inserted] = by_sentence.try_emplace(sentence);
    if (inserted) order.push_back(sentence);
    it->second.push_back(std::move(e));
  });
  ExtractionSet set;
  for (const auto& sentence : order) set[sentence_key(sentence)] = by_sentence[sentence];
  return set;
}

ExtractionSet read_gold_file(const std::filesystem::path& path) {
  return read_gold(read_text_file(path), path.string());
}

ExtractionSet read_system_file(const std::filesystem::path& path) {
  return read_system(read_text_file(path, {.allow_empty = true}), path.string());
}

PairScore score_pair(const Extraction& gold, const Extraction& predicted) {
  const auto [gold_args, gold_arity] = flatten(gold.arguments);
  const auto [args, arity] = flatten(predicted.arguments);
  const PairScore straight = lenient_match(gold.relation, gold_args, gold_arity, predicted.relation, args, arity);
  if (!is_said_relation(gold.relation) || arity < 2) return straight;
  // Reported speech: the speaker may have been given as either argument.
  const std::array<std::string, 2> swapped = {args[1], args[0]};
  const PairScore reverse = lenient_match(gold.relation, gold_args, gold_arity, predicted.relation, swapped, arity);
  if (!reverse.matched) return straight;
  if (!straight.matched) return reverse;
  // The reference keeps max([p, r], [p, r]): precision first, recall breaks ties.
  if (reverse.precision != straight.precision) return reverse.precision > straight.precision ? reverse : straight;
  return reverse.recall > straight.recall ? reverse : straight;
}

Score score(const ExtractionSet& gold, const ExtractionSet& system) {
  struct SentenceMatrix {
    Matrix matrix;
    std::vector<double> confidences;
  };
  std::vector<SentenceMatrix> sentences;
  std::set<double> thresholds;
  Score result;
  for (const auto& [key, gold_extractions] : gold) {
    SentenceMatrix s;
    const auto it = system.find(key);
    const std::vector<Extraction> none;
    const auto& predicted = it == system.end() ? none : it->second;
    for (const auto& p : predicted) {
      s.confidences.push_back(p.confidence);
      thresholds.insert(p.confidence);
    }
    for (const auto& g : gold_extractions) {
      std::vector<PairScore> row;
      for (const auto& p : predicted) row.push_back(score_pair(g, p));
      s.matrix.push_back(std::move(row));
    }
    result.gold_count += gold_extractions.size();
    result.predicted_count += predicted.size();
    sentences.push_back(std::move(s));
  }
  for (auto t = thresholds.rbegin(); t != thresholds.rend(); ++t) {
    Totals totals;
    for (const auto& s : sentences) {
      std::vector<bool> keep;
      for (const double c : s.confidences) keep.push_back(c >= *t);
      add_sentence(s.matrix, keep, totals);
    }
    CurvePoint point{*t, safe_ratio(totals.precision_num, static_cast<double>(totals.predicted)),
                     safe_ratio(totals.recall_num, static_cast<double>(totals.gold))};
    result.curve.push_back(point);
    const double f1 = safe_ratio(2 * point.precision * point.recall, point.precision + point.recall);
    if (f1 > result.f1) {
      result.f1 = f1;
      result.precision = point.precision;
      result.recall = point.recall;
      result.threshold = point.threshold;
    }
  }
  if (!result.curve.empty()) {
    result.precision_all = result.curve.back().precision;
    result.recall_all = result.curve.back().recall;
  }
  // Trapezoids over recall, from the added point (0, 1); the curve's recall never falls
  // as the threshold is lowered, so the points are already in recall order.
  std::vector<std::pair<double, double>> points = {{0.0, 1.0}};
  for (const auto& p : result.curve) points.emplace_back(p.recall, p.precision);
  std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < points.size(); ++i) {
    result.auc += (points[i].first - points[i - 1].first) * (points[i].second + points[i - 1].second) / 2;
  }
  return result;
}

namespace {

std::string without_control_characters(std::string_view s) {
  std::string text(s);
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

bool contains_word(std::string_view phrase, std::string_view word) {
  std::istringstream words{std::string(phrase)};
  std::string w;
  while (words >> w) {
    if (w == word) return true;
  }
  return false;
}

/// Auxiliaries after which English puts "not" ("did not", "would not", "has not").
bool takes_not_after(std::string_view word) {
  static const std::set<std::string_view> auxiliaries = {
      "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does", "did",
      "will", "would", "can", "could", "may", "might", "must", "shall", "should"};
  return auxiliaries.count(word) > 0;
}

}  // namespace

namespace {

/// A noun-to-holder fact ("leaders of the GIWU", "Morales's supporters") has no verb; Open
/// IE states it as "is of", and it is weaker evidence than a clause.
bool is_nominal_of(const Triple& triple) {
  const std::string_view rule = triple.provenance.rule;
  return rule == "nominal.of" || rule == "possessive.of";
}

constexpr double kNominalOfConfidenceFactor = 0.2;

}  // namespace

double carb_confidence(const Triple& triple) {
  return is_nominal_of(triple) ? triple.provenance.confidence * kNominalOfConfidenceFactor
                               : triple.provenance.confidence;
}

std::string relation_phrase(const Triple& triple) {
  std::string relation = without_control_characters(triple.predicate);
  std::replace(relation.begin(), relation.end(), '_', ' ');
  if (triple.provenance.rule == "possessive.of") return "has";
  if (is_nominal_of(triple)) relation = "is " + relation;
  const Provenance& p = triple.provenance;
  // A modal auxiliary belongs to the relation as written ("would come"); a control verb
  // ("pledged") is a separate word the predicate does not carry.
  if (!p.modality.empty() && takes_not_after(p.modality) && !contains_word(relation, p.modality)) {
    relation = p.modality + " " + relation;
  }
  if (p.negated && !contains_word(relation, "not") && !contains_word(relation, "n't")) {
    const auto space = relation.find(' ');
    const std::string first = relation.substr(0, space);
    if (takes_not_after(first)) {
      relation.insert(first.size(), " not");
    } else {
      relation = "not " + relation;
    }
  }
  return relation;
}

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

/// A possessor keeps no clitic in an argument: "Blackburne 's" -> "Blackburne".
std::string without_possessive(std::string phrase) {
  for (const std::string_view clitic : {" 's", " '", "'s"}) {
    if (ends_with(phrase, clitic) && phrase.size() > clitic.size()) return trimmed(phrase.substr(0, phrase.size() - clitic.size()));
  }
  return phrase;
}

/// A nominal subject phrase often holds the object it is related to ("leaders of the
/// GIWU" -of-> "the GIWU"); the CaRB view cuts the object and the relation's last word
/// (the preposition) from its end so that no token is said twice.
std::string without_object_tail(std::string subject, const std::string& object, const std::string& relation) {
  if (object.empty() || subject.size() <= object.size() + 1 || !ends_with(subject, " " + object)) return subject;
  subject = trimmed(subject.substr(0, subject.size() - object.size()));
  const auto last_space = relation.rfind(' ');
  const std::string last_word = last_space == std::string::npos ? relation : relation.substr(last_space + 1);
  if (ends_with(subject, " " + last_word)) subject = trimmed(subject.substr(0, subject.size() - last_word.size()));
  return subject.empty() ? object : subject;
}

}  // namespace

std::vector<std::string> argument_phrases(const Triple& triple) {
  const std::string object = without_possessive(without_control_characters(triple.object.phrase));
  std::vector<std::string> arguments = {
      without_object_tail(without_control_characters(triple.subject.phrase), object, relation_phrase(triple)), object};
  if (triple.provenance.rule == "possessive.of") {
    // "Morales 's supporters" reads (Morales; has; supporters): the possessor leads.
    std::string possessed = arguments[0];
    for (const std::string_view clitic : {" 's ", " ' ", "'s "}) {
      const std::string prefix = object + std::string(clitic);
      if (possessed.compare(0, prefix.size(), prefix) == 0) {
        possessed = possessed.substr(prefix.size());
        break;
      }
    }
    arguments = {object, possessed};
  }
  // CaRB gold is n-ary: a clause's time modifier is a further argument, unless one of the
  // two arguments already holds it.
  const std::string time = without_control_characters(triple.provenance.time);
  if (!time.empty() && arguments[0].find(time) == std::string::npos && arguments[1].find(time) == std::string::npos) {
    arguments.push_back(time);
  }
  return arguments;
}

namespace {

/// Relative and participle clauses share one rule name for objects and obliques; the
/// relation prefix test in fold_obliques tells them apart.
bool is_modifier_clause_rule(std::string_view rule) { return rule == "clause.relcl" || rule == "clause.acl"; }
bool is_object_rule(std::string_view rule) {
  return rule == "clause.svo" || rule == "passive.obj" || is_modifier_clause_rule(rule);
}
bool is_oblique_rule(std::string_view rule) {
  return rule == "clause.obl" || rule == "passive.obl" || is_modifier_clause_rule(rule);
}

/// Folds "sold to Y" into "sold shares": CaRB gold is n-ary, one tuple per clause with the
/// prepositional phrases as further arguments. Returns, per triple, whether it was folded.
std::vector<bool> fold_obliques(const std::vector<Triple>& triples, std::vector<Extraction>& views) {
  std::vector<bool> folded(triples.size(), false);
  for (std::size_t i = 0; i < triples.size(); ++i) {
    if (!is_oblique_rule(triples[i].provenance.rule)) continue;
    for (std::size_t j = 0; j < triples.size(); ++j) {
      if (j == i || folded[j] || !is_object_rule(triples[j].provenance.rule)) continue;
      const std::string& base = views[j].relation;
      const std::string& longer = views[i].relation;
      if (views[i].arguments[0] != views[j].arguments[0] || longer.size() <= base.size() + 1 ||
          longer.compare(0, base.size() + 1, base + " ") != 0) {
        continue;
      }
      views[j].arguments.push_back(longer.substr(base.size() + 1) + " " + views[i].arguments[1]);
      folded[i] = true;
      break;
    }
  }
  // Without an object, the first oblique carries the others of the same verb: "fled to
  // Mexico" + "fled with his family" -> (fled to; Mexico; with his family).
  for (std::size_t i = 0; i < triples.size(); ++i) {
    if (folded[i] || !is_oblique_rule(triples[i].provenance.rule)) continue;
    const std::string& relation = views[i].relation;
    const auto split = relation.rfind(' ');
    if (split == std::string::npos) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (folded[j] || !is_oblique_rule(triples[j].provenance.rule) || views[j].arguments[0] != views[i].arguments[0]) {
        continue;
      }
      const std::string& first = views[j].relation;
      if (first.rfind(' ') != split || first.compare(0, split + 1, relation, 0, split + 1) != 0) continue;
      views[j].arguments.push_back(relation.substr(split + 1) + " " + views[i].arguments[1]);
      folded[i] = true;
      break;
    }
  }
  return folded;
}

}  // namespace

std::vector<Extraction> carb_extractions(const std::vector<Triple>& triples) {
  std::vector<Extraction> views;
  for (const auto& t : triples) views.push_back(Extraction{relation_phrase(t), argument_phrases(t), carb_confidence(t), t.provenance.rule});
  const std::vector<bool> folded = fold_obliques(triples, views);
  std::vector<Extraction> out;
  for (std::size_t i = 0; i < views.size(); ++i) {
    if (!folded[i]) out.push_back(std::move(views[i]));
  }
  return out;
}

void write_system_lines(std::ostream& out, std::string_view sentence, const std::vector<Triple>& triples) {
  std::ostringstream confidence;
  for (const auto& e : carb_extractions(triples)) {
    confidence.str("");
    confidence.setf(std::ios::fixed);
    confidence.precision(3);
    confidence << e.confidence;
    out << without_control_characters(sentence) << '\t' << confidence.str() << '\t' << e.relation;
    for (const auto& argument : e.arguments) out << '\t' << argument;
    out << '\n';
  }
}

}  // namespace text2kg::extract::carb
