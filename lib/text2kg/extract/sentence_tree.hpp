#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/ascii.hpp"
#include "text2kg/extract/title_heads.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::extract {

/// Navigation over the dependency tree of one sentence: heads, children in sentence order,
/// subtrees and their text. Token arguments are Document token indices inside the sentence.
/// The tree is the parser's, with one repair: a title parsed as the head of the name it
/// introduces is put back under the name (reattach_titles_over_names).
/// Thread safety: immutable after construction.
class SentenceTree {
 public:
  SentenceTree(const Document& doc, std::uint32_t sentence);

  const Document& doc() const { return doc_; }
  std::uint32_t sentence() const { return sentence_; }
  TokenRange range() const { return range_; }
  std::uint32_t size() const { return range_.size(); }

  const Token& token(std::uint32_t t) const { return doc_.tokens()[t]; }
  std::string_view form(std::uint32_t t) const { return doc_.form(t); }
  /// Lower-cased lemma (the lower-cased form when no lemma is set).
  std::string lemma(std::uint32_t t) const;
  std::string lower_form(std::uint32_t t) const;
  std::string_view deprel(std::uint32_t t) const { return arcs_.deprels[t - range_.begin]; }
  Upos upos(std::uint32_t t) const { return token(t).upos; }
  /// True when the token's UD features contain `feature` ("PronType=Rel").
  bool has_feature(std::uint32_t t, std::string_view feature) const;

  std::optional<std::uint32_t> head(std::uint32_t t) const;
  const std::vector<std::uint32_t>& children(std::uint32_t t) const { return children_[t - range_.begin]; }
  /// Children whose deprel is exactly `deprel`.
  std::vector<std::uint32_t> children_with(std::uint32_t t, std::string_view deprel) const;
  std::optional<std::uint32_t> first_child(std::uint32_t t, std::string_view deprel) const;

  /// The subtree of `t` in sentence order; a child for which `skip(child)` holds is left
  /// out with its whole subtree (`skip` is asked only below `t`).
  std::vector<std::uint32_t> subtree(std::uint32_t t,
                                     const std::function<bool(std::uint32_t)>& skip = nullptr) const;
  /// Forms joined as written (a space unless the token has SpaceAfter=No).
  std::string text(const std::vector<std::uint32_t>& tokens) const;
  /// From the first token's first byte to the last token's last byte.
  ByteSpan chars(const std::vector<std::uint32_t>& tokens) const;

 private:
  void collect(std::uint32_t t, const std::function<bool(std::uint32_t)>& skip, std::vector<std::uint32_t>& out) const;

  const Document& doc_;
  std::uint32_t sentence_;
  TokenRange range_;
  SentenceArcs arcs_;
  std::vector<std::vector<std::uint32_t>> children_;
};

}  // namespace text2kg::extract
