#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace text2kg {

struct TextFileLimits {
  std::size_t max_line_bytes = std::size_t{1} << 20;  ///< a longer line is refused, not split
  bool allow_empty = false;
};

/// Reads a whole UTF-8 text file (or standard input for "-") and checks it: the file exists
/// and is readable, is not a directory, holds no NUL byte (a binary file), is well-formed
/// UTF-8, has no line over the limit and (unless allowed) is not empty or blank. A leading
/// byte-order mark is dropped. Throws InputError naming the file and the line or byte.
std::string read_text_file(const std::filesystem::path& path, const TextFileLimits& limits = {});

/// The same checks for text already in memory; `name` is used in messages.
void check_text(std::string_view text, const std::string& name, const TextFileLimits& limits = {});

/// 1-based line number of byte `offset` in `text`.
std::size_t line_of(std::string_view text, std::size_t offset);

}  // namespace text2kg
