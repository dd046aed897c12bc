#include "text2kg/app/options.hpp"

#include <gtest/gtest.h>

#include "text2kg/base/error.hpp"

namespace text2kg::app {
namespace {

std::string usage_error(const std::vector<std::string>& args) {
  try {
    parse_command_line(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(Options, OutputFormatFollowsTheExtensionOrTheFormatFlag) {
  const auto command = parse_command_line({"a.txt", "-o", "g.graphml", "-o", "g.jsonld", "--format", "gexf", "-o",
                                           "-", "-o", "dir/"});
  const auto& outputs = command.options.outputs;
  ASSERT_EQ(outputs.size(), 4U);
  EXPECT_EQ(outputs[0].format, OutputFormat::GraphML);
  EXPECT_EQ(outputs[1].format, OutputFormat::JsonLd);
  EXPECT_EQ(outputs[2].format, OutputFormat::Gexf);
  EXPECT_EQ(outputs[2].path, "-");
  EXPECT_EQ(outputs[3].format, OutputFormat::Neo4j);
}

TEST(Options, OutDirExpandsToEveryFormat) {
  const auto command = parse_command_line({"a.tsv", "--out-dir", "out"});
  ASSERT_EQ(command.options.outputs.size(), 4U);
  EXPECT_EQ(command.options.outputs[0].path, "out/graph.graphml");
  EXPECT_EQ(command.options.outputs[3].path, "out/neo4j");
}

TEST(Options, ValuesInlineOrSeparate) {
  const auto command = parse_command_line({"--min-confidence=0.25", "--base-iri", "https://ex.org/kg/", "a.tsv",
                                           "--merge-into", "g.graphml", "--date=2019-11-12", "--strict"});
  EXPECT_DOUBLE_EQ(command.options.min_confidence, 0.25);
  EXPECT_EQ(command.options.base_iri, "https://ex.org/kg/");
  EXPECT_EQ(command.options.merge_into, "g.graphml");
  EXPECT_EQ(command.options.document_date, "2019-11-12");
  EXPECT_TRUE(command.options.strict);
  EXPECT_TRUE(command.options.outputs.empty());
}

TEST(Options, HelpAndVersionNeedNothingElse) {
  EXPECT_TRUE(parse_command_line({"--help"}).help);
  EXPECT_TRUE(parse_command_line({"--version"}).version);
}

TEST(Options, UsageErrorsSayWhatIsWrong) {
  EXPECT_EQ(usage_error({}), "no input given");
  EXPECT_EQ(usage_error({"a.txt"}), "no output given (use -o FILE, --out-dir DIR or --merge-into FILE)");
  EXPECT_EQ(usage_error({"a.txt", "--frobnicate"}), "unknown option '--frobnicate'");
  EXPECT_EQ(usage_error({"a.txt", "-o"}), "option '-o' needs a value");
  EXPECT_NE(usage_error({"a.txt", "-o", "graph.png"}).find("cannot tell the format"), std::string::npos);
  EXPECT_NE(usage_error({"a.txt", "--min-confidence", "1.5", "-o", "g.graphml"}).find("from 0 to 1"),
            std::string::npos);
  EXPECT_NE(usage_error({"a.txt", "--base-iri", "relative/", "-o", "g.graphml"}).find("absolute IRI"),
            std::string::npos);
  EXPECT_EQ(usage_error({"a.txt", "--date", "Monday", "-o", "g.graphml"}), "--date takes YYYY-MM-DD");
  EXPECT_EQ(usage_error({"a.txt", "--format", "png", "-o", "g"}), "unknown output format 'png' (graphml, jsonld, gexf, neo4j)");
  EXPECT_EQ(usage_error({"-", "--format", "neo4j", "-o", "-"}), "neo4j output needs a directory");
}

TEST(Options, DoubleDashEndsOptions) {
  const auto command = parse_command_line({"-o", "g.graphml", "--", "--strange-file-name"});
  ASSERT_EQ(command.options.inputs.size(), 1U);
  EXPECT_EQ(command.options.inputs[0], "--strange-file-name");
}

}  // namespace
}  // namespace text2kg::app
