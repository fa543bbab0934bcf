#include "table/path_index.h"

#include <algorithm>
#include <bit>

namespace ingresskit::table_internal {

void PathIndex::Add(uint32_t host, KeyKind kind, std::string_view key,
                    uint32_t rank) {
  auto [it, inserted] =
      pending_.try_emplace(std::make_tuple(host, kind, std::string(key)), rank);
  if (!inserted) it->second = std::min(it->second, rank);
}

void PathIndex::Build() {
  entries_count_ = pending_.size();
  // At most half full, so probe sequences stay short.
  size_t capacity = std::bit_ceil(std::max<size_t>(16, pending_.size() * 2));
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  size_t key_bytes = 0;
  for (const auto& [key, rank] : pending_) key_bytes += std::get<2>(key).size();
  keys_.clear();
  keys_.reserve(key_bytes);
  for (const auto& [key, rank] : pending_) {
    const auto& [host, kind, bytes] = key;
    Slot slot;
    slot.hash = Mix(KeyHash(kind, bytes), host, kind);
    slot.key_offset = static_cast<uint32_t>(keys_.size());
    slot.key_length = static_cast<uint32_t>(bytes.size());
    slot.host = host;
    slot.rank = rank;
    slot.kind = kind;
    keys_ += bytes;
    size_t i = slot.hash & mask_;
    while (slots_[i].rank != kNoRank) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  pending_ = {};
}

}  // namespace ingresskit::table_internal
