#pragma once

#include <string>

#include "text2kg/base/span.hpp"

namespace text2kg {

struct Sentence {
  TokenRange tokens;
  ByteSpan chars;            ///< from the first token's first byte to the last token's last
  bool starts_paragraph = false;
  std::string id;            ///< sent_id when read from CoNLL-U; may be empty
};

}  // namespace text2kg
