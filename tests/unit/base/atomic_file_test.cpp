#include "text2kg/base/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "text2kg/base/error.hpp"

namespace text2kg {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("text2kg_atomic_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(AtomicFile, CommitReplacesTargetWhole) {
  const auto dir = fresh_dir("commit");
  std::ofstream(dir / "out.txt") << "old";
  {
    AtomicFile file(dir / "out.txt");
    file.stream() << "new content";
    EXPECT_EQ(slurp(dir / "out.txt"), "old");  // nothing visible before commit
    file.commit();
  }
  EXPECT_EQ(slurp(dir / "out.txt"), "new content");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(AtomicFile, AbandonedWriteLeavesNoFile) {
  const auto dir = fresh_dir("abandon");
  { AtomicFile file(dir / "out.txt"); file.stream() << "partial"; }
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(AtomicFile, FullDiskIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  AtomicFile file("/dev/full");
  file.stream() << std::string(1 << 16, 'x');
  EXPECT_THROW(file.commit(), Error);
}

TEST(AtomicFile, UnwritableDirectoryIsAnError) {
  EXPECT_THROW(AtomicFile("/nonexistent/dir/out.txt"), Error);
}

}  // namespace
}  // namespace text2kg
