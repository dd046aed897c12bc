#pragma once

#include <cstdint>
#include <string_view>

namespace text2kg::nlp {

/// The murmur3 64-bit finaliser: every input bit moves about half the output bits, so hashes
/// that differ only in high bits still select different buckets.
constexpr std::uint64_t murmur_finalise(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/// Feature hashing: a feature is a template id plus the strings it looks at, folded into
/// 64 bits (FNV-1a over the bytes, then a murmur finaliser to spread the low bits that
/// select a bucket). Equal inputs give equal hashes on every platform and run.
class FeatureHash {
 public:
  constexpr explicit FeatureHash(std::uint32_t template_id) : h_(kOffset ^ (template_id * kPrime)) {}

  constexpr FeatureHash& add(std::string_view part) {
    for (const char c : part) {
      h_ ^= static_cast<std::uint8_t>(c);
      h_ *= kPrime;
    }
    h_ ^= 0xFF;  // separator, so ("ab","c") differs from ("a","bc")
    h_ *= kPrime;
    return *this;
  }
  constexpr FeatureHash& add(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      h_ ^= (value >> (8 * i)) & 0xFF;
      h_ *= kPrime;
    }
    return *this;
  }

  constexpr std::uint64_t value() const { return murmur_finalise(h_); }

 private:
  static constexpr std::uint64_t kOffset = 0xcbf29ce484222325ULL;
  static constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t h_;
};

}  // namespace text2kg::nlp
