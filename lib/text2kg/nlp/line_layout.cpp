#include "text2kg/nlp/line_layout.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace text2kg::nlp {

namespace {

/// Lengths in bytes of the non-blank lines, trailing spaces and carriage returns aside.
std::vector<std::size_t> line_lengths(std::string_view text) {
  std::vector<std::size_t> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) out.push_back(line.size());
    start = end + 1;
  }
  return out;
}

}  // namespace

bool line_breaks_end_paragraphs(std::string_view text) {
  constexpr std::size_t kMinLines = 4;
  constexpr std::size_t kMaxWrapWidth = 100;
  const std::vector<std::size_t> lengths = line_lengths(text);
  if (lengths.size() < kMinLines) return false;
  const std::size_t longest = *std::max_element(lengths.begin(), lengths.end());
  if (longest > kMaxWrapWidth) return true;
  const auto full = std::count_if(lengths.begin(), lengths.end(), [&](std::size_t n) { return 4 * n >= 3 * longest; });
  return 2 * static_cast<std::size_t>(full) < lengths.size();
}

}  // namespace text2kg::nlp
