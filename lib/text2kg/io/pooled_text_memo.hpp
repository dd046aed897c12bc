#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace text2kg::io {

/// A text made once per pooled string id and asked for once per element: the relationship
/// type of an edge's predicate lemma. A small direct-mapped table of recent ids sits in front
/// of the map, because a std::unordered_map lookup per edge (a division and a node chase) was
/// a tenth of the GraphML edge formatter's time at 3M edges, over a few hundred lemmas.
class PooledTextMemo {
 public:
  /// The text of `id`, made by `make()` the first time.
  template <typename Make>
  const std::string& get(std::uint32_t id, Make make) {
    Recent& recent = recent_[slot_of(id)];
    if (recent.text != nullptr && recent.id == id) return *recent.text;
    auto found = made_.find(id);
    if (found == made_.end()) found = made_.emplace(id, make()).first;
    recent = {id, &found->second};  // a map's elements stay where they are when it grows
    return found->second;
  }

 private:
  static constexpr unsigned kRecentBits = 8;
  struct Recent {
    std::uint32_t id = 0;
    const std::string* text = nullptr;
  };
  /// Fibonacci hashing: pool ids of lemmas are scattered, their low bits alone collide.
  static std::size_t slot_of(std::uint32_t id) { return (id * 0x9E3779B1U) >> (32 - kRecentBits); }

  std::array<Recent, std::size_t{1} << kRecentBits> recent_{};
  std::unordered_map<std::uint32_t, std::string> made_;
};

}  // namespace text2kg::io
