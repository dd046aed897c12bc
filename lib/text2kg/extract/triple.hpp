#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text2kg/base/span.hpp"
#include "text2kg/text/entity_type.hpp"

namespace text2kg {

/// How directly the text states a triple (the gold files' `level`).
enum class Evidence : std::uint8_t { Explicit, Nominal, Resolved, Inferred };

constexpr std::string_view to_string(Evidence level) {
  switch (level) {
    case Evidence::Explicit: return "explicit";
    case Evidence::Nominal: return "nominal";
    case Evidence::Resolved: return "resolved";
    case Evidence::Inferred: return "inferred";
  }
  return "explicit";
}

/// One side of a triple.
struct Argument {
  std::string key;        ///< entity key after resolution, e.g. "person/evo_morales"; the node id
  std::string name;       ///< the entity's representative name, e.g. "Evo Morales"
  std::string surface;    ///< what this sentence said, e.g. "he" or "Morales"
  std::string phrase;     ///< the full phrase, e.g. "Bolivia's former president Evo Morales"
  EntityType type = EntityType::None;
};

/// Why we believe a triple: where it was read and by which rule.
struct Provenance {
  std::string doc_id;
  std::uint32_t sentence = 0;   ///< index of the sentence in the document
  ByteSpan sentence_chars;      ///< the evidence: document text at these bytes
  std::string sentence_text;    ///< that text, kept so a graph outlives its documents
  ByteSpan subject_chars;       ///< the subject's surface in the document
  ByteSpan object_chars;
  std::string rule;             ///< "clause.svo", "apposition.title_of", ...
  Evidence level = Evidence::Explicit;
  double confidence = 1.0;
  bool negated = false;         ///< "would not come to pass"
  std::string modality;         ///< "", or the modal/control word: would, could, may, pledged
  std::string attributed_to;    ///< entity key of the source of reported speech, if any
  std::string time;             ///< a time modifier as written ("late on Monday")
  std::string time_normalized;  ///< ISO date when resolvable against the document date
  std::string place;            ///< a place modifier as written
};

/// subject –predicate→ object with its evidence.
struct Triple {
  Argument subject;
  std::string predicate;        ///< surface, snake-cased: "fled_to"
  std::string predicate_lemma;  ///< lemma form, the merge key: "flee_to"
  Argument object;
  Provenance provenance;
};

}  // namespace text2kg
