#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "text2kg/nlp/ner_tags.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::nlp {

/// One sentence of NER training or evaluation data: its words and gold spans.
struct NerSentence {
  std::string id;                        ///< sent_id
  std::string document;                  ///< newdoc id (sentences of a document are consecutive)
  std::vector<std::string> words;
  std::vector<Upos> upos;                ///< one per word, or empty when unknown
  std::vector<NerSpan> spans;            ///< sorted, non-overlapping
  std::vector<std::string> source_types; ///< the corpus's own type per span ("PER", "person", ...)
  /// Types the corpus annotates at all: a word outside every span is only known to be none
  /// of these (UNER marks Person/Organization/Place, so its O may hide an event or a date).
  std::vector<EntityType> annotated_types;
};

/// Reads UNER's IOB2 files (ID, FORM, TAG[, MISC, ANNOTATOR], blank line between sentences).
/// B-OTH/I-OTH/B-O become O as in the official loaders; an I- without a B- starts a span.
/// Throws InputError with file and line on a malformed line or unknown tag.
std::vector<NerSentence> read_uner_iob2(const std::filesystem::path& path);

/// Copies UPOS from a treebank (UD EWT for UNER) into the sentences with the same sent_id
/// and the same words; returns how many sentences got them. The rest stay without POS.
std::size_t attach_upos(std::vector<NerSentence>& sentences, const std::vector<Document>& treebank);

/// The named mentions of a GUM document read from CoNLL-U (Entity= in MISC), one NerSentence
/// per sentence. GUM marks every referring expression; a mention counts as named when its
/// head (the word whose head lies outside the span) is PROPN. Only the outermost named
/// mention is kept, and leading determiners are dropped ("the [United States]") to match
/// UNER's spans. Types map person/organization/place/event/time to Person/Organization/
/// Place/Event/Date and the rest to Other. UPOS is copied when the document has it.
/// `document_name` is used in error messages.
std::vector<NerSentence> gum_named_sentences(const Document& doc, const std::string& document_name);

}  // namespace text2kg::nlp
