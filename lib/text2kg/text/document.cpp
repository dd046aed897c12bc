#include "text2kg/text/document.hpp"

#include <utility>

namespace text2kg {

Document::Document(std::string id, std::string text, DocumentMeta meta)
    : id_(std::move(id)), text_(std::move(text)), meta_(std::move(meta)) {}

std::string_view Document::form(std::uint32_t token) const {
  const Token& t = tokens_[token];
  if (!t.form_override.empty()) return t.form_override;
  return text_of(t.chars);
}

std::uint32_t Document::add_token(ByteSpan chars, bool space_after) {
  Token token;
  token.chars = chars;
  token.space_after = space_after;
  token.sentence = static_cast<std::uint32_t>(sentences_.size());
  tokens_.push_back(std::move(token));
  return static_cast<std::uint32_t>(tokens_.size() - 1);
}

void Document::add_sentence(std::uint32_t first_token, bool starts_paragraph) {
  Sentence sentence;
  sentence.tokens = {first_token, static_cast<std::uint32_t>(tokens_.size())};
  sentence.starts_paragraph = starts_paragraph;
  if (!sentence.tokens.empty()) {
    sentence.chars = {tokens_[first_token].chars.begin, tokens_[sentence.tokens.end - 1].chars.end};
  }
  const auto index = static_cast<std::uint32_t>(sentences_.size());
  for (std::uint32_t i = sentence.tokens.begin; i < sentence.tokens.end; ++i) tokens_[i].sentence = index;
  sentences_.push_back(std::move(sentence));
}

std::span<const Token> Document::sentence_tokens(std::uint32_t sentence) const {
  const TokenRange range = sentences_[sentence].tokens;
  return std::span<const Token>(tokens_).subspan(range.begin, range.size());
}

namespace {

void check_tokens(const Document& doc, std::vector<std::string>& problems) {
  std::uint32_t previous_end = 0;
  for (std::size_t i = 0; i < doc.tokens().size(); ++i) {
    const ByteSpan chars = doc.tokens()[i].chars;
    if (chars.end > doc.text().size() || chars.begin > chars.end) {
      problems.push_back("token " + std::to_string(i) + ": span outside the text");
    } else if (chars.begin < previous_end && chars.end != previous_end) {
      // words of one multiword token share its span; anything else must not overlap
      problems.push_back("token " + std::to_string(i) + ": span overlaps the previous token");
    }
    previous_end = chars.end;
  }
}

void check_sentences(const Document& doc, std::vector<std::string>& problems) {
  std::uint32_t expected_begin = 0;
  for (std::size_t s = 0; s < doc.sentences().size(); ++s) {
    const Sentence& sentence = doc.sentences()[s];
    if (sentence.tokens.begin != expected_begin || sentence.tokens.end > doc.tokens().size()) {
      problems.push_back("sentence " + std::to_string(s) + ": tokens do not follow the previous sentence");
      return;
    }
    for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) {
      if (doc.tokens()[t].sentence != s) {
        problems.push_back("token " + std::to_string(t) + ": sentence index is not " + std::to_string(s));
      }
    }
    expected_begin = sentence.tokens.end;
  }
  if (!doc.sentences().empty() && expected_begin != doc.tokens().size()) {
    problems.push_back("tokens after the last sentence");
  }
}

void check_heads(const Document& doc, std::vector<std::string>& problems) {
  for (std::size_t s = 0; s < doc.sentences().size(); ++s) {
    const TokenRange range = doc.sentences()[s].tokens;
    int roots = 0;
    for (std::uint32_t t = range.begin; t < range.end; ++t) {
      const std::int32_t head = doc.tokens()[t].head;
      if (head < 0) {
        ++roots;
      } else if (!range.contains(static_cast<std::uint32_t>(head))) {
        problems.push_back("token " + std::to_string(t) + ": head outside its sentence");
        continue;
      }
      // Walk up: reaching the root within the sentence length proves there is no cycle.
      std::int32_t cursor = head;
      std::uint32_t steps = 0;
      while (cursor >= 0 && steps <= range.size()) {
        cursor = doc.tokens()[static_cast<std::uint32_t>(cursor)].head;
        ++steps;
      }
      if (cursor >= 0) problems.push_back("token " + std::to_string(t) + ": heads form a cycle");
    }
    if (roots != 1 && range.size() > 0) {
      problems.push_back("sentence " + std::to_string(s) + ": " + std::to_string(roots) + " roots");
    }
  }
}

void check_mentions(const Document& doc, std::vector<std::string>& problems) {
  for (std::size_t m = 0; m < doc.mentions().size(); ++m) {
    const Mention& mention = doc.mentions()[m];
    if (mention.tokens.empty() || mention.tokens.end > doc.tokens().size()) {
      problems.push_back("mention " + std::to_string(m) + ": bad token range");
      continue;
    }
    if (doc.tokens()[mention.tokens.begin].sentence != doc.tokens()[mention.tokens.end - 1].sentence) {
      problems.push_back("mention " + std::to_string(m) + ": crosses a sentence boundary");
    }
    if (!mention.tokens.contains(mention.head)) {
      problems.push_back("mention " + std::to_string(m) + ": head outside the mention");
    }
    if (mention.chain && *mention.chain >= doc.chains().size()) {
      problems.push_back("mention " + std::to_string(m) + ": chain index out of range");
    }
  }
  for (std::size_t c = 0; c < doc.chains().size(); ++c) {
    const CorefChain& chain = doc.chains()[c];
    if (chain.mentions.empty()) problems.push_back("chain " + std::to_string(c) + ": empty");
    for (const std::uint32_t m : chain.mentions) {
      if (m >= doc.mentions().size() || doc.mentions()[m].chain != c) {
        problems.push_back("chain " + std::to_string(c) + ": mention " + std::to_string(m) +
                           " does not point back");
      }
    }
  }
}

}  // namespace

std::vector<std::string> validate(const Document& doc) {
  std::vector<std::string> problems;
  check_tokens(doc, problems);
  check_sentences(doc, problems);
  if (doc.layers().has(Layer::Deps)) check_heads(doc, problems);
  check_mentions(doc, problems);
  return problems;
}

}  // namespace text2kg
