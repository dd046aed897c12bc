#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "text2kg/graph/knowledge_graph.hpp"
#include "text2kg/io/jsonld_writer.hpp"
#include "triples.hpp"

namespace text2kg::testing {

/// Names that break naive writers: markup, quotes, separators, control characters, a
/// backtick, non-ASCII letters.
inline const std::string kHostileName = "A<b>&\"c\" 'd'\te\nf\x01g\x7f;h,`i` Añez \\ ✓";

/// The hand-made triple set of the golden files and many unit tests.
inline std::vector<Triple> sample_triples() {
  const Argument morales = argument(EntityType::Person, "Evo Morales");
  const Argument mexico = argument(EntityType::Place, "Mexico");
  const Argument bolivia = argument(EntityType::Place, "Bolivia");
  const Argument hostile = argument(EntityType::Organization, kHostileName);
  const Argument asylum = argument(EntityType::Concept, "asylum");
  std::vector<Triple> triples;
  triples.push_back(triple(morales, "fled_to", "flee_to", mexico, "morales-asylum", 0, 0.9));
  triples.push_back(triple(morales, "flew_to", "flee_to", mexico, "morales-asylum", 2, 0.5));
  triples.push_back(triple(morales, "left", "leave", bolivia, "morales-asylum", 1, 0.75));
  triples.push_back(triple(mexico, "granted", "grant", asylum, "morales-asylum", 3, 1.0));
  Triple said = triple(hostile, "said", "say", morales, "other \"doc\"", 4, 0.6);
  said.provenance.sentence_text = "He said: \"no\"\n\tthen <left> & \x02 went.";
  said.provenance.modality = "would";
  said.provenance.attributed_to = hostile.key;
  said.provenance.time = "late on Monday";
  said.provenance.time_normalized = "2019-11-11";
  said.provenance.place = "La Paz";
  said.provenance.sentence_chars = {10, 52};
  said.provenance.subject_chars = {10, 12};
  said.provenance.object_chars = {30, 35};
  said.provenance.level = Evidence::Resolved;
  triples.push_back(said);
  Triple denied = triple(morales, "returned_to", "return_to", bolivia, "morales-asylum", 5, 0.4);
  denied.provenance.negated = true;
  triples.push_back(denied);
  // A lemma that would shadow a context term, and one that is no safe local name.
  triples.push_back(triple(bolivia, "name", "name", morales, "morales-asylum", 6, 0.3));
  triples.push_back(triple(bolivia, "is part of", "be part of", mexico, "morales-asylum", 7, 0.2));
  return triples;
}

inline graph::KnowledgeGraph graph_of(const std::vector<Triple>& triples) {
  graph::KnowledgeGraph g;
  DocumentMeta meta;
  meta.title = "Morales \"granted\" asylum";
  meta.date = "2019-11-12";
  meta.url = "https://example.org/news?id=1&x=2";
  g.add_document("morales-asylum", meta);
  for (const Triple& t : triples) g.add_triple(t);
  g.prepare();
  return g;
}

inline std::string jsonld_of(const graph::KnowledgeGraph& g, const io::JsonldOptions& options = {}) {
  std::ostringstream out;
  io::write_jsonld(g, out, options);
  return out.str();
}

}  // namespace text2kg::testing
