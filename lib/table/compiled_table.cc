#include "table/compiled_table.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "common/strings.h"
#include "table/request.h"

namespace ingresskit::table_internal {
namespace {

bool RouteMatches(const RouteMatch& match, std::string_view path) {
  switch (match.type) {
    case RouteMatchType::kExact:
      return path == match.value;
    case RouteMatchType::kPrefix: {
      std::string_view key = SeparatedPrefixKey(match.value);
      return path.starts_with(key) &&
             (path.size() == key.size() || path[key.size()] == '/');
    }
    case RouteMatchType::kStringPrefix:
      return path.starts_with(match.value);
    case RouteMatchType::kAny:
      return true;
  }
  return false;
}

size_t StringBytes(const std::string& s) {
  // Heap bytes only: short strings live inside the object.
  return s.capacity() > std::string().capacity() ? s.capacity() + 1 : 0;
}

}  // namespace

CompiledTable::CompiledTable(GatewayConfig config, CompileOptions options)
    : config_(std::move(config)),
      options_(std::move(options)),
      blocks_(config_.virtual_services, config_.semantics),
      records_(config_.virtual_services,
               config_.default_route ? &*config_.default_route : nullptr),
      https_(BuildHttpsRoutes(config_)) {
  live_count_.fetch_add(1, std::memory_order_relaxed);
  first_route_ids_.reserve(config_.virtual_services.size());
  for (const VirtualService& vs : config_.virtual_services) {
    first_route_ids_.push_back(route_count_);
    route_count_ += vs.routes.size();
  }
}

CompiledTable::~CompiledTable() {
  live_count_.fetch_sub(1, std::memory_order_relaxed);
}

size_t CompiledTable::memory_bytes() const {
  size_t bytes = sizeof(*this) + blocks_.memory_bytes() +
                 records_.memory_bytes() +
                 first_route_ids_.capacity() * sizeof(uint64_t) +
                 config_.virtual_services.capacity() * sizeof(VirtualService);
  bytes += config_.gateways.capacity() * sizeof(Gateway);
  for (const Gateway& gateway : config_.gateways) {
    bytes += StringBytes(gateway.name) + StringBytes(gateway.namespace_name) +
             StringBytes(gateway.ingress_name) +
             StringBytes(gateway.ingress_namespace) +
             gateway.servers.capacity() * sizeof(GatewayServer);
    for (const GatewayServer& server : gateway.servers) {
      bytes += StringBytes(server.name) + StringBytes(server.protocol) +
               server.hosts.capacity() * sizeof(std::string);
    }
  }
  for (const VirtualService& vs : config_.virtual_services) {
    bytes += StringBytes(vs.name) + StringBytes(vs.host) +
             StringBytes(vs.gateway) + StringBytes(vs.namespace_name) +
             vs.routes.capacity() * sizeof(HttpRoute);
    for (const HttpRoute& r : vs.routes) {
      bytes +=
          StringBytes(r.match.value) + StringBytes(r.destination.service) +
          StringBytes(r.destination.namespace_name) +
          StringBytes(r.destination.host) + StringBytes(r.destination.cluster) +
          StringBytes(r.origin.ingress_name) +
          StringBytes(r.origin.ingress_namespace) + StringBytes(r.origin.path);
    }
  }
  return bytes;
}

uint64_t CompiledTable::RouteId(const MatchResult& result) const {
  return result.route_id;
}

uint64_t CompiledTable::RouteIdOf(const VirtualService* service,
                                  uint32_t route_index) const {
  if (service == nullptr) return route_count_;  // The default backend.
  const size_t host =
      static_cast<size_t>(service - config_.virtual_services.data());
  return first_route_ids_[host] + route_index;
}

MatchResult CompiledTable::RouteById(uint64_t id) const {
  MatchResult result;
  if (id == route_count_ && config_.default_route) {
    result.status = MatchStatus::kMatched;
    result.route = &*config_.default_route;
    result.route_id = id;
    return result;
  }
  if (id >= route_count_) return result;
  // The last host whose first id is not above `id`.
  const size_t host = static_cast<size_t>(
      std::upper_bound(first_route_ids_.begin(), first_route_ids_.end(), id) -
      first_route_ids_.begin() - 1);
  const VirtualService& vs = config_.virtual_services[host];
  result.status = MatchStatus::kMatched;
  result.virtual_service = &vs;
  result.route_index = static_cast<uint32_t>(id - first_route_ids_[host]);
  result.route = &vs.routes[result.route_index];
  result.route_id = id;
  return result;
}

uint32_t CompiledTable::SelectHost(std::string_view host) const {
  HostBlocks::Block block = blocks_.SelectHost(host);
  return block ? static_cast<uint32_t>(HostBlocks::Service(block) -
                                       config_.virtual_services.data())
               : kNoHost;
}

uint32_t CompiledTable::SelectHostLinear(std::string_view host) const {
  const auto& services = config_.virtual_services;
  const bool one_label = config_.semantics == Semantics::kKubernetes;
  uint32_t best = kNoHost;
  size_t best_suffix = 0;
  for (uint32_t h = 0; h < services.size(); ++h) {
    if (services[h].https_only) continue;
    std::string_view name = services[h].host;
    if (name == host) return h;
    if (!name.starts_with("*.")) continue;
    std::string_view suffix = name.substr(1);
    if (host.size() <= suffix.size() || !host.ends_with(suffix)) continue;
    std::string_view label = host.substr(0, host.size() - suffix.size());
    if (one_label && label.find('.') != std::string_view::npos) continue;
    if (suffix.size() > best_suffix) {
      best = h;
      best_suffix = suffix.size();
    }
  }
  if (best != kNoHost) return best;
  for (uint32_t h = 0; h < services.size(); ++h) {
    if (services[h].host == "*" && !services[h].https_only) return h;
  }
  return kNoHost;
}

uint32_t CompiledTable::FindRouteLinear(const VirtualService& service,
                                        std::string_view path) {
  const auto& routes = service.routes;
  for (uint32_t rank = 0; rank < routes.size(); ++rank) {
    if (RouteMatches(routes[rank].match, path)) return rank;
  }
  return kNoRank;
}

template <typename FindRouteFn>
MatchResult CompiledTable::MatchWith(std::string_view raw_host,
                                     std::string_view raw_path,
                                     FindRouteFn find_route) const {
  MatchResult result;
  Scratch<HostTag> host_scratch;
  Scratch<PathTag> path_scratch;
  std::string_view host;
  std::string_view path;
  const size_t max_bytes = options_.limits.max_request_path_bytes;
  result.status = NormalizeHost(raw_host, max_bytes, host_scratch, host);
  if (result.status != MatchStatus::kMatched) return result;
  const uint64_t host_hash = blocks_.StartHostLookup(host);
  result.status = table_internal::NormalizePath(
      raw_path, options_.path_normalization, max_bytes, path_scratch, path);
  if (result.status != MatchStatus::kMatched) return result;

  if (HostBlocks::Block block = blocks_.SelectHost(host, host_hash)) {
    uint32_t rank = find_route(block, path);
    if (rank != kNoRank) {
      result.virtual_service = HostBlocks::Service(block);
      result.route = HostBlocks::Routes(block) + rank;
      result.route_index = rank;
      result.route_id = uint64_t{HostBlocks::FirstRouteId(block)} + rank;
      if (result.route->destination.unresolved) {
        result.status = MatchStatus::kBackendUnresolved;
      }
      return result;
    }
  }
  if (config_.default_route) {
    result.route = &*config_.default_route;
    result.route_id = route_count_;
    return result;
  }
  result.status = MatchStatus::kNoRoute;
  return result;
}

NormalizedPath CompiledTable::NormalizePath(std::string_view raw_path,
                                            std::span<char> buffer) const {
  Scratch<PathTag> scratch;
  std::string_view path;
  NormalizedPath result;
  result.status = table_internal::NormalizePath(
      raw_path, options_.path_normalization,
      options_.limits.max_request_path_bytes, scratch, path);
  if (!result.ok()) return result;
  result.length = path.size();
  if (!path.empty() && path.size() <= buffer.size()) {
    std::memcpy(buffer.data(), path.data(), path.size());
  }
  return result;
}

const TlsServer* CompiledTable::SelectTlsServer(
    std::string_view server_name) const {
  std::string name(server_name);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  const TlsServer* exact = nullptr;
  const TlsServer* wildcard = nullptr;
  size_t wildcard_length = 0;
  const TlsServer* any = nullptr;
  for (const TlsServer& server : config_.tls_servers) {
    for (const std::string& host : server.hosts) {
      if (host == "*") {
        if (any == nullptr) any = &server;
      } else if (host.starts_with("*.")) {
        // `*.x` covers names ending in `.x`: one label or more.
        const std::string_view suffix = std::string_view(host).substr(1);
        if (name.size() > suffix.size() && name.ends_with(suffix) &&
            suffix.size() > wildcard_length) {
          wildcard = &server;
          wildcard_length = suffix.size();
        }
      } else if (!name.empty() && host == name && exact == nullptr) {
        exact = &server;
      }
    }
  }
  if (exact != nullptr) return exact;
  if (wildcard != nullptr) return wildcard;
  return any;
}

TlsMatchResult CompiledTable::MatchTls(std::string_view server_name,
                                       std::string_view raw_host,
                                       std::string_view raw_path) const {
  TlsMatchResult out;
  out.server = SelectTlsServer(server_name);
  if (out.server == nullptr) return out;
  const HttpsRoutes& routes =
      https_[static_cast<size_t>(out.server - config_.tls_servers.data())];
  MatchResult& result = out.result;
  Scratch<HostTag> host_scratch;
  Scratch<PathTag> path_scratch;
  std::string_view host;
  std::string_view path;
  const size_t max_bytes = options_.limits.max_request_path_bytes;
  result.status = NormalizeHost(raw_host, max_bytes, host_scratch, host);
  if (result.status != MatchStatus::kMatched) return out;
  result.status = table_internal::NormalizePath(
      raw_path, options_.path_normalization, max_bytes, path_scratch, path);
  if (result.status != MatchStatus::kMatched) return out;
  if (const HttpsRoutes::VirtualHost* vhost = SelectVirtualHost(routes, host)) {
    for (const HttpsRoutes::Entry& entry : vhost->routes) {
      if (RouteMatches(entry.route->match, path)) {
        result.route = entry.route;
        result.virtual_service = entry.service;
        // Its place in its VirtualService, as Match() reports it, not in
        // the merged HTTPS virtual host: route ids stay the same.
        result.route_index = entry.index;
        result.route_id = RouteIdOf(entry.service, entry.index);
        if (result.route->destination.unresolved) {
          result.status = MatchStatus::kBackendUnresolved;
        }
        return out;
      }
    }
  }
  result.status = MatchStatus::kNoRoute;
  return out;
}

MatchResult CompiledTable::Match(std::string_view host,
                                 std::string_view path) const {
  return MatchWith(host, path,
                   [this](HostBlocks::Block block, std::string_view p) {
                     return blocks_.FindRoute(block, p);
                   });
}

// Envoy's way: virtual host by hash, then the host's routes in order.
MatchResult CompiledTable::MatchLinear(std::string_view host,
                                       std::string_view path) const {
  return MatchWith(host, path, [](HostBlocks::Block block, std::string_view p) {
    return FindRouteLinear(*HostBlocks::Service(block), p);
  });
}

}  // namespace ingresskit::table_internal
