#pragma once
// Hand-built parsed sentences for the coreference tests (written for the tests; not from
// any corpus or the sample).

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text2kg/coref/coref_resolver.hpp"
#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::coref::testing {

/// Rows "ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL" separated by spaces; a blank line ends a
/// sentence. Returns the document with tokens, tags, lemmas and the tree.
inline Document parse(const std::string& rows, const std::string& id = "test") {
  std::stringstream in(rows), out;
  out << "# newdoc id = " << id << "\n";
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      out << "\n";
      continue;
    }
    std::stringstream fields(line);
    std::string field, joined;
    while (fields >> field) joined += (joined.empty() ? "" : "\t") + field;
    out << joined << "\t_\t_\n";
  }
  out << "\n";
  return io::read_conllu(out.str(), id + ".conllu").at(0);
}

/// Adds a recognised name over document tokens [first, last] (head: the word whose head
/// lies outside) and flags the Entities layer.
inline void name(Document& doc, std::uint32_t first, std::uint32_t last, EntityType type) {
  Mention m;
  m.tokens = {first, last + 1};
  m.type = type;
  m.kind = MentionKind::Proper;
  m.head = last;
  for (std::uint32_t t = first; t <= last; ++t) {
    const std::int32_t h = doc.tokens()[t].head;
    if (h < 0 || static_cast<std::uint32_t>(h) < first || static_cast<std::uint32_t>(h) > last) {
      m.head = t;
      break;
    }
  }
  doc.mutable_mentions().push_back(m);
  doc.add_layers(Layer::Entities);
}

/// Three sentences shared by the name tests, names recognised but not resolved: "Dana
/// Whitfield arrived. Whitfield spoke. Lee Whitfield left."
inline Document whitfields() {
  Document doc = parse(
      "1 Dana Dana PROPN NNP _ 3 nsubj\n2 Whitfield Whitfield PROPN NNP _ 1 flat\n3 arrived arrive VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n\n"
      "1 Whitfield Whitfield PROPN NNP _ 2 nsubj\n2 spoke speak VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Lee Lee PROPN NNP _ 3 nsubj\n2 Whitfield Whitfield PROPN NNP _ 1 flat\n3 left leave VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n");
  name(doc, 0, 1, EntityType::Person);
  name(doc, 4, 4, EntityType::Person);
  name(doc, 7, 8, EntityType::Person);
  return doc;
}

/// Two sentences with an acronym defined in parentheses, names recognised, not resolved:
/// "The Union of Northern Ports (UNP) met. The UNP agreed."
inline Document union_of_northern_ports() {
  Document doc = parse(
      "1 The the DET DT _ 2 det\n2 Union Union PROPN NNP _ 9 nsubj\n3 of of ADP IN _ 5 case\n"
      "4 Northern Northern PROPN NNP _ 5 compound\n5 Ports Ports PROPN NNPS _ 2 nmod\n6 ( ( PUNCT -LRB- _ 7 punct\n"
      "7 UNP UNP PROPN NNP _ 2 appos\n8 ) ) PUNCT -RRB- _ 7 punct\n9 met meet VERB VBD _ 0 root\n"
      "10 . . PUNCT . _ 9 punct\n\n"
      "1 The the DET DT _ 2 det\n2 UNP UNP PROPN NNP _ 3 nsubj\n3 agreed agree VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n");
  name(doc, 1, 4, EntityType::Organization);
  name(doc, 6, 6, EntityType::Organization);
  name(doc, 11, 11, EntityType::Organization);
  return doc;
}

/// A small statistics table: "mayor" and "council" and the given name "dana".
inline CorefStatistics statistics() {
  CorefStatistics stats;
  //                               masc fem neut plur person place org other
  stats.add("noun", "mayor", {{12, 3, 0, 0, 10, 0, 0, 0}});
  stats.add("noun", "council", {{0, 0, 9, 3, 0, 0, 10, 0}});
  stats.add("noun", "bridge", {{0, 0, 6, 0, 0, 0, 0, 8}});
  stats.add("name", "dana", {{0, 7, 0, 0, 6, 0, 0, 0}});
  return stats;
}

/// Clusters of two or more mentions, each as the sorted list of its lower-cased extents.
inline std::set<std::vector<std::string>> clusters(const Document& doc, const std::vector<Sieve>& sieves) {
  CorefOptions options;
  options.sieves = sieves;
  const CorefResult result = resolve_coreference(doc, statistics(), options);
  std::set<std::vector<std::string>> out;
  for (const auto& cluster : result.clusters) {
    if (cluster.size() < 2) continue;
    std::vector<std::string> texts;
    for (const std::uint32_t m : cluster) texts.push_back(lower_text(doc, result.mentions[m].extent));
    std::sort(texts.begin(), texts.end());
    out.insert(texts);
  }
  return out;
}

}  // namespace text2kg::coref::testing
