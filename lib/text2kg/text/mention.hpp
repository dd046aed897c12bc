#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "text2kg/base/span.hpp"
#include "text2kg/text/entity_type.hpp"

namespace text2kg {

enum class MentionKind : std::uint8_t { Proper, Nominal, Pronoun };

/// A span that refers to something: a name, a noun phrase or a pronoun.
struct Mention {
  TokenRange tokens;
  std::uint32_t head = 0;             ///< token index of the syntactic head
  EntityType type = EntityType::None;
  MentionKind kind = MentionKind::Proper;
  float score = 1.0F;
  std::optional<std::uint32_t> chain;  ///< index into Document::chains(), set by coreference
};

struct CorefChain {
  std::vector<std::uint32_t> mentions;  ///< indices into Document::mentions(), textual order
  std::uint32_t representative = 0;     ///< proper > nominal > pronoun, then longer, then earlier
};

}  // namespace text2kg
