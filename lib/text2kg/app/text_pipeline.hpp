#pragma once

#include <filesystem>
#include <vector>

#include "text2kg/extract/entity_resolution.hpp"
#include "text2kg/extract/extractor.hpp"
#include "text2kg/extract/triple.hpp"
#include "text2kg/nlp/pipeline.hpp"

namespace text2kg::app {

/// The model folder to use when none is given: $TEXT2KG_MODEL_DIR, else the source tree's
/// models/ (a build run in place), else the installed data folder.
std::filesystem::path default_model_dir();

/// News text to triples: tokenizer, tagger, lemmatizer, parser, entity recognizer and coreference, loaded
/// once from a model folder, then the rule-based extractor. Immutable after construction;
/// analyze() and extract() may run concurrently on different Documents.
class TextPipeline {
 public:
  TextPipeline(const std::filesystem::path& model_dir, double min_confidence);

  /// Fills every NLP layer of the document.
  void analyze(Document& doc) const;
  /// The entities an analyzed document names (coreference chains and names; see
  /// extract::document_entities), to become graph nodes with their aliases and counts.
  std::vector<Entity> entities(const Document& doc) const { return extract::document_entities(doc); }
  /// Triples of an analyzed document.
  std::vector<Triple> extract(const Document& doc) const { return extractor_.extract(doc); }

 private:
  nlp::Pipeline pipeline_;
  extract::Extractor extractor_;
};

}  // namespace text2kg::app
