#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

#include "ld_fixtures.hpp"
#include "paths.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/jsonld_iri.hpp"
#include "text2kg/io/jsonld_reader.hpp"
#include "text2kg/io/jsonld_vocabulary.hpp"
#include "text2kg/io/jsonld_writer.hpp"

namespace text2kg::io {
namespace {
using testing::graph_of;
using testing::jsonld_of;
using testing::sample_triples;

std::string serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << "offset " << doc.GetErrorOffset();
  return doc;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Every "@id" value anywhere in the document.
void collect_ids(const rapidjson::Value& v, std::vector<std::string>& ids) {
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      if (std::string_view(m.name.GetString()) == "@context") continue;
      if (std::string_view(m.name.GetString()) == "@id" && m.value.IsString()) ids.emplace_back(m.value.GetString());
      collect_ids(m.value, ids);
    }
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) collect_ids(e, ids);
  }
}

TEST(JsonldContext, StaticPartEqualsTheSchemaFileAndPredicatesAreAdded) {
  const auto g = graph_of(sample_triples());
  const auto written = parse(jsonld_of(g));
  const auto file = parse(read_file(testing::source_dir() / "schemas" / "text2kg.context.jsonld"));
  ASSERT_TRUE(file.HasMember("@context"));
  const auto& static_context = file["@context"];
  const auto& context = written["@context"];
  // The written context starts with the file's members, in the file's order ...
  rapidjson::Document prefix;
  prefix.SetObject();
  std::size_t i = 0;
  for (const auto& member : context.GetObject()) {
    if (i++ >= static_context.MemberCount()) break;
    rapidjson::Value name(member.name, prefix.GetAllocator());
    rapidjson::Value value(member.value, prefix.GetAllocator());
    prefix.AddMember(name, value, prefix.GetAllocator());
  }
  EXPECT_EQ(serialize(prefix), serialize(static_context));
  // ... followed by exactly one @id-typed kg: term per predicate lemma used.
  std::vector<std::string> extra;
  i = 0;
  for (const auto& member : context.GetObject()) {
    if (i++ < static_context.MemberCount()) continue;
    extra.emplace_back(member.name.GetString());
    EXPECT_EQ(std::string(member.value["@id"].GetString()), "kg:" + extra.back());
    EXPECT_EQ(std::string(member.value["@type"].GetString()), "@id");
  }
  const std::vector<std::string> expected = {predicate_term("be part of"), "flee_to", "grant", "leave", predicate_term("name"),
                                             "return_to", "say"};
  auto sorted = extra;
  std::sort(sorted.begin(), sorted.end());
  auto sorted_expected = expected;
  std::sort(sorted_expected.begin(), sorted_expected.end());
  EXPECT_EQ(sorted, sorted_expected);
  EXPECT_EQ(context_file(), read_file(testing::source_dir() / "schemas" / "text2kg.context.jsonld"));
}

TEST(JsonldContext, SchemaOrgIsHttpAndOurVocabularyIsW3id) {
  const auto file = parse(std::string(context_file()));
  EXPECT_STREQ(file["@context"]["schema"].GetString(), "http://schema.org/");
  EXPECT_STREQ(file["@context"]["kg"].GetString(), "https://w3id.org/text2kg/vocab#");
  EXPECT_TRUE(is_static_term("name"));
  EXPECT_FALSE(is_static_term("flee_to"));
}

TEST(JsonldWriter, EveryIdIsAbsoluteUnderTheBaseAndDeterministic) {
  const auto g = graph_of(sample_triples());
  const std::string first = jsonld_of(g);
  EXPECT_EQ(first, jsonld_of(g));
  std::vector<std::string> ids;
  collect_ids(parse(first), ids);
  ASSERT_GT(ids.size(), 20U);
  for (const std::string& id : ids) EXPECT_EQ(id.rfind("https://w3id.org/text2kg/id/", 0), 0U) << id;
  EXPECT_NE(first.find("\"@id\":\"https://w3id.org/text2kg/id/person/evo_morales\""), std::string::npos);

  // Insertion order does not matter.
  auto reversed = sample_triples();
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(first, jsonld_of(graph_of(reversed)));
}

TEST(JsonldWriter, BaseIriIsHonouredEverywhere) {
  const auto g = graph_of(sample_triples());
  JsonldOptions options;
  options.base_iri = "http://example.org/kg#";
  const std::string text = jsonld_of(g, options);
  EXPECT_EQ(text.find("w3id.org/text2kg/id"), std::string::npos);
  std::vector<std::string> ids;
  collect_ids(parse(text), ids);
  for (const std::string& id : ids) EXPECT_EQ(id.rfind("http://example.org/kg#", 0), 0U) << id;
  // Statements and documents too, and the reader follows the other base.
  EXPECT_NE(text.find("http://example.org/kg#stmt/"), std::string::npos);
  EXPECT_NE(text.find("http://example.org/kg#doc/morales-asylum"), std::string::npos);
  graph::KnowledgeGraph back;
  read_jsonld_into(back, text, "custom.jsonld");
  back.prepare();
  EXPECT_EQ(jsonld_of(back, options), text);
}

TEST(JsonldWriter, RelationsAreAssertedAndDescribedByStatements) {
  const auto g = graph_of(sample_triples());
  const auto doc = parse(jsonld_of(g));
  const auto& nodes = doc["@graph"];
  const rapidjson::Value* morales = nullptr;
  std::size_t statements = 0;
  std::size_t evidence = 0;
  for (const auto& node : nodes.GetArray()) {
    if (std::string_view(node["@type"].GetString()) == "Statement") {
      ++statements;
      evidence += node["evidence"].Size();
    }
    if (std::string_view(node["@id"].GetString()) == "https://w3id.org/text2kg/id/person/evo_morales") morales = &node;
  }
  EXPECT_EQ(statements, g.edge_count());
  EXPECT_EQ(evidence, 8U);
  ASSERT_NE(morales, nullptr);
  EXPECT_STREQ((*morales)["@type"].GetString(), "Person");
  ASSERT_TRUE(morales->HasMember("flee_to"));
  EXPECT_STREQ((*morales)["flee_to"][0]["@id"].GetString(), "https://w3id.org/text2kg/id/place/mexico");
  // The only sentence for return_to is negated: no plain assertion, the Statement remains.
  EXPECT_FALSE(morales->HasMember("return_to"));
  EXPECT_EQ((*morales)["mentionCount"].GetUint(), 1U);
  // 0.9f is written as 0.9, not as its double expansion.
  EXPECT_NE(jsonld_of(g).find("\"confidence\":0.9,"), std::string::npos);
}

TEST(JsonldWriter, NonFiniteNumbersAreNeverWritten) {
  auto triples = sample_triples();
  triples[0].provenance.confidence = std::numeric_limits<double>::quiet_NaN();
  triples[2].provenance.confidence = std::numeric_limits<double>::infinity();
  const std::string text = jsonld_of(graph_of(triples));
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("nan"), std::string::npos);
  EXPECT_EQ(text.find("inf"), std::string::npos);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  const auto doc = parse(text);
  EXPECT_TRUE(doc.IsObject());
}

TEST(JsonldWriter, InvalidUtf8IsRefusedNotWritten) {
  auto triples = sample_triples();
  triples[0].provenance.sentence_text = "bad \xC3\x28 byte";
  const auto g = graph_of(triples);
  std::ostringstream out;
  EXPECT_THROW(write_jsonld(g, out), Error);
}

TEST(JsonldWriter, UnpreparedGraphIsRefused) {
  graph::KnowledgeGraph g;
  std::ostringstream out;
  EXPECT_THROW(write_jsonld(g, out), Error);
}

TEST(JsonldReader, WriteReadWriteIsByteIdentical) {
  const auto g = graph_of(sample_triples());
  const std::string first = jsonld_of(g);
  graph::KnowledgeGraph back;
  read_jsonld_into(back, first, "first.jsonld");
  back.prepare();
  EXPECT_EQ(back.node_count(), g.node_count());
  EXPECT_EQ(back.edge_count(), g.edge_count());
  EXPECT_EQ(jsonld_of(back), first);
}

TEST(JsonldReader, HostileNamesRoundTripExactly) {
  const auto g = graph_of(sample_triples());
  graph::KnowledgeGraph back;
  read_jsonld_into(back, jsonld_of(g), "hostile.jsonld");
  const auto key = make_entity_key(EntityType::Organization, testing::kHostileName);
  const auto v = back.find(key);
  ASSERT_TRUE(v);
  EXPECT_EQ(back.node(*v).entity.name, testing::kHostileName);
  EXPECT_EQ(back.node(*v).entity.aliases, std::vector<std::string>{testing::kHostileName});
  const auto e = back.find_edge(key, "say", make_entity_key(EntityType::Person, "Evo Morales"));
  ASSERT_TRUE(e);
  const Provenance p = back.provenance(back.edge(*e).support.at(0));
  EXPECT_EQ(p.sentence_text, "He said: \"no\"\n\tthen <left> & \x02 went.");
  EXPECT_EQ(p.doc_id, "other \"doc\"");
  EXPECT_EQ(p.attributed_to, key);
  EXPECT_EQ(p.modality, "would");
  EXPECT_EQ(p.time_normalized, "2019-11-11");
  EXPECT_EQ(p.level, Evidence::Resolved);
  EXPECT_EQ(p.object_chars, (ByteSpan{30, 35}));
  EXPECT_FLOAT_EQ(static_cast<float>(p.confidence), 0.6F);
}

TEST(JsonldReader, ReadingAThenBEqualsMergingTheGraphs) {
  const auto all = sample_triples();
  const std::vector<Triple> a(all.begin(), all.begin() + 4);
  const std::vector<Triple> b(all.begin() + 2, all.end());  // overlaps a: shared support merges
  auto ga = graph_of(a);
  const auto gb = graph_of(b);
  graph::KnowledgeGraph read;
  read_jsonld_into(read, jsonld_of(ga), "a.jsonld");
  read_jsonld_into(read, jsonld_of(gb), "b.jsonld");
  read.prepare();
  ga.merge(gb);
  ga.prepare();
  EXPECT_EQ(jsonld_of(read), jsonld_of(ga));
}

TEST(JsonldReader, SyntaxErrorNamesFileByteAndLine) {
  graph::KnowledgeGraph g;
  try {
    read_jsonld_into(g, "{\"@graph\": [\n{\"@id\": }\n]}", "broken.jsonld");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("broken.jsonld: byte 21: ", 0), 0U) << e.what();
    EXPECT_NE(std::string(e.what()).find("(line 2)"), std::string::npos) << e.what();
  }
}

TEST(JsonldReader, ShapeErrorsNameTheElement) {
  graph::KnowledgeGraph g;
  EXPECT_THROW(read_jsonld_into(g, "{\"@context\": {}}", "x.jsonld"), InputError);
  try {
    read_jsonld_into(g, R"({"@graph": [{"@id": "https://e/x", "@type": "Wizard"}]})", "x.jsonld");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "x.jsonld: @graph[0]: unknown @type \"Wizard\"");
  }
  EXPECT_THROW(read_jsonld_into(g, R"({"@graph": [{"@id": "https://e/x", "@type": "Person"}]})", "x.jsonld"),
               InputError);  // no key
  EXPECT_THROW(read_jsonld_into(g, "{\"@graph\": [\"\xC3\x28\"]}", "x.jsonld"), InputError);  // invalid UTF-8
}

TEST(JsonldIri, SlugKeepsSafeCharactersAndIsInvertible) {
  EXPECT_EQ(slug("person/evo_morales"), "person/evo_morales");
  EXPECT_EQ(slug("A&b c%"), "%41%26b%20c%25");
  EXPECT_EQ(slug("añez"), "a%C3%B1ez");
  for (const std::string& text : {std::string("person/evo_morales"), testing::kHostileName, std::string("%41")}) {
    EXPECT_EQ(unslug(slug(text)), text);
  }
  EXPECT_FALSE(unslug("A"));     // never written unescaped
  EXPECT_FALSE(unslug("%61"));   // 'a' is never escaped
  EXPECT_FALSE(unslug("%4"));    // truncated escape
  EXPECT_FALSE(unslug("%4g"));
  EXPECT_FALSE(unslug("%c3"));   // lower-case hex is a second spelling
}

TEST(JsonldIri, StatementIdsAreStableHashesOfSubjectLemmaObject) {
  EXPECT_EQ(hex64(fnv1a64("")), "cbf29ce484222325");
  EXPECT_EQ(hex64(fnv1a64("a")), "af63dc4c8601ec8c");  // the published FNV-1a 64 test vector
  const std::string id = statement_iri("B/", "person/x", "flee_to", "place/y");
  EXPECT_EQ(id, "B/stmt/" + statement_id("person/x", "flee_to", "place/y"));
  EXPECT_EQ(id.size(), 2U + 5U + 16U);
  EXPECT_NE(statement_id("person/x", "flee_to", "place/y"), statement_id("place/y", "flee_to", "person/x"));
}

TEST(JsonldVocabulary, PredicateTermsAreSafeAndNeverShadowStaticTerms) {
  EXPECT_EQ(predicate_term("flee_to"), "flee_to");
  EXPECT_EQ(predicate_term("name").rfind("rel_", 0), 0U);
  EXPECT_EQ(predicate_term("be part of").rfind("rel_", 0), 0U);
  EXPECT_EQ(predicate_term("9lives").rfind("rel_", 0), 0U);
  EXPECT_EQ(class_term(EntityType::None), "Thing");
  EXPECT_EQ(entity_type_of_class("Organization"), EntityType::Organization);
  EXPECT_FALSE(entity_type_of_class("Statement"));
}

TEST(JsonldVocabulary, EveryEntityTypeIsAContextClassAndReadsBack) {
  for (std::size_t i = 0; i < kEntityTypeCount; ++i) {
    const auto type = static_cast<EntityType>(i);
    const std::string_view term = class_term(type);
    EXPECT_TRUE(is_static_term(term)) << term << " is missing from schemas/text2kg.context.jsonld";
    EXPECT_EQ(entity_type_of_class(term), type) << term;
  }
  EXPECT_EQ(class_term(EntityType::Claim), "Claim");
}

}  // namespace
}  // namespace text2kg::io
