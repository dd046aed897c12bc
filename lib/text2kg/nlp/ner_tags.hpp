#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "text2kg/base/span.hpp"
#include "text2kg/text/entity_type.hpp"

namespace text2kg::nlp {

/// The entity types the recogniser can output, in class order.
inline constexpr EntityType kNerTypes[] = {EntityType::Person, EntityType::Organization, EntityType::Place,
                                           EntityType::Event,  EntityType::Date,         EntityType::Other};
inline constexpr std::uint32_t kNerTypeCount = 6;
/// BILOU over the types: class 0 is O, then B, I, L, U for each type.
inline constexpr std::uint32_t kNerClassCount = 1 + 4 * kNerTypeCount;

enum class BilouPart : std::uint8_t { Outside, Begin, Inside, Last, Unit };

/// The type's position in kNerTypes, or -1 for a type the recogniser does not output.
int ner_type_index(EntityType type);
constexpr std::uint32_t ner_class(BilouPart part, std::uint32_t type_index) {
  return part == BilouPart::Outside ? 0 : 1 + 4 * type_index + (static_cast<std::uint32_t>(part) - 1);
}
constexpr BilouPart bilou_part(std::uint32_t cls) {
  return cls == 0 ? BilouPart::Outside : static_cast<BilouPart>(1 + (cls - 1) % 4);
}
constexpr std::uint32_t bilou_type(std::uint32_t cls) { return cls == 0 ? 0 : (cls - 1) / 4; }

/// A typed span of a sentence's words, [begin, end).
struct NerSpan {
  TokenRange words;
  EntityType type = EntityType::None;
  friend bool operator==(const NerSpan&, const NerSpan&) = default;
};

/// Whether class `next` may follow class `previous` (kNerClassCount = sentence start) at a
/// position that is (or is not) the sentence's last: a B or I must be continued by an I or L
/// of the same type, and nothing else may be.
bool bilou_allowed(std::uint32_t previous, std::uint32_t next, bool last_word);

/// The classes for gold spans (non-overlapping, sorted) over `word_count` words.
std::vector<std::uint32_t> encode_bilou(std::span<const NerSpan> spans, std::uint32_t word_count);
/// Spans of any class sequence, even an ill-formed one: an unfinished B/I run is closed where
/// it breaks, a stray I/L starts a span, so the result is always well-formed and sorted.
std::vector<NerSpan> decode_bilou(std::span<const std::uint32_t> classes);
/// The same into `spans` (replacing what it held), reusing its storage.
void decode_bilou(std::span<const std::uint32_t> classes, std::vector<NerSpan>& spans);

}  // namespace text2kg::nlp
