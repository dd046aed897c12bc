#pragma once

#include <string>

#include "text2kg/extract/entity_key.hpp"
#include "text2kg/extract/triple.hpp"

namespace text2kg::testing {

inline Argument argument(EntityType type, const std::string& name) {
  Argument a;
  a.type = type;
  a.name = name;
  a.surface = name;
  a.phrase = name;
  a.key = make_entity_key(type, name);
  return a;
}

/// A hand-made triple with one provenance record.
inline Triple triple(const Argument& subject, const std::string& predicate, const std::string& lemma,
                     const Argument& object, const std::string& doc = "doc", std::uint32_t sentence = 0,
                     double confidence = 0.9) {
  Triple t;
  t.subject = subject;
  t.predicate = predicate;
  t.predicate_lemma = lemma;
  t.object = object;
  t.provenance.doc_id = doc;
  t.provenance.sentence = sentence;
  t.provenance.rule = "test";
  t.provenance.confidence = confidence;
  t.provenance.sentence_text = subject.name + " " + predicate + " " + object.name + ".";
  return t;
}

}  // namespace text2kg::testing
