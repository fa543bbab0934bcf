#include "table/https_routes.h"

#include <algorithm>

namespace ingresskit::table_internal {
namespace {

// `inner` ⊆ `outer` as Istio's host.Name.SubsetOf has it: equal, `outer`
// is `*`, or `outer` is `*.x` and `inner` ends in `.x` (a wildcard
// `inner` needs its own suffix to end in `.x`).
bool Covers(std::string_view outer, std::string_view inner) {
  if (outer == inner || outer == "*") return true;
  if (!outer.starts_with("*.")) return false;
  const std::string_view suffix = outer.substr(1);  // ".x"
  if (inner.starts_with("*.")) return inner.substr(1).ends_with(suffix);
  return inner.size() > suffix.size() && inner.ends_with(suffix);
}

// Envoy's catch-all: no match condition, or prefix `/` (Istio's
// route.IsCatchAllRoute).
bool IsCatchAll(const RouteMatch& match) {
  return match.type == RouteMatchType::kAny ||
         (match.type != RouteMatchType::kExact && match.value == "/");
}

}  // namespace

std::vector<HttpsRoutes> BuildHttpsRoutes(const GatewayConfig& config) {
  std::vector<HttpsRoutes> out;
  out.reserve(config.tls_servers.size());
  for (const TlsServer& server : config.tls_servers) {
    HttpsRoutes& routes = out.emplace_back();
    routes.server = &server;
    // The VirtualServices bound to this server's Gateway, by name (Istio
    // 1.30+ sorts them so; their creation time is always zero).
    std::vector<const VirtualService*> bound;
    for (const VirtualService& vs : config.virtual_services) {
      if (vs.gateway == server.gateway && !vs.routes.empty()) {
        bound.push_back(&vs);
      }
    }
    std::sort(bound.begin(), bound.end(),
              [](const VirtualService* a, const VirtualService* b) {
                return a->name < b->name;
              });
    auto host_named =
        [&](std::string_view domain) -> HttpsRoutes::VirtualHost& {
      for (HttpsRoutes::VirtualHost& h : routes.hosts) {
        if (h.domain == domain) return h;
      }
      HttpsRoutes::VirtualHost& h = routes.hosts.emplace_back();
      h.domain = std::string(domain);
      return h;
    };
    // pilot/pkg/networking/core/gateway.go buildGatewayHTTPRouteConfig: a
    // VirtualService's hosts intersected with the server's.
    for (const VirtualService* vs : bound) {
      for (const std::string& server_host : server.hosts) {
        std::string_view domain;
        if (Covers(vs->host, server_host)) {
          domain = server_host;
        } else if (Covers(server_host, vs->host)) {
          domain = vs->host;
        } else {
          continue;
        }
        HttpsRoutes::VirtualHost& host = host_named(domain);
        for (uint32_t i = 0; i < vs->routes.size(); ++i) {
          const HttpRoute& route = vs->routes[i];
          host.routes.push_back({&route, vs, i});
          // Istio stops a VirtualService's routes at its first catch-all.
          if (IsCatchAll(route.match)) break;
        }
      }
    }
    for (HttpsRoutes::VirtualHost& host : routes.hosts) {
      std::stable_partition(host.routes.begin(), host.routes.end(),
                            [](const HttpsRoutes::Entry& e) {
                              return !IsCatchAll(e.route->match);
                            });
    }
  }
  return out;
}

const HttpsRoutes::VirtualHost* SelectVirtualHost(const HttpsRoutes& routes,
                                                  std::string_view host) {
  const HttpsRoutes::VirtualHost* wildcard = nullptr;
  size_t wildcard_length = 0;
  const HttpsRoutes::VirtualHost* any = nullptr;
  for (const HttpsRoutes::VirtualHost& h : routes.hosts) {
    if (h.domain == host) return &h;
    if (h.domain == "*") {
      any = &h;
    } else if (h.domain.starts_with("*.")) {
      const std::string_view suffix = std::string_view(h.domain).substr(1);
      if (host.size() > suffix.size() && host.ends_with(suffix) &&
          suffix.size() > wildcard_length) {
        wildcard = &h;
        wildcard_length = suffix.size();
      }
    }
  }
  return wildcard != nullptr ? wildcard : any;
}

}  // namespace ingresskit::table_internal
