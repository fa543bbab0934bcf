// The route table's index: one contiguous block per VirtualService holding
// everything a match reads for that host, and one hash table over the
// host names pointing at the blocks.
//
// A match touches the host's slot, then its block: a header line with the
// length masks and the catch-all, the host's own small hash table of path
// keys, and the key bytes right behind it. Nothing it reads is spread over
// the heap, so the cost of a match is a few cache lines whatever the
// number of routes, and a host that is asked for often stays in cache as a
// whole.
#ifndef INGRESSKIT_LIB_TABLE_HOST_BLOCKS_H_
#define INGRESSKIT_LIB_TABLE_HOST_BLOCKS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "ingresskit/gateway.h"
#include "table/key_hash.h"

namespace ingresskit::table_internal {

inline constexpr uint32_t kNoRank = UINT32_MAX;
inline constexpr uint32_t kNoHost = UINT32_MAX;

// A prefix route's key: Envoy's path_separated_prefix drops one trailing
// `/`, so Prefix `/foo` and `/foo/` are both the key `/foo`.
inline std::string_view SeparatedPrefixKey(std::string_view prefix) {
  if (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  return prefix;
}

class HostBlocks {
 public:
  // Where one host's block starts; null for no host.
  using Block = const std::byte*;

  HostBlocks() = default;
  // Indexes every route of `services`, which must outlive this object and
  // stay where they are (the blocks point at them).
  HostBlocks(const std::vector<VirtualService>& services, Semantics semantics);
  HostBlocks(const HostBlocks&) = delete;
  HostBlocks& operator=(const HostBlocks&) = delete;

  // Envoy's virtual host selection over a normalised host: the exact name,
  // else the wildcard with the longest suffix (Kubernetes semantics: one
  // label only), else `*`.
  Block SelectHost(std::string_view host) const {
    return SelectHost(host, StartHostLookup(host));
  }
  // The same in two steps, so the caller can do other work (normalise the
  // path) while the host's slot is fetched: the first returns the host's
  // hash for the second.
  uint64_t StartHostLookup(std::string_view host) const;
  Block SelectHost(std::string_view host, uint64_t host_hash) const;

  // The first route of the block's host matching `path` in rank order, or
  // kNoRank: the lowest rank among the exact key, the path-separated
  // prefixes ending at each `/`, the string prefixes and the catch-all.
  uint32_t FindRoute(Block block, std::string_view path) const;

  // The id of the block's first route: a route's id is this plus its rank.
  static uint32_t FirstRouteId(Block block) {
    return Read(block).first_route_id;
  }
  static const HttpRoute* Routes(Block block) { return Read(block).routes; }
  static const VirtualService* Service(Block block) {
    return Read(block).virtual_service;
  }

  size_t memory_bytes() const {
    return lines_.capacity() * sizeof(Line) +
           host_slots_.capacity() * sizeof(HostSlot);
  }

 private:
  // Blocks start on a cache line, so the header is one line.
  struct alignas(64) Line {
    std::byte bytes[64];
  };

  // Bit n: a key of n bytes exists; bit 63 stands for 63 and longer.
  static uint64_t LengthBit(size_t length) {
    return uint64_t{1} << (length < 63 ? length : 63);
  }

  struct Header {
    const VirtualService* virtual_service;
    const HttpRoute* routes;
    uint64_t exact_lengths;
    uint64_t prefix_lengths;
    uint64_t string_prefix_lengths;
    uint32_t first_route_id;
    uint32_t catch_all_rank;  // First route matching every path.
    uint32_t slot_mask;       // The key table has slot_mask + 1 slots.
    uint32_t name_length;     // The host name, then the keys, follow.
    uint32_t max_string_prefix;
    // 1 when every path-separated prefix outranks the shorter prefixes
    // it extends (always so with Istio's and the spec's orders, checked
    // per host all the same): the longest prefix found is then the best,
    // and a match probes from the longest down and stops at the first.
    uint32_t longest_prefix_wins;
  };
  static_assert(sizeof(Header) <= sizeof(Line));

  // The key table: open addressing, tag 0 marks an empty slot. `tag` is
  // the key's hash folded to 32 bits with its kind; a tag match is
  // confirmed against the key bytes (at `key_offset` from the block's
  // start), so a hash collision can never route wrongly.
  struct KeySlot {
    uint32_t tag;
    uint32_t rank;
    uint32_t key_offset;
    uint32_t key_length;
  };
  enum class KeyKind : uint32_t {
    kExact = 1,
    kSeparatedPrefix = 2,
    kStringPrefix = 3,
  };
  static uint32_t Tag(uint64_t hash, KeyKind kind) {
    uint32_t tag = static_cast<uint32_t>(hash >> 32) ^
                   (static_cast<uint32_t>(hash) * static_cast<uint32_t>(kind));
    return tag == 0 ? 1 : tag;
  }

  // The host table: open addressing, block_line kEmpty marks an empty
  // slot. Wildcard hosts are filed under their suffix from the `.`.
  struct HostSlot {
    uint64_t hash = 0;
    uint32_t block_line = kEmpty;
    uint16_t block_lines = 0;
    uint16_t wildcard = 0;
    static constexpr uint32_t kEmpty = UINT32_MAX;
  };

  static Header Read(Block block) {
    Header header;
    std::memcpy(&header, block, sizeof(header));
    return header;
  }
  static KeySlot SlotAt(Block block, size_t slot) {
    KeySlot key_slot;
    std::memcpy(&key_slot, block + sizeof(Line) + slot * sizeof(KeySlot),
                sizeof(key_slot));
    return key_slot;
  }
  static std::string_view Name(Block block, const Header& header) {
    return {reinterpret_cast<const char*>(block) + sizeof(Line) +
                (header.slot_mask + 1) * sizeof(KeySlot),
            header.name_length};
  }
  uint32_t FindKey(Block block, const Header& header, KeyKind kind,
                   uint64_t hash, std::string_view key) const;
  template <typename Visit>
  static void ForEachPrefixEnd(const Header& header, std::string_view path,
                               Visit visit);
  // Key tables beyond this many slots are not fetched with the block: a
  // match asks for the slots it will probe instead.
  static constexpr uint32_t kPrefetchedSlots = 16;
  static void PrefetchKey(Block block, const Header& header, KeyKind kind,
                          uint64_t hash);
  Block FindHost(uint64_t hash, bool wildcard, std::string_view key) const;
  Block BlockAt(uint32_t line) const { return lines_[line].bytes; }

  void AddBlock(const VirtualService& service, uint32_t first_route_id);

  std::vector<Line> lines_;
  std::vector<HostSlot> host_slots_;
  size_t host_mask_ = 0;
  Block any_host_ = nullptr;
  uint64_t wildcard_lengths_ = 0;  // LengthBit of every wildcard suffix.
  bool one_label_wildcards_ = false;
};

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_HOST_BLOCKS_H_
