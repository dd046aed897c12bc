#pragma once

#include <cstddef>
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
/// Blocks are 2 MB aligned and a multiple of 2 MB, so no partial huge page is wasted.
struct HugeBlockFree {
  void operator()(void* block) const noexcept { std::free(block); }
};
template <typename T>
using HugeBlock = std::unique_ptr<T[], HugeBlockFree>;

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

/// `bytes` (a multiple of kHugePageBytes) of uninitialised storage; throws std::bad_alloc.
template <typename T>
HugeBlock<T> allocate_huge_block(std::size_t bytes) {
  void* block = std::aligned_alloc(kHugePageBytes, bytes);
  if (block == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(block, bytes, MADV_HUGEPAGE);  // advice only: without THP the block works as well
#endif
  return HugeBlock<T>(static_cast<T*>(block));
}

}  // namespace text2kg
