#pragma once

#include <cstdint>
#include <string>

#include "text2kg/base/span.hpp"
#include "text2kg/text/upos.hpp"

namespace text2kg {

/// One syntactic word (a CoNLL-U word line). Indices are into Document::tokens().
struct Token {
  ByteSpan chars;              ///< its text in Document::text(); for a part of a multiword
                               ///< token ("do" of "don't" in some treebanks) the whole span
  std::string form_override;   ///< set only when the word differs from text at `chars`
  bool space_after = true;
  Upos upos = Upos::X;
  std::string xpos;            ///< PTB tag, e.g. "VBD"
  std::string feats;           ///< UD features, "_" or "Number=Sing|..."; empty = not set
  std::string lemma;
  std::int32_t head = -1;      ///< token index in the Document; -1 for a sentence root
  std::string deprel;          ///< UD relation incl. subtype, e.g. "nmod:poss"
  std::string misc;            ///< CoNLL-U MISC less SpaceAfter (e.g. GUM's Entity=...); may be empty
  std::uint32_t sentence = 0;  ///< index into Document::sentences()
};

/// A surface token that stands for several words (CoNLL-U "3-4 don't").
struct MultiwordToken {
  TokenRange words;
  ByteSpan chars;
};

}  // namespace text2kg
