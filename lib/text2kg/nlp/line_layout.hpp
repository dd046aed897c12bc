#pragma once

#include <string_view>

namespace text2kg::nlp {

/// Whether a text's single line breaks end paragraphs (one paragraph per line, as most
/// scraped and exported news is, headline and dateline on lines of their own) rather than
/// wrap lines of a paragraph at a fixed width (e-mail, plain-text archives). Hard-wrapped
/// text has lines of nearly one length: at most 100 characters, and at least half of its
/// non-blank lines within three quarters of the longest. A text of fewer than four
/// non-blank lines is taken as wrapped (its breaks say too little).
bool line_breaks_end_paragraphs(std::string_view text);

}  // namespace text2kg::nlp
