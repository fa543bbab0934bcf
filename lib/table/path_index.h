// One hash index over every host's exact paths and prefixes, keyed by
// (host, kind, bytes) and probed with prefix hashes computed in one pass
// over the request path: matching costs O(path length), whatever the
// number of routes.
#ifndef INGRESSKIT_LIB_TABLE_PATH_INDEX_H_
#define INGRESSKIT_LIB_TABLE_PATH_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace ingresskit::table_internal {

inline constexpr uint32_t kNoRank = UINT32_MAX;

enum class KeyKind : uint8_t {
  kExact,
  kSeparatedPrefix,
  kStringPrefix,
  kExactHost,     // A VirtualService host; `rank` is its index.
  kWildcardHost,  // `*.suffix` stored as `.suffix`, hashed back to front.
};

class PathIndex {
 public:
  // FNV-1a, extended one byte at a time, so the hash of every prefix of a
  // path falls out of a single scan.
  static constexpr uint64_t kEmptyHash = 0xcbf29ce484222325ull;
  static uint64_t Extend(uint64_t hash, char c) {
    return (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  }
  static uint64_t HashOf(std::string_view key) {
    uint64_t h = kEmptyHash;
    for (char c : key) h = Extend(h, c);
    return h;
  }
  // The same hash fed from the last byte to the first, so that every suffix
  // of a host falls out of one backward scan.
  static uint64_t ReverseHashOf(std::string_view key) {
    uint64_t h = kEmptyHash;
    for (size_t i = key.size(); i-- > 0;) h = Extend(h, key[i]);
    return h;
  }
  // Key hash as Build() stores it for `kind`.
  static uint64_t KeyHash(KeyKind kind, std::string_view key) {
    return kind == KeyKind::kWildcardHost ? ReverseHashOf(key) : HashOf(key);
  }

  // Records `rank` for the key unless a lower rank is already there: the
  // lower rank is tried first, so the other can never be chosen.
  void Add(uint32_t host, KeyKind kind, std::string_view key, uint32_t rank);
  // Lays the entries out for lookup; Add() may not be called afterwards.
  void Build();

  // The rank stored for the key whose FNV-1a hash is `key_hash`, or
  // kNoRank.
  uint32_t Find(uint32_t host, KeyKind kind, uint64_t key_hash,
                std::string_view key) const {
    if (slots_.empty()) return kNoRank;
    const uint64_t h = Mix(key_hash, host, kind);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.rank == kNoRank) return kNoRank;
      if (slot.hash == h && slot.host == host && slot.kind == kind &&
          slot.key_length == key.size() &&
          std::string_view(keys_.data() + slot.key_offset, slot.key_length) ==
              key) {
        return slot.rank;
      }
    }
  }

  size_t size() const { return entries_count_; }
  size_t memory_bytes() const {
    return slots_.capacity() * sizeof(Slot) + keys_.capacity();
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t key_offset = 0;
    uint32_t key_length = 0;
    uint32_t host = 0;
    uint32_t rank = kNoRank;  // kNoRank marks an empty slot.
    KeyKind kind = KeyKind::kExact;
  };

  static uint64_t Mix(uint64_t key_hash, uint32_t host, KeyKind kind) {
    // murmur3's finaliser over the key hash, the host and the kind.
    uint64_t h = key_hash ^ (uint64_t{host} * 0x9e3779b97f4a7c15ull) ^
                 (uint64_t{static_cast<uint8_t>(kind)} << 56);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
  }

  // Collected by Add(), consumed by Build().
  absl::flat_hash_map<std::tuple<uint32_t, KeyKind, std::string>, uint32_t>
      pending_;
  std::vector<Slot> slots_;
  std::string keys_;
  size_t mask_ = 0;
  size_t entries_count_ = 0;
};

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_PATH_INDEX_H_
