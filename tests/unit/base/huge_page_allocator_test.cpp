#include "text2kg/base/huge_page_allocator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace text2kg {
namespace {

bool aligned_to(const void* p, std::size_t alignment) { return reinterpret_cast<std::uintptr_t>(p) % alignment == 0; }

TEST(HugePageAllocator, LargeBlocksAreAlignedToAHugePageAndSmallOnesStillWork) {
  using Allocator = HugePageAllocator<std::int16_t>;
  constexpr std::size_t kLarge = 3 * kHugePageBytes / sizeof(std::int16_t) + 5;  // not a whole number of pages
  std::vector<std::int16_t, Allocator> large(kLarge, 7);
  EXPECT_TRUE(aligned_to(large.data(), kHugePageBytes));
  large.back() = 9;
  const std::vector<std::int16_t, Allocator> copy = large;  // the copy gets its own block
  EXPECT_NE(copy.data(), large.data());
  EXPECT_EQ(copy.back(), 9);
  EXPECT_EQ(copy.front(), 7);
  std::vector<std::int16_t, Allocator> small(10, 3);
  small.resize(kLarge, 4);  // grows from an ordinary block into a huge-page one
  EXPECT_EQ(small[9], 3);
  EXPECT_EQ(small[10], 4);
  EXPECT_TRUE(aligned_to(small.data(), kHugePageBytes));
}

// The NER weight rows are 64-byte lines read with aligned loads: small vectors of them too.
TEST(HugePageAllocator, SmallBlocksKeepTheAlignmentTheirTypeAsksFor) {
  struct alignas(64) Line {
    float values[16];
  };
  for (std::size_t n = 1; n < 40; n += 7) {
    std::vector<Line, HugePageAllocator<Line>> lines(n);
    EXPECT_TRUE(aligned_to(lines.data(), 64)) << n;
  }
}

}  // namespace
}  // namespace text2kg
