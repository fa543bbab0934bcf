#include "generate/envoy.h"

#include <string>

#include "generate/json_builder.h"

namespace ingresskit::generate_internal {
namespace {

rapidjson::Value RouteMatchObject(JsonBuilder& b, const RouteMatch& match) {
  rapidjson::Value m = b.Object();
  switch (match.type) {
    case RouteMatchType::kExact:
      b.Set(m, "path", match.value);
      break;
    case RouteMatchType::kPrefix:
      if (match.value == "/") {
        b.Set(m, "prefix", "/");
      } else {
        std::string_view value = match.value;
        if (value.ends_with('/')) value.remove_suffix(1);
        b.Set(m, "path_separated_prefix", value);
      }
      break;
    case RouteMatchType::kStringPrefix:
      b.Set(m, "prefix", match.value);
      break;
    case RouteMatchType::kAny:
      b.Set(m, "prefix", "/");
      break;
  }
  b.SetBool(m, "case_sensitive", true);
  return m;
}

rapidjson::Value VirtualHostObject(JsonBuilder& b, const VirtualService& vs,
                                   uint32_t port) {
  rapidjson::Value vh = b.Object();
  b.Set(vh, "name", vs.host + ":" + std::to_string(port));
  std::vector<std::string> domains{vs.host};
  if (vs.host != "*") domains.push_back(vs.host + ":*");
  b.Set(vh, "domains", b.Array(domains));
  rapidjson::Value routes = b.Array();
  for (const HttpRoute& route : vs.routes) {
    rapidjson::Value r = b.Object();
    b.Set(r, "match", RouteMatchObject(b, route.match));
    rapidjson::Value action = b.Object();
    b.Set(action, "cluster", route.destination.cluster);
    b.Set(r, "route", std::move(action));
    b.Push(routes, std::move(r));
    if (route.match.IsCatchAll()) break;  // Nothing after it can match.
  }
  b.Set(vh, "routes", std::move(routes));
  return vh;
}

// Whether a server listing `server_hosts` accepts VirtualService host `host`.
bool ServerAccepts(const std::vector<std::string>& server_hosts,
                   std::string_view host) {
  for (std::string_view s : server_hosts) {
    if (s == "*" || s == host) return true;
    if (s.starts_with("*.") && host.size() > s.size() - 1 &&
        host.ends_with(s.substr(1))) {
      return true;
    }
  }
  return false;
}

rapidjson::Value RouteConfiguration(JsonBuilder& b, std::string_view name,
                                    rapidjson::Value virtual_hosts) {
  rapidjson::Value rc = b.Object();
  b.Set(rc, "name", name);
  b.Set(rc, "virtual_hosts", std::move(virtual_hosts));
  b.SetBool(rc, "validate_clusters", false);
  return rc;
}

}  // namespace

void EnvoyRouteConfigurations(const GatewayConfig& config,
                              rapidjson::Document& out) {
  out.SetArray();
  JsonBuilder b(out.GetAllocator());
  rapidjson::Value http = b.Array();
  for (const VirtualService& vs : config.virtual_services) {
    b.Push(http, VirtualHostObject(b, vs, 80));
  }
  b.Push(out, RouteConfiguration(b, "http.80", std::move(http)));
  for (const Gateway& gw : config.gateways) {
    const std::string ref = gw.namespace_name + "/" + gw.name;
    for (const GatewayServer& server : gw.servers) {
      if (server.protocol != "HTTPS") continue;
      rapidjson::Value hosts = b.Array();
      for (const VirtualService& vs : config.virtual_services) {
        if (vs.gateway == ref && ServerAccepts(server.hosts, vs.host)) {
          b.Push(hosts, VirtualHostObject(b, vs, server.port));
        }
      }
      b.Push(out, RouteConfiguration(b,
                                     "https." + std::to_string(server.port) +
                                         "." + server.name + "." + gw.name +
                                         "." + gw.namespace_name,
                                     std::move(hosts)));
    }
  }
}

}  // namespace ingresskit::generate_internal
