#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/text/layers.hpp"
#include "text2kg/text/mention.hpp"
#include "text2kg/text/sentence.hpp"
#include "text2kg/text/token.hpp"

namespace text2kg {

/// Where a document came from; reaches provenance and the JSON-LD NewsArticle node.
struct DocumentMeta {
  std::string title;
  std::string date;  ///< ISO 8601 date (YYYY-MM-DD) when known; anchors relative dates
  std::string url;
};

/// One input document and every annotation layer over it. Owns the text; tokens and
/// sentences refer to it by byte spans. Thread safety: none; one Document per thread.
class Document {
 public:
  Document() = default;
  Document(std::string id, std::string text, DocumentMeta meta = {});

  std::string_view id() const { return id_; }
  std::string_view text() const { return text_; }
  const DocumentMeta& meta() const { return meta_; }
  std::string_view text_of(ByteSpan span) const { return std::string_view(text_).substr(span.begin, span.size()); }
  /// The word's form: its override, or the text at its span.
  std::string_view form(std::uint32_t token) const;

  std::span<const Token> tokens() const { return tokens_; }
  std::span<const Sentence> sentences() const { return sentences_; }
  std::span<const MultiwordToken> multiword_tokens() const { return multiword_tokens_; }
  std::span<const Mention> mentions() const { return mentions_; }
  std::span<const CorefChain> chains() const { return chains_; }
  Layers layers() const { return layers_; }

  // Mutation is for stages and readers.
  std::vector<Token>& mutable_tokens() { return tokens_; }
  std::vector<Sentence>& mutable_sentences() { return sentences_; }
  std::vector<MultiwordToken>& mutable_multiword_tokens() { return multiword_tokens_; }
  std::vector<Mention>& mutable_mentions() { return mentions_; }
  std::vector<CorefChain>& mutable_chains() { return chains_; }
  void add_layers(Layers layers) { layers_ |= layers; }

  /// Appends a token with the given span; returns its index.
  std::uint32_t add_token(ByteSpan chars, bool space_after = true);
  /// Closes a sentence over tokens [first, tokens().size()); sets token.sentence and chars.
  void add_sentence(std::uint32_t first_token, bool starts_paragraph = false);

  /// The tokens of a sentence.
  std::span<const Token> sentence_tokens(std::uint32_t sentence) const;

 private:
  std::string id_;
  std::string text_;
  DocumentMeta meta_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  std::vector<MultiwordToken> multiword_tokens_;
  std::vector<Mention> mentions_;
  std::vector<CorefChain> chains_;
  Layers layers_;
};

/// Every invariant the layers promise: spans inside the text and in order, sentences
/// covering the tokens contiguously, heads inside the same sentence with one root per
/// sentence and no cycle, mentions inside one sentence, chains non-empty and consistent.
/// Returns one message per violation (empty = valid).
std::vector<std::string> validate(const Document& doc);

}  // namespace text2kg
