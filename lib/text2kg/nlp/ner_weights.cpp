#include "text2kg/nlp/ner_weights.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <string>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/model_io.hpp"

namespace text2kg::nlp {

namespace {

constexpr char kMagic[8] = {'T', '2', 'K', 'G', 'N', 'E', 'R', 'W'};
constexpr std::uint32_t kMaxClasses = 32;  // a row's used classes are one 32-bit mask in the file

using model_io::put;

template <typename T>
T get(std::istream& in) {
  return model_io::get<T>(in, "ner weights");
}

using I4 = std::int32_t __attribute__((vector_size(16)));
using F4 = float __attribute__((vector_size(16)));

/// The running sums of kStride classes over rows of int16 weights, exactly as a loop over the
/// classes would add them. Eight weights are read as four int32 lanes, each holding an even
/// and an odd class: the low half sign-extended by a shift up and back down, the high half by
/// one arithmetic shift, so a row costs three shifts and two adds per eight classes instead of
/// SSE2's compare-and-unpack widening; the sums stay in registers and are put back in class
/// order once, by quarter().
template <std::size_t kStride>
struct RowSums {
  static constexpr bool kLittle = std::endian::native == std::endian::little;  // the even class is the low half
  static constexpr std::size_t kVectors = kStride / 8;
  I4 even[kVectors], odd[kVectors];

  RowSums() {
    for (std::size_t v = 0; v < kVectors; ++v) even[v] = odd[v] = I4{0, 0, 0, 0};
  }
  void add(const std::int16_t* table, std::uint64_t mask, std::span<const std::uint64_t> features) {
    for (const std::uint64_t f : features) {
      const std::int16_t* row = table + static_cast<std::size_t>(f & mask) * kStride;
      for (std::size_t v = 0; v < kVectors; ++v) {
        I4 x;
        std::memcpy(&x, row + 8 * v, sizeof x);
        const I4 low = (x << 16) >> 16, high = x >> 16;
        even[v] += kLittle ? low : high;
        odd[v] += kLittle ? high : low;
      }
    }
  }
  /// Classes 4q .. 4q+3 of the sums.
  I4 quarter(std::size_t q) const {
    const std::size_t v = q / 2;
    return q % 2 == 0 ? __builtin_shuffle(even[v], odd[v], I4{0, 4, 1, 5}) : __builtin_shuffle(even[v], odd[v], I4{2, 6, 3, 7});
  }
};

#if defined(__x86_64__) && defined(__GNUC__)
#define TEXT2KG_NER_AVX2 1
#include <immintrin.h>

/// RowSums for processors with AVX2, which widens eight weights in one instruction (vpmovsxwd
/// from memory) and adds eight sums at once: about half the instructions per row. The same
/// integers; the conversion and product are the same per-lane IEEE operations (the target
/// enables no FMA).
template <std::size_t kStride>
struct RowSumsAvx2 {
  static constexpr std::size_t kVectors = kStride / 8;
  __m256i sums[kVectors];

  [[gnu::target("avx2"), gnu::always_inline]] RowSumsAvx2() {
    for (std::size_t v = 0; v < kVectors; ++v) sums[v] = _mm256_setzero_si256();
  }
  [[gnu::target("avx2"), gnu::always_inline]] void add(const std::int16_t* table, std::uint64_t mask,
                                                       std::span<const std::uint64_t> features) {
    for (const std::uint64_t f : features) {
      const std::int16_t* row = table + static_cast<std::size_t>(f & mask) * kStride;
      for (std::size_t v = 0; v < kVectors; ++v) {
        const __m128i weights = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 8 * v));
        sums[v] = _mm256_add_epi32(sums[v], _mm256_cvtepi16_epi32(weights));
      }
    }
  }
};

template <std::size_t kStride>
[[gnu::target("avx2")]] void add_rows_avx2(const std::int16_t* table, std::uint64_t mask,
                                           std::span<const std::uint64_t> features, std::int32_t* sums) {
  RowSumsAvx2<kStride> rows;
  rows.add(table, mask, features);
  for (std::size_t v = 0; v < kStride / 8; ++v) {
    auto* out = reinterpret_cast<__m256i*>(sums + 8 * v);
    _mm256_storeu_si256(out, _mm256_add_epi32(_mm256_loadu_si256(out), rows.sums[v]));
  }
}

template <std::size_t kStride>
[[gnu::target("avx2")]] void score_rows_avx2(const std::int16_t* table, std::uint64_t mask,
                                             std::span<const std::int32_t* const> parts,
                                             std::span<const std::uint64_t> features, float scale,
                                             std::uint32_t classes, float* scores) {
  RowSumsAvx2<kStride> rows;
  rows.add(table, mask, features);
  const __m256 scales = _mm256_set1_ps(scale);
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (std::size_t v = 0; v < kStride / 8 && 8 * v < classes; ++v) {
    __m256i sum = rows.sums[v];
    for (const std::int32_t* part : parts) {
      sum = _mm256_add_epi32(sum, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(part + 8 * v)));
    }
    // Only the lanes of real classes are written (a masked store, where a copy of the rest
    // was a library call).
    const __m256i real = _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(classes - 8 * v)), lanes);
    _mm256_maskstore_ps(scores + 8 * v, real, _mm256_mul_ps(_mm256_cvtepi32_ps(sum), scales));
  }
}
#endif

template <std::size_t kStride>
void add_rows(const std::int16_t* table, std::uint64_t mask, std::span<const std::uint64_t> features,
              std::int32_t* sums) {
  RowSums<kStride> rows;
  rows.add(table, mask, features);
  for (std::size_t q = 0; q < kStride / 4; ++q) {
    I4 a;
    std::memcpy(&a, sums + 4 * q, sizeof a);
    a += rows.quarter(q);
    std::memcpy(sums + 4 * q, &a, sizeof a);
  }
}

template <std::size_t kStride>
void score_rows(const std::int16_t* table, std::uint64_t mask, std::span<const std::int32_t* const> parts,
                std::span<const std::uint64_t> features, float scale, std::uint32_t classes, float* scores) {
  RowSums<kStride> rows;
  rows.add(table, mask, features);
  float all[kStride];
  for (std::size_t q = 0; q < kStride / 4; ++q) {
    I4 sum = rows.quarter(q);
    for (const std::int32_t* part : parts) {
      I4 x;
      std::memcpy(&x, part + 4 * q, sizeof x);
      sum += x;
    }
    // Lane by lane the scalar float(sum) * scale: conversion and product each rounded once.
    const F4 value = __builtin_convertvector(sum, F4) * F4{scale, scale, scale, scale};
    std::memcpy(all + 4 * q, &value, sizeof value);
  }
  std::memcpy(scores, all, classes * sizeof(float));
}

}  // namespace

bool processor_has_avx2() {
#if defined(TEXT2KG_NER_AVX2)
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
#else
  return false;
#endif
}

NerWeights::NerWeights(std::uint32_t classes, std::uint32_t bits)
    : classes_(classes), bits_(bits), mask_((std::uint64_t{1} << bits) - 1),
      weights_((std::size_t{1} << bits) * classes, 0.0F) {
  if (classes == 0 || classes > kMaxClasses || bits > 26) throw Error("ner weights: implausible shape");
}

void NerWeights::allocate_frozen(std::uint32_t classes, std::uint32_t bits, float scale) {
  if (classes == 0 || classes > kMaxClasses || bits > 26) throw Error("ner weights: implausible shape");
  classes_ = classes;
  bits_ = bits;
  mask_ = (std::uint64_t{1} << bits) - 1;
  frozen_ = true;
  stride_ = classes <= 16 ? 16 : 32;
  scale_ = scale;
  avx2_ = processor_has_avx2();
  pick_score_rows();
  weights_.clear();
  const std::size_t values = (std::size_t{1} << bits) * stride_;
  lines_.assign((values + 31) / 32, Line{});
}

void NerWeights::add_scores(std::span<const std::uint64_t> features, std::span<float> scores) const {
  if (frozen_) throw Error("ner weights: add_scores needs a trainable table");
  for (const std::uint64_t f : features) {
    __builtin_prefetch(weights_.data() + row_of(f) * classes_);
  }
  for (const std::uint64_t f : features) {
    const float* row = weights_.data() + row_of(f) * classes_;
    for (std::uint32_t c = 0; c < classes_; ++c) scores[c] += row[c];
  }
}

void NerWeights::add_raw(std::span<const std::uint64_t> features, std::int32_t* sums, bool prefetch) const {
  // Rows are scattered over a large table: ask for all of them before summing any, so the
  // cache misses overlap instead of being paid one after another. A row is one cache line
  // (32 classes) or half of one (16).
  if (!frozen_) throw Error("ner weights: add_raw needs a frozen table");
  if (prefetch) this->prefetch(features);
  const auto* table = reinterpret_cast<const std::int16_t*>(lines_.data());
#if defined(TEXT2KG_NER_AVX2)
  if (avx2_) {
    (stride_ == 16 ? add_rows_avx2<16> : add_rows_avx2<32>)(table, mask_, features, sums);
    return;
  }
#endif
  (stride_ == 16 ? add_rows<16> : add_rows<32>)(table, mask_, features, sums);
}

void NerWeights::not_frozen(const char* what) {
  throw Error(std::string("ner weights: ") + what + " needs a frozen table");
}

void NerWeights::pick_score_rows() {
#if defined(TEXT2KG_NER_AVX2)
  if (avx2_) {
    score_rows_ = stride_ == 16 ? score_rows_avx2<16> : score_rows_avx2<32>;
    return;
  }
#endif
  score_rows_ = stride_ == 16 ? score_rows<16> : score_rows<32>;
}

void NerWeights::set_avx2(bool on) {
  if (on && !processor_has_avx2()) throw Error("ner weights: this processor has no AVX2");
  avx2_ = on;
  if (frozen_) pick_score_rows();
}

NerWeights NerWeights::frozen_copy() const {
  if (frozen_) return *this;
  float largest = 0;
  for (const float w : weights_) largest = std::max(largest, std::fabs(w));
  NerWeights frozen;
  frozen.allocate_frozen(classes_, bits_, largest > 0 ? largest / 32767.0F : 1.0F);
  const std::size_t rows = std::size_t{1} << bits_;
  for (std::size_t r = 0; r < rows; ++r) {
    std::int16_t* row = frozen.packed_row(r);
    for (std::uint32_t c = 0; c < classes_; ++c) {
      row[c] = static_cast<std::int16_t>(std::lround(weights_[r * classes_ + c] / frozen.scale_));
    }
  }
  return frozen;
}

std::size_t NerWeights::used_rows() const {
  const std::size_t rows = std::size_t{1} << bits_;
  std::size_t used = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    bool any = false;
    for (std::uint32_t c = 0; c < classes_ && !any; ++c) {
      any = frozen_ ? packed_row(r)[c] != 0 : weights_[r * classes_ + c] != 0;
    }
    used += any ? 1 : 0;
  }
  return used;
}

void NerWeights::save(std::ostream& out) const {
  if (!frozen_) throw Error("ner weights: only a frozen table is saved");
  out.write(kMagic, sizeof kMagic);
  put(out, classes_);
  put(out, bits_);
  put(out, scale_);
  std::vector<char> body;
  const auto append = [&body](auto value) {
    const auto* bytes = reinterpret_cast<const char*>(&value);
    body.insert(body.end(), bytes, bytes + sizeof value);
  };
  std::uint64_t used = 0;
  std::uint32_t previous = 0;
  const std::size_t rows = std::size_t{1} << bits_;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int16_t* row = packed_row(r);
    std::uint32_t mask = 0;
    for (std::uint32_t c = 0; c < classes_; ++c) mask |= row[c] != 0 ? 1U << c : 0U;
    if (mask == 0) continue;
    const auto index = static_cast<std::uint32_t>(r);
    append(index - previous);  // small gaps: the file compresses well
    previous = index;
    append(mask);
    for (std::uint32_t c = 0; c < classes_; ++c) {
      if (mask & (1U << c)) append(row[c]);
    }
    ++used;
  }
  put(out, used);
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

NerWeights NerWeights::load(std::istream& in) {
  char magic[sizeof kMagic];
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    throw Error("ner weights: not a text2kg NER weight table");
  }
  const auto classes = get<std::uint32_t>(in);
  const auto bits = get<std::uint32_t>(in);
  const auto scale = get<float>(in);
  NerWeights weights;
  weights.allocate_frozen(classes, bits, scale);
  const auto used = get<std::uint64_t>(in);
  if (used > weights.mask_ + 1) throw Error("ner weights: implausible row count");
  std::uint32_t index = 0;
  for (std::uint64_t i = 0; i < used; ++i) {
    index += get<std::uint32_t>(in);
    if (index > weights.mask_) throw Error("ner weights: row index out of range");
    const auto mask = get<std::uint32_t>(in);
    if (classes < 32 && (mask >> classes) != 0) throw Error("ner weights: class index out of range");
    std::int16_t* row = weights.packed_row(index);
    for (std::uint32_t c = 0; c < classes; ++c) {
      if (mask & (1U << c)) row[c] = get<std::int16_t>(in);
    }
  }
  return weights;
}

NerWeightTrainer::NerWeightTrainer(NerWeights& weights)
    : weights_(weights), totals_(weights.weights_.size(), 0.0), stamps_(weights.weights_.size(), 0) {
  if (weights.frozen_) throw Error("ner weights: a frozen table cannot be trained");
}

void NerWeightTrainer::touch(std::size_t index, float delta) {
  // Before changing a weight, credit its current value for every instance since it last changed.
  totals_[index] += static_cast<double>(instances_ - stamps_[index]) * weights_.weights_[index];
  stamps_[index] = instances_;
  weights_.weights_[index] += delta;
}

void NerWeightTrainer::update(std::span<const std::uint64_t> features, std::uint32_t truth, std::uint32_t guess) {
  if (truth == guess) return;
  for (const std::uint64_t f : features) {
    const std::size_t row = weights_.row_of(f) * weights_.classes_;
    touch(row + truth, 1.0F);
    touch(row + guess, -1.0F);
  }
}

void NerWeightTrainer::add(std::span<const std::uint64_t> features, std::uint32_t cls, float amount) {
  for (const std::uint64_t f : features) touch(weights_.row_of(f) * weights_.classes_ + cls, amount);
}

NerWeights NerWeightTrainer::averaged() const {
  NerWeights average = weights_;
  for (std::size_t i = 0; i < average.weights_.size(); ++i) {
    const double total = totals_[i] + static_cast<double>(instances_ - stamps_[i]) * weights_.weights_[i];
    average.weights_[i] = static_cast<float>(total / static_cast<double>(instances_));
  }
  return average.frozen_copy();
}

}  // namespace text2kg::nlp
