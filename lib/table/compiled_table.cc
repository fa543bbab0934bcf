#include "table/compiled_table.h"

#include <algorithm>

#include "common/strings.h"
#include "table/request.h"

namespace ingresskit::table_internal {
namespace {

// A prefix route's key in the index: Envoy's path_separated_prefix drops
// one trailing `/`.
std::string_view SeparatedKey(std::string_view prefix) {
  if (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  return prefix;
}

bool RouteMatches(const RouteMatch& match, std::string_view path) {
  switch (match.type) {
    case RouteMatchType::kExact:
      return path == match.value;
    case RouteMatchType::kPrefix: {
      std::string_view key = SeparatedKey(match.value);
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

}  // namespace

CompiledTable::CompiledTable(GatewayConfig config, CompileOptions options)
    : config_(std::move(config)), options_(std::move(options)) {
  const auto& services = config_.virtual_services;
  host_info_.resize(services.size());
  for (uint32_t h = 0; h < services.size(); ++h) {
    const VirtualService& vs = services[h];
    std::string_view name = vs.host;
    if (name == "*") {
      any_host_ = h;
    } else if (name.starts_with("*.")) {
      paths_.Add(kHostKeys, KeyKind::kWildcardHost, name.substr(1), h);
      has_wildcards_ = true;
    } else {
      paths_.Add(kHostKeys, KeyKind::kExactHost, name, h);
    }
    HostInfo& info = host_info_[h];
    info.service = &vs;
    info.routes = vs.routes.data();
    info.first_route_id = route_count_;
    for (uint32_t rank = 0; rank < vs.routes.size(); ++rank) {
      const HttpRoute& route = vs.routes[rank];
      ++route_count_;
      if (route.match.IsCatchAll()) {
        info.catch_all_rank = std::min(info.catch_all_rank, rank);
        continue;
      }
      std::string_view value = route.match.value;
      switch (route.match.type) {
        case RouteMatchType::kExact:
          paths_.Add(h, KeyKind::kExact, value, rank);
          info.exact_lengths |= LengthBit(value.size());
          break;
        case RouteMatchType::kPrefix: {
          std::string_view key = SeparatedKey(value);
          paths_.Add(h, KeyKind::kSeparatedPrefix, key, rank);
          info.prefix_lengths |= LengthBit(key.size());
          break;
        }
        case RouteMatchType::kStringPrefix:
          paths_.Add(h, KeyKind::kStringPrefix, value, rank);
          info.min_string_prefix = std::min<uint32_t>(
              info.min_string_prefix, static_cast<uint32_t>(value.size()));
          info.max_string_prefix = std::max<uint32_t>(
              info.max_string_prefix, static_cast<uint32_t>(value.size()));
          break;
        case RouteMatchType::kAny:
          break;
      }
    }
  }
  paths_.Build();
}

size_t CompiledTable::memory_bytes() const {
  size_t bytes = sizeof(*this) + paths_.memory_bytes() +
                 host_info_.capacity() * sizeof(HostInfo);
  for (const VirtualService& vs : config_.virtual_services) {
    bytes += sizeof(vs) + vs.name.capacity() + vs.host.capacity() +
             vs.gateway.capacity() + vs.namespace_name.capacity();
    for (const HttpRoute& r : vs.routes) {
      bytes += sizeof(r) + r.match.value.capacity() +
               r.destination.service.capacity() +
               r.destination.namespace_name.capacity() +
               r.destination.host.capacity() +
               r.destination.cluster.capacity() +
               r.origin.ingress_name.capacity() +
               r.origin.ingress_namespace.capacity() + r.origin.path.capacity();
    }
  }
  return bytes;
}

uint64_t CompiledTable::RouteId(const MatchResult& result) const {
  if (result.virtual_service == nullptr) return route_count_;  // Default.
  size_t host = static_cast<size_t>(result.virtual_service -
                                    config_.virtual_services.data());
  return host_info_[host].first_route_id + result.route_index;
}

MatchResult CompiledTable::RouteById(uint64_t id) const {
  MatchResult result;
  if (id == route_count_ && config_.default_route) {
    result.status = MatchStatus::kMatched;
    result.route = &*config_.default_route;
    return result;
  }
  if (id >= route_count_) return result;
  // The last host whose first id is not above `id`.
  auto next = std::upper_bound(
      host_info_.begin(), host_info_.end(), id,
      [](uint64_t v, const HostInfo& info) { return v < info.first_route_id; });
  const HostInfo& info = *(next - 1);
  result.status = MatchStatus::kMatched;
  result.virtual_service = info.service;
  result.route_index = static_cast<uint32_t>(id - info.first_route_id);
  result.route = info.routes + result.route_index;
  return result;
}

// Envoy's virtual host selection: the exact host, else the wildcard with
// the longest suffix (Kubernetes semantics: covering exactly one label),
// else `*`. No fallback to a less specific host once one is chosen.
uint32_t CompiledTable::SelectHost(std::string_view host) const {
  uint32_t exact = paths_.Find(kHostKeys, KeyKind::kExactHost,
                               PathIndex::HashOf(host), host);
  if (exact != kNoRank) return exact;
  if (has_wildcards_) {
    // Suffixes start at a `.` with at least one byte before it. Scanning
    // back to front yields every suffix's hash; the leftmost hit is the
    // longest suffix. Kubernetes semantics: only the first label may vary.
    const bool one_label = config_.semantics == Semantics::kKubernetes;
    const size_t first_dot = host.find('.', 1);
    uint32_t best = kNoRank;
    uint64_t hash = PathIndex::kEmptyHash;
    for (size_t i = host.size(); i-- > 1;) {
      hash = PathIndex::Extend(hash, host[i]);
      if (host[i] != '.' || (one_label && i != first_dot)) continue;
      uint32_t hit =
          paths_.Find(kHostKeys, KeyKind::kWildcardHost, hash, host.substr(i));
      if (hit != kNoRank) best = hit;
    }
    if (best != kNoRank) return best;
  }
  return any_host_;
}

uint32_t CompiledTable::SelectHostLinear(std::string_view host) const {
  const auto& services = config_.virtual_services;
  const bool one_label = config_.semantics == Semantics::kKubernetes;
  uint32_t best = kNoHost;
  size_t best_suffix = 0;
  for (uint32_t h = 0; h < services.size(); ++h) {
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
  return best != kNoHost ? best : any_host_;
}

// The lowest rank among the routes that match: exact path, path-separated
// prefixes at each `/`, string prefixes of the probed lengths, and the
// catch-all. With ranks in first-match order, that is the first match.
uint32_t CompiledTable::FindRoute(uint32_t host, std::string_view path) const {
  const HostInfo& info = host_info_[host];
  uint32_t best = info.catch_all_rank;
  const bool strings = info.max_string_prefix > 0;
  uint64_t hash = PathIndex::kEmptyHash;
  for (size_t i = 0; i < path.size(); ++i) {
    // `hash` covers path[0, i): probe that prefix where it ends a segment.
    if (path[i] == '/' && (info.prefix_lengths & LengthBit(i)) != 0) {
      best = std::min(best, paths_.Find(host, KeyKind::kSeparatedPrefix, hash,
                                        path.substr(0, i)));
    }
    if (strings && i >= info.min_string_prefix && i <= info.max_string_prefix &&
        i > 0) {
      best = std::min(best, paths_.Find(host, KeyKind::kStringPrefix, hash,
                                        path.substr(0, i)));
    }
    hash = PathIndex::Extend(hash, path[i]);
  }
  best = std::min(best, paths_.Find(host, KeyKind::kExact, hash, path));
  best =
      std::min(best, paths_.Find(host, KeyKind::kSeparatedPrefix, hash, path));
  if (strings && path.size() >= info.min_string_prefix &&
      path.size() <= info.max_string_prefix) {
    best =
        std::min(best, paths_.Find(host, KeyKind::kStringPrefix, hash, path));
  }
  return best;
}

uint32_t CompiledTable::FindRouteLinear(uint32_t host,
                                        std::string_view path) const {
  const auto& routes = config_.virtual_services[host].routes;
  for (uint32_t rank = 0; rank < routes.size(); ++rank) {
    if (RouteMatches(routes[rank].match, path)) return rank;
  }
  return kNoRank;
}

template <typename SelectHostFn, typename FindRouteFn>
MatchResult CompiledTable::MatchWith(std::string_view raw_host,
                                     std::string_view raw_path,
                                     SelectHostFn select_host,
                                     FindRouteFn find_route) const {
  MatchResult result;
  Scratch<HostTag> host_scratch;
  Scratch<PathTag> path_scratch;
  std::string_view host;
  std::string_view path;
  const size_t max_bytes = options_.limits.max_request_path_bytes;
  result.status = NormalizeHost(raw_host, max_bytes, host_scratch, host);
  if (result.status != MatchStatus::kMatched) return result;
  result.status = NormalizePath(raw_path, options_.path_normalization,
                                max_bytes, path_scratch, path);
  if (result.status != MatchStatus::kMatched) return result;

  uint32_t h = select_host(host);
  if (h != kNoHost) {
    uint32_t rank = find_route(h, path);
    if (rank != kNoRank) {
      const HostInfo& info = host_info_[h];
      result.virtual_service = info.service;
      result.route = info.routes + rank;
      result.route_index = rank;
      return result;
    }
  }
  if (config_.default_route) {
    result.route = &*config_.default_route;
    return result;
  }
  result.status = MatchStatus::kNoRoute;
  return result;
}

MatchResult CompiledTable::Match(std::string_view host,
                                 std::string_view path) const {
  return MatchWith(
      host, path, [this](std::string_view h) { return SelectHost(h); },
      [this](uint32_t h, std::string_view p) { return FindRoute(h, p); });
}

// Envoy's way: virtual host by hash, then the host's routes in order.
MatchResult CompiledTable::MatchLinear(std::string_view host,
                                       std::string_view path) const {
  return MatchWith(
      host, path, [this](std::string_view h) { return SelectHost(h); },
      [this](uint32_t h, std::string_view p) { return FindRouteLinear(h, p); });
}

}  // namespace ingresskit::table_internal
