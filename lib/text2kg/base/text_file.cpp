#include "text2kg/base/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "text2kg/base/error.hpp"
#include "text2kg/base/utf8.hpp"

namespace text2kg {
namespace fs = std::filesystem;

std::size_t line_of(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

void check_text(std::string_view text, const std::string& name, const TextFileLimits& limits) {
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw InputError::at_byte(name, nul, "binary file (NUL byte at line " +
                                             std::to_string(line_of(text, nul)) + ")");
  }
  if (const auto bad = utf8::find_invalid(text)) {
    throw InputError::at_byte(name, *bad, "invalid UTF-8 (line " +
                                              std::to_string(line_of(text, *bad)) + ")");
  }
  std::size_t line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end - start > limits.max_line_bytes) {
      throw InputError::at_line(name, line, "line of " + std::to_string(end - start) +
                                                " bytes is longer than the limit of " +
                                                std::to_string(limits.max_line_bytes));
    }
    start = end + 1;
    ++line;
  }
  if (!limits.allow_empty && text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw InputError::in_file(name, "empty input");
  }
}

std::string read_text_file(const fs::path& path, const TextFileLimits& limits) {
  std::string text;
  const std::string name = path == "-" ? std::string("<stdin>") : path.string();
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    text = std::move(buffer).str();
  } else {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw InputError::in_file(name, "is a directory");
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw InputError::in_file(name, std::string("cannot read: ") +
                                          (errno ? std::strerror(errno) : "open failed"));
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) throw InputError::in_file(name, "read error");
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  check_text(text, name, limits);
  return text;
}

}  // namespace text2kg
