// Golden files: the hand-made sample graph (sample_graph.hpp) exported to GraphML (strict and
// APOC-exact) and GEXF, compared byte for byte with tests/golden/expected/. Set
// TEXT2KG_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "paths.hpp"
#include "sample_graph.hpp"
#include "text2kg/io/gexf_writer.hpp"
#include "text2kg/io/graphml_writer.hpp"

namespace text2kg {
namespace {

std::filesystem::path expected_dir() { return testing::source_dir() / "tests" / "golden" / "expected"; }

bool updating() {
  const char* update = std::getenv("TEXT2KG_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

void check_golden(const std::string& file, const std::function<void(std::ostream&)>& write) {
  std::ostringstream out;
  write(out);
  const std::filesystem::path path = expected_dir() / file;
  if (updating()) {
    std::ofstream(path, std::ios::binary) << out.str();
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path << " (run with TEXT2KG_UPDATE_GOLDEN=1)";
  std::ostringstream expected;
  expected << in.rdbuf();
  // Compared line by line first, so that a failure names the first line that differs.
  std::istringstream got_lines(out.str()), expected_lines(expected.str());
  std::string got_line, expected_line;
  for (int line = 1; std::getline(expected_lines, expected_line); ++line) {
    ASSERT_TRUE(std::getline(got_lines, got_line)) << file << ": output ends before line " << line;
    ASSERT_EQ(got_line, expected_line) << file << ":" << line;
  }
  EXPECT_EQ(out.str(), expected.str()) << file;
}

TEST(Golden, SampleGraphml) {
  const auto g = testing::sample_graph();
  check_golden("sample.graphml", [&](std::ostream& out) { io::write_graphml(g, out); });
}

TEST(Golden, SampleApocExactGraphml) {
  const auto g = testing::sample_graph();
  check_golden("sample.apoc.graphml", [&](std::ostream& out) { io::write_graphml(g, out, {.apoc_exact = true}); });
}

TEST(Golden, SampleGexf) {
  const auto g = testing::sample_graph();
  check_golden("sample.gexf", [&](std::ostream& out) { io::write_gexf(g, out); });
}

}  // namespace
}  // namespace text2kg
