#pragma once

#include <string>

#include "text2kg/graph/knowledge_graph.hpp"
#include "triples.hpp"

namespace text2kg::testing {

/// A name with everything XML and JSON make hard: markup characters, quotes, a tab, a
/// newline, a carriage return, a C0 control character and U+FFFF.
inline const std::string kHostileName = "A&B <Corp> \"Q\" 'S'\tT\nL\rC\x01X\xEF\xBF\xBF";

/// The hand-made graph behind the golden files and the round trips: 5 nodes, 5 edges, two
/// documents, parallel relations, a negated one with a modality, a NaN-free PageRank, one
/// hostile name and one hostile predicate.
inline graph::KnowledgeGraph sample_graph() {
  const Argument morales = argument(EntityType::Person, "Evo Morales");
  const Argument mexico = argument(EntityType::Place, "Mexico");
  const Argument bolivia = argument(EntityType::Place, "Bolivia");
  const Argument army = argument(EntityType::Organization, "Bolivian Army");
  Argument hostile = argument(EntityType::Organization, kHostileName);

  graph::KnowledgeGraph g;
  g.add_document("afp-1", {"Morales flees", "2019-11-12", "https://example.org/a?x=1&y=2"});
  g.add_document("afp-2", {"", "2019-11-13", ""});
  g.add_entity({morales.key, "Evo Morales", EntityType::Person, {"Morales", "Evo Morales"}, 3,
                "http://www.wikidata.org/entity/Q42410"});

  Triple fled = triple(morales, "fled_to", "flee_to", mexico, "afp-1", 0, 0.875);
  fled.provenance.sentence_chars = {0, 24};
  fled.provenance.subject_chars = {0, 7};
  fled.provenance.object_chars = {17, 23};
  fled.provenance.sentence_text = "Morales fled to \"Mexico\".";
  g.add_triple(fled);
  Triple fled_again = triple(morales, "flees_to", "flee_to", mexico, "afp-2", 2, 0.5);
  fled_again.provenance.rule = "clause.svo_obl";
  fled_again.provenance.level = Evidence::Resolved;
  fled_again.provenance.time = "late on Monday";
  fled_again.provenance.time_normalized = "2019-11-11";
  g.add_triple(fled_again);
  g.add_triple(triple(mexico, "granted_asylum_to", "grant_asylum_to", morales, "afp-1", 1, 0.75));

  Triple resign = triple(morales, "would_not_resign_from", "resign_from", army, "afp-2", 4, 0.25);
  resign.provenance.negated = true;
  resign.provenance.modality = "would";
  resign.provenance.attributed_to = army.key;
  resign.provenance.place = "La Paz";
  g.add_triple(resign);

  Triple odd = triple(hostile, "said\x02<to>", "say\rto & \"so\"", bolivia, "afp-1", 3, 1.0);
  odd.provenance.sentence_text = "Text with <tags> & a control \x03 char\r\n and ]]> too.";
  g.add_triple(odd);
  g.prepare();
  return g;
}

}  // namespace text2kg::testing
