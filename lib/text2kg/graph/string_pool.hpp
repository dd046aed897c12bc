#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "text2kg/base/huge_page_allocator.hpp"
#include "text2kg/base/huge_pages.hpp"
#include "text2kg/base/prefetch.hpp"
#include "text2kg/graph/open_index.hpp"

namespace text2kg::graph {

/// Each distinct string held once (document ids, rule names, predicates, sentence texts);
/// records refer to them by a 32-bit id. Id 0 is always the empty string.
///
/// Storage is an arena: bytes go into large blocks that never move, each string is a
/// (pointer, length) entry, and the index is an open-addressing table of ids. A
/// deque<string> with an unordered_map cost about 250 bytes per pooled sentence; this costs
/// the bytes plus about 20.
class StringPool {
 public:
  StringPool() { intern(""); }
  StringPool(const StringPool& other) : StringPool() { copy_from(other); }
  StringPool& operator=(const StringPool& other) {
    if (this != &other) {
      StringPool fresh(other);
      swap(fresh);
    }
    return *this;
  }
  StringPool(StringPool&&) noexcept = default;
  StringPool& operator=(StringPool&&) noexcept = default;
  ~StringPool() = default;

  std::uint32_t intern(std::string_view text) {
    if ((entries_.size() + 1) * 4 > slots_.size() * 3) grow();
    const std::uint64_t hash = hash_bytes(text);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const std::uint32_t slot = slots_[at];
      if (slot == kEmpty) {
        const auto id = static_cast<std::uint32_t>(entries_.size());
        entries_.push_back({store(text), static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(hash)});
        slots_[at] = id;
        return id;
      }
      const Entry& entry = entries_[slot];
      if (entry.hash == static_cast<std::uint32_t>(hash) && get(slot) == text) return slot;
    }
  }
  std::string_view get(std::uint32_t id) const { return {entries_[id].data, entries_[id].size}; }
  /// Asks the CPU for the entry of `id` ahead of a get() (writers look a few elements ahead).
  void prefetch(std::uint32_t id) const { text2kg::prefetch(entries_.data() + id); }
  std::size_t size() const { return entries_.size(); }
  /// Frees the look-up index (4 bytes a slot, 8-16 MB for a large graph) while only get() is
  /// needed; the next intern() rebuilds it from the stored hashes, without reading strings.
  void drop_index() { std::vector<std::uint32_t>().swap(slots_); }

 private:
  struct Entry {
    const char* data;
    std::uint32_t size;
    std::uint32_t hash;  ///< low bits of the hash: growing the index reads no string bytes
  };
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static constexpr std::size_t kBlockBytes = kHugePageBytes;  ///< one huge page (base/huge_pages.hpp)

  /// Copies the bytes into the current block, starting a new one when it is full.
  const char* store(std::string_view text) {
    if (text.empty()) return "";
    if (block_used_ + text.size() > block_size_) {
      block_size_ = (std::max(kBlockBytes, text.size()) + kBlockBytes - 1) / kBlockBytes * kBlockBytes;
      blocks_.push_back(allocate_huge_block<char>(block_size_));
      block_used_ = 0;
    }
    char* at = blocks_.back().get() + block_used_;
    std::memcpy(at, text.data(), text.size());
    block_used_ += text.size();
    return at;
  }

  void grow() {
    std::size_t size = std::max<std::size_t>(16, slots_.size() * 2);
    while ((entries_.size() + 1) * 4 > size * 3) size *= 2;  // after drop_index(): all at once
    std::vector<std::uint32_t> bigger(size, kEmpty);
    const std::size_t mask = bigger.size() - 1;
    for (std::uint32_t id = 0; id < entries_.size(); ++id) {
      std::size_t at = entries_[id].hash & mask;
      while (bigger[at] != kEmpty) at = (at + 1) & mask;
      bigger[at] = id;
    }
    slots_.swap(bigger);
  }

  void copy_from(const StringPool& other) {
    for (std::uint32_t i = 1; i < other.entries_.size(); ++i) intern(other.get(i));
  }

  void swap(StringPool& other) noexcept {
    blocks_.swap(other.blocks_);
    std::swap(block_size_, other.block_size_);
    std::swap(block_used_, other.block_used_);
    entries_.swap(other.entries_);
    slots_.swap(other.slots_);
  }

  std::vector<HugeBlock<char>> blocks_;
  std::size_t block_size_ = 0;
  std::size_t block_used_ = 0;
  // On huge pages: writers read an entry per element in key order, at random over tens of MB
  // (perf, GraphML at 3M edges: the largest stall was the entry of each sentence's text).
  std::vector<Entry, HugePageAllocator<Entry>> entries_;
  std::vector<std::uint32_t> slots_;
};

}  // namespace text2kg::graph
