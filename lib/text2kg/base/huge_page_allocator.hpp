#pragma once

#include <cstddef>
#include <new>

#include "text2kg/base/huge_pages.hpp"

namespace text2kg {

/// An allocator for large arrays read at random (the graph's vertex vector, the string pool's
/// entries, the NER weight tables and word-form cache, the gazetteer): storage of 2 MB and more on huge pages (huge_pages.hpp), smaller storage from
/// operator new. The writers read the vertex records in key order, which is unrelated to
/// where they lie: at 1M nodes the records span 216 MB, and with 4 kB pages nearly every row
/// of nodes.csv cost a TLB miss and a page walk before its cache misses (perf: most of that
/// writer's time sat on the first touch of a record). Memory-neutral: a growing std::vector reallocates the same sizes either way, and a
/// freed block goes straight back to the system.
template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT: rebinding

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    // Aligned as T asks: the NER weight rows are 64-byte lines read with aligned loads.
    if (!on_huge_pages(bytes)) return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
    return allocate_huge_block<T>(mapped_bytes(bytes)).release();
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (!on_huge_pages(bytes)) {
      ::operator delete(p, std::align_val_t{alignof(T)});
      return;
    }
    HugeBlockFree{mapped_bytes(bytes)}(p);
  }

  template <typename U>
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator<U>&) noexcept {
    return true;
  }

 private:
  /// Where allocate_huge_block() maps its blocks (elsewhere it falls back to malloc, which its
  /// deleter only matches when told the block was not mapped, so the small path is used).
  static bool on_huge_pages(std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    return bytes >= kHugePageBytes;
#else
    (void)bytes;
    return false;
#endif
  }
  static std::size_t mapped_bytes(std::size_t bytes) {
    return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  }
};

}  // namespace text2kg
