#include "stage_loading.hpp"

#include <functional>
#include <string_view>

#include "text2kg/nlp/lemmatizer.hpp"
#include "text2kg/nlp/tokenizer.hpp"

namespace text2kg::eval_tool {
namespace {

using Loader = std::function<std::unique_ptr<nlp::Stage>(const std::filesystem::path&)>;

struct StageEntry {
  std::string_view name;
  Loader load;  ///< empty while the stage's code is not in the library yet
};

/// Pipeline order. The tagger and parser are built on other branches: when they are
/// merged, replace `{}` by their loader, e.g. `[](auto& f) { return nlp::Tagger::load(f); }`.
const std::vector<StageEntry>& stage_table() {
  static const std::vector<StageEntry> table = {
      {"tokenizer", [](const std::filesystem::path& f) { return nlp::Tokenizer::load(f); }},
      {"tagger", {}},
      {"lemmatizer", [](const std::filesystem::path& f) { return nlp::Lemmatizer::load(f); }},
      {"parser", {}},
  };
  return table;
}

}  // namespace

std::vector<std::unique_ptr<nlp::Stage>> load_available_stages(const std::filesystem::path& models_dir,
                                                               bool with_tokenizer, std::ostream& log) {
  std::vector<std::unique_ptr<nlp::Stage>> stages;
  for (const StageEntry& entry : stage_table()) {
    if (entry.name == "tokenizer" && !with_tokenizer) continue;
    const auto file = models_dir / (std::string(entry.name) + ".bin");
    if (!entry.load) {
      log << "text2kg-eval: stage '" << entry.name << "' not available in this build: skipped\n";
    } else if (!std::filesystem::exists(file)) {
      log << "text2kg-eval: no model " << file.string() << ": stage '" << entry.name << "' skipped\n";
    } else {
      stages.push_back(entry.load(file));
    }
  }
  return stages;
}

}  // namespace text2kg::eval_tool
