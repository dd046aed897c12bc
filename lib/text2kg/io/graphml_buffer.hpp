#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <future>
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

  /// `format` names the writer in error messages ("GraphML").
  OutputBuffer(std::ostream& out, std::string_view format, std::size_t capacity = kDefaultCapacity)
      : out_(out), format_(format), capacity_(capacity) {
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

  /// Throws Error as soon as the stream has failed, so a full disk stops a long export early.
  void flush() {
    if (!block_.empty()) out_.write(block_.data(), static_cast<std::streamsize>(block_.size()));
    block_.clear();
    if (!out_) fail();
  }

  /// Writes what is left, flushes the stream and throws Error if any write failed, so a
  /// full disk never passes for a finished file.
  void finish() {
    if (!block_.empty()) out_.write(block_.data(), static_cast<std::streamsize>(block_.size()));
    block_.clear();
    out_.flush();
    if (!out_) fail();
  }

 private:
  [[noreturn]] void fail() const { throw Error(std::string(format_) + " writer: the output stream failed"); }

  std::ostream& out_;
  std::string_view format_;
  std::size_t capacity_;
  std::string block_;
};

/// Formats items 0..count-1 and appends them to `buffer` in order, two chunks at a time: one
/// on this thread, the next on a worker. Writing is bound by memory latency (elements are
/// visited in key order, not memory order), and two threads overlap those stalls. Each
/// formatter keeps its own state, so the bytes are the same as formatting in one thread.
/// `format(formatter, out, index)` appends item `index` to `out`; exceptions propagate.
template <typename Formatter, typename Format>
void format_in_order(std::size_t count, std::array<Formatter, 2>& formatters, OutputBuffer& buffer, Format format) {
  constexpr std::size_t kChunk = 4096;
  std::array<std::string, 2> chunks;
  const auto run = [&](std::size_t which, std::size_t begin, std::size_t end) {
    chunks[which].clear();
    for (std::size_t i = begin; i < end; ++i) format(formatters[which], chunks[which], i);
  };
  for (std::size_t start = 0; start < count; start += 2 * kChunk) {
    const std::size_t middle = std::min(count, start + kChunk);
    const std::size_t end = std::min(count, start + 2 * kChunk);
    std::future<void> second;
    if (middle < end) second = std::async(std::launch::async, run, 1, middle, end);
    run(0, start, middle);
    if (second.valid()) second.get();
    buffer.append(chunks[0]);
    if (middle < end) buffer.append(chunks[1]);
  }
}

}  // namespace text2kg::io
