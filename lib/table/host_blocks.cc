#include "table/host_blocks.h"

#include <algorithm>
#include <bit>
#include <string>
#include <tuple>
#include <unordered_map>

#include "common/short_load.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ingresskit::table_internal {
namespace {

constexpr size_t kLineBytes = 64;

size_t AlignUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

// Slots for `keys` keys at most three quarters full, and never full, so an
// unsuccessful probe always ends.
size_t SlotCount(size_t keys) {
  return std::bit_ceil(std::max<size_t>(1, keys + keys / 3 + 1));
}

// Bit i set when s[i] is `/`, for the first 64 bytes.
uint64_t SlashBits(std::string_view s) {
  const size_t n = std::min<size_t>(s.size(), 64);
  uint64_t bits = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i slash = _mm_set1_epi8('/');
  auto chunk_at = [&](size_t at) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
    return static_cast<uint64_t>(
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, slash))));
  };
  if (n >= 8 && n < 16) {
    const __m128i v = internal::LoadShort(s.data(), n);
    return internal::ShortMaskToBytes(
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, slash))), n);
  }
  for (; i + 16 <= n; i += 16) bits |= chunk_at(i) << i;
  if (i < n && n >= 16) {
    // The 16 bytes ending at n: some seen already, none read out of range.
    bits |= chunk_at(n - 16) << (n - 16);
    i = n;
  }
#endif
  for (; i < n; ++i) bits |= uint64_t{s[i] == '/'} << i;
  return bits;
}

// Equality of a request's bytes with a stored key of the same length, a
// word at a time and without a call: keys are short.
bool SameBytes(const std::byte* stored, const char* request, size_t length) {
  const char* key = reinterpret_cast<const char*>(stored);
  if (length >= 8) {
    for (size_t i = 0; i + 8 < length; i += 8) {
      if (LoadWord(key + i) != LoadWord(request + i)) return false;
    }
    return LoadWord(key + length - 8) == LoadWord(request + length - 8);
  }
  return std::memcmp(key, request, length) == 0;
}

uint64_t MixHostHash(uint64_t hash, bool wildcard) {
  return wildcard ? hash ^ 0x9e3779b97f4a7c15ull : hash;
}

}  // namespace

HostBlocks::HostBlocks(const std::vector<VirtualService>& services,
                       Semantics semantics)
    : one_label_wildcards_(semantics == Semantics::kKubernetes) {
  std::vector<uint32_t> block_lines;
  block_lines.reserve(services.size() + 1);
  uint32_t first_route_id = 0;
  for (uint32_t i = 0; i < services.size(); ++i) {
    block_lines.push_back(static_cast<uint32_t>(lines_.size()));
    AddBlock(services[i], first_route_id);
    first_route_id += static_cast<uint32_t>(services[i].routes.size());
  }
  block_lines.push_back(static_cast<uint32_t>(lines_.size()));
  lines_.shrink_to_fit();

  // The host table, at most half full: most lookups are for hosts present,
  // and a miss should end at the first empty slot.
  const size_t capacity =
      std::bit_ceil(std::max<size_t>(16, services.size() * 2));
  host_slots_.assign(capacity, HostSlot{});
  host_mask_ = capacity - 1;
  for (uint32_t i = 0; i < services.size(); ++i) {
    if (services[i].https_only) continue;  // Its block serves HTTPS only.
    std::string_view name = services[i].host;
    if (name == "*") {
      any_host_ = BlockAt(block_lines[i]);
      continue;
    }
    const bool wildcard = name.starts_with("*.");
    if (wildcard) {
      name.remove_prefix(1);
      wildcard_lengths_ |= LengthBit(name.size());
    }
    HostSlot slot;
    slot.hash = MixHostHash(KeyHash(name), wildcard);
    slot.block_line = block_lines[i];
    slot.block_lines = static_cast<uint16_t>(
        std::min<uint32_t>(UINT16_MAX, block_lines[i + 1] - block_lines[i]));
    slot.wildcard = wildcard;
    size_t s = slot.hash & host_mask_;
    while (host_slots_[s].block_line != HostSlot::kEmpty) {
      s = (s + 1) & host_mask_;
    }
    host_slots_[s] = slot;
  }
}

void HostBlocks::AddBlock(const VirtualService& service,
                          uint32_t first_route_id) {
  Header header{};
  header.virtual_service = &service;
  header.routes = service.routes.data();
  header.first_route_id = first_route_id;
  header.catch_all_rank = kNoRank;
  header.name_length = static_cast<uint32_t>(service.host.size());

  // Every key once, with the lowest rank filed under it: that route is
  // tried first, so a later one with the same key can never be chosen.
  struct Key {
    KeyKind kind;
    std::string_view bytes;
    uint32_t rank;
  };
  std::vector<Key> keys;
  for (uint32_t rank = 0; rank < service.routes.size(); ++rank) {
    const RouteMatch& match = service.routes[rank].match;
    if (match.IsCatchAll()) {
      header.catch_all_rank = std::min(header.catch_all_rank, rank);
      continue;
    }
    switch (match.type) {
      case RouteMatchType::kExact:
        keys.push_back({KeyKind::kExact, match.value, rank});
        header.exact_lengths |= LengthBit(match.value.size());
        break;
      case RouteMatchType::kPrefix: {
        std::string_view key = SeparatedPrefixKey(match.value);
        keys.push_back({KeyKind::kSeparatedPrefix, key, rank});
        header.prefix_lengths |= LengthBit(key.size());
        break;
      }
      case RouteMatchType::kStringPrefix:
        keys.push_back({KeyKind::kStringPrefix, match.value, rank});
        header.string_prefix_lengths |= LengthBit(match.value.size());
        header.max_string_prefix =
            std::max<uint32_t>(header.max_string_prefix,
                               static_cast<uint32_t>(match.value.size()));
        break;
      case RouteMatchType::kAny:
        break;
    }
  }
  std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.kind, a.bytes) < std::tie(b.kind, b.bytes);
  });
  keys.erase(std::unique(keys.begin(), keys.end(),
                         [](const Key& a, const Key& b) {
                           return a.kind == b.kind && a.bytes == b.bytes;
                         }),
             keys.end());
  // stable_sort kept rank order within equal keys, so unique() kept the
  // lowest rank.

  std::unordered_map<std::string_view, uint32_t> prefix_ranks;
  for (const Key& key : keys) {
    if (key.kind == KeyKind::kSeparatedPrefix) {
      prefix_ranks.emplace(key.bytes, key.rank);
    }
  }
  header.longest_prefix_wins = 1;
  for (const auto& [prefix, rank] : prefix_ranks) {
    for (size_t i = 1; i < prefix.size(); ++i) {
      if (prefix[i] != '/') continue;
      auto shorter = prefix_ranks.find(prefix.substr(0, i));
      if (shorter != prefix_ranks.end() && shorter->second < rank) {
        header.longest_prefix_wins = 0;
      }
    }
  }

  const size_t slots = SlotCount(keys.size());
  header.slot_mask = static_cast<uint32_t>(slots - 1);
  const size_t keys_start =
      kLineBytes + slots * sizeof(KeySlot) + header.name_length;
  size_t key_bytes = 0;
  for (const Key& key : keys) key_bytes += key.bytes.size();
  const size_t block_bytes = keys_start + key_bytes;

  const size_t first_line = lines_.size();
  lines_.resize(first_line + AlignUp(block_bytes, kLineBytes) / kLineBytes);
  std::byte* block = lines_[first_line].bytes;
  std::memcpy(block, &header, sizeof(header));
  std::memcpy(block + kLineBytes + slots * sizeof(KeySlot), service.host.data(),
              header.name_length);

  size_t next_key = keys_start;
  for (const Key& key : keys) {
    const uint32_t tag = Tag(KeyHash(key.bytes), key.kind);
    size_t s = tag & header.slot_mask;
    while (SlotAt(block, s).tag != 0) s = (s + 1) & header.slot_mask;
    const KeySlot slot{tag, key.rank, static_cast<uint32_t>(next_key),
                       static_cast<uint32_t>(key.bytes.size())};
    std::memcpy(block + kLineBytes + s * sizeof(KeySlot), &slot, sizeof(slot));
    std::memcpy(block + next_key, key.bytes.data(), key.bytes.size());
    next_key += key.bytes.size();
  }
}

void HostBlocks::PrefetchKey(Block block, const Header& header, KeyKind kind,
                             uint64_t hash) {
  __builtin_prefetch(block + kLineBytes +
                     (Tag(hash, kind) & header.slot_mask) * sizeof(KeySlot));
}

uint32_t HostBlocks::FindKey(Block block, const Header& header, KeyKind kind,
                             uint64_t hash, std::string_view key) const {
  const uint32_t tag = Tag(hash, kind);
  for (size_t s = tag & header.slot_mask;; s = (s + 1) & header.slot_mask) {
    const KeySlot slot = SlotAt(block, s);
    if (slot.tag == 0) return kNoRank;
    if (slot.tag == tag && slot.key_length == key.size() &&
        SameBytes(block + slot.key_offset, key.data(), key.size())) {
      return slot.rank;
    }
  }
}

HostBlocks::Block HostBlocks::FindHost(uint64_t hash, bool wildcard,
                                       std::string_view key) const {
  hash = MixHostHash(hash, wildcard);
  for (size_t s = hash & host_mask_;; s = (s + 1) & host_mask_) {
    const HostSlot& slot = host_slots_[s];
    if (slot.block_line == HostSlot::kEmpty) return nullptr;
    if (slot.hash != hash || slot.wildcard != wildcard) continue;
    Block block = BlockAt(slot.block_line);
    // The match reads the header, the name, a slot or two and a key,
    // spread over a small block: ask for all of its lines at once rather
    // than one miss after the other.
    // A big host's slots are reached by hash, not from its start: those
    // are fetched once the hashes are known (FindRoute).
    const size_t lines = slot.block_lines <= 16 ? slot.block_lines : 1;
    for (size_t line = 0; line < lines; ++line) {
      __builtin_prefetch(block + line * kLineBytes);
    }
    std::string_view name = Name(block, Read(block));
    if (wildcard) name.remove_prefix(1);  // `*.suffix` is filed as `.suffix`.
    if (name.size() == key.size() &&
        SameBytes(reinterpret_cast<const std::byte*>(name.data()), key.data(),
                  key.size())) {
      return block;
    }
  }
}

uint64_t HostBlocks::StartHostLookup(std::string_view host) const {
  const uint64_t hash = KeyHash(host);
  if (!host_slots_.empty()) {
    __builtin_prefetch(&host_slots_[MixHostHash(hash, false) & host_mask_]);
  }
  return hash;
}

HostBlocks::Block HostBlocks::SelectHost(std::string_view host,
                                         uint64_t host_hash) const {
  if (host_slots_.empty()) return nullptr;
  if (Block exact = FindHost(host_hash, false, host)) return exact;
  if (wildcard_lengths_ != 0) {
    // Leftmost `.` first: the longest suffix wins. Kubernetes semantics:
    // only the first label may vary.
    for (size_t dot = host.find('.', 1); dot != std::string_view::npos;
         dot = host.find('.', dot + 1)) {
      std::string_view suffix = host.substr(dot);
      if ((wildcard_lengths_ & LengthBit(suffix.size())) != 0) {
        if (Block hit = FindHost(KeyHash(suffix), true, suffix)) return hit;
      }
      if (one_label_wildcards_) break;
    }
  }
  return any_host_;
}

// Path-separated prefixes end where the request has a `/`, or at its
// end; the length mask passes over the boundaries at which the host has
// no prefix. Boundaries below 63 bytes come from bit arithmetic (`/`
// positions that are also key lengths of the host), longer ones from a
// scan. `visit` returns false to stop.
template <typename Visit>
void HostBlocks::ForEachPrefixEnd(const Header& header, std::string_view path,
                                  Visit visit) {
  const size_t n = path.size();
  const size_t short_end = std::min<size_t>(n, 63);
  for (uint64_t bits = SlashBits(path) & header.prefix_lengths &
                       ((uint64_t{1} << short_end) - 1) & ~uint64_t{1};
       bits != 0; bits &= bits - 1) {
    if (!visit(static_cast<size_t>(std::countr_zero(bits)))) return;
  }
  if (n > 63 && (header.prefix_lengths >> 63) != 0) {
    for (size_t i = 63; i < n; ++i) {
      if (path[i] == '/' && !visit(i)) return;
    }
  }
  if ((header.prefix_lengths & LengthBit(n)) != 0) visit(n);
}

// The lowest rank among every kind of candidate: with ranks in first-match
// order, that is the first match.
uint32_t HostBlocks::FindRoute(Block block, std::string_view path) const {
  const Header header = Read(block);
  const size_t n = path.size();
  const bool has_exact = (header.exact_lengths & LengthBit(n)) != 0;

  // Every hash first (shortest first, as the hasher wants), so that a big
  // host's slots can all be asked for before the first is read.
  constexpr size_t kMaxEnds = 32;
  size_t ends[kMaxEnds];
  uint64_t hashes[kMaxEnds];
  size_t count = 0;
  bool all_ends = true;
  PrefixHasher hasher(path);
  if (header.prefix_lengths != 0) {
    ForEachPrefixEnd(header, path, [&](size_t end) {
      if (count == kMaxEnds) return all_ends = false;
      ends[count] = end;
      hashes[count++] = hasher.Prefix(end);
      return true;
    });
  }
  const uint64_t whole_hash = has_exact ? hasher.Prefix(n) : 0;
  if (header.slot_mask >= kPrefetchedSlots) {
    if (has_exact) PrefetchKey(block, header, KeyKind::kExact, whole_hash);
    for (size_t i = 0; i < count; ++i) {
      PrefetchKey(block, header, KeyKind::kSeparatedPrefix, hashes[i]);
    }
  }

  uint32_t best = header.catch_all_rank;
  if (has_exact) {
    best = std::min(best,
                    FindKey(block, header, KeyKind::kExact, whole_hash, path));
  }
  if (all_ends && header.longest_prefix_wins != 0) {
    // Longest first: the first hit outranks every shorter prefix.
    while (count-- > 0) {
      uint32_t rank = FindKey(block, header, KeyKind::kSeparatedPrefix,
                              hashes[count], path.substr(0, ends[count]));
      if (rank != kNoRank) {
        best = std::min(best, rank);
        break;
      }
    }
  } else if (header.prefix_lengths != 0) {
    PrefixHasher every(path);
    ForEachPrefixEnd(header, path, [&](size_t end) {
      best = std::min(best, FindKey(block, header, KeyKind::kSeparatedPrefix,
                                    every.Prefix(end), path.substr(0, end)));
      return true;
    });
  }
  // String prefixes (glob_prefix = string) of every length the host has.
  if (header.string_prefix_lengths != 0) {
    const size_t last = std::min<size_t>(n, header.max_string_prefix);
    PrefixHasher string_hasher(path);
    for (size_t i = 1; i <= last; ++i) {
      if ((header.string_prefix_lengths & LengthBit(i)) == 0) continue;
      best =
          std::min(best, FindKey(block, header, KeyKind::kStringPrefix,
                                 string_hasher.Prefix(i), path.substr(0, i)));
    }
  }
  return best;
}

}  // namespace ingresskit::table_internal
