#pragma once

#include <cstdint>

namespace text2kg {

/// [begin, end) in UTF-8 bytes of a Document's text. 0-based, half-open, everywhere.
struct ByteSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  constexpr std::uint32_t size() const { return end - begin; }
  constexpr bool empty() const { return begin == end; }
  friend constexpr bool operator==(ByteSpan, ByteSpan) = default;
};

/// [begin, end) in token indices of a Document.
struct TokenRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  constexpr std::uint32_t size() const { return end - begin; }
  constexpr bool empty() const { return begin == end; }
  constexpr bool contains(std::uint32_t token) const { return token >= begin && token < end; }
  friend constexpr bool operator==(TokenRange, TokenRange) = default;
};

}  // namespace text2kg
