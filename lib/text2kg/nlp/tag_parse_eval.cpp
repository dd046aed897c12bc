#include "text2kg/nlp/tag_parse_eval.hpp"

#include <cstdio>

namespace text2kg::nlp {
namespace {

std::string_view universal(std::string_view deprel) { return deprel.substr(0, deprel.find(':')); }

}  // namespace

std::string TagParseScores::summary() const {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, "UPOS %.2f XPOS %.2f FEATS %.2f UAS %.2f LAS %.2f LAS+subtypes %.2f (%llu words)",
                percent(upos), percent(xpos), percent(feats), percent(uas), percent(las), percent(full_las),
                static_cast<unsigned long long>(words));
  return buffer;
}

TagParseScores evaluate_tag_parse(std::span<const Document> gold, std::span<const Stage* const> stages) {
  TagParseScores scores;
  Layers provided;
  for (const Stage* stage : stages) provided |= stage->provided_layers();
  for (const Document& reference : gold) {
    Document doc = reference;
    for (Token& token : doc.mutable_tokens()) {
      if (provided.has(Layer::Pos)) {
        token.upos = Upos::X;
        token.xpos.clear();
        token.feats.clear();
      }
      if (provided.has(Layer::Deps)) {
        token.head = -1;
        token.deprel.clear();
      }
    }
    for (const Stage* stage : stages) {
      stage->process(doc);
      doc.add_layers(stage->provided_layers());
    }
    for (std::size_t t = 0; t < doc.tokens().size(); ++t) {
      const Token& got = doc.tokens()[t];
      const Token& want = reference.tokens()[t];
      ++scores.words;
      if (provided.has(Layer::Pos)) {
        scores.upos += got.upos == want.upos;
        scores.xpos += got.xpos == want.xpos;
        scores.feats += got.feats == want.feats || (got.feats == "_" && want.feats.empty());
      }
      if (provided.has(Layer::Deps) && got.head == want.head) {
        ++scores.uas;
        scores.las += universal(got.deprel) == universal(want.deprel);
        scores.full_las += got.deprel == want.deprel;
      }
    }
  }
  return scores;
}

}  // namespace text2kg::nlp
