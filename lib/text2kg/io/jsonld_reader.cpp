#include "text2kg/io/jsonld_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <unordered_map>

#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"
#include "text2kg/io/jsonld_iri.hpp"
#include "text2kg/io/jsonld_vocabulary.hpp"

namespace text2kg::io {
namespace {

using Value = rapidjson::Value;

/// Reads one @graph element; every complaint names the file and the element's index.
class ElementReader {
 public:
  ElementReader(const Value& node, const std::string& name, std::size_t index)
      : node_(node), where_(name), index_(index) {}

  std::size_t index() const { return index_; }
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError::in_file(where_, "@graph[" + std::to_string(index_) + "]: " + what);
  }
  const Value* find(const char* key) const {
    const auto found = node_.FindMember(key);
    return found == node_.MemberEnd() ? nullptr : &found->value;
  }
  std::string string(const char* key, bool required = false) const {
    const Value* v = find(key);
    if (!v) {
      if (required) fail(std::string("missing \"") + key + "\"");
      return {};
    }
    if (!v->IsString()) fail(std::string("\"") + key + "\" is not a string");
    return {v->GetString(), v->GetStringLength()};
  }
  std::uint32_t uint32(const char* key) const {
    const Value* v = find(key);
    if (!v) return 0;
    if (!v->IsUint()) fail(std::string("\"") + key + "\" is not a 32-bit unsigned integer");
    return v->GetUint();
  }
  double number(const char* key, double fallback) const {
    const Value* v = find(key);
    if (!v) return fallback;
    if (!v->IsNumber()) fail(std::string("\"") + key + "\" is not a number");
    return v->GetDouble();
  }
  bool boolean(const char* key) const {
    const Value* v = find(key);
    if (!v) return false;
    if (!v->IsBool()) fail(std::string("\"") + key + "\" is not a boolean");
    return v->GetBool();
  }
  /// {"@id": "..."} or a plain IRI string (a processor's compaction may give either).
  std::string reference(const char* key, bool required = false) const {
    const Value* v = find(key);
    if (!v) {
      if (required) fail(std::string("missing \"") + key + "\"");
      return {};
    }
    if (v->IsString()) return {v->GetString(), v->GetStringLength()};
    if (v->IsObject() && v->HasMember("@id") && (*v)["@id"].IsString()) return (*v)["@id"].GetString();
    fail(std::string("\"") + key + "\" is not an IRI reference");
  }

 private:
  const Value& node_;
  const std::string& where_;
  std::size_t index_;
};

class GraphReader {
 public:
  GraphReader(graph::KnowledgeGraph& g, const std::string& name) : g_(g), name_(name) {}

  void read(const Value& root) {
    if (!root.IsObject()) throw InputError::in_file(name_, "top level is not a JSON object");
    const auto graph = root.FindMember("@graph");
    if (graph == root.MemberEnd() || !graph->value.IsArray()) {
      throw InputError::in_file(name_, "no \"@graph\" array (not written by text2kg?)");
    }
    const auto& elements = graph->value.GetArray();
    // Documents and entities first, so statements can name them in any order.
    for (std::size_t i = 0; i < elements.Size(); ++i) read_node(elements[i], i);
    for (std::size_t i = 0; i < elements.Size(); ++i) {
      const ElementReader element(elements[i], name_, i);
      if (element.string("@type", true) == "Statement") read_statement(element);
    }
  }

 private:
  void read_node(const Value& node, std::size_t index) {
    if (!node.IsObject()) throw InputError::in_file(name_, "@graph[" + std::to_string(index) + "]: not an object");
    const ElementReader element(node, name_, index);
    const std::string type = element.string("@type", true);
    const std::string id = element.string("@id", true);
    if (type == "NewsArticle") {
      const std::string doc_id = element.string("identifier", true);
      DocumentMeta meta;
      meta.title = element.string("headline");
      meta.date = element.string("datePublished");
      meta.url = element.string("url");
      g_.add_document(doc_id, meta);
      documents_[id] = doc_id;
    } else if (const auto entity_type = entity_type_of_class(type)) {
      Entity entity;
      entity.type = *entity_type;
      entity.key = element.string("key", true);
      entity.name = element.string("name");
      entity.mention_count = element.uint32("mentionCount");
      entity.same_as = element.reference("sameAs");
      if (const Value* aliases = element.find("alternateName")) {
        if (!aliases->IsArray()) element.fail("\"alternateName\" is not an array");
        for (const Value& alias : aliases->GetArray()) {
          if (!alias.IsString()) element.fail("an alias is not a string");
          entity.aliases.emplace_back(alias.GetString(), alias.GetStringLength());
        }
      }
      learn_base(element, id, entity.key);
      entities_[id] = entity.key;
      g_.add_entity(entity);
    } else if (type != "Statement") {
      element.fail("unknown @type \"" + type + "\"");
    }
  }

  /// Every entity IRI is base + slug(key); knowing the base lets an attributedTo IRI of a
  /// speaker that is not itself a node be turned back into its key.
  void learn_base(const ElementReader& element, const std::string& id, const std::string& key) {
    const std::string tail = slug(key);
    if (id.size() < tail.size() || id.compare(id.size() - tail.size(), tail.size(), tail) != 0) {
      element.fail("@id \"" + id + "\" does not end with the slug of key \"" + key + "\"");
    }
    if (base_.empty()) base_ = id.substr(0, id.size() - tail.size());
  }

  std::string key_of(const ElementReader& element, const std::string& iri) const {
    if (const auto found = entities_.find(iri); found != entities_.end()) return found->second;
    if (!base_.empty() && iri.compare(0, base_.size(), base_) == 0) {
      if (auto key = unslug(std::string_view(iri).substr(base_.size()))) return *key;
    }
    element.fail("\"" + iri + "\" names no entity of this file");
  }

  void read_statement(const ElementReader& statement) {
    Triple triple;
    triple.subject.key = key_of(statement, statement.reference("subject", true));
    triple.object.key = key_of(statement, statement.reference("object", true));
    triple.predicate = statement.string("surfacePredicate", true);
    triple.predicate_lemma = statement.string("predicateLemma", true);
    const Value* evidence = statement.find("evidence");
    if (!evidence || !evidence->IsArray() || evidence->Empty()) statement.fail("no \"evidence\" array");
    for (const Value& record : evidence->GetArray()) {
      if (!record.IsObject()) statement.fail("an evidence record is not an object");
      read_evidence(statement, ElementReader(record, name_, statement.index()), triple.provenance);
      g_.add_triple(triple);
    }
  }

  void read_evidence(const ElementReader& statement, const ElementReader& record, Provenance& p) const {
    const std::string doc_iri = record.reference("wasDerivedFrom", true);
    const auto doc = documents_.find(doc_iri);
    if (doc == documents_.end()) statement.fail("evidence names an unknown document \"" + doc_iri + "\"");
    p.doc_id = doc->second;
    p.sentence = record.uint32("sentenceIndex");
    p.sentence_text = record.string("sentence");
    p.sentence_chars = {record.uint32("charStart"), record.uint32("charEnd")};
    p.subject_chars = {record.uint32("subjectStart"), record.uint32("subjectEnd")};
    p.object_chars = {record.uint32("objectStart"), record.uint32("objectEnd")};
    p.rule = record.string("rule");
    p.level = evidence_level(statement, record.string("level"));
    p.confidence = record.number("confidence", 1.0);
    p.negated = record.boolean("negated");
    p.modality = record.string("modality");
    const std::string speaker = record.reference("attributedTo");
    p.attributed_to = speaker.empty() ? std::string() : key_of(statement, speaker);
    p.time = record.string("time");
    p.time_normalized = record.string("timeNormalized");
    p.place = record.string("place");
  }

  static Evidence evidence_level(const ElementReader& statement, const std::string& text) {
    for (const Evidence level : {Evidence::Explicit, Evidence::Nominal, Evidence::Resolved, Evidence::Inferred}) {
      if (to_string(level) == text) return level;
    }
    statement.fail("unknown evidence level \"" + text + "\"");
  }

  graph::KnowledgeGraph& g_;
  const std::string& name_;
  std::string base_;
  std::unordered_map<std::string, std::string> documents_;  ///< document IRI -> id
  std::unordered_map<std::string, std::string> entities_;   ///< entity IRI -> key
};

}  // namespace

void read_jsonld_into(graph::KnowledgeGraph& g, std::string_view content, const std::string& name) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(content.data(), content.size());
  if (doc.HasParseError()) {
    const std::size_t offset = doc.GetErrorOffset();
    throw InputError::at_byte(name, offset, std::string(rapidjson::GetParseError_En(doc.GetParseError())) +
                                                " (line " + std::to_string(line_of(content, offset)) + ")");
  }
  GraphReader(g, name).read(doc);
}

}  // namespace text2kg::io
