#include "text2kg/nlp/stage_registry.hpp"

#include <string>

#include "text2kg/base/error.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/nlp/lemmatizer.hpp"
#include "text2kg/nlp/ner.hpp"
#include "text2kg/nlp/parser.hpp"
#include "text2kg/nlp/tagger.hpp"
#include "text2kg/nlp/tokenizer.hpp"

namespace text2kg::nlp {
namespace fs = std::filesystem;

fs::path model_file(std::string_view name, const fs::path& model_dir) {
  if (name == "coref") return model_dir / "coref.tsv";
  return model_dir / (std::string(name) + ".bin");
}

std::unique_ptr<Stage> load_stage(std::string_view name, const fs::path& model_dir) {
  const fs::path file = model_file(name, model_dir);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw Error(file.string() + ": model not found (give --models DIR, or rebuild with scripts/train-models.sh)");
  }
  if (name == "tokenizer") return Tokenizer::load(file);
  if (name == "tagger") return Tagger::load(file);
  if (name == "lemmatizer") return Lemmatizer::load(file);
  if (name == "parser") return Parser::load(file);
  if (name == "ner") return NerStage::load(file);
  if (name == "coref") return coref::CorefStage::load(file);
  throw Error("unknown NLP stage '" + std::string(name) + "'");
}

}  // namespace text2kg::nlp
