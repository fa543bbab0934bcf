// What a match returns, kept for the hot path: one 64-byte record per route
// id, its strings in one arena of the table. Reading an answer, through the
// C++ API or the C ABI, touches the route's record and, for the bytes a
// caller reads, the arena; never the IR (GatewayConfig), whose routes are
// hundreds of bytes spread over the heap.
#ifndef INGRESSKIT_LIB_TABLE_ROUTE_RECORDS_H_
#define INGRESSKIT_LIB_TABLE_ROUTE_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/gateway.h"
#include "ingresskit/route_table.h"

namespace ingresskit::table_internal {

class RouteRecords {
 public:
  RouteRecords() = default;
  // Route ids as RouteTable numbers them: `services`' routes in order,
  // then `default_route` if there is one. Both must outlive this object
  // (only a path over 64 KiB is read from them after building).
  RouteRecords(const std::vector<VirtualService>& services,
               const HttpRoute* default_route);

  size_t size() const { return records_.size(); }
  // Inline: a match's caller reads a few of these fields, and the
  // compiler then writes only those.
  RouteAnswer Answer(uint64_t id) const {
    if (id >= records_.size()) return RouteAnswer{};
    const Record& r = records_[id];
    // Every field named once, in order: nothing zeroed to be overwritten.
    return RouteAnswer{
        .route_id = id,
        .destination = View(r, kDestination),
        .cluster = View(r, kCluster),
        .port = r.port,
        .service = View(r, kService),
        .service_namespace = View(r, kServiceNamespace),
        .ingress_name = View(r, kIngressName),
        .ingress_namespace = View(r, kIngressNamespace),
        .path = r.length[kPath] != kLongPath ? View(r, kPath) : LongPath(id),
        .virtual_host = View(r, kVirtualHost),
        .path_type = static_cast<PathType>(r.path_type),
        .is_default_backend = (r.flags & 1) != 0,
        .endpoint_status = static_cast<EndpointStatus>((r.flags >> 1) & 3),
        .endpoints = std::span<const std::string_view>(
            endpoints_.data() + r.first_endpoint, r.endpoint_count),
    };
  }
  // What a proxy forwards with; `id` must be a route id of this table.
  RouteTarget Target(uint64_t id) const {
    const Record& r = records_[id];
    RouteTarget t;
    t.status = MatchStatus::kMatched;
    t.port = r.port;
    t.route_id = id;
    t.cluster = View(r, kCluster);
    t.destination = View(r, kDestination);
    t.endpoint_status = static_cast<EndpointStatus>((r.flags >> 1) & 3);
    t.endpoints = std::span<const std::string_view>(
        endpoints_.data() + r.first_endpoint, r.endpoint_count);
    return t;
  }
  size_t memory_bytes() const;

 private:
  // The record's strings, with 16-bit lengths: names Kubernetes validation
  // keeps under 254 bytes, clusters built from them, and Ingress paths
  // (limits.max_path_bytes; a longer one, possible only with a raised
  // limit, is read from the IR instead: kLongPath).
  enum Field : uint8_t {
    kDestination,
    kCluster,
    kService,
    kServiceNamespace,
    kIngressName,
    kIngressNamespace,
    kVirtualHost,
    kPath,
    kFields
  };
  static constexpr uint16_t kLongPath = UINT16_MAX;

  struct alignas(64) Record {
    uint32_t offset[kFields];  // Into arena_.
    uint16_t length[kFields];
    uint32_t port;
    uint32_t first_endpoint;  // Into endpoints_.
    uint32_t endpoint_count;
    uint8_t path_type;
    // Bit 0: the Kubernetes default backend; bits 1-2: EndpointStatus.
    uint8_t flags;
  };
  static_assert(sizeof(Record) == 64, "one cache line per route");

  std::string_view LongPath(uint64_t id) const;
  std::string_view View(const Record& r, Field field) const {
    return {arena_.data() + r.offset[field], r.length[field]};
  }

  std::string arena_;
  std::vector<Record> records_;
  std::vector<std::string_view> endpoints_;  // Views into arena_.
  // Paths of kLongPath routes, by route id.
  std::vector<std::pair<uint64_t, const std::string*>> long_paths_;
};

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_ROUTE_RECORDS_H_
