// HTTPS routing as Istio builds it (docs/semantics.md §5): each accepted
// HTTPS server has its own route configuration, holding only the
// VirtualServices bound to its own Gateway, which is why a host whose
// VirtualService belongs to another Ingress gets 404 over HTTPS
// (istio/istio#24385). Built once per table; matched without allocation.
#ifndef INGRESSKIT_LIB_TABLE_HTTPS_ROUTES_H_
#define INGRESSKIT_LIB_TABLE_HTTPS_ROUTES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/gateway.h"

namespace ingresskit::table_internal {

struct HttpsRoutes {
  struct Entry {
    const HttpRoute* route;
    const VirtualService* service;  // The VirtualService it came from.
    uint32_t index;                 // Of `route` in service->routes.
  };
  struct VirtualHost {
    std::string domain;
    std::vector<Entry> routes;  // In match order.
  };
  const TlsServer* server = nullptr;
  std::vector<VirtualHost> hosts;  // None: every request gets 404.
};

// One per config.tls_servers entry, in the same order; pointers into
// `config`, which must outlive them.
std::vector<HttpsRoutes> BuildHttpsRoutes(const GatewayConfig& config);

// The virtual host `host` (normalised) selects in one route configuration:
// exact domain, else the longest `*.suffix`, else `*`; null for none.
const HttpsRoutes::VirtualHost* SelectVirtualHost(const HttpsRoutes& routes,
                                                  std::string_view host);

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_HTTPS_ROUTES_H_
