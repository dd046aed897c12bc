#include "text2kg/base/text_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

using namespace std::string_literals;

#include "text2kg/base/error.hpp"

namespace text2kg {
namespace {

std::filesystem::path write_temp(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / ("text2kg_text_file_" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string error_of(const std::filesystem::path& path, TextFileLimits limits = {}) {
  try {
    read_text_file(path, limits);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TextFile, ReadsTextAndDropsByteOrderMark) {
  EXPECT_EQ(read_text_file(write_temp("bom", "\xEF\xBB\xBFHello.\n")), "Hello.\n");
}

TEST(TextFile, InvalidUtf8NamesFileByteAndLine) {
  const auto path = write_temp("bad", "line one\nline \xC3(\n");
  EXPECT_EQ(error_of(path), path.string() + ": byte 14: invalid UTF-8 (line 2)");
}

TEST(TextFile, RefusesBinaryEmptyMissingAndHugeLines) {
  EXPECT_NE(error_of(write_temp("bin", "ab\0cd"s)).find("binary file"), std::string::npos);
  EXPECT_NE(error_of(write_temp("empty", " \n\n")).find("empty input"), std::string::npos);
  EXPECT_NE(error_of("/nonexistent/text2kg.txt").find("cannot read"), std::string::npos);
  EXPECT_NE(error_of(std::filesystem::temp_directory_path()).find("is a directory"), std::string::npos);
  TextFileLimits small;
  small.max_line_bytes = 4;
  EXPECT_NE(error_of(write_temp("long", "ok\ntoo long\n"), small).find(":2: line of 8 bytes"), std::string::npos);
}

TEST(TextFile, LineOfCountsNewlines) {
  EXPECT_EQ(line_of("a\nb\nc", 0), 1U);
  EXPECT_EQ(line_of("a\nb\nc", 4), 3U);
}

}  // namespace
}  // namespace text2kg
