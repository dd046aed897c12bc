#pragma once

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

#include "text2kg/base/error.hpp"

namespace text2kg::io {

/// Output collected in one large block and handed to the stream when full. Every writer
/// (GraphML, GEXF, JSON-LD, Neo4j) prints one element at a time; an ostream call per element
/// would dominate the run time, and a bounded block keeps the memory a writer adds small and
/// fixed.
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

  /// A large piece formatted elsewhere (a chunk of elements): written straight to the stream
  /// after what is pending, without a copy into the block; small pieces are appended.
  void write(std::string_view bytes) {
    if (bytes.size() < capacity_ / 8) {
      append(bytes);
      return;
    }
    flush();
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out_) fail();
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

/// Formats items 0..count-1 in chunks of `chunk` items and writes the chunks to `buffer` in
/// order. Two threads format: this one (with formatters[0]) and one worker (formatters[1]);
/// whichever is free takes the next chunk, and this thread also writes each chunk as soon as it
/// is its turn, so formatting overlaps the writing and both cores stay busy. At most kSlots
/// chunks are held at once, so memory stays bounded. Each formatter keeps its own state and the
/// bytes of an item never depend on which thread formatted it, so the output is the same as
/// formatting in one thread. `format(formatter, out, index)` appends item `index` to `out`;
/// an exception from either thread stops both and is rethrown here once the worker has ended.
/// `Text` is what a chunk is formatted into: std::string, or TextBuffer for inline appends.
template <typename Text = std::string, typename Formatter, typename Format>
void format_in_order(std::size_t count, std::array<Formatter, 2>& formatters, OutputBuffer& buffer, Format format,
                     std::size_t chunk = 2048) {
  chunk = std::max<std::size_t>(chunk, 1);
  const std::size_t chunks = (count + chunk - 1) / chunk;
  Text text;
  if (chunks <= 1) {  // small graphs: no thread
    for (std::size_t i = 0; i < count; ++i) format(formatters[0], text, i);
    buffer.write(text);
    return;
  }

  constexpr std::size_t kSlots = 4;
  struct Slot {
    Text text;
    bool ready = false;
  };
  std::array<Slot, kSlots> slots;
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next_claim = 0;    // the next chunk nobody formats yet
  std::size_t next_write = 0;    // the next chunk to go out
  bool stop = false;             // set when either thread failed or this one leaves early
  std::exception_ptr worker_error;

  const auto format_chunk = [&](Formatter& formatter, std::size_t c) {
    Text& out = slots[c % kSlots].text;
    out.clear();
    const std::size_t end = std::min(count, (c + 1) * chunk);
    for (std::size_t i = c * chunk; i < end; ++i) format(formatter, out, i);
  };
  // A chunk may be claimed once its slot has been written out.
  const auto claimable = [&] { return next_claim < chunks && next_claim < next_write + kSlots; };

  std::thread worker([&] {
    try {
      std::unique_lock lock(mutex);
      while (true) {
        changed.wait(lock, [&] { return stop || claimable() || next_claim >= chunks; });
        if (stop || next_claim >= chunks) return;
        const std::size_t c = next_claim++;
        lock.unlock();
        format_chunk(formatters[1], c);
        lock.lock();
        slots[c % kSlots].ready = true;
        changed.notify_all();
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      worker_error = std::current_exception();
      stop = true;
      changed.notify_all();
    }
  });
  // However this thread leaves, the worker is stopped and joined first.
  struct Joiner {
    std::thread& worker;
    std::mutex& mutex;
    std::condition_variable& changed;
    bool& stop;
    ~Joiner() {
      {
        const std::lock_guard lock(mutex);
        stop = true;
      }
      changed.notify_all();
      worker.join();
    }
  };
  {
    const Joiner joiner{worker, mutex, changed, stop};
    std::unique_lock lock(mutex);
    while (next_write < chunks) {
      changed.wait(lock, [&] { return stop || slots[next_write % kSlots].ready || claimable(); });
      if (stop) break;
      Slot& slot = slots[next_write % kSlots];
      if (slot.ready) {
        lock.unlock();
        buffer.write(slot.text);
        lock.lock();
        slot.ready = false;
        ++next_write;
        changed.notify_all();
        continue;
      }
      const std::size_t c = next_claim++;
      lock.unlock();
      format_chunk(formatters[0], c);
      lock.lock();
      slots[c % kSlots].ready = true;
      changed.notify_all();
    }
  }
  if (worker_error) std::rethrow_exception(worker_error);
}

}  // namespace text2kg::io
