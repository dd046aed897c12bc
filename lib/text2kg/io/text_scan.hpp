#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

// Finding the few bytes a writer must treat specially. Sentence texts, names and IRIs are long
// and almost all plain ASCII, so the writers copy runs of ordinary bytes whole and spend their
// time only on the bytes found here: sixteen at a time with SSE2, else with a 256-entry table.
namespace text2kg::io::scan {

/// Bytes the XML and JSON writers must look at: controls, non-ASCII, & < > " and backslash.
inline constexpr std::array<bool, 256> kNotable = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  for (int c = 0x80; c < 0x100; ++c) table[c] = true;
  for (const char c : {'&', '<', '>', '"', '\\'}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

/// Index of the first notable byte (see kNotable) at or after `from`, or text.size().
inline std::size_t next_notable(std::string_view text, std::size_t from) {
  const std::size_t size = text.size();
#ifdef __SSE2__
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i lt = _mm_set1_epi8('<');
  const __m128i gt = _mm_set1_epi8('>');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (from + 16 <= size) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    // Signed compare: bytes >= 0x80 are negative, so one compare catches them and controls.
    __m128i hit = _mm_cmplt_epi8(x, space);
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, amp));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, lt));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, gt));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, quote));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, backslash));
    const int bits = _mm_movemask_epi8(hit);
    if (bits != 0) return from + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
    from += 16;
  }
#endif
  while (from < size && !kNotable[static_cast<unsigned char>(text[from])]) ++from;
  return from;
}

/// Index of the first byte that makes a CSV field need quotes (, " CR LF) at or after `from`,
/// or text.size().
inline std::size_t next_csv_special(std::string_view text, std::size_t from) {
  const std::size_t size = text.size();
#ifdef __SSE2__
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  while (from + 16 <= size) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    __m128i hit = _mm_cmpeq_epi8(x, comma);
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, quote));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, cr));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, lf));
    const int bits = _mm_movemask_epi8(hit);
    if (bits != 0) return from + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
    from += 16;
  }
#endif
  while (from < size) {
    const char c = text[from];
    if (c == ',' || c == '"' || c == '\r' || c == '\n') break;
    ++from;
  }
  return from;
}

}  // namespace text2kg::io::scan
