// What a RouteTable shares between its copies: the IR it was compiled
// from, the host index and the path index.
#ifndef INGRESSKIT_LIB_TABLE_COMPILED_TABLE_H_
#define INGRESSKIT_LIB_TABLE_COMPILED_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ingresskit/gateway.h"
#include "ingresskit/options.h"
#include "ingresskit/route_table.h"
#include "table/path_index.h"

namespace ingresskit::table_internal {

inline constexpr uint32_t kNoHost = UINT32_MAX;

class CompiledTable {
 public:
  CompiledTable(GatewayConfig config, CompileOptions options);

  MatchResult Match(std::string_view host, std::string_view path) const;
  MatchResult MatchLinear(std::string_view host, std::string_view path) const;

  // The VirtualService serving `host` (already normalised), or kNoHost: by
  // hash lookups, and by comparing against every host in turn (the oracle
  // for the first).
  uint32_t SelectHost(std::string_view host) const;
  uint32_t SelectHostLinear(std::string_view host) const;

  uint64_t RouteId(const MatchResult& result) const;
  MatchResult RouteById(uint64_t id) const;

  const GatewayConfig& config() const { return config_; }
  const CompileOptions& options() const { return options_; }
  size_t route_count() const { return route_count_; }
  size_t memory_bytes() const;

 private:
  // Per VirtualService, what the index cannot answer by lookup.
  struct HostInfo {
    // What a match returns, so that answering needs no other lookups.
    const VirtualService* service = nullptr;
    const HttpRoute* routes = nullptr;
    uint64_t first_route_id = 0;
    // Bit n set when the host has an exact path (or a path-separated
    // prefix) of n bytes; bit 63 stands for 63 and longer. Most segment
    // boundaries of a request can then be passed over without a probe.
    uint64_t exact_lengths = 0;
    uint64_t prefix_lengths = 0;
    uint32_t catch_all_rank = kNoRank;  // First route matching every path.
    // Lengths of its string prefixes (glob_prefix = string), to probe only
    // the prefixes of the request that could be one.
    uint32_t min_string_prefix = UINT32_MAX;
    uint32_t max_string_prefix = 0;
  };

  // Both matchers share the request handling; only the lookups differ.
  template <typename SelectHost, typename FindRoute>
  MatchResult MatchWith(std::string_view raw_host, std::string_view raw_path,
                        SelectHost select_host, FindRoute find_route) const;

  static uint64_t LengthBit(size_t length) {
    return uint64_t{1} << (length < 63 ? length : 63);
  }
  uint32_t FindRoute(uint32_t host, std::string_view path) const;
  uint32_t FindRouteLinear(uint32_t host, std::string_view path) const;

  GatewayConfig config_;
  CompileOptions options_;
  size_t route_count_ = 0;
  // Hosts live in paths_ too (KeyKind::kExactHost, kWildcardHost), under
  // this pseudo host id: one flat index, no strings on the heap.
  static constexpr uint32_t kHostKeys = UINT32_MAX - 1;
  bool has_wildcards_ = false;
  uint32_t any_host_ = kNoHost;  // The `*` host.
  std::vector<HostInfo> host_info_;
  PathIndex paths_;
};

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_COMPILED_TABLE_H_
