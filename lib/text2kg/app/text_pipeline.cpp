#include "text2kg/app/text_pipeline.hpp"

#include <cstdlib>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/stage_registry.hpp"
#include "text2kg_config.hpp"

namespace text2kg::app {
namespace fs = std::filesystem;

fs::path default_model_dir() {
  if (const char* dir = std::getenv("TEXT2KG_MODEL_DIR"); dir && *dir) return dir;
  std::error_code ec;
  if (fs::exists(fs::path(TEXT2KG_MODEL_DIR) / "parser.bin", ec)) return TEXT2KG_MODEL_DIR;
  return TEXT2KG_INSTALLED_MODEL_DIR;
}

TextPipeline::TextPipeline(const fs::path& model_dir, double min_confidence)
    : extractor_(extract::ExtractorOptions{min_confidence}) {
  for (const std::string_view stage : nlp::kDefaultStages) pipeline_.add(nlp::load_stage(stage, model_dir));
}

void TextPipeline::analyze(Document& doc) const {
#ifndef NDEBUG
  pipeline_.run(doc, true);
#else
  pipeline_.run(doc, false);
#endif
}

}  // namespace text2kg::app
