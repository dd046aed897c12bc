#include "text2kg/io/triples_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"
#include "text2kg/extract/entity_key.hpp"

namespace text2kg::io {
namespace {

/// "\"field\"", built piecewise: g++ 12 -O3 warns falsely (-Wrestrict) on `"\"" + std::string`.
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

/// One input record turned into a Triple; every setter checks its value and throws the
/// located error. Shared by both formats, so they accept exactly the same values.
class TripleBuilder {
 public:
  TripleBuilder(const std::string& name, std::size_t line) : name_(name), line_(line) {}

  [[noreturn]] void fail(const std::string& what) const { throw InputError::at_line(name_, line_, what); }

  void set_text(std::string_view field, std::string value) {
    if (field == "subject") {
      subject_ = std::move(value);
    } else if (field == "predicate") {
      triple_.predicate = std::move(value);
    } else if (field == "object") {
      object_ = std::move(value);
    } else if (field == "subject_type") {
      subject_type_ = entity_type(field, value);
    } else if (field == "object_type") {
      object_type_ = entity_type(field, value);
    } else if (field == "predicate_lemma") {
      triple_.predicate_lemma = std::move(value);
    } else if (field == "document") {
      triple_.provenance.doc_id = std::move(value);
    } else if (field == "sentence_text") {
      triple_.provenance.sentence_text = std::move(value);
    } else if (field == "rule") {
      triple_.provenance.rule = std::move(value);
    } else if (field == "modality") {
      triple_.provenance.modality = std::move(value);
    } else {
      fail("unknown field \"" + std::string(field) + "\"");
    }
  }

  void set_count(std::string_view field, std::uint64_t value) {
    if (value > UINT32_MAX) fail("\"" + std::string(field) + "\" is larger than 4294967295");
    const auto v = static_cast<std::uint32_t>(value);
    Provenance& p = triple_.provenance;
    if (field == "sentence") {
      p.sentence = v;
    } else if (field == "subject_start") {
      p.subject_chars.begin = v;
    } else if (field == "subject_end") {
      p.subject_chars.end = v;
    } else if (field == "object_start") {
      p.object_chars.begin = v;
    } else if (field == "object_end") {
      p.object_chars.end = v;
    } else {
      fail("unknown field \"" + std::string(field) + "\"");
    }
  }

  void set_confidence(double value) {
    if (!(value >= 0.0 && value <= 1.0)) fail("confidence " + std::to_string(value) + " is outside 0..1");
    triple_.provenance.confidence = value;
  }

  void set_negated(bool value) { triple_.provenance.negated = value; }

  Triple finish() {
    if (subject_.empty()) fail("missing subject");
    if (triple_.predicate.empty()) fail("missing predicate");
    if (object_.empty()) fail("missing object");
    if (triple_.predicate_lemma.empty()) triple_.predicate_lemma = snake_case(triple_.predicate);
    if (triple_.predicate_lemma.empty()) fail("predicate \"" + triple_.predicate + "\" has no letters or digits");
    check_span("subject", triple_.provenance.subject_chars);
    check_span("object", triple_.provenance.object_chars);
    triple_.subject = argument(subject_, subject_type_);
    triple_.object = argument(object_, object_type_);
    return std::move(triple_);
  }

 private:
  EntityType entity_type(std::string_view field, const std::string& value) const {
    if (const auto type = parse_entity_type(value)) return *type;
    fail("\"" + std::string(field) + "\": unknown entity type \"" + value + "\"");
  }
  void check_span(const std::string& which, ByteSpan span) const {
    if (span.begin > span.end) fail(which + "_start is after " + which + "_end");
  }
  static Argument argument(const std::string& text, EntityType type) {
    Argument a;
    a.key = make_entity_key(type, text);
    a.name = text;
    a.surface = text;
    a.phrase = text;
    a.type = type;
    return a;
  }

  const std::string& name_;
  std::size_t line_;
  Triple triple_;
  std::string subject_, object_;
  EntityType subject_type_ = EntityType::None;
  EntityType object_type_ = EntityType::None;
};

enum class Kind { Text, Count, Confidence, Boolean };

std::optional<Kind> kind_of(std::string_view field) {
  static const std::pair<std::string_view, Kind> fields[] = {
      {"subject", Kind::Text},         {"predicate", Kind::Text},        {"object", Kind::Text},
      {"subject_type", Kind::Text},    {"object_type", Kind::Text},      {"predicate_lemma", Kind::Text},
      {"document", Kind::Text},        {"sentence_text", Kind::Text},    {"rule", Kind::Text},
      {"modality", Kind::Text},        {"sentence", Kind::Count},        {"subject_start", Kind::Count},
      {"subject_end", Kind::Count},    {"object_start", Kind::Count},    {"object_end", Kind::Count},
      {"confidence", Kind::Confidence}, {"negated", Kind::Boolean}};
  for (const auto& [name, kind] : fields) {
    if (name == field) return kind;
  }
  return std::nullopt;
}

/// The lines of `content` with their 1-based numbers; a final '\r' is dropped.
template <typename Visit>
void for_each_line(std::string_view content, Visit visit) {
  std::size_t start = 0;
  std::size_t number = 1;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    visit(line, number);
    start = end + 1;
    ++number;
  }
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

std::string unescape(std::string_view field, const TripleBuilder& record) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    if (i + 1 == field.size()) record.fail("a field ends with a lone backslash");
    switch (field[++i]) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case '\\': out += '\\'; break;
      default: record.fail(std::string("unknown escape \\") + field[i] + " (use \\t \\n \\r \\\\)");
    }
  }
  return out;
}

void set_tsv_field(TripleBuilder& record, std::string_view column, std::string value) {
  switch (*kind_of(column)) {
    case Kind::Text: record.set_text(column, std::move(value)); break;
    case Kind::Count: {
      std::uint64_t number = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (error != std::errc() || end != value.data() + value.size()) {
        record.fail("\"" + std::string(column) + "\": \"" + value + "\" is not a non-negative integer");
      }
      record.set_count(column, number);
      break;
    }
    case Kind::Confidence: {
      double number = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (error != std::errc() || end != value.data() + value.size()) {
        record.fail("\"confidence\": \"" + value + "\" is not a number");
      }
      record.set_confidence(number);
      break;
    }
    case Kind::Boolean:
      if (value == "true" || value == "1") {
        record.set_negated(true);
      } else if (value == "false" || value == "0") {
        record.set_negated(false);
      } else {
        record.fail("\"negated\": \"" + value + "\" is not true or false");
      }
      break;
  }
}

/// A JSON value checked against the field's kind. The schema (schemas/triples.schema.json)
/// is not run here through RapidJSON's SchemaValidator on purpose: its errors are JSON
/// pointers and keyword names, while a user needs "FILE:LINE: \"confidence\" must be a
/// number in 0..1"; the checks are few and the same code serves TSV. The Python schema test
/// and the C++ example test run both on schemas/examples/, so the two cannot drift apart.
void set_json_field(TripleBuilder& record, std::string_view field, const rapidjson::Value& value) {
  const auto kind = kind_of(field);
  if (!kind) record.fail("unknown field \"" + std::string(field) + "\"");
  const std::string name = quoted(field);
  switch (*kind) {
    case Kind::Text:
      if (!value.IsString()) record.fail(name + " must be a string");
      record.set_text(field, std::string(value.GetString(), value.GetStringLength()));
      break;
    case Kind::Count:
      if (!value.IsUint64()) record.fail(name + " must be a non-negative integer");
      record.set_count(field, value.GetUint64());
      break;
    case Kind::Confidence:
      if (!value.IsNumber()) record.fail(name + " must be a number");
      record.set_confidence(value.GetDouble());
      break;
    case Kind::Boolean:
      if (!value.IsBool()) record.fail(name + " must be true or false");
      record.set_negated(value.GetBool());
      break;
  }
}

}  // namespace

std::string snake_case(std::string_view text) {
  std::string out;
  bool pending_separator = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!keep) {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out += '_';
    pending_separator = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::vector<Triple> read_triples_tsv(std::string_view content, const std::string& name) {
  std::vector<Triple> triples;
  std::vector<std::string> columns;
  for_each_line(content, [&](std::string_view line, std::size_t number) {
    if (line.empty() || line.front() == '#') return;
    TripleBuilder record(name, number);
    const auto fields = split_tabs(line);
    if (columns.empty()) {
      for (const std::string_view column : fields) {
        if (!kind_of(column)) record.fail("unknown column \"" + std::string(column) + "\" in the header");
        for (const std::string& seen : columns) {
          if (seen == column) record.fail("column \"" + seen + "\" named twice in the header");
        }
        columns.emplace_back(column);
      }
      for (const char* required : {"subject", "predicate", "object"}) {
        if (std::find(columns.begin(), columns.end(), required) == columns.end()) {
          record.fail(std::string("the header has no \"") + required + "\" column");
        }
      }
      return;
    }
    if (fields.size() != columns.size()) {
      record.fail("expected " + std::to_string(columns.size()) + " tab-separated fields, found " +
                  std::to_string(fields.size()));
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!fields[i].empty()) set_tsv_field(record, columns[i], unescape(fields[i], record));
    }
    triples.push_back(record.finish());
  });
  if (columns.empty()) throw InputError::in_file(name, "no header line");
  return triples;
}

std::vector<Triple> read_triples_jsonl(std::string_view content, const std::string& name) {
  std::vector<Triple> triples;
  for_each_line(content, [&](std::string_view line, std::size_t number) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    TripleBuilder record(name, number);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
    if (doc.HasParseError()) {
      record.fail(std::string("invalid JSON at column ") + std::to_string(doc.GetErrorOffset() + 1) + ": " +
                  rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject()) record.fail("not a JSON object");
    for (const auto& member : doc.GetObject()) {
      set_json_field(record, std::string_view(member.name.GetString(), member.name.GetStringLength()), member.value);
    }
    triples.push_back(record.finish());
  });
  return triples;
}

std::vector<Triple> read_triples_file(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  if (extension != ".tsv" && extension != ".jsonl") {
    throw InputError::in_file(path.string(), "unknown triple format \"" + extension + "\" (expected .tsv or .jsonl)");
  }
  const std::string content = read_text_file(path);
  return extension == ".tsv" ? read_triples_tsv(content, path.string()) : read_triples_jsonl(content, path.string());
}

}  // namespace text2kg::io
