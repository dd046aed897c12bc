#include "text2kg/io/triples_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "paths.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/extract/entity_key.hpp"

namespace text2kg::io {
namespace {
namespace fs = std::filesystem;

/// The message of the InputError `read` throws, or "" when it throws none.
template <typename Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string tsv_error(const std::string& content) {
  return error_of([&] { read_triples_tsv(content, "in.tsv"); });
}
std::string jsonl_error(const std::string& content) {
  return error_of([&] { read_triples_jsonl(content, "in.jsonl"); });
}

TEST(TriplesTsv, ReadsHeaderCommentsEscapesAndDefaults) {
  const auto triples = read_triples_tsv(
      "# a comment\n"
      "subject\tsubject_type\tpredicate\tobject\tobject_type\tconfidence\tsentence_text\tnegated\tsentence\n"
      "Evo Morales\tPER\tFled To\tMexico\tGPE\t0.87\tline\\none\\ttab \\\\ done\ttrue\t3\n"
      "\n"
      "Mexico\t\tgranted\tasylum\t\t\t\t\t\r\n",
      "in.tsv");
  ASSERT_EQ(triples.size(), 2U);
  const Triple& t = triples[0];
  EXPECT_EQ(t.subject.key, make_entity_key(EntityType::Person, "Evo Morales"));
  EXPECT_EQ(t.subject.name, "Evo Morales");
  EXPECT_EQ(t.object.type, EntityType::Place);
  EXPECT_EQ(t.predicate, "Fled To");
  EXPECT_EQ(t.predicate_lemma, "fled_to");
  EXPECT_DOUBLE_EQ(t.provenance.confidence, 0.87);
  EXPECT_EQ(t.provenance.sentence_text, "line\none\ttab \\ done");
  EXPECT_TRUE(t.provenance.negated);
  EXPECT_EQ(t.provenance.sentence, 3U);
  EXPECT_EQ(triples[1].subject.key, "thing/mexico");
  EXPECT_DOUBLE_EQ(triples[1].provenance.confidence, 1.0);
  EXPECT_FALSE(triples[1].provenance.negated);
}

TEST(TriplesTsv, EveryMalformedLineNamesFileAndLine) {
  const std::string header = "subject\tpredicate\tobject\tconfidence\tsentence\n";
  EXPECT_EQ(tsv_error("# c\nsubject\tpredicate\n"), "in.tsv:2: the header has no \"object\" column");
  EXPECT_EQ(tsv_error("subject\tpredicate\tobject\tcolour\n"), "in.tsv:1: unknown column \"colour\" in the header");
  EXPECT_EQ(tsv_error(header + "a\tb\tc\t1\t2\n\na\tb\n"), "in.tsv:4: expected 5 tab-separated fields, found 2");
  EXPECT_EQ(tsv_error(header + "a\tb\tc\tlots\t1\n"), "in.tsv:2: \"confidence\": \"lots\" is not a number");
  EXPECT_EQ(tsv_error(header + "a\tb\tc\t1.5\t1\n"), "in.tsv:2: confidence 1.500000 is outside 0..1");
  EXPECT_EQ(tsv_error(header + "a\tb\tc\t1\t-1\n"), "in.tsv:2: \"sentence\": \"-1\" is not a non-negative integer");
  EXPECT_EQ(tsv_error(header + "a\tb\t\t1\t1\n"), "in.tsv:2: missing object");
  EXPECT_EQ(tsv_error(header + "a\\x\tb\tc\t1\t1\n"),
            "in.tsv:2: unknown escape \\x (use \\t \\n \\r \\\\)");
  EXPECT_EQ(tsv_error("subject\tpredicate\tobject\tsubject_type\na\tb\tc\twizard\n"),
            "in.tsv:2: \"subject_type\": unknown entity type \"wizard\"");
  EXPECT_EQ(tsv_error("subject\tpredicate\tobject\tobject_start\tobject_end\na\tb\tc\t5\t2\n"),
            "in.tsv:2: object_start is after object_end");
  EXPECT_EQ(tsv_error("subject\tpredicate\tobject\tnegated\na\tb\tc\tmaybe\n"),
            "in.tsv:2: \"negated\": \"maybe\" is not true or false");
  EXPECT_EQ(tsv_error("# only a comment\n"), "in.tsv: no header line");
}

TEST(TriplesJsonl, ReadsTypedFields) {
  const auto triples = read_triples_jsonl(
      R"({"subject": "Evo Morales", "subject_type": "person", "predicate": "fled to", "predicate_lemma": "flee_to", "object": "Mexico", "object_type": "LOC", "document": "d1", "sentence": 2, "subject_start": 0, "subject_end": 11, "confidence": 0.5, "rule": "r", "negated": false, "modality": "may"})"
      "\n\n"
      R"({"subject": "A", "predicate": "b", "object": "C"})"
      "\n",
      "in.jsonl");
  ASSERT_EQ(triples.size(), 2U);
  EXPECT_EQ(triples[0].predicate_lemma, "flee_to");
  EXPECT_EQ(triples[0].object.key, "place/mexico");
  EXPECT_EQ(triples[0].provenance.doc_id, "d1");
  EXPECT_EQ(triples[0].provenance.subject_chars, (ByteSpan{0, 11}));
  EXPECT_EQ(triples[0].provenance.modality, "may");
  EXPECT_EQ(triples[1].subject.key, "thing/a");
}

TEST(TriplesJsonl, EveryMalformedLineNamesFileAndLine) {
  const std::string ok = R"({"subject": "a", "predicate": "b", "object": "c"})";
  EXPECT_EQ(jsonl_error(ok + "\n{\"subject\": \n"),
            "in.jsonl:2: invalid JSON at column 13: Invalid value.");
  EXPECT_EQ(jsonl_error(ok + "\n[1]\n"), "in.jsonl:2: not a JSON object");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "b"})"), "in.jsonl:1: missing object");
  EXPECT_EQ(jsonl_error(R"({"subject": 1, "predicate": "b", "object": "c"})"), "in.jsonl:1: \"subject\" must be a string");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "b", "object": "c", "confidence": "x"})"),
            "in.jsonl:1: \"confidence\" must be a number");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "b", "object": "c", "confidence": -0.1})"),
            "in.jsonl:1: confidence -0.100000 is outside 0..1");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "b", "object": "c", "sentence": 1.5})"),
            "in.jsonl:1: \"sentence\" must be a non-negative integer");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "b", "object": "c", "sentence": 4294967296})"),
            "in.jsonl:1: \"sentence\" is larger than 4294967295");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "b", "object": "c", "negated": 1})"),
            "in.jsonl:1: \"negated\" must be true or false");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "b", "object": "c", "colour": "red"})"),
            "in.jsonl:1: unknown field \"colour\"");
  EXPECT_EQ(jsonl_error(R"({"subject": "a", "predicate": "?!", "object": "c"})"),
            "in.jsonl:1: predicate \"?!\" has no letters or digits");
}

TEST(TriplesFile, PicksTheFormatByExtension) {
  const fs::path dir = fs::temp_directory_path() / "text2kg_triples_file_test";
  fs::create_directories(dir);
  std::ofstream(dir / "t.tsv") << "subject\tpredicate\tobject\nA\tmet\tB\n";
  std::ofstream(dir / "t.jsonl") << R"({"subject": "A", "predicate": "met", "object": "B"})" << "\n";
  std::ofstream(dir / "t.csv") << "subject,predicate,object\n";
  EXPECT_EQ(read_triples_file(dir / "t.tsv").size(), 1U);
  EXPECT_EQ(read_triples_file(dir / "t.jsonl").size(), 1U);
  EXPECT_NE(error_of([&] { read_triples_file(dir / "t.csv"); }).find("unknown triple format \".csv\""),
            std::string::npos);
  EXPECT_NE(error_of([&] { read_triples_file(dir / "missing.tsv"); }).find("missing.tsv: cannot read"),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(TriplesJsonl, AgreesWithTheSchemaExamples) {
  const fs::path examples = testing::source_dir() / "schemas" / "examples";
  std::size_t valid = 0, invalid = 0;
  for (const auto& entry : fs::directory_iterator(examples / "valid")) {
    std::ifstream in(entry.path());
    const std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(jsonl_error(line), "") << entry.path();
    ++valid;
  }
  for (const auto& entry : fs::directory_iterator(examples / "invalid")) {
    std::ifstream in(entry.path());
    const std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(jsonl_error(line), "") << entry.path();
    ++invalid;
  }
  EXPECT_GE(valid, 3U);
  EXPECT_GE(invalid, 10U);
}

TEST(SnakeCase, LowersAndJoinsWithUnderscores) {
  EXPECT_EQ(snake_case("Fled To"), "fled_to");
  EXPECT_EQ(snake_case("  is part-of! "), "is_part_of");
  EXPECT_EQ(snake_case("huyó a"), "huyó_a");
}

}  // namespace
}  // namespace text2kg::io
