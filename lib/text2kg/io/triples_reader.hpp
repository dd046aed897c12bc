#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/extract/triple.hpp"

namespace text2kg::io {

/// Reads ready-made triples (documented in schemas/README.md, "Triple input"; JSON Schema
/// schemas/triples.schema.json). Fields: subject, predicate, object (required, non-empty);
/// subject_type, object_type (EntityType names or tags such as PER, ORG, GPE; default
/// untyped); predicate_lemma (default: the predicate lower-cased and snake-cased);
/// document, sentence, sentence_text, subject_start, subject_end, object_start, object_end,
/// confidence (0..1, default 1), rule, negated, modality. Entity keys are
/// make_entity_key(type, name). Every malformed line throws InputError "NAME:LINE: what".

/// TSV: `#` comment lines and blank lines are skipped; the first other line is the header
/// naming the columns (subject, predicate and object must be among them; unknown names are
/// refused); every data line has exactly as many tab-separated fields. Inside a field, \t \n
/// \r and \\ stand for tab, newline, carriage return and backslash. An empty field is absent.
std::vector<Triple> read_triples_tsv(std::string_view content, const std::string& name);

/// JSON Lines: one JSON object per non-blank line, the keys above, strings for text,
/// integers for sentence and offsets, a number for confidence, a boolean for negated.
std::vector<Triple> read_triples_jsonl(std::string_view content, const std::string& name);

/// Reads a file with read_text_file's checks and picks the format by extension (.tsv or
/// .jsonl); any other extension is an InputError.
std::vector<Triple> read_triples_file(const std::filesystem::path& path);

/// "Fled To" -> "fled_to": ASCII letters lower-cased, runs of other ASCII characters turned
/// into one '_' (trimmed at both ends), non-ASCII characters kept.
std::string snake_case(std::string_view text);

}  // namespace text2kg::io
