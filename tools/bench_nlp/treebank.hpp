#pragma once
// Corpus loading shared by the NLP tools (train_tagger, train_parser, bench_nlp).

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg_config.hpp"

namespace text2kg::tools {

/// ../shared beside the source tree, as the project's README describes.
inline std::filesystem::path default_shared_dir() {
  return std::filesystem::path(TEXT2KG_MODEL_DIR).parent_path().parent_path() / "shared";
}
inline std::filesystem::path default_model_dir() { return TEXT2KG_MODEL_DIR; }

inline void append_conllu(const std::filesystem::path& file, std::vector<Document>& out) {
  for (Document& doc : io::read_conllu_file(file)) out.push_back(std::move(doc));
}

/// Every *.conllu file of a folder, in name order (so runs are reproducible).
inline std::vector<Document> read_conllu_folder(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) throw Error(folder.string() + ": no such folder");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".conllu") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Document> docs;
  for (const auto& file : files) append_conllu(file, docs);
  return docs;
}

inline std::vector<Document> ewt(const std::filesystem::path& shared, std::string_view split) {
  std::vector<Document> docs;
  append_conllu(shared / "data" / "ud" / ("en_ewt-ud-" + std::string(split) + ".conllu"), docs);
  return docs;
}

inline std::vector<Document> gum(const std::filesystem::path& shared, std::string_view split) {
  return read_conllu_folder(shared / "data" / "gum" / std::string(split));
}

/// The documents whose id starts with `prefix` ("GUM_news").
inline std::vector<Document> with_prefix(const std::vector<Document>& docs, std::string_view prefix) {
  std::vector<Document> out;
  for (const Document& doc : docs) {
    if (doc.id().starts_with(prefix)) out.push_back(doc);
  }
  return out;
}

/// "--name=value" options; returns the value or `fallback`.
inline std::string option(int argc, char** argv, std::string_view name, std::string fallback) {
  const std::string prefix = "--" + std::string(name) + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(prefix)) return std::string(arg.substr(prefix.size()));
  }
  return fallback;
}
inline bool flag(int argc, char** argv, std::string_view name) {
  const std::string wanted = "--" + std::string(name);
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == wanted) return true;
  }
  return false;
}

}  // namespace text2kg::tools
