#pragma once

#include <type_traits>

namespace text2kg {

/// A set of values of a bit-valued enum class.
template <typename Enum>
class Flags {
  using Bits = std::underlying_type_t<Enum>;

 public:
  constexpr Flags() = default;
  constexpr Flags(Enum value) : bits_(static_cast<Bits>(value)) {}  // NOLINT: implicit by design

  constexpr bool has(Flags other) const { return (bits_ & other.bits_) == other.bits_; }
  constexpr Flags missing_from(Flags have) const { return Flags(bits_ & ~have.bits_); }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr Bits bits() const { return bits_; }

  constexpr Flags operator|(Flags other) const { return Flags(bits_ | other.bits_); }
  constexpr Flags& operator|=(Flags other) { bits_ |= other.bits_; return *this; }
  friend constexpr bool operator==(Flags, Flags) = default;

 private:
  constexpr explicit Flags(Bits bits) : bits_(bits) {}
  Bits bits_ = 0;
};

}  // namespace text2kg
