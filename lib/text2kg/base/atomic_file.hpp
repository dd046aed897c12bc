#pragma once

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

namespace text2kg {

/// An output file that appears whole or not at all.
///
/// Bytes go to a temporary file beside the target; commit() flushes, checks every write
/// and renames it into place. If commit() is never reached (an exception, a full disk) the
/// destructor removes the temporary file, so a failed run never leaves a partial output.
/// Targets that are not regular files (`-` for standard output, /dev/full, pipes) cannot be
/// renamed over: they are written directly and every write is still checked.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream();
  /// Throws text2kg::Error naming the target when anything failed.
  void commit();

  const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream file_;
  bool to_stdout_ = false;
  bool committed_ = false;
};

}  // namespace text2kg
