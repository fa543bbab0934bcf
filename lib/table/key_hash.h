// The hash the route table files its keys under. Eight bytes per step
// rather than one, and shaped so that the hash of any prefix of a request
// path costs one more step: a match hashes only the prefixes it probes,
// and each in constant time after the first.
#ifndef INGRESSKIT_LIB_TABLE_KEY_HASH_H_
#define INGRESSKIT_LIB_TABLE_KEY_HASH_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ingresskit::table_internal {

// Folded 64x64->128 multiplication (as in wyhash): cheap, and every input
// bit reaches most output bits.
__extension__ using Uint128 = unsigned __int128;  // GCC and Clang have it.
inline uint64_t MultiplyFold(uint64_t a, uint64_t b) {
  const Uint128 product = static_cast<Uint128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// Eight bytes, first byte lowest, whatever the machine's byte order.
inline uint64_t LoadWord(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof(word));
  if constexpr (std::endian::native == std::endian::big) {
    word = __builtin_bswap64(word);
  }
  return word;
}

// Hashes of the prefixes of one string, asked for in non-decreasing
// length. Full words already hashed are kept; only the last partial word
// is read again per prefix.
class PrefixHasher {
 public:
  explicit PrefixHasher(std::string_view text) : text_(text.data()) {}

  // Hash of the first `length` bytes; `length` never decreases between
  // calls and stays within the string.
  uint64_t Prefix(size_t length) {
    for (; words_ < length / 8; ++words_) {
      state_ = MultiplyFold(state_ ^ LoadWord(text_ + 8 * words_), kWordSalt);
    }
    const size_t rest = length % 8;
    uint64_t tail = 0;
    if (rest != 0 && length >= 8) {
      // The word ending at `length`, shifted so only its last `rest` bytes
      // remain: no read past the string, no byte loop.
      tail = LoadWord(text_ + length - 8) >> (64 - 8 * rest);
    } else {
      for (size_t i = 0; i < rest; ++i) {
        tail |= uint64_t{static_cast<unsigned char>(text_[i])} << (8 * i);
      }
    }
    return MultiplyFold(state_ ^ tail ^ kTailSalt, kLengthSalt ^ length);
  }

 private:
  static constexpr uint64_t kSeed = 0xa0761d6478bd642full;
  static constexpr uint64_t kWordSalt = 0xe7037ed1a0b428dbull;
  static constexpr uint64_t kTailSalt = 0x8ebc6af09c88c6e3ull;
  static constexpr uint64_t kLengthSalt = 0x589965cc75374cc3ull;

  const char* text_;
  uint64_t state_ = kSeed;
  size_t words_ = 0;
};

inline uint64_t KeyHash(std::string_view key) {
  return PrefixHasher(key).Prefix(key.size());
}

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_KEY_HASH_H_
