#pragma once
// Helpers for the tagger and parser tests: hand-built documents and the committed models.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "paths.hpp"
#include "text2kg/nlp/parser.hpp"
#include "text2kg/nlp/tagger.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::testing {

/// One sentence per entry, words separated by single spaces.
inline Document make_document(const std::vector<std::string>& sentences) {
  std::string text;
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> spans;
  for (const std::string& sentence : sentences) {
    spans.emplace_back();
    std::size_t start = 0;
    while (start <= sentence.size()) {
      std::size_t end = sentence.find(' ', start);
      if (end == std::string::npos) end = sentence.size();
      if (end > start) {
        if (!text.empty()) text += ' ';
        spans.back().emplace_back(static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(text.size() + end - start));
        text += sentence.substr(start, end - start);
      }
      start = end + 1;
    }
  }
  Document doc("test", text);
  for (const auto& sentence : spans) {
    const auto first = static_cast<std::uint32_t>(doc.tokens().size());
    for (const auto& [begin, end] : sentence) doc.add_token(ByteSpan{begin, end});
    doc.add_sentence(first);
  }
  doc.add_layers(Layer::Tokens | Layer::Sentences);
  return doc;
}

inline std::filesystem::path model_path(std::string_view file) { return source_dir() / "models" / std::string(file); }

inline const nlp::Tagger& committed_tagger() {
  static const std::unique_ptr<nlp::Tagger> tagger = nlp::Tagger::load(model_path("tagger.bin"));
  return *tagger;
}
inline const nlp::Parser& committed_parser() {
  static const std::unique_ptr<nlp::Parser> parser = nlp::Parser::load(model_path("parser.bin"));
  return *parser;
}

/// Tags and parses with the committed models.
inline Document analyse(const std::vector<std::string>& sentences) {
  Document doc = make_document(sentences);
  committed_tagger().process(doc);
  doc.add_layers(Layer::Pos);
  committed_parser().process(doc);
  doc.add_layers(Layer::Deps);
  return doc;
}

/// Index of the first token with this form (or -1).
inline std::int32_t find_word(const Document& doc, std::string_view form) {
  for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
    if (doc.form(t) == form) return static_cast<std::int32_t>(t);
  }
  return -1;
}

}  // namespace text2kg::testing
