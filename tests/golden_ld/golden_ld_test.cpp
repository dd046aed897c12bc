// Golden files for the JSON-LD and Neo4j writers, built from the hand-made triple set in
// tests/unit/io/ld_fixtures.hpp. TEXT2KG_UPDATE_GOLDEN=1 rewrites tests/golden_ld/expected/
// (review the diff before committing).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "ld_fixtures.hpp"
#include "paths.hpp"
#include "text2kg/io/neo4j_writer.hpp"

namespace text2kg {
namespace {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool updating() {
  const char* flag = std::getenv("TEXT2KG_UPDATE_GOLDEN");
  return flag && std::string(flag) == "1";
}

void compare_or_update(const std::string& name, const std::string& actual) {
  const fs::path expected = testing::source_dir() / "tests" / "golden_ld" / "expected" / name;
  if (updating()) {
    std::ofstream(expected, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " missing: run with TEXT2KG_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, read_file(expected)) << name << " differs from the golden file";
}

TEST(GoldenLd, JsonldMatchesTheGoldenFile) {
  compare_or_update("sample.jsonld", testing::jsonld_of(testing::graph_of(testing::sample_triples())));
}

TEST(GoldenLd, Neo4jFilesMatchTheGoldenFiles) {
  const fs::path dir = fs::temp_directory_path() / "text2kg_golden_ld_neo4j";
  fs::remove_all(dir);
  io::write_neo4j(testing::graph_of(testing::sample_triples()), dir);
  for (const char* name : {"nodes.csv", "relationships.csv", "import.cypher"}) {
    compare_or_update(name, read_file(dir / name));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace text2kg
