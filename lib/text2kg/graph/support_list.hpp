#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "text2kg/base/span.hpp"
#include "text2kg/extract/triple.hpp"

namespace text2kg::graph {

/// One supporting sentence of a relation: a Provenance whose strings live in the graph's
/// pool (ids below), so millions of them stay small. KnowledgeGraph::provenance() expands one.
struct Support {
  std::uint32_t doc = 0;            ///< pool id of the document id
  std::uint32_t sentence = 0;       ///< sentence index in the document
  std::uint32_t sentence_text = 0;  ///< pool id
  ByteSpan sentence_chars;
  ByteSpan subject_chars;
  ByteSpan object_chars;
  std::uint32_t rule = 0;    ///< pool id
  /// Pool id of the rarely set strings (modality, attributed_to, time, time_normalized,
  /// place) packed into one entry, 0 when all are empty; KnowledgeGraph::extras() reads them.
  /// Five ids of their own cost 16 bytes more per record, 48 MB at 3M edges.
  std::uint32_t extras = 0;
  float confidence = 1.0F;
  Evidence level = Evidence::Explicit;
  bool negated = false;
};
static_assert(std::is_trivially_copyable_v<Support>, "SupportList copies records as bytes");
static_assert(sizeof(Support) == 52, "a support record in 52 bytes: 3M of them are most of a large graph");

/// The rarely set strings of a Support (views into the graph's pool).
struct SupportExtras {
  std::string_view modality;
  std::string_view attributed_to;
  std::string_view time;
  std::string_view time_normalized;
  std::string_view place;
};

/// The support records of one relation: most relations have a single supporting sentence, so
/// one record is held inline and only a second one moves them all to the heap. A std::vector
/// cost a separate allocation of about 80 bytes for every edge.
/// Reads like a vector: range-for, size(), empty(), front(), operator[], at(), data().
class SupportList {
 public:
  SupportList() : storage_() {}
  SupportList(const SupportList& other) : storage_() { assign(other); }
  SupportList& operator=(const SupportList& other) {
    if (this != &other) {
      release();
      assign(other);
    }
    return *this;
  }
  SupportList(SupportList&& other) noexcept : storage_(other.storage_), size_(other.size_) { other.size_ = 0; }
  SupportList& operator=(SupportList&& other) noexcept {
    if (this != &other) {
      release();
      storage_ = other.storage_;
      size_ = other.size_;
      other.size_ = 0;
    }
    return *this;
  }
  ~SupportList() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Support* data() const { return on_heap() ? heap() : &storage_.one; }
  Support* data() { return on_heap() ? heap() : &storage_.one; }
  const Support* begin() const { return data(); }
  const Support* end() const { return data() + size_; }
  Support* begin() { return data(); }
  Support* end() { return data() + size_; }
  const Support& front() const { return data()[0]; }
  const Support& back() const { return data()[size_ - 1]; }
  const Support& operator[](std::size_t i) const { return data()[i]; }
  Support& operator[](std::size_t i) { return data()[i]; }
  const Support& at(std::size_t i) const {
    if (i >= size_) throw std::out_of_range("SupportList::at: index out of range");
    return data()[i];
  }

  /// Inserts before `at` (a pointer into this list, or end()); returns the new record.
  Support* insert(const Support* at, const Support& record) {
    const auto index = static_cast<std::size_t>(at - data());
    Support* records = data();
    const std::size_t capacity = this->capacity();
    if (size_ == capacity) {  // full: into a heap array twice as large, with a gap at index
      Support* bigger = allocate(capacity * 2);
      std::memcpy(static_cast<void*>(bigger), records, index * sizeof(Support));
      std::memcpy(static_cast<void*>(bigger + index + 1), records + index, (size_ - index) * sizeof(Support));
      release_heap();
      set_heap(bigger);
      records = bigger;
    } else {
      std::memmove(static_cast<void*>(records + index + 1), records + index, (size_ - index) * sizeof(Support));
    }
    records[index] = record;
    ++size_;
    return records + index;
  }
  void push_back(const Support& record) { insert(end(), record); }

 private:
  // The heap pointer shares the bytes of the inline record and is read with memcpy, so the
  // union keeps Support's 4-byte alignment: 56 bytes in all, which makes an edge's list node
  // 96 bytes instead of 104.
  union Storage {
    Support one;
    unsigned char pointer[sizeof(Support*)];
    Storage() : one() {}
  };

  /// Two or more records live on the heap, in an array of the next power of two.
  bool on_heap() const { return size_ > 1; }
  std::size_t capacity() const { return on_heap() ? std::bit_ceil(std::size_t{size_}) : 1; }
  Support* heap() const {
    Support* records = nullptr;
    std::memcpy(&records, storage_.pointer, sizeof records);
    return records;
  }
  void set_heap(Support* records) { std::memcpy(storage_.pointer, &records, sizeof records); }

  static Support* allocate(std::size_t capacity) {
    return static_cast<Support*>(::operator new(capacity * sizeof(Support)));
  }
  void assign(const SupportList& other) {
    size_ = 0;
    Support* records = &storage_.one;
    if (other.size_ > 1) {
      records = allocate(std::bit_ceil(std::size_t{other.size_}));
      set_heap(records);
    }
    std::memcpy(static_cast<void*>(records), other.data(), other.size_ * sizeof(Support));
    size_ = other.size_;
  }
  void release_heap() {
    if (on_heap()) ::operator delete(heap());
  }
  void release() {
    release_heap();
    size_ = 0;
  }

  Storage storage_;
  std::uint32_t size_ = 0;
};
static_assert(sizeof(SupportList) == sizeof(Support) + sizeof(std::uint32_t), "no padding around the inline record");

}  // namespace text2kg::graph
