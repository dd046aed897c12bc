#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/text/document.hpp"

namespace text2kg::io {

/// Reads CoNLL-U (UD v2) into Documents, one per `# newdoc` (or one for a file without).
///
/// The document text is rebuilt from the word forms: tokens joined by a space unless
/// SpaceAfter=No, sentences by a space, paragraphs (`# newpar`) by a blank line. Multiword
/// tokens keep their surface in the text; their words share its span and carry their own
/// form. Empty nodes (8.1) are skipped. Every layer present in the columns is filled and
/// flagged (tokens, sentences, pos, lemmas, deps). Throws InputError with file and line on
/// a malformed line.
std::vector<Document> read_conllu(std::string_view content, const std::string& name);
std::vector<Document> read_conllu_file(const std::filesystem::path& path);

/// Writes a Document as CoNLL-U, with `# newdoc id`, `# sent_id`, `# text` and
/// SpaceAfter=No; unfilled columns are "_".
void write_conllu(const Document& doc, std::ostream& out);

}  // namespace text2kg::io
