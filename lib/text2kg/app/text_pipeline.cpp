#include "text2kg/app/text_pipeline.hpp"

#include <cstdlib>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/lemmatizer.hpp"
#include "text2kg/nlp/ner.hpp"
#include "text2kg/nlp/parser.hpp"
#include "text2kg/nlp/tagger.hpp"
#include "text2kg/nlp/tokenizer.hpp"
#include "text2kg_config.hpp"

namespace text2kg::app {
namespace fs = std::filesystem;

fs::path default_model_dir() {
  if (const char* dir = std::getenv("TEXT2KG_MODEL_DIR"); dir && *dir) return dir;
  std::error_code ec;
  if (fs::exists(fs::path(TEXT2KG_MODEL_DIR) / "parser.bin", ec)) return TEXT2KG_MODEL_DIR;
  return TEXT2KG_INSTALLED_MODEL_DIR;
}

namespace {

fs::path model_file(const fs::path& dir, const char* name) {
  const fs::path file = dir / name;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw Error(file.string() + ": model not found (give --models DIR, or rebuild with scripts/train-models.sh)");
  }
  return file;
}

}  // namespace

TextPipeline::TextPipeline(const fs::path& model_dir, double min_confidence)
    : extractor_(extract::ExtractorOptions{min_confidence}) {
  pipeline_.add(nlp::Tokenizer::load(model_file(model_dir, "tokenizer.bin")));
  pipeline_.add(nlp::Tagger::load(model_file(model_dir, "tagger.bin")));
  pipeline_.add(nlp::Lemmatizer::load(model_file(model_dir, "lemmatizer.bin")));
  pipeline_.add(nlp::Parser::load(model_file(model_dir, "parser.bin")));
  pipeline_.add(nlp::NerStage::load(model_file(model_dir, "ner.bin")));
}

void TextPipeline::analyze(Document& doc) const {
#ifndef NDEBUG
  pipeline_.run(doc, true);
#else
  pipeline_.run(doc, false);
#endif
}

}  // namespace text2kg::app
