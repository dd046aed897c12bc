#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "text2kg/base/error.hpp"

namespace text2kg::io {

/// Output collected in one large block and handed to the stream when full. The GraphML and
/// GEXF writers print one element at a time; an ostream call per element would dominate the
/// run time, and a bounded block keeps the memory a writer adds small and fixed.
class OutputBuffer {
 public:
  static constexpr std::size_t kDefaultCapacity = std::size_t{4} << 20;

  explicit OutputBuffer(std::ostream& out, std::size_t capacity = kDefaultCapacity)
      : out_(out), capacity_(capacity) {
    block_.reserve(capacity_ + capacity_ / 4);
  }

  void append(std::string_view bytes) {
    block_.append(bytes);
    if (block_.size() >= capacity_) flush();
  }

  /// The block itself, for writers that append escaped text straight into it; call
  /// maybe_flush() after each element.
  std::string& block() { return block_; }
  void maybe_flush() {
    if (block_.size() >= capacity_) flush();
  }

  void flush() {
    if (!block_.empty()) out_.write(block_.data(), static_cast<std::streamsize>(block_.size()));
    block_.clear();
  }

  /// Writes what is left, flushes the stream and throws Error if any write failed, so a
  /// full disk never passes for a finished file.
  void finish(std::string_view format) {
    flush();
    out_.flush();
    if (!out_) throw Error(std::string(format) + " writer: the output stream failed");
  }

 private:
  std::ostream& out_;
  std::size_t capacity_;
  std::string block_;
};

}  // namespace text2kg::io
