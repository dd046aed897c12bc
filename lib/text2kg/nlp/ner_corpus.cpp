#include "text2kg/nlp/ner_corpus.hpp"

#include <algorithm>
#include <unordered_map>
#include <string_view>

#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"

namespace text2kg::nlp {

namespace {

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find(separator, start);
    parts.push_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

EntityType uner_type(std::string_view label) {
  if (label == "PER") return EntityType::Person;
  if (label == "ORG") return EntityType::Organization;
  if (label == "LOC") return EntityType::Place;
  return EntityType::None;
}

/// Appends the IOB2 tag of word `w` to the sentence's spans.
void add_iob2_tag(NerSentence& sentence, std::string_view tag, std::uint32_t w, const std::string& file,
                  std::size_t line) {
  if (tag == "O" || tag == "B-O" || tag == "B-OTH" || tag == "I-OTH") return;
  if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') {
    throw InputError::at_line(file, line, "unknown IOB2 tag '" + std::string(tag) + "'");
  }
  const EntityType type = uner_type(tag.substr(2));
  if (type == EntityType::None) throw InputError::at_line(file, line, "unknown entity type in '" + std::string(tag) + "'");
  const bool continues = tag[0] == 'I' && !sentence.spans.empty() && sentence.spans.back().words.end == w &&
                         sentence.spans.back().type == type;
  if (continues) {
    sentence.spans.back().words.end = w + 1;
    return;
  }
  sentence.spans.push_back(NerSpan{TokenRange{w, w + 1}, type});
  sentence.source_types.emplace_back(tag.substr(2));
}

}  // namespace

std::vector<NerSentence> read_uner_iob2(const std::filesystem::path& path) {
  const std::string text = read_text_file(path);
  const std::string file = path.string();
  std::vector<NerSentence> sentences;
  NerSentence current;
  std::string document;
  const auto finish = [&] {
    if (!current.words.empty()) {
      current.annotated_types = {EntityType::Person, EntityType::Organization, EntityType::Place};
      sentences.push_back(std::move(current));
    }
    current = NerSentence{};
    current.document = document;
  };
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      finish();
      continue;
    }
    if (line.front() == '#') {
      constexpr std::string_view kSentId = "# sent_id = ";
      constexpr std::string_view kNewDoc = "# newdoc id = ";
      if (line.starts_with(kSentId)) current.id = std::string(line.substr(kSentId.size()));
      if (line.starts_with(kNewDoc)) current.document = document = std::string(line.substr(kNewDoc.size()));
      continue;
    }
    const auto columns = split(line, '\t');
    if (columns.size() < 3) throw InputError::at_line(file, line_number, "expected ID<TAB>FORM<TAB>TAG");
    if (columns[1].empty()) throw InputError::at_line(file, line_number, "empty word form");
    add_iob2_tag(current, columns[2], static_cast<std::uint32_t>(current.words.size()), file, line_number);
    current.words.emplace_back(columns[1]);
  }
  finish();
  return sentences;
}

namespace {

struct OpenMention {
  std::string id;
  std::string type;
  std::uint32_t begin = 0;
};

struct GumMention {
  TokenRange words;  ///< sentence-relative
  std::string type;
};

EntityType gum_type(std::string_view type) {
  if (type == "person") return EntityType::Person;
  if (type == "organization") return EntityType::Organization;
  if (type == "place") return EntityType::Place;
  if (type == "event") return EntityType::Event;
  if (type == "time") return EntityType::Date;
  return EntityType::Other;
}

std::string_view entity_field(std::string_view misc) {
  for (const std::string_view item : split(misc, '|')) {
    if (item.starts_with("Entity=")) return item.substr(7);
  }
  return {};
}

/// Parses one word's Entity= value: "(ID-type-...", "ID)", "(ID-type-...)", concatenated.
void read_entity_value(std::string_view value, std::uint32_t w, std::vector<OpenMention>& open,
                       std::vector<GumMention>& done, const std::string& name) {
  std::size_t pos = 0;
  while (pos < value.size()) {
    if (value[pos] == '(') {
      const std::size_t stop = value.find_first_of("()", pos + 1);
      const std::string_view body = value.substr(pos + 1, stop == std::string_view::npos ? std::string_view::npos : stop - pos - 1);
      const auto fields = split(body, '-');
      if (fields.size() < 2) throw InputError::in_file(name, "malformed Entity= value '" + std::string(value) + "'");
      if (stop != std::string_view::npos && value[stop] == ')') {
        done.push_back(GumMention{TokenRange{w, w + 1}, std::string(fields[1])});
        pos = stop + 1;
      } else {
        open.push_back(OpenMention{std::string(fields[0]), std::string(fields[1]), w});
        pos = stop == std::string_view::npos ? value.size() : stop;
      }
      continue;
    }
    const std::size_t stop = value.find(')', pos);
    if (stop == std::string_view::npos) throw InputError::in_file(name, "malformed Entity= value '" + std::string(value) + "'");
    const std::string_view id = value.substr(pos, stop - pos);
    const auto found = std::find_if(open.rbegin(), open.rend(), [&](const OpenMention& m) { return m.id == id; });
    if (found == open.rend()) throw InputError::in_file(name, "Entity= closes unopened mention " + std::string(id));
    done.push_back(GumMention{TokenRange{found->begin, w + 1}, found->type});
    open.erase(std::next(found).base());
    pos = stop + 1;
  }
}

/// The word of the span whose head lies outside it (the first such word).
std::uint32_t span_head(const Document& doc, std::uint32_t first, TokenRange words) {
  for (std::uint32_t w = words.begin; w < words.end; ++w) {
    const std::int32_t head = doc.tokens()[first + w].head;
    if (head < 0 || static_cast<std::uint32_t>(head) < first + words.begin ||
        static_cast<std::uint32_t>(head) >= first + words.end) {
      return w;
    }
  }
  return words.end - 1;
}

}  // namespace

std::size_t attach_upos(std::vector<NerSentence>& sentences, const std::vector<Document>& treebank) {
  std::unordered_map<std::string_view, std::pair<const Document*, std::uint32_t>> by_id;
  for (const Document& doc : treebank) {
    for (std::uint32_t s = 0; s < doc.sentences().size(); ++s) by_id.emplace(doc.sentences()[s].id, std::pair{&doc, s});
  }
  std::size_t attached = 0;
  for (NerSentence& sentence : sentences) {
    const auto found = by_id.find(sentence.id);
    if (found == by_id.end()) continue;
    const Document& doc = *found->second.first;
    const TokenRange tokens = doc.sentences()[found->second.second].tokens;
    if (tokens.size() != sentence.words.size()) continue;  // retokenised since: skip
    bool same = true;
    for (std::uint32_t w = 0; w < tokens.size() && same; ++w) same = doc.form(tokens.begin + w) == sentence.words[w];
    if (!same) continue;
    sentence.upos.clear();
    for (std::uint32_t t = tokens.begin; t < tokens.end; ++t) sentence.upos.push_back(doc.tokens()[t].upos);
    ++attached;
  }
  return attached;
}

std::vector<NerSentence> gum_named_sentences(const Document& doc, const std::string& document_name) {
  std::vector<NerSentence> sentences;
  for (std::uint32_t s = 0; s < doc.sentences().size(); ++s) {
    const Sentence& sentence = doc.sentences()[s];
    const std::uint32_t first = sentence.tokens.begin;
    NerSentence out;
    out.id = sentence.id;
    out.document = std::string(doc.id());
    out.annotated_types.assign(std::begin(kNerTypes), std::end(kNerTypes));
    std::vector<OpenMention> open;
    std::vector<GumMention> mentions;
    for (std::uint32_t t = first; t < sentence.tokens.end; ++t) {
      out.words.emplace_back(doc.form(t));
      if (doc.layers().has(Layer::Pos)) out.upos.push_back(doc.tokens()[t].upos);
      const std::string_view value = entity_field(doc.tokens()[t].misc);
      if (!value.empty()) read_entity_value(value, t - first, open, mentions, document_name);
    }
    // Named = PROPN head; then outermost first (longer first at the same start).
    std::vector<GumMention> named;
    for (GumMention& m : mentions) {
      if (doc.tokens()[first + span_head(doc, first, m.words)].upos != Upos::PROPN) continue;
      while (m.words.size() > 1 && doc.tokens()[first + m.words.begin].upos == Upos::DET) ++m.words.begin;
      named.push_back(std::move(m));
    }
    std::sort(named.begin(), named.end(), [](const GumMention& a, const GumMention& b) {
      return a.words.begin != b.words.begin ? a.words.begin < b.words.begin : a.words.end > b.words.end;
    });
    std::uint32_t covered_to = 0;
    for (const GumMention& m : named) {
      if (m.words.begin < covered_to) continue;  // inside (or crossing, after trimming) a kept one
      out.spans.push_back(NerSpan{m.words, gum_type(m.type)});
      out.source_types.push_back(m.type);
      covered_to = m.words.end;
    }
    sentences.push_back(std::move(out));
  }
  return sentences;
}

}  // namespace text2kg::nlp
