#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
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
  std::uint32_t rule = 0;            ///< pool ids from here on
  std::uint32_t modality = 0;
  std::uint32_t attributed_to = 0;
  std::uint32_t time = 0;
  std::uint32_t time_normalized = 0;
  std::uint32_t place = 0;
  float confidence = 1.0F;
  Evidence level = Evidence::Explicit;
  bool negated = false;
};
static_assert(std::is_trivially_copyable_v<Support>, "SupportList copies records as bytes");

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
  SupportList(SupportList&& other) noexcept : storage_(other.storage_), size_(other.size_), capacity_(other.capacity_) {
    other.size_ = 0;
    other.capacity_ = 1;
  }
  SupportList& operator=(SupportList&& other) noexcept {
    if (this != &other) {
      release();
      storage_ = other.storage_;
      size_ = other.size_;
      capacity_ = other.capacity_;
      other.size_ = 0;
      other.capacity_ = 1;
    }
    return *this;
  }
  ~SupportList() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Support* data() const { return on_heap() ? storage_.many : &storage_.one; }
  Support* data() { return on_heap() ? storage_.many : &storage_.one; }
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
    if (size_ == capacity_) reserve(capacity_ * 2);
    Support* records = data();
    std::memmove(records + index + 1, records + index, (size_ - index) * sizeof(Support));
    records[index] = record;
    ++size_;
    return records + index;
  }
  void push_back(const Support& record) { insert(end(), record); }

 private:
  union Storage {
    Support one;
    Support* many;
    Storage() : one() {}
  };

  bool on_heap() const { return capacity_ > 1; }

  void reserve(std::uint32_t capacity) {
    auto* records = static_cast<Support*>(::operator new(capacity * sizeof(Support)));
    std::memcpy(records, data(), size_ * sizeof(Support));
    release_heap();
    storage_.many = records;
    capacity_ = capacity;
  }
  void assign(const SupportList& other) {
    size_ = 0;
    capacity_ = 1;
    if (other.size_ > 1) reserve(other.size_);
    std::memcpy(data(), other.data(), other.size_ * sizeof(Support));
    size_ = other.size_;
  }
  void release_heap() {
    if (on_heap()) ::operator delete(storage_.many);
  }
  void release() {
    release_heap();
    size_ = 0;
    capacity_ = 1;
  }

  Storage storage_;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 1;  ///< 1: the record is inline; more: storage_.many holds them
};

}  // namespace text2kg::graph
