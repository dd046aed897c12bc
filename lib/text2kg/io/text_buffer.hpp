#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace text2kg::io {

/// A growable block of bytes that the writers format elements into: the subset of
/// std::string they use (append, +=, size, resize down, clear), with every append inline.
///
/// Why not std::string: libstdc++ compiles basic_string<char> once, in the shared library
/// (extern template), so each append is a call into it and then a call to memcpy, for pieces
/// of a few bytes: at 3M edges of GraphML, some 120M such calls were the largest cost left.
/// Here an append is a bounds check and a copy the compiler sees whole (a few moves for a
/// literal); only growing is out of line. Bytes past size() are never read.
class TextBuffer {
 public:
  TextBuffer() = default;
  TextBuffer(const TextBuffer&) = delete;
  TextBuffer& operator=(const TextBuffer&) = delete;
  /// A moved-from buffer is empty, with no storage.
  TextBuffer(TextBuffer&& other) noexcept
      : storage_(std::move(other.storage_)),
        at_(std::exchange(other.at_, nullptr)),
        limit_(std::exchange(other.limit_, nullptr)) {}
  TextBuffer& operator=(TextBuffer&& other) noexcept {
    storage_ = std::move(other.storage_);
    at_ = std::exchange(other.at_, nullptr);
    limit_ = std::exchange(other.limit_, nullptr);
    return *this;
  }
  ~TextBuffer() = default;

  std::size_t size() const { return static_cast<std::size_t>(at_ - storage_.get()); }
  std::size_t capacity() const { return static_cast<std::size_t>(limit_ - storage_.get()); }
  bool empty() const { return at_ == storage_.get(); }
  const char* data() const { return storage_.get(); }
  std::string_view view() const { return {storage_.get(), size()}; }
  operator std::string_view() const { return view(); }  // NOLINT: reads like std::string

  void clear() { at_ = storage_.get(); }
  /// Drops the bytes from `size` on (a writer takes back a piece it could not finish);
  /// growing this way is refused, since the new bytes would be undefined.
  void resize(std::size_t size) {
    if (size > this->size()) throw std::length_error("TextBuffer::resize: can only shrink");
    at_ = storage_.get() + size;
  }
  void reserve(std::size_t capacity) {
    if (capacity > this->capacity()) reallocate(capacity);
  }

  void append(const char* bytes, std::size_t count) {
    if (count == 0) return;  // also keeps a null `bytes` (an empty view) away from memcpy
    if (count > static_cast<std::size_t>(limit_ - at_)) grow(count);
    std::memcpy(at_, bytes, count);
    at_ += count;
  }
  void append(std::string_view bytes) { append(bytes.data(), bytes.size()); }
  TextBuffer& operator+=(std::string_view bytes) {
    append(bytes);
    return *this;
  }
  TextBuffer& operator+=(char c) {
    if (at_ == limit_) grow(1);
    *at_++ = c;
    return *this;
  }

  /// For a writer that knows a bound on what it will append: the end of the buffer, with room
  /// for `count` more bytes; write there, then commit(end of what was written). One bounds check
  /// for a whole row instead of one per piece; and the writer's cursor stays in a register, where
  /// append() must reload `at_` after every byte stored (a char store may alias it).
  char* room(std::size_t count) {
    if (count > static_cast<std::size_t>(limit_ - at_)) grow(count);
    return at_;
  }
  /// Takes the bytes up to `end` (within the room asked for) as appended.
  void commit(char* end) { at_ = end; }

 private:
  static constexpr std::size_t kFirstCapacity = 4096;

  /// Room for `more` bytes past size(), at least doubling, so appends cost amortised O(1).
  [[gnu::noinline]] void grow(std::size_t more) {
    reallocate(std::max({kFirstCapacity, 2 * capacity(), size() + more}));
  }
  void reallocate(std::size_t capacity) {
    const std::size_t used = size();
    std::unique_ptr<char[]> bigger(new char[capacity]);  // uninitialised: only written bytes are read
    if (used != 0) std::memcpy(bigger.get(), storage_.get(), used);
    storage_ = std::move(bigger);
    at_ = storage_.get() + used;
    limit_ = storage_.get() + capacity;
  }

  std::unique_ptr<char[]> storage_;
  char* at_ = nullptr;     ///< where the next byte goes
  char* limit_ = nullptr;  ///< end of the storage
};

}  // namespace text2kg::io
