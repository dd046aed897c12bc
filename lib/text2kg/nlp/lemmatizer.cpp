#include "text2kg/nlp/lemmatizer.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "text2kg/base/error.hpp"

namespace text2kg::nlp {
namespace {

constexpr std::string_view kMagic = "text2kg-lemmatizer v1";
/// Suffix rules kept beside the best one, for the dictionary check.
constexpr std::size_t kAlternativesKept = 3;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

/// The rule that turns `form` into `lemma`: from the lower-cased form when that shares at
/// least as long a prefix with the lemma as the form itself (so "The" -> "the" lower-cases,
/// "Apple" -> "Apple" keeps its case).
LemmaRule rule_for(std::string_view form, std::string_view lemma) {
  const std::string lower = lower_ascii(form);
  const std::size_t p_lower = common_prefix(lower, lemma);
  const std::size_t p_form = common_prefix(form, lemma);
  LemmaRule rule;
  rule.lowercase = p_lower >= p_form;
  const std::size_t p = rule.lowercase ? p_lower : p_form;
  rule.strip = static_cast<std::uint8_t>(std::min<std::size_t>(form.size() - p, 255));
  rule.append = std::string(lemma.substr(p));
  return rule;
}

std::string apply_rule(const LemmaRule& rule, std::string_view form) {
  std::string base = rule.lowercase ? lower_ascii(form) : std::string(form);
  if (rule.strip > base.size()) return base;
  base.resize(base.size() - rule.strip);
  base += rule.append;
  return base.empty() ? std::string(form) : base;
}

/// A deterministic total order on rules, for breaking ties between equally frequent ones.
bool rule_less(const LemmaRule& a, const LemmaRule& b) {
  return std::tie(a.strip, a.lowercase, a.append) < std::tie(b.strip, b.lowercase, b.append);
}

struct RuleCounts {
  std::vector<std::pair<LemmaRule, int>> rules;
  void add(const LemmaRule& rule) {
    for (auto& [r, n] : rules) {
      if (r == rule) {
        ++n;
        return;
      }
    }
    rules.emplace_back(rule, 1);
  }
  const LemmaRule& best() const {
    const auto* best = &rules.front();
    for (const auto& candidate : rules) {
      if (candidate.second > best->second || (candidate.second == best->second && rule_less(candidate.first, best->first))) {
        best = &candidate;
      }
    }
    return best->first;
  }
  /// Every rule but the best, most frequent first (ties in rule order), at most `limit`.
  std::vector<LemmaRule> alternatives(std::size_t limit) const {
    std::vector<std::pair<LemmaRule, int>> ranked = rules;
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : rule_less(a.first, b.first);
    });
    std::vector<LemmaRule> out;
    for (std::size_t k = 1; k < ranked.size() && out.size() < limit; ++k) out.push_back(ranked[k].first);
    return out;
  }
};

char wordnet_class(std::string_view xpos, std::string_view upos) {
  if (xpos.rfind("VB", 0) == 0 || upos == "VERB" || upos == "AUX") return 'v';
  if (xpos == "NNS" || (xpos.empty() && upos == "NOUN")) return 'n';
  if (xpos == "JJR" || xpos == "JJS" || xpos == "RBR" || xpos == "RBS") return 'a';
  return 0;
}

/// Tags whose words are an open class, where suffix rules are worth learning.
bool open_class(std::string_view tag) {
  return tag.rfind("NN", 0) == 0 || tag.rfind("VB", 0) == 0 || tag.rfind("JJ", 0) == 0 || tag.rfind("RB", 0) == 0 ||
         tag == "u:NOUN" || tag == "u:VERB" || tag == "u:ADJ" || tag == "u:ADV" || tag == "u:PROPN";
}

void read_wordnet(const std::filesystem::path& file, char word_class, std::unordered_map<std::string, std::string>& out) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    if (space == std::string::npos) continue;
    auto end = line.find(' ', space + 1);
    if (end == std::string::npos) end = line.size();
    const std::string form = line.substr(0, space);
    const std::string lemma = line.substr(space + 1, end - space - 1);
    if (form.find('_') != std::string::npos || lemma.find('_') != std::string::npos) continue;  // multiword entries
    out.emplace(form + '\t' + word_class, lemma);
  }
}

/// The one-word lemmas of a WordNet index file (index.verb: "convene v 1 ..."), keyed
/// "lemma\tclass"; the licence lines at the top start with spaces and are skipped.
void read_wordnet_lemmas(const std::filesystem::path& file, char word_class, std::unordered_set<std::string>& out) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    if (space == 0 || space == std::string::npos) continue;
    const std::string lemma = line.substr(0, space);
    if (lemma.find('_') != std::string::npos) continue;  // multiword entries
    out.insert(lemma + '\t' + word_class);
  }
}

void write_rules(std::ostream& out, char tag, const std::unordered_map<std::string, LemmaRule>& rules) {
  std::vector<const std::pair<const std::string, LemmaRule>*> sorted;
  for (const auto& entry : rules) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  out << tag << ' ' << sorted.size() << '\n';
  for (const auto* entry : sorted) {
    out << entry->first << '\t' << static_cast<int>(entry->second.strip) << '\t' << (entry->second.lowercase ? 1 : 0)
        << '\t' << entry->second.append << '\n';
  }
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return parts;
}

}  // namespace

std::string lemmatize(const LemmatizerModel& model, std::string_view form, std::string_view upos, std::string_view xpos) {
  const std::string lower = lower_ascii(form);
  std::string key;
  key.reserve(lower.size() + 8);
  const auto lookup = [&](std::string_view tag) -> const LemmaRule* {
    key.assign(lower).append(1, '\t').append(tag);
    const auto it = model.lexicon.find(key);
    return it == model.lexicon.end() ? nullptr : &it->second;
  };
  const std::string utag = "u:" + std::string(upos);
  const LemmaRule* rule = xpos.empty() ? nullptr : lookup(xpos);
  if (rule == nullptr) rule = lookup(utag);
  if (rule != nullptr) return apply_rule(*rule, form);
  if (upos == "PROPN" || xpos == "NNP" || xpos == "NNPS") return std::string(form);
  if (const char wc = wordnet_class(xpos, upos); wc != 0) {
    const auto it = model.exceptions.find(lower + '\t' + wc);
    if (it != model.exceptions.end()) return it->second;
  }
  const std::string_view tag = xpos.empty() ? std::string_view(utag) : xpos;
  const char word_class = wordnet_class(xpos, upos);
  const bool check = word_class != 0 && !model.dictionary.empty();
  std::optional<std::string> fallback;  // the longest suffix's best rule: the answer without a dictionary
  std::string entry;
  const auto in_dictionary = [&](const std::string& lemma) {
    entry.assign(lemma).append(1, '\t').append(1, word_class);
    return model.dictionary.contains(entry);
  };
  for (std::size_t n = std::min(LemmatizerModel::kMaxSuffix, lower.size()); n + 1 > 0; --n) {
    key.assign(tag).append(1, '\t').append(lower, lower.size() - n, n);
    const auto it = model.suffix_rules.find(key);
    if (it != model.suffix_rules.end() && it->second.strip <= lower.size()) {
      std::string lemma = apply_rule(it->second, form);
      if (!check || in_dictionary(lemma)) return lemma;
      if (!fallback) fallback = lemma;
      const auto more = model.suffix_alternatives.find(key);
      if (more != model.suffix_alternatives.end()) {
        for (const LemmaRule& rule : more->second) {
          if (rule.strip > lower.size()) continue;
          std::string other = apply_rule(rule, form);
          if (in_dictionary(other)) return other;
        }
      }
    }
    if (n == 0) break;
  }
  return fallback ? *fallback : lower;
}

void Lemmatizer::process(Document& doc) const {
  auto& tokens = doc.mutable_tokens();
  for (std::uint32_t t = 0; t < tokens.size(); ++t) {
    tokens[t].lemma = lemmatize(model_, doc.form(t), to_string(tokens[t].upos), tokens[t].xpos);
  }
  doc.add_layers(Layer::Lemmas);
}

std::unique_ptr<Lemmatizer> Lemmatizer::load(const std::filesystem::path& model_file) {
  std::ifstream in(model_file, std::ios::binary);
  if (!in) throw InputError::in_file(model_file.string(), "cannot open lemmatizer model");
  return std::make_unique<Lemmatizer>(LemmatizerModel::load(in, model_file.string()));
}

void LemmatizerModel::save(std::ostream& out) const {
  out << kMagic << '\n';
  write_rules(out, 'L', lexicon);
  write_rules(out, 'S', suffix_rules);
  std::vector<std::pair<std::string, std::string>> sorted(exceptions.begin(), exceptions.end());
  std::sort(sorted.begin(), sorted.end());
  out << "E " << sorted.size() << '\n';
  for (const auto& [key, lemma] : sorted) out << key << '\t' << lemma << '\n';
  std::vector<const std::pair<const std::string, std::vector<LemmaRule>>*> alternatives;
  std::size_t alternative_count = 0;
  for (const auto& entry : suffix_alternatives) {
    alternatives.push_back(&entry);
    alternative_count += entry.second.size();
  }
  std::sort(alternatives.begin(), alternatives.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  out << "A " << alternative_count << '\n';  // a key once per rule, in rank order
  for (const auto* entry : alternatives) {
    for (const LemmaRule& rule : entry->second) {
      out << entry->first << '\t' << static_cast<int>(rule.strip) << '\t' << (rule.lowercase ? 1 : 0) << '\t'
          << rule.append << '\n';
    }
  }
  std::vector<std::string> words(dictionary.begin(), dictionary.end());
  std::sort(words.begin(), words.end());
  out << "W " << words.size() << '\n';
  for (const std::string& word : words) out << word << '\n';
}

LemmatizerModel LemmatizerModel::load(std::istream& in, const std::string& name) {
  LemmatizerModel model;
  std::string line;
  std::size_t line_number = 1;
  if (!std::getline(in, line) || line != kMagic) throw InputError::at_line(name, 1, "not a text2kg lemmatizer model");
  const auto read_section = [&](char tag, std::size_t fields, auto&& add) {
    ++line_number;
    if (!std::getline(in, line) || line.size() < 3 || line[0] != tag || line[1] != ' ') {
      throw InputError::at_line(name, line_number, std::string("expected section '") + tag + "'");
    }
    const std::size_t count = std::stoul(line.substr(2));
    for (std::size_t i = 0; i < count; ++i) {
      ++line_number;
      if (!std::getline(in, line)) throw InputError::at_line(name, line_number, "truncated model");
      const auto parts = split_tabs(line);
      if (parts.size() != fields) throw InputError::at_line(name, line_number, "expected " + std::to_string(fields) + " fields");
      add(parts);
    }
  };
  const auto rule_of = [](const std::vector<std::string_view>& p) {
    LemmaRule rule;
    rule.strip = static_cast<std::uint8_t>(std::stoi(std::string(p[2])));
    rule.lowercase = p[3] == "1";
    rule.append = std::string(p[4]);
    return rule;
  };
  const auto add_rule = [&](std::unordered_map<std::string, LemmaRule>& table) {
    return [&](const std::vector<std::string_view>& p) {
      table.emplace(std::string(p[0]) + '\t' + std::string(p[1]), rule_of(p));
    };
  };
  read_section('L', 5, add_rule(model.lexicon));
  read_section('S', 5, add_rule(model.suffix_rules));
  read_section('E', 3, [&](const std::vector<std::string_view>& p) {
    model.exceptions.emplace(std::string(p[0]) + '\t' + std::string(p[1]), std::string(p[2]));
  });
  // The alternatives and the dictionary came later: a model without them still loads.
  if (in.peek() == std::char_traits<char>::eof()) return model;
  read_section('A', 5, [&](const std::vector<std::string_view>& p) {
    model.suffix_alternatives[std::string(p[0]) + '\t' + std::string(p[1])].push_back(rule_of(p));
  });
  read_section('W', 2, [&](const std::vector<std::string_view>& p) {
    model.dictionary.insert(std::string(p[0]) + '\t' + std::string(p[1]));
  });
  return model;
}

LemmatizerModel train_lemmatizer(const std::vector<Document>& gold, const std::filesystem::path& wordnet_dir) {
  std::map<std::string, RuleCounts> lexicon;
  std::map<std::string, RuleCounts> suffixes;
  std::set<std::string> seen_types;  // suffix rules count each (form, tag, lemma) once
  for (const Document& doc : gold) {
    for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
      const Token& token = doc.tokens()[t];
      const std::string_view form = doc.form(t);
      if (token.lemma.empty() || token.lemma == "_" || form.empty()) continue;
      const LemmaRule rule = rule_for(form, token.lemma);
      const std::string lower = lower_ascii(form);
      const std::string utag = "u:" + std::string(to_string(token.upos));
      for (const std::string& tag : {token.xpos, utag}) {
        if (tag.empty() || tag == "_") continue;
        lexicon[lower + '\t' + tag].add(rule);
        if (!open_class(tag) || !seen_types.insert(lower + '\t' + tag + '\t' + token.lemma).second) continue;
        for (std::size_t n = 0; n <= std::min(LemmatizerModel::kMaxSuffix, lower.size() - 1); ++n) {
          suffixes[tag + '\t' + lower.substr(lower.size() - n)].add(rule);
        }
      }
    }
  }
  LemmatizerModel model;
  for (const auto& [key, counts] : lexicon) model.lexicon.emplace(key, counts.best());
  for (const auto& [key, counts] : suffixes) {
    int total = 0;
    for (const auto& r : counts.rules) total += r.second;
    if (total < 2) continue;  // a single type is not a rule
    model.suffix_rules.emplace(key, counts.best());
    std::vector<LemmaRule> others = counts.alternatives(kAlternativesKept);
    if (!others.empty()) model.suffix_alternatives.emplace(key, std::move(others));
  }
  if (!wordnet_dir.empty()) {
    read_wordnet(wordnet_dir / "verb.exc", 'v', model.exceptions);
    read_wordnet(wordnet_dir / "noun.exc", 'n', model.exceptions);
    read_wordnet(wordnet_dir / "adj.exc", 'a', model.exceptions);
    read_wordnet_lemmas(wordnet_dir / "index.verb", 'v', model.dictionary);
    read_wordnet_lemmas(wordnet_dir / "index.noun", 'n', model.dictionary);
    read_wordnet_lemmas(wordnet_dir / "index.adj", 'a', model.dictionary);
  }
  return model;
}

}  // namespace text2kg::nlp
