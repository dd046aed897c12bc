#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "text2kg/nlp/ner_tags.hpp"

namespace text2kg::nlp {

/// Document-level consistency: news and web text repeat a name, and a sentence-level tagger
/// finds it in one context but not in another. Every name recognised somewhere in the
/// document that starts with a capital letter is also marked at its other exact (case-
/// sensitive) occurrences that overlap no span, with the type it was given most often; and a
/// span of such a name given another type than the strict majority of its occurrences takes
/// the majority's type (one name, one type per document). Then the last word of a person
/// named in full ("Morales" of "Evo Morales") is that person where it stands alone, unless
/// it was found as a name of another type or an unmarked capitalised word runs on from it
/// mid-sentence (UNER EWT dev F1 +0.3 over three training seeds, GUM dev named -0.2).
/// `spans[s]` are the spans of sentence `words[s]`; they stay sorted and non-overlapping.
void propagate_names(std::span<const std::vector<std::string_view>> words, std::span<std::vector<NerSpan>> spans);

}  // namespace text2kg::nlp
