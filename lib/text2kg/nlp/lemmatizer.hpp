#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text2kg/nlp/stage.hpp"

namespace text2kg::nlp {

/// How a lemma is made from a form: strip bytes from the end and append a string, after
/// optionally lower-casing. "running" VBG -> strip 4, append "un"... is the same rule for
/// every "-nning" verb, so rules generalise to unseen words.
struct LemmaRule {
  std::uint8_t strip = 0;
  bool lowercase = true;
  std::string append;
  friend bool operator==(const LemmaRule&, const LemmaRule&) = default;
};

/// What the lemmatizer learned: a lexicon (lower form, tag) -> rule, suffix rules per tag
/// for unseen words, and irregular forms from WordNet's exception lists.
struct LemmatizerModel {
  /// key "lowerform\ttag" (tag = XPOS, and separately "u:UPOS") -> rule
  std::unordered_map<std::string, LemmaRule> lexicon;
  /// key "tag\tsuffix" -> rule, suffixes of 1..kMaxSuffix bytes of the lower form
  std::unordered_map<std::string, LemmaRule> suffix_rules;
  /// key "lowerform\tn|v|a" -> lemma, from /usr/share/wordnet/*.exc
  std::unordered_map<std::string, std::string> exceptions;
  /// key as suffix_rules -> the rules seen less often for that suffix, most frequent first:
  /// tried, with every shorter suffix's, when the best rule makes no dictionary word.
  std::unordered_map<std::string, std::vector<LemmaRule>> suffix_alternatives;
  /// "lemma\tn|v|a": the one-word lemmas of WordNet's index files. For an unseen word the
  /// suffix rule whose result is a dictionary word of the word's class wins ("convened" VBD:
  /// "-ed" is stripped more often than "-d", but "conven" is no verb and "convene" is).
  std::unordered_set<std::string> dictionary;

  static constexpr std::size_t kMaxSuffix = 5;

  void save(std::ostream& out) const;
  /// Throws text2kg::InputError naming `name` on a truncated or foreign file.
  static LemmatizerModel load(std::istream& in, const std::string& name);
};

/// The lemma of one word. `upos` is the UD tag name ("VERB"), `xpos` the PTB tag (may be
/// empty). Proper nouns keep their form unless the lexicon knows better.
std::string lemmatize(const LemmatizerModel& model, std::string_view form, std::string_view upos,
                      std::string_view xpos);

/// Stage "lemmatizer": needs Pos, provides Lemmas. Thread safety: process() is const.
class Lemmatizer : public Stage {
 public:
  explicit Lemmatizer(LemmatizerModel model) : model_(std::move(model)) {}
  static std::unique_ptr<Lemmatizer> load(const std::filesystem::path& model_file);

  std::string_view name() const override { return "lemmatizer"; }
  Layers required_layers() const override { return Layer::Tokens | Layer::Pos; }
  Layers provided_layers() const override { return Layer::Lemmas; }
  void process(Document& doc) const override;

  const LemmatizerModel& model() const { return model_; }

 private:
  LemmatizerModel model_;
};

/// Learns a model from gold documents with lemmas and POS; `wordnet_dir` (may be empty or
/// missing) holds WordNet's verb.exc, noun.exc and adj.exc and the index.noun, index.verb and
/// index.adj lemma lists. Deterministic.
LemmatizerModel train_lemmatizer(const std::vector<Document>& gold, const std::filesystem::path& wordnet_dir);

}  // namespace text2kg::nlp
