#pragma once

#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref {

/// Trims recognised names to the name proper, so every mention of an entity has the same
/// words: a trailing possessive or punctuation goes ("Mexico’s" -> "Mexico"), and a person's
/// leading titles and roles go up to the last of them, and a span holding a verb keeps its longest stretch without one ("Mexican President Andres Manuel
/// Lopez Obrador" -> "Andres Manuel Lopez Obrador", "Mr Morales" -> "Morales"); a role is a
/// title word or a head noun that GUM train's mentions make a person ("president",
/// "minister"); a name with such a role inside or right before it is a person's, whatever
/// type the recogniser gave it. At least one word stays; the head moves inside the span if it fell out.
void tidy_name_spans(Document& doc, const CorefStatistics& stats);

}  // namespace text2kg::coref
