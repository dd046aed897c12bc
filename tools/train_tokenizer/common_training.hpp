#pragma once
// Shared by the tokenizer and lemmatizer training tools: options and the training corpora.

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg_config.hpp"

namespace text2kg::training {

inline constexpr std::string_view kUsage =
    "usage: TOOL [--shared DIR] [--out FILE] [--epochs N] [--no-gum]\n"
    "  --shared DIR  the shared data folder (default: ../shared beside the source tree)\n"
    "  --out FILE    the model to write (default: models/<stage>.bin in the source tree)\n"
    "  --epochs N    training epochs (default 5; the script uses 10)\n"
    "  --no-gum      train on UD English EWT train only\n";

struct Options {
  std::filesystem::path shared = std::filesystem::path(TEXT2KG_MODEL_DIR) / ".." / ".." / "shared";
  std::filesystem::path output;
  int epochs = 5;
  bool gum = true;
};

inline Options parse_options(int argc, char** argv, std::string_view model_name) {
  Options options;
  options.output = std::filesystem::path(TEXT2KG_MODEL_DIR) / model_name;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError("option " + std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--shared") {
      options.shared = value();
    } else if (arg == "--out") {
      options.output = value();
    } else if (arg == "--epochs") {
      const std::string v = value();
      try {
        options.epochs = std::stoi(v);
      } catch (const std::exception&) {
        throw UsageError("--epochs needs a number, not '" + v + "'");
      }
    } else if (arg == "--no-gum") {
      options.gum = false;
    } else {
      throw UsageError("unknown option '" + std::string(arg) + "'");
    }
  }
  return options;
}

/// EWT train, then GUM train files in name order (a fixed order keeps training reproducible).
inline std::vector<Document> read_training_documents(const Options& options) {
  std::vector<Document> docs = io::read_conllu_file(options.shared / "data" / "ud" / "en_ewt-ud-train.conllu");
  if (options.gum) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(options.shared / "data" / "gum" / "train")) {
      if (entry.path().extension() == ".conllu") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      auto more = io::read_conllu_file(file);
      for (auto& d : more) docs.push_back(std::move(d));
    }
  }
  return docs;
}

}  // namespace text2kg::training
