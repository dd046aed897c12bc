#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace text2kg {

/// Large arena blocks (the string pool, the edge-node slabs) on transparent huge pages where
/// the kernel offers them (madvise mode, as on Debian): writers visit edges in key order, so
/// every edge touches pages far from the last one, and with 4 kB pages each such touch is a
/// TLB miss, a page walk that costs as much again as the cache miss under virtualisation.
/// Blocks are mapped on their own, 2 MB aligned and a multiple of 2 MB, so no partial huge page
/// is wasted and a freed block goes straight back to the system instead of fragmenting the
/// heap. Elsewhere (or with bytes == 0 in the deleter) they are plain malloc blocks.
struct HugeBlockFree {
  std::size_t mapped = 0;  ///< bytes mapped with mmap, or 0 for a malloc block
  void operator()(void* block) const noexcept {
#ifdef __linux__
    if (mapped != 0) {
      munmap(block, mapped);
      return;
    }
#endif
    std::free(block);
  }
};
template <typename T>
using HugeBlock = std::unique_ptr<T[], HugeBlockFree>;

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

/// `bytes` of uninitialised storage from malloc; throws std::bad_alloc.
template <typename T>
HugeBlock<T> allocate_small_block(std::size_t bytes) {
  void* block = std::malloc(bytes);
  if (block == nullptr) throw std::bad_alloc();
  return HugeBlock<T>(static_cast<T*>(block), HugeBlockFree{0});
}

/// `bytes` (a multiple of kHugePageBytes) of zero-filled storage on huge pages where
/// possible; throws std::bad_alloc.
template <typename T>
HugeBlock<T> allocate_huge_block(std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Map 2 MB more than needed and unmap the misaligned ends.
  void* mapped = mmap(nullptr, bytes + kHugePageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = (start + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  if (aligned > start) munmap(mapped, aligned - start);
  const std::uintptr_t tail = start + bytes + kHugePageBytes - (aligned + bytes);
  if (tail > 0) munmap(reinterpret_cast<void*>(aligned + bytes), tail);
  void* block = reinterpret_cast<void*>(aligned);
  madvise(block, bytes, MADV_HUGEPAGE);  // advice only: without THP the block works as well
  return HugeBlock<T>(static_cast<T*>(block), HugeBlockFree{bytes});
#else
  return allocate_small_block<T>(bytes);
#endif
}

}  // namespace text2kg
