#include "text2kg/extract/sentence_tree.hpp"

#include <algorithm>
#include <cctype>

namespace text2kg::extract {

SentenceTree::SentenceTree(const Document& doc, std::uint32_t sentence)
    : doc_(doc), sentence_(sentence), range_(doc.sentences()[sentence].tokens), children_(range_.size()) {
  arcs_.heads.reserve(range_.size());
  arcs_.deprels.reserve(range_.size());
  for (std::uint32_t t = range_.begin; t < range_.end; ++t) {
    arcs_.heads.push_back(token(t).head);
    arcs_.deprels.push_back(token(t).deprel);
  }
  reattach_titles_over_names(doc, range_, arcs_);
  for (std::uint32_t t = range_.begin; t < range_.end; ++t) {
    const auto parent = head(t);
    if (parent) children_[*parent - range_.begin].push_back(t);
  }
}

std::string SentenceTree::lemma(std::uint32_t t) const {
  const std::string& lemma = token(t).lemma;
  if (lemma.empty() || lemma == "_") return lower_form(t);
  return ascii_lower(lemma);
}

std::string SentenceTree::lower_form(std::uint32_t t) const { return ascii_lower(form(t)); }

bool SentenceTree::has_feature(std::uint32_t t, std::string_view feature) const {
  const std::string_view feats = token(t).feats;
  std::size_t start = 0;
  while (start <= feats.size()) {
    std::size_t end = feats.find('|', start);
    if (end == std::string_view::npos) end = feats.size();
    if (feats.substr(start, end - start) == feature) return true;
    start = end + 1;
  }
  return false;
}

std::optional<std::uint32_t> SentenceTree::head(std::uint32_t t) const {
  const std::int32_t h = arcs_.heads[t - range_.begin];
  if (h < 0 || !range_.contains(static_cast<std::uint32_t>(h))) return std::nullopt;
  return static_cast<std::uint32_t>(h);
}

std::vector<std::uint32_t> SentenceTree::children_with(std::uint32_t t, std::string_view deprel) const {
  std::vector<std::uint32_t> out;
  for (const auto c : children(t)) {
    if (this->deprel(c) == deprel) out.push_back(c);
  }
  return out;
}

std::optional<std::uint32_t> SentenceTree::first_child(std::uint32_t t, std::string_view deprel) const {
  for (const auto c : children(t)) {
    if (this->deprel(c) == deprel) return c;
  }
  return std::nullopt;
}

void SentenceTree::collect(std::uint32_t t, const std::function<bool(std::uint32_t)>& skip,
                           std::vector<std::uint32_t>& out) const {
  out.push_back(t);
  if (out.size() > range_.size()) return;  // only a cyclic parse revisits a word
  for (const auto c : children(t)) {
    if (skip && skip(c)) continue;
    collect(c, skip, out);
  }
}

std::vector<std::uint32_t> SentenceTree::subtree(std::uint32_t t, const std::function<bool(std::uint32_t)>& skip) const {
  std::vector<std::uint32_t> out;
  collect(t, skip, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string SentenceTree::text(const std::vector<std::uint32_t>& tokens) const {
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    out += form(tokens[i]);
    const bool last = i + 1 == tokens.size();
    if (!last && (token(tokens[i]).space_after || tokens[i + 1] != tokens[i] + 1)) out += ' ';
  }
  return out;
}

ByteSpan SentenceTree::chars(const std::vector<std::uint32_t>& tokens) const {
  if (tokens.empty()) return {};
  return {token(tokens.front()).chars.begin, token(tokens.back()).chars.end};
}

}  // namespace text2kg::extract
