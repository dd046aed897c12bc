#include "text2kg/io/graphml_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <pugixml.hpp>
#include <unordered_map>
#include <vector>

#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"

namespace text2kg::io {
namespace {

/// A relation read from one <edge>, applied to the graph only when the whole file is good.
struct ReadEdge {
  std::string subject, object, predicate, lemma;
  std::vector<Provenance> support;
};

struct ReadGraph {
  std::vector<std::pair<std::string, DocumentMeta>> documents;
  std::vector<Entity> entities;
  std::vector<ReadEdge> edges;
};

class Reader {
 public:
  Reader(std::string_view content, const std::string& name) : content_(content), name_(name) {}

  ReadGraph read() {
    pugi::xml_document document;
    // parse_ws_pcdata keeps a value made only of spaces; line ends are normalised, which is
    // why the writer adds an exact JSON copy of any value holding a CR.
    const pugi::xml_parse_result parsed =
        document.load_buffer(content_.data(), content_.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                             pugi::encoding_utf8);
    if (!parsed) {
      throw InputError::at_line(name_, line_of(content_, static_cast<std::size_t>(parsed.offset)),
                                std::string("malformed XML: ") + parsed.description());
    }
    const pugi::xml_node root = document.child("graphml");
    if (!root) throw InputError::in_file(name_, "not a GraphML file (no <graphml> root element)");
    const pugi::xml_node graph = root.child("graph");
    if (!graph) fail(root, "no <graph> element");

    ReadGraph result;
    for (const pugi::xml_node data : graph.children("data")) {
      if (std::string_view(data.attribute("key").value()) == "documents") read_documents(data, result);
    }
    for (const pugi::xml_node node : graph.children("node")) read_node(node, result);
    for (const pugi::xml_node edge : graph.children("edge")) read_edge(edge, result);
    return result;
  }

 private:
  [[noreturn]] void fail(pugi::xml_node at, const std::string& what) const {
    const auto offset = at.offset_debug();
    throw InputError::at_line(name_, offset >= 0 ? line_of(content_, static_cast<std::size_t>(offset)) : 0, what);
  }

  rapidjson::Document parse_json(pugi::xml_node data) const {
    const std::string_view text = data.child_value();
    rapidjson::Document json;
    // Numbers as strings: a float confidence is then parsed straight to float, exactly.
    json.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.data(), text.size());
    if (json.HasParseError()) {
      fail(data, std::string("malformed JSON in <data key=\"") + data.attribute("key").value() +
                     "\"> at character " + std::to_string(json.GetErrorOffset()) + ": " +
                     rapidjson::GetParseError_En(json.GetParseError()));
    }
    return json;
  }

  std::string string_member(pugi::xml_node at, const rapidjson::Value& object, const char* field) const {
    const auto found = object.FindMember(field);
    if (found == object.MemberEnd() || !found->value.IsString()) {
      fail(at, std::string("JSON field '") + field + "' missing or not a string");
    }
    return std::string(found->value.GetString(), found->value.GetStringLength());
  }

  template <typename Number>
  Number parse_number(pugi::xml_node at, std::string_view text, const char* what) const {
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      fail(at, std::string("bad ") + what + ": '" + std::string(text) + "'");
    }
    return value;
  }

  /// A string field the writer leaves out when empty.
  std::string optional_string(pugi::xml_node at, const rapidjson::Value& object, const char* field) const {
    if (!object.HasMember(field)) return {};
    return string_member(at, object, field);
  }

  std::uint32_t number_member(pugi::xml_node at, const rapidjson::Value& object, const char* field) const {
    return parse_number<std::uint32_t>(at, string_member(at, object, field), field);
  }

  /// A span, [0,0] when left out.
  ByteSpan span_member(pugi::xml_node at, const rapidjson::Value& object, const char* field) const {
    const auto found = object.FindMember(field);
    if (found == object.MemberEnd()) return {};
    if (!found->value.IsArray() || found->value.Size() != 2 ||
        !found->value[0].IsString() || !found->value[1].IsString()) {
      fail(at, std::string("JSON field '") + field + "' must be [begin, end]");
    }
    const auto number = [&](const rapidjson::Value& v) {
      return parse_number<std::uint32_t>(at, std::string_view(v.GetString(), v.GetStringLength()), field);
    };
    return ByteSpan{number(found->value[0]), number(found->value[1])};
  }

  void read_documents(pugi::xml_node data, ReadGraph& result) const {
    const rapidjson::Document json = parse_json(data);
    if (!json.IsArray()) fail(data, "documents must be a JSON array");
    for (const rapidjson::Value& doc : json.GetArray()) {
      if (!doc.IsObject()) fail(data, "each document must be a JSON object");
      DocumentMeta meta{string_member(data, doc, "title"), string_member(data, doc, "date"),
                        string_member(data, doc, "url")};
      result.documents.emplace_back(string_member(data, doc, "id"), std::move(meta));
    }
  }

  /// Replaces plain values by the exact ones from a `nexact`/`exact` JSON object.
  template <typename Apply>
  void apply_exact(pugi::xml_node data, Apply apply) const {
    const rapidjson::Document json = parse_json(data);
    if (!json.IsObject()) fail(data, "exact values must be a JSON object");
    for (const auto& member : json.GetObject()) {
      if (!member.value.IsString()) fail(data, "exact values must be strings");
      const std::string_view field(member.name.GetString(), member.name.GetStringLength());
      if (!apply(field, std::string(member.value.GetString(), member.value.GetStringLength()))) {
        fail(data, "unknown field in exact values: '" + std::string(field) + "'");
      }
    }
  }

  void read_node(pugi::xml_node node, ReadGraph& result) {
    const std::string id = node.attribute("id").value();
    if (id.empty()) fail(node, "<node> without id");
    Entity entity;
    bool has_uid = false;
    for (const pugi::xml_node data : node.children("data")) {
      const std::string_view key = data.attribute("key").value();
      const char* value = data.child_value();
      if (key == "uid") {
        entity.key = value;
        has_uid = true;
      } else if (key == "name") {
        entity.name = value;
      } else if (key == "type") {
        const auto type = parse_entity_type(value);
        if (!type) fail(data, "unknown entity type '" + std::string(value) + "'");
        entity.type = *type;
      } else if (key == "aliases") {
        const rapidjson::Document json = parse_json(data);
        if (!json.IsArray()) fail(data, "aliases must be a JSON array");
        for (const rapidjson::Value& alias : json.GetArray()) {
          if (!alias.IsString()) fail(data, "aliases must be strings");
          entity.aliases.emplace_back(alias.GetString(), alias.GetStringLength());
        }
      } else if (key == "mentions") {
        entity.mention_count = parse_number<std::uint32_t>(data, value, "mention count");
      } else if (key == "same_as") {
        entity.same_as = value;
      } else if (key == "nexact") {
        apply_exact(data, [&](std::string_view field, std::string exact) {
          if (field == "uid") return entity.key = std::move(exact), true;
          if (field == "name") return entity.name = std::move(exact), true;
          if (field == "same_as") return entity.same_as = std::move(exact), true;
          return false;
        });
      }
    }
    if (!has_uid) fail(node, "node '" + id + "' has no uid");
    if (!node_keys_.emplace(id, entity.key).second) fail(node, "duplicate node id '" + id + "'");
    result.entities.push_back(std::move(entity));
  }

  const std::string& endpoint(pugi::xml_node edge, const char* attribute) const {
    const std::string id = edge.attribute(attribute).value();
    const auto found = node_keys_.find(id);
    if (found == node_keys_.end()) fail(edge, std::string("edge ") + attribute + " '" + id + "' is not a declared node");
    return found->second;
  }

  Evidence level_of(pugi::xml_node at, std::string_view text) const {
    for (const Evidence level : {Evidence::Explicit, Evidence::Nominal, Evidence::Resolved, Evidence::Inferred}) {
      if (to_string(level) == text) return level;
    }
    fail(at, "unknown evidence level '" + std::string(text) + "'");
  }

  Provenance support_record(pugi::xml_node data, const rapidjson::Value& record) const {
    if (!record.IsObject()) fail(data, "each provenance record must be a JSON object");
    Provenance p;
    p.doc_id = string_member(data, record, "doc");
    p.sentence = number_member(data, record, "sentence");
    p.sentence_chars = span_member(data, record, "sentence_chars");
    p.sentence_text = optional_string(data, record, "sentence_text");
    p.subject_chars = span_member(data, record, "subject_chars");
    p.object_chars = span_member(data, record, "object_chars");
    p.rule = optional_string(data, record, "rule");
    p.level = level_of(data, string_member(data, record, "level"));
    const auto confidence = record.FindMember("confidence");
    if (confidence == record.MemberEnd()) fail(data, "JSON field 'confidence' missing");
    if (confidence->value.IsNull()) {
      p.confidence = std::numeric_limits<double>::quiet_NaN();  // written for a non-finite value
    } else if (confidence->value.IsString()) {
      p.confidence = parse_number<float>(
          data, std::string_view(confidence->value.GetString(), confidence->value.GetStringLength()), "confidence");
    } else {
      fail(data, "JSON field 'confidence' must be a number");
    }
    const auto negated = record.FindMember("negated");
    if (negated != record.MemberEnd()) {
      if (!negated->value.IsBool()) fail(data, "JSON field 'negated' must be a boolean");
      p.negated = negated->value.GetBool();
    }
    p.modality = optional_string(data, record, "modality");
    p.attributed_to = optional_string(data, record, "attributed_to");
    p.time = optional_string(data, record, "time");
    p.time_normalized = optional_string(data, record, "time_normalized");
    p.place = optional_string(data, record, "place");
    return p;
  }

  void read_edge(pugi::xml_node edge, ReadGraph& result) const {
    ReadEdge read;
    read.subject = endpoint(edge, "source");
    read.object = endpoint(edge, "target");
    bool has_provenance = false;
    bool first_text_in_evidence = false;
    std::string evidence;
    for (const pugi::xml_node data : edge.children("data")) {
      const std::string_view key = data.attribute("key").value();
      if (key == "predicate") {
        read.predicate = data.child_value();
      } else if (key == "predicate_lemma") {
        read.lemma = data.child_value();
      } else if (key == "provenance") {
        const rapidjson::Document json = parse_json(data);
        if (!json.IsArray() || json.Empty()) fail(data, "provenance must be a non-empty JSON array");
        for (const rapidjson::Value& record : json.GetArray()) read.support.push_back(support_record(data, record));
        first_text_in_evidence = !json[0].IsObject() || !json[0].HasMember("sentence_text");
        has_provenance = true;
      } else if (key == "evidence") {
        evidence = data.child_value();
      } else if (key == "exact") {
        apply_exact(data, [&](std::string_view field, std::string exact) {
          if (field == "predicate") return read.predicate = std::move(exact), true;
          if (field == "predicate_lemma") return read.lemma = std::move(exact), true;
          return false;
        });
      }
    }
    if (!has_provenance) fail(edge, "edge without provenance");
    // The writer leaves the first record's text out when `evidence` holds it exactly.
    if (first_text_in_evidence) read.support.front().sentence_text = std::move(evidence);
    result.edges.push_back(std::move(read));
  }

  std::string_view content_;
  const std::string& name_;
  std::unordered_map<std::string, std::string> node_keys_;
};

}  // namespace

void read_graphml_into(graph::KnowledgeGraph& g, std::string_view content, const std::string& name) {
  ReadGraph read = Reader(content, name).read();
  for (const auto& [id, meta] : read.documents) g.add_document(id, meta);
  for (const Entity& entity : read.entities) g.add_entity(entity);
  Triple triple;
  for (ReadEdge& edge : read.edges) {
    triple.subject.key = std::move(edge.subject);
    triple.object.key = std::move(edge.object);
    triple.predicate = std::move(edge.predicate);
    triple.predicate_lemma = std::move(edge.lemma);
    for (Provenance& p : edge.support) {
      triple.provenance = std::move(p);
      g.add_triple(triple);
    }
  }
}

}  // namespace text2kg::io
