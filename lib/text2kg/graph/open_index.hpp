#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace text2kg::graph {

/// A 64-bit hash of bytes (FNV-1a over 8-byte words with a final mix): fast on long
/// sentence texts, well spread on short keys.
inline std::uint64_t hash_bytes(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    h = (h ^ word) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (; i < text.size(); ++i) h = (h ^ static_cast<unsigned char>(text[i])) * 0x100000001b3ULL;
  h ^= h >> 32;
  h *= 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

/// An open-addressing (linear probing) hash set of small records whose key lives elsewhere:
/// the caller hashes and compares, so the table holds no copy of a key. A node-based
/// std::unordered_map cost 70 to 100 bytes per entry; this costs the record over a load of
/// at most 3/4. Records are never removed. Slot needs `bool empty() const` and a default
/// value that is empty.
template <typename Slot>
class OpenIndex {
 public:
  /// The record that `matches` accepts among those with this hash, or nullptr.
  template <typename Matches>
  const Slot* find(std::uint64_t hash, Matches matches) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.empty()) return nullptr;
      if (matches(slot)) return &slot;
    }
  }

  /// Adds a record not yet held; `hash_of(slot)` rehashes held records when the table grows.
  template <typename HashOf>
  void insert(std::uint64_t hash, const Slot& record, HashOf hash_of) {
    if ((count_ + 1) * 4 > slots_.size() * 3) grow(hash_of);
    place(slots_, hash, record);
    ++count_;
  }

  std::size_t size() const { return count_; }
  /// Drops every record and gives the memory back.
  void clear() {
    std::vector<Slot>().swap(slots_);
    count_ = 0;
  }

 private:
  static void place(std::vector<Slot>& slots, std::uint64_t hash, const Slot& record) {
    const std::size_t mask = slots.size() - 1;
    std::size_t at = hash & mask;
    while (!slots[at].empty()) at = (at + 1) & mask;
    slots[at] = record;
  }

  template <typename HashOf>
  void grow(HashOf hash_of) {
    std::vector<Slot> bigger(std::max<std::size_t>(16, slots_.size() * 2));
    for (const Slot& slot : slots_) {
      if (!slot.empty()) place(bigger, hash_of(slot), slot);
    }
    slots_.swap(bigger);
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace text2kg::graph
