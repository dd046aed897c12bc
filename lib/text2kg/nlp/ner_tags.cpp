#include "text2kg/nlp/ner_tags.hpp"

namespace text2kg::nlp {

int ner_type_index(EntityType type) {
  for (std::uint32_t i = 0; i < kNerTypeCount; ++i) {
    if (kNerTypes[i] == type) return static_cast<int>(i);
  }
  return -1;
}

bool bilou_allowed(std::uint32_t previous, std::uint32_t next, bool last_word) {
  const BilouPart next_part = bilou_part(next);
  if (last_word && (next_part == BilouPart::Begin || next_part == BilouPart::Inside)) return false;
  const bool open = previous < kNerClassCount &&
                    (bilou_part(previous) == BilouPart::Begin || bilou_part(previous) == BilouPart::Inside);
  if (open) {
    return (next_part == BilouPart::Inside || next_part == BilouPart::Last) &&
           bilou_type(next) == bilou_type(previous);
  }
  return next_part == BilouPart::Outside || next_part == BilouPart::Begin || next_part == BilouPart::Unit;
}

std::vector<std::uint32_t> encode_bilou(std::span<const NerSpan> spans, std::uint32_t word_count) {
  std::vector<std::uint32_t> classes(word_count, 0);
  for (const NerSpan& span : spans) {
    const int type = ner_type_index(span.type);
    if (type < 0 || span.words.empty() || span.words.end > word_count) continue;
    const auto t = static_cast<std::uint32_t>(type);
    if (span.words.size() == 1) {
      classes[span.words.begin] = ner_class(BilouPart::Unit, t);
      continue;
    }
    classes[span.words.begin] = ner_class(BilouPart::Begin, t);
    for (std::uint32_t w = span.words.begin + 1; w + 1 < span.words.end; ++w) classes[w] = ner_class(BilouPart::Inside, t);
    classes[span.words.end - 1] = ner_class(BilouPart::Last, t);
  }
  return classes;
}

std::vector<NerSpan> decode_bilou(std::span<const std::uint32_t> classes) {
  std::vector<NerSpan> spans;
  decode_bilou(classes, spans);
  return spans;
}

void decode_bilou(std::span<const std::uint32_t> classes, std::vector<NerSpan>& spans) {
  spans.clear();
  bool open = false;
  NerSpan current;
  const auto close = [&](std::uint32_t end) {
    if (open) {
      current.words.end = end;
      spans.push_back(current);
      open = false;
    }
  };
  for (std::uint32_t w = 0; w < classes.size(); ++w) {
    const std::uint32_t cls = classes[w] < kNerClassCount ? classes[w] : 0;
    const BilouPart part = bilou_part(cls);
    const EntityType type = kNerTypes[bilou_type(cls)];
    const bool continues = open && current.type == type && (part == BilouPart::Inside || part == BilouPart::Last);
    if (!continues) close(w);
    if (part == BilouPart::Outside) continue;
    if (!continues) {
      current = NerSpan{TokenRange{w, w}, type};
      open = true;
    }
    if (part == BilouPart::Last || part == BilouPart::Unit) close(w + 1);
  }
  close(static_cast<std::uint32_t>(classes.size()));
}

}  // namespace text2kg::nlp
