#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text2kg/text/document.hpp"

namespace text2kg::extract {

/// Heads and relations of one sentence's words, indexed from the sentence's first token.
struct SentenceArcs {
  std::vector<std::int32_t> heads;        ///< document token index of the head, -1 for the root
  std::vector<std::string_view> deprels;  ///< the token's deprel, or a literal set by a repair
};

/// Puts a title back under the name it introduces. Parsers often make the title the head of
/// a name joined to it by `flat` ("President" over "Andres Manuel Lopez Obrador", "vice
/// president" over "Jeanine Anez"); UD, and both treebanks the parser learns from, attach
/// the title to the name as `nmod:desc`, and every rule expects that shape. A common noun
/// never heads a `flat` name, so any noun qualifies; a proper noun only when it is a title
/// word ("President"). The name's first word takes the title's place in the clause, with
/// the clause's dependents; the title keeps its own modifiers ("Mexican", "Mexico's").
void reattach_titles_over_names(const Document& doc, TokenRange sentence, SentenceArcs& arcs);

}  // namespace text2kg::extract
