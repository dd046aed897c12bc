#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/text/document.hpp"

namespace text2kg::io {

/// One line of a news corpus that could not be read, with the reason.
struct NewsReadFailure {
  std::string where;   ///< "FILE:LINE"
  std::string reason;
};

/// A news corpus in JSON Lines: one object per line with "text" (required) and "id", "title",
/// "date" (YYYY-MM-DD, or an ISO date-time whose date part is used), "url" (optional).
/// Documents without an id get "<file stem>-<line>". A line that is not such an object (bad
/// JSON, no text, empty text, invalid UTF-8 in a value) is reported in `failures` and skipped,
/// so one bad document does not lose the corpus; the caller decides whether that is fatal.
std::vector<Document> read_news_jsonl(std::string_view content, const std::string& name,
                                      std::vector<NewsReadFailure>& failures);

}  // namespace text2kg::io
