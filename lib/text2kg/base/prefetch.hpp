#pragma once

namespace text2kg {

/// Asks for the cache line holding `address` (into every level). Never faults, so a null or
/// stale address is harmless; the address goes in a register, so nothing is dereferenced.
///
/// asm volatile, not __builtin_prefetch: GCC gives that builtin no side effect, so a helper
/// made only of loads and prefetches counts as a pure function whose result nobody uses, and
/// g++ 12 -O3 deleted every call to such helpers (the writers' object files held no prefetch
/// instruction at all). The unit test writers_prefetch checks that they stay.
inline void prefetch(const void* address) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 (%0)" : : "r"(address));
#else
  __builtin_prefetch(address);
#endif
}

}  // namespace text2kg
