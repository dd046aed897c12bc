#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <unordered_map>

namespace text2kg::coref {

// The file format of the coreference models learnt as hashed-feature weights (the pronoun
// ranker, the extent model).

/// Hashed-feature weights as "<16 hex digits>\t<weight>" lines after a "# comment" line,
/// sorted by feature (equal weights, equal bytes); written through a temporary file.
void save_weights(const std::unordered_map<std::uint64_t, float>& weights, const std::filesystem::path& file,
                  std::string_view comment);
/// Reads what save_weights wrote; throws text2kg::InputError naming the file and line.
std::unordered_map<std::uint64_t, float> load_weights(const std::filesystem::path& file, std::string_view what);

}  // namespace text2kg::coref
