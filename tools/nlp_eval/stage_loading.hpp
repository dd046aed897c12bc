#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <vector>

#include "text2kg/nlp/stage.hpp"

namespace text2kg::eval_tool {

/// Loads, in pipeline order, every stage whose model file exists in `models_dir`
/// (models/<stage>.bin), skipping the tokenizer when `with_tokenizer` is false. A stage
/// without a model (or without code yet) is skipped and named on `log`.
/// To plug in a new stage (tagger, parser), add one entry to the table in the .cpp.
std::vector<std::unique_ptr<nlp::Stage>> load_available_stages(const std::filesystem::path& models_dir,
                                                               bool with_tokenizer, std::ostream& log);

}  // namespace text2kg::eval_tool
