#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text2kg/nlp/linear_model.hpp"
#include "text2kg/nlp/stage.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::nlp {

/// What the tokenizer learned from treebanks: lists that refine the rules, and the
/// sentence-boundary classifier. Immutable once built.
struct TokenizerModel {
  /// Lower-cased tokens that contain inner punctuation and stay whole ("dr.", "u.s.",
  /// "non-stop", "e-mail"): abbreviations and hyphenated words as the treebank writes them.
  std::unordered_set<std::string> whole_tokens;
  /// Lower-cased first parts of hyphenated words that the treebank keeps whole more often
  /// than it splits them ("non", "post", "co").
  std::unordered_set<std::string> hyphen_prefixes;
  /// Punctuation sequences that form one token (":)", ":-)", "!?"), exactly as written.
  std::unordered_set<std::string> punct_tokens;
  /// Lower-cased letters that the treebank splits off a number written without a space
  /// ("375mm" -> 375 mm, "650k"); "20th" and "1970s" stay whole.
  std::unordered_set<std::string> number_suffixes;
  /// Lower-cased surface -> lower-cased words, for contractions that EWT writes as
  /// multiword tokens but that no clitic rule finds ("cannot" -> can not, "gonna" -> gon na).
  std::unordered_map<std::string, std::vector<std::string>> multiword_lexicon;
  /// Binary classifier over tokens: class 1 = a sentence ends after this token.
  LinearModel boundary;

  void save(std::ostream& out) const;
  /// Throws text2kg::Error naming `name` on a truncated or foreign file.
  static TokenizerModel load(std::istream& in, const std::string& name);
};

/// A surface token found in raw text, before multiword splitting. [begin, end) in bytes.
struct SurfaceToken {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint8_t newlines_after = 0;  ///< line breaks in the whitespace that follows (capped at 2)
  bool space_after = false;
};

/// Rule-based segmentation of `text` into surface tokens (UD English EWT conventions),
/// refined by the model's lists. Pure function of its inputs.
void segment_text(const TokenizerModel& model, std::string_view text, std::vector<SurfaceToken>& out);

/// The words a surface token stands for, when it is a contraction ("don't" -> do n't,
/// "Bush's" -> Bush 's). Returns false (and leaves `words` empty) for an ordinary token.
bool split_multiword(const TokenizerModel& model, std::string_view surface, std::vector<std::string>& words);

/// Features of the boundary after surface token `i`, appended to `features` (cleared first).
void boundary_features(std::string_view text, std::span<const SurfaceToken> tokens, std::size_t i,
                       std::size_t tokens_in_sentence, std::vector<std::uint64_t>& features);

/// Stage "tokenizer": raw text -> tokens (with multiword tokens), sentences, paragraphs.
/// Sentences never cross a blank line. Thread safety: process() is const and re-entrant.
class Tokenizer : public Stage {
 public:
  explicit Tokenizer(TokenizerModel model) : model_(std::move(model)) {}

  static std::unique_ptr<Tokenizer> load(const std::filesystem::path& model_file);

  std::string_view name() const override { return "tokenizer"; }
  Layers required_layers() const override { return {}; }
  Layers provided_layers() const override { return Layer::Tokens | Layer::Sentences; }
  void process(Document& doc) const override;

  const TokenizerModel& model() const { return model_; }

 private:
  TokenizerModel model_;
};

/// Trains a tokenizer model on gold documents (read from CoNLL-U; their text is the raw
/// text). Deterministic: the same documents give the same model bytes.
TokenizerModel train_tokenizer(const std::vector<Document>& gold, int epochs);

}  // namespace text2kg::nlp
