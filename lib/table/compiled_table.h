// What a RouteTable shares between its copies: the IR it was compiled
// from and the index over it.
#ifndef INGRESSKIT_LIB_TABLE_COMPILED_TABLE_H_
#define INGRESSKIT_LIB_TABLE_COMPILED_TABLE_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "ingresskit/gateway.h"
#include "ingresskit/options.h"
#include "ingresskit/route_table.h"
#include "table/host_blocks.h"
#include "table/https_routes.h"
#include "table/route_records.h"

namespace ingresskit::table_internal {

class CompiledTable {
 public:
  CompiledTable(GatewayConfig config, CompileOptions options);
  ~CompiledTable();
  // The index points into config_: never copied or moved.
  CompiledTable(const CompiledTable&) = delete;
  CompiledTable& operator=(const CompiledTable&) = delete;

  MatchResult Match(std::string_view host, std::string_view path) const;
  RouteTarget Target(std::string_view host, std::string_view path) const {
    return Target(Match(host, path));
  }
  RouteTarget Target(const MatchResult& result) const {
    if (!result.matched()) {
      RouteTarget target;
      target.status = result.status;
      return target;
    }
    return records_.Target(result.route_id);
  }
  MatchResult MatchLinear(std::string_view host, std::string_view path) const;
  NormalizedPath NormalizePath(std::string_view path,
                               std::span<char> buffer) const;
  // Over TLS: the route configuration of the HTTPS server `server_name`
  // selects (docs/semantics.md §5).
  TlsMatchResult MatchTls(std::string_view server_name, std::string_view host,
                          std::string_view path) const;
  const TlsServer* SelectTlsServer(std::string_view server_name) const;

  // The VirtualService serving `host` (already normalised), or kNoHost: by
  // hash lookups, and by comparing against every host in turn (the oracle
  // for the first).
  uint32_t SelectHost(std::string_view host) const;
  uint32_t SelectHostLinear(std::string_view host) const;

  uint64_t RouteId(const MatchResult& result) const;
  // The id of route `route_index` of `service` (null: the default route).
  uint64_t RouteIdOf(const VirtualService* service, uint32_t route_index) const;
  MatchResult RouteById(uint64_t id) const;

  const RouteRecords& records() const { return records_; }
  const GatewayConfig& config() const { return config_; }
  const CompileOptions& options() const { return options_; }
  size_t route_count() const { return route_count_; }
  size_t memory_bytes() const;

  // Tables alive in the process: what a hot-reload test watches to see
  // that retired tables are freed.
  static int64_t live_count() { return live_count_.load(); }

 private:
  static inline std::atomic<int64_t> live_count_{0};

  // Both matchers share the request handling and host selection; only the
  // route lookup differs.
  template <typename FindRoute>
  MatchResult MatchWith(std::string_view raw_host, std::string_view raw_path,
                        FindRoute find_route) const;

  static uint32_t FindRouteLinear(const VirtualService& service,
                                  std::string_view path);

  GatewayConfig config_;
  CompileOptions options_;
  size_t route_count_ = 0;
  // Per VirtualService, the id of its first route (ids count routes in
  // VirtualService order).
  std::vector<uint64_t> first_route_ids_;
  HostBlocks blocks_;
  RouteRecords records_;
  // One per config_.tls_servers entry.
  std::vector<HttpsRoutes> https_;
};

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_COMPILED_TABLE_H_
