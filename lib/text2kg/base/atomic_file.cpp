#include "text2kg/base/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <random>
#include <system_error>

#include "text2kg/base/error.hpp"

namespace text2kg {
namespace fs = std::filesystem;
namespace {

std::string describe_errno() { return std::strerror(errno); }

fs::path temporary_beside(const fs::path& target) {
  std::random_device seed;
  const auto suffix = std::to_string(::getpid()) + "." + std::to_string(seed() % 1000000);
  // Built piecewise: g++ 12 -O3 warns falsely (-Wrestrict) on `"." + std::string`.
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp.";
  name += suffix;
  return target.parent_path() / name;
}

bool is_special_target(const fs::path& target) {
  std::error_code ec;
  const auto status = fs::status(target, ec);
  return !ec && fs::exists(status) && !fs::is_regular_file(status);
}

}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {
  if (target_ == "-") {
    to_stdout_ = true;
    return;
  }
  if (fs::is_directory(target_)) throw Error(target_.string() + ": is a directory");
  const bool direct = is_special_target(target_);
  if (!direct) temporary_ = temporary_beside(target_);
  const fs::path& opened = direct ? target_ : temporary_;
  errno = 0;
  file_.open(opened, std::ios::binary | std::ios::trunc);
  if (!file_) {
    throw Error(target_.string() + ": cannot write: " +
                (errno ? describe_errno() : std::string("open failed")));
  }
  // A large buffer: writers stream many small pieces.
  file_.exceptions(std::ios::goodbit);
}

AtomicFile::~AtomicFile() {
  if (committed_ || to_stdout_) return;
  file_.close();
  if (!temporary_.empty()) {
    std::error_code ignored;
    fs::remove(temporary_, ignored);
  }
}

std::ostream& AtomicFile::stream() { return to_stdout_ ? std::cout : file_; }

void AtomicFile::commit() {
  if (to_stdout_) {
    std::cout.flush();
    if (!std::cout) throw Error("standard output: write failed");
    committed_ = true;
    return;
  }
  errno = 0;
  file_.flush();
  const bool written = static_cast<bool>(file_);
  file_.close();
  if (!written || file_.fail()) {
    const std::string why = errno ? describe_errno() : std::string("write failed");
    if (!temporary_.empty()) {
      std::error_code ignored;
      fs::remove(temporary_, ignored);
    }
    throw Error(target_.string() + ": cannot write: " + why);
  }
  if (!temporary_.empty()) {
    std::error_code ec;
    fs::rename(temporary_, target_, ec);
    if (ec) {
      fs::remove(temporary_, ec);
      throw Error(target_.string() + ": cannot rename into place: " + ec.message());
    }
  }
  committed_ = true;
}

}  // namespace text2kg
