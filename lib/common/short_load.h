// Strings of 8 to 16 bytes in one SSE2 register without reading past their
// end: the first eight bytes in lanes 0-7, the last eight in lanes 8-15
// (overlapping when shorter than 16). Request hosts and paths are mostly
// this short, and the scanners would otherwise look at them a byte at a
// time. A lane l >= 8 holds byte n - 16 + l.
#ifndef INGRESSKIT_LIB_COMMON_SHORT_LOAD_H_
#define INGRESSKIT_LIB_COMMON_SHORT_LOAD_H_

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>

namespace ingresskit::internal {

inline __m128i LoadShort(const char* p, size_t n) {
  const __m128i low = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  const __m128i high =
      _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + n - 8));
  return _mm_unpacklo_epi64(low, high);
}

// A 16-bit lane mask of a LoadShort vector as the mask of the string's
// own bytes: bit i for byte i.
inline uint32_t ShortMaskToBytes(uint32_t lanes, size_t n) {
  return (lanes & 0xffu) | ((lanes >> 8) << (n - 8));
}

}  // namespace ingresskit::internal

#endif  // defined(__SSE2__)

#endif  // INGRESSKIT_LIB_COMMON_SHORT_LOAD_H_
