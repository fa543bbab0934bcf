#include "baseline_matchers.h"

#include <cstdio>
#include <cstdlib>
#include <map>

namespace ingresskit::bench {
namespace {

absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }
re2::StringPiece Piece(std::string_view s) { return {s.data(), s.size()}; }

std::string RegexFor(const RouteMatch& match) {
  std::string quoted = RE2::QuoteMeta(Piece(match.value));
  switch (match.type) {
    case RouteMatchType::kExact:
      return quoted;
    case RouteMatchType::kPrefix: {
      if (match.value == "/") return ".*";
      std::string_view p = match.value;
      if (p.ends_with('/')) p.remove_suffix(1);
      return RE2::QuoteMeta(Piece(p)) + "((\\/).*)?";
    }
    case RouteMatchType::kStringPrefix:
      return quoted + ".*";
    case RouteMatchType::kAny:
      return ".*";
  }
  return quoted;
}

}  // namespace

HostSelector::HostSelector(const GatewayConfig& config) {
  const auto& services = config.virtual_services;
  for (size_t i = 0; i < services.size(); ++i) {
    const std::string& host = services[i].host;
    if (host == "*") {
      any_ = i;
    } else if (host.starts_with("*.")) {
      wildcard_.emplace(host.substr(1), i);
    } else {
      exact_.emplace(host, i);
    }
  }
}

size_t HostSelector::Select(std::string_view host) const {
  if (auto it = exact_.find(Absl(host)); it != exact_.end()) return it->second;
  for (size_t dot = host.find('.', 1); dot != std::string_view::npos;
       dot = host.find('.', dot + 1)) {
    if (auto it = wildcard_.find(Absl(host.substr(dot)));
        it != wildcard_.end()) {
      return it->second;
    }
  }
  return any_;
}

RegexMatcher::RegexMatcher(const GatewayConfig& config)
    : config_(config), selector_(config) {
  for (const VirtualService& vs : config.virtual_services) {
    auto& regexes = routes_.emplace_back();
    for (const HttpRoute& route : vs.routes) {
      regexes.push_back(std::make_unique<RE2>(RegexFor(route.match)));
    }
  }
}

const HttpRoute* RegexMatcher::Match(std::string_view host,
                                     std::string_view path) const {
  const size_t h = selector_.Select(host);
  if (h == SIZE_MAX) return nullptr;
  const auto& regexes = routes_[h];
  for (size_t i = 0; i < regexes.size(); ++i) {
    if (RE2::FullMatch(Piece(path), *regexes[i])) {
      return &config_.virtual_services[h].routes[i];
    }
  }
  return nullptr;
}

R3Matcher::R3Matcher(const GatewayConfig& config) : selector_(config) {
  for (const VirtualService& vs : config.virtual_services) {
    r3_paths* tree = r3_paths_create();
    trees_.push_back(tree);
    // The first route of a path wins. libr3 1.3.4 loses a path added
    // after a longer one it prefixes (`/api` after `/api/v1`), so paths go
    // in sorted order, where prefixes come first.
    std::map<std::string_view, const HttpRoute*> paths;
    for (const HttpRoute& route : vs.routes) {
      if (route.match.type != RouteMatchType::kExact) {
        std::fprintf(stderr, "r3 runs on exact routes only\n");
        std::abort();
      }
      paths.emplace(route.match.value, &route);
    }
    for (const auto& [path, route] : paths) {
      if (r3_paths_add(tree, path.data(), static_cast<int>(path.size()),
                       const_cast<HttpRoute*>(route)) != 0) {
        std::fprintf(stderr, "r3 refused %.*s\n", static_cast<int>(path.size()),
                     path.data());
        std::abort();
      }
    }
    if (r3_paths_compile(tree) != 0) {
      std::fprintf(stderr, "r3 could not compile %s\n", vs.host.c_str());
      std::abort();
    }
  }
}

R3Matcher::~R3Matcher() {
  for (r3_paths* tree : trees_) r3_paths_free(tree);
}

const HttpRoute* R3Matcher::Match(std::string_view host,
                                  std::string_view path) const {
  const size_t h = selector_.Select(host);
  if (h == SIZE_MAX) return nullptr;
  return static_cast<const HttpRoute*>(
      r3_paths_match(trees_[h], path.data(), static_cast<int>(path.size())));
}

namespace {

// A route's key: its virtual host, its match type and value.
std::string RouteKey(std::string_view host, const HttpRoute& route) {
  std::string key(host);
  key += '\n';
  key += static_cast<char>('0' + static_cast<int>(route.match.type));
  key += route.match.value;
  return key;
}

}  // namespace

RouteFloor::RouteFloor(const RouteTable& table, const RequestSet& requests) {
  for (const VirtualService& vs : table.config().virtual_services) {
    for (const HttpRoute& route : vs.routes) {
      map_.try_emplace(
          RouteKey(vs.host, route),
          Answer{route.destination.cluster, route.destination.port});
    }
  }
  keys_.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    auto [host, path] = requests[i];
    MatchResult m = table.Match(host, path);
    if (m.matched() && m.virtual_service != nullptr) {
      keys_.push_back(RouteKey(m.virtual_service->host, *m.route));
    } else {
      keys_.push_back(std::string(host) + '\n' + std::string(path));
    }
  }
}

RequestFloor::RequestFloor(const RouteTable& table,
                           const RequestSet& requests) {
  keys_.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    auto [host, path] = requests[i];
    std::string key = std::string(host) + '\n' + std::string(path);
    MatchResult m = table.Match(host, path);
    map_.try_emplace(key, m.route);
    keys_.push_back(std::move(key));
  }
}

}  // namespace ingresskit::bench
