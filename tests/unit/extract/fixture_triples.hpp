#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "paths.hpp"
#include "text2kg/extract/extractor.hpp"
#include "text2kg/io/conllu.hpp"

namespace text2kg::testing {

/// A hand-written CoNLL-U fixture from tests/fixtures/extract/.
inline Document load_fixture(const std::string& name) {
  auto docs = io::read_conllu_file(source_dir() / "tests" / "fixtures" / "extract" / name);
  EXPECT_EQ(docs.size(), 1U);
  return std::move(docs.front());
}

/// The same document with a publication date (read_conllu has none).
inline Document with_date(const Document& doc, const std::string& date) {
  Document dated(std::string(doc.id()), std::string(doc.text()), DocumentMeta{"", date, ""});
  dated.mutable_tokens() = std::vector<Token>(doc.tokens().begin(), doc.tokens().end());
  dated.mutable_sentences() = std::vector<Sentence>(doc.sentences().begin(), doc.sentences().end());
  dated.add_layers(doc.layers());
  return dated;
}

inline std::vector<Triple> in_sentence(const std::vector<Triple>& triples, std::uint32_t sentence) {
  std::vector<Triple> out;
  std::copy_if(triples.begin(), triples.end(), std::back_inserter(out),
               [&](const Triple& t) { return t.provenance.sentence == sentence; });
  return out;
}

inline std::string describe(const std::vector<Triple>& triples) {
  std::ostringstream out;
  for (const auto& t : triples) {
    out << "  s" << t.provenance.sentence << " " << t.subject.key << " -" << t.predicate << "/" << t.predicate_lemma
        << "-> " << t.object.key << " (" << t.provenance.rule << ", " << t.provenance.confidence << ")\n";
  }
  return out.str();
}

/// The triple with these keys and lemma, or nullptr.
inline const Triple* find_triple(const std::vector<Triple>& triples, const std::string& subject,
                                 const std::string& lemma, const std::string& object) {
  for (const auto& t : triples) {
    if (t.subject.key == subject && t.predicate_lemma == lemma && t.object.key == object) return &t;
  }
  return nullptr;
}

}  // namespace text2kg::testing
