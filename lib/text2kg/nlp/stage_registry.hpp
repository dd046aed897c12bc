#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string_view>

#include "text2kg/nlp/stage.hpp"

namespace text2kg::nlp {

/// The stages of the default pipeline, in order; each loads its model_file().
inline constexpr std::array<std::string_view, 6> kDefaultStages = {"tokenizer", "tagger", "lemmatizer", "parser",
                                                                   "ner",       "coref"};

/// The model of a stage: `model_dir`/<name>.bin, or for "coref" the statistics table
/// `model_dir`/coref.tsv.
std::filesystem::path model_file(std::string_view name, const std::filesystem::path& model_dir);

/// Loads the stage called `name` from its model_file(). Throws text2kg::Error for an
/// unknown name or a missing or malformed model file, naming the file.
std::unique_ptr<Stage> load_stage(std::string_view name, const std::filesystem::path& model_dir);

}  // namespace text2kg::nlp
