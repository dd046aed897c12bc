#pragma once

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <cstdlib>
#include <cstddef>
#include <list>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include "text2kg/base/huge_pages.hpp"

namespace text2kg::graph {

/// Fixed-size blocks carved from growing slabs, with a free list. The graph's edge list is a
/// std::list with one node per relation; through malloc each 112-byte node took a 128-byte
/// chunk (header and rounding), 24 MB at 3M edges. Blocks of another size go to operator new.
class NodeArena {
 public:
  void* allocate(std::size_t bytes) {
    if (block_ == 0) block_ = std::max(round_up(bytes), sizeof(void*));
    if (round_up(bytes) != block_) return ::operator new(bytes);
    if (free_ != nullptr) {
      void* block = free_;
      free_ = *static_cast<void**>(free_);
      return block;
    }
    if (used_ == capacity_) add_slab();
    return slabs_.back().get() + block_ * used_++;
  }
  void deallocate(void* block, std::size_t bytes) {
    if (round_up(bytes) != block_) {
      ::operator delete(block);
      return;
    }
    *static_cast<void**>(block) = free_;
    free_ = block;
  }

 private:
  static std::size_t round_up(std::size_t bytes) {
    constexpr std::size_t kAlign = alignof(std::max_align_t) < 8 ? alignof(std::max_align_t) : 8;
    return (bytes + kAlign - 1) / kAlign * kAlign;
  }
  void add_slab() {
    capacity_ = std::min<std::size_t>(std::max<std::size_t>(64, capacity_ * 2), 1U << 16);
    if (block_ * capacity_ >= kHugePageBytes) {
      // Large slabs on huge pages (base/huge_pages.hpp), as many blocks as fill them.
      const std::size_t bytes = (block_ * capacity_ + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
      capacity_ = bytes / block_;
      slabs_.push_back(allocate_huge_block<std::byte>(bytes));
    } else {
      slabs_.push_back(allocate_small_block<std::byte>(block_ * capacity_));
    }
    used_ = 0;
  }

  std::vector<HugeBlock<std::byte>> slabs_;
  std::size_t block_ = 0;     ///< bytes per block, fixed by the first request
  std::size_t capacity_ = 0;  ///< blocks in the newest slab
  std::size_t used_ = 0;      ///< blocks handed out from the newest slab
  void* free_ = nullptr;      ///< released blocks, linked through their first bytes
};

/// An allocator for node containers over a shared NodeArena. A copied container gets an
/// arena of its own; moved and swapped containers take theirs along.
template <typename T>
class ArenaAllocator {
 public:
  using value_type = T;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;

  ArenaAllocator() : arena_(std::make_shared<NodeArena>()) {}
  template <typename U>
  ArenaAllocator(const ArenaAllocator<U>& other) noexcept : arena_(other.arena_) {}  // NOLINT: rebinding

  T* allocate(std::size_t n) {
    if (n != 1) return static_cast<T*>(::operator new(n * sizeof(T)));
    return static_cast<T*>(arena_->allocate(sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) {
    if (n != 1) {
      ::operator delete(p);
      return;
    }
    arena_->deallocate(p, sizeof(T));
  }
  ArenaAllocator select_on_container_copy_construction() const { return ArenaAllocator(); }

  template <typename U>
  friend bool operator==(const ArenaAllocator& a, const ArenaAllocator<U>& b) {
    return a.arena_ == b.arena_;
  }

 private:
  template <typename U>
  friend class ArenaAllocator;
  std::shared_ptr<NodeArena> arena_;
};

/// Boost.Graph container selector: adjacency_list's edge list as a std::list over an arena.
struct arena_listS {};

}  // namespace text2kg::graph

namespace boost {
template <typename ValueType>
struct container_gen<text2kg::graph::arena_listS, ValueType> {
  using type = std::list<ValueType, text2kg::graph::ArenaAllocator<ValueType>>;
};
template <>
struct parallel_edge_traits<text2kg::graph::arena_listS> {
  using type = allow_parallel_edge_tag;
};
}  // namespace boost
