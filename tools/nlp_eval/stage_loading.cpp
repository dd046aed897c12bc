#include "stage_loading.hpp"

#include <string>

#include "text2kg/nlp/stage_registry.hpp"

namespace text2kg::eval_tool {

std::vector<std::unique_ptr<nlp::Stage>> load_available_stages(const std::filesystem::path& models_dir,
                                                               bool with_tokenizer, std::ostream& log) {
  std::vector<std::unique_ptr<nlp::Stage>> stages;
  for (const std::string_view name : nlp::kDefaultStages) {
    if (name == "ner" || name == "coref") continue;  // the CoNLL 2018 metrics score neither
    if (name == "tokenizer" && !with_tokenizer) continue;
    const auto file = models_dir / (std::string(name) + ".bin");
    if (!std::filesystem::exists(file)) {
      log << "text2kg-eval: no model " << file.string() << ": stage '" << name << "' skipped\n";
      continue;
    }
    stages.push_back(nlp::load_stage(name, models_dir));
  }
  return stages;
}

}  // namespace text2kg::eval_tool
