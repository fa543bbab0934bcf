#include "baseline_matchers.h"

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

RegexMatcher::RegexMatcher(const GatewayConfig& config) {
  hosts_.reserve(config.virtual_services.size());
  for (const VirtualService& vs : config.virtual_services) {
    Host& host = hosts_.emplace_back();
    host.service = &vs;
    for (const HttpRoute& route : vs.routes) {
      host.routes.push_back(std::make_unique<RE2>(RegexFor(route.match)));
    }
    size_t index = hosts_.size() - 1;
    if (vs.host == "*") {
      any_ = nullptr;  // Set below, once hosts_ stops moving.
    } else if (vs.host.starts_with("*.")) {
      wildcard_.emplace(vs.host.substr(1), index);
    } else {
      exact_.emplace(vs.host, index);
    }
  }
  for (const Host& h : hosts_) {
    if (h.service->host == "*") any_ = &h;
  }
}

const RegexMatcher::Host* RegexMatcher::Select(std::string_view host) const {
  if (auto it = exact_.find(Absl(host)); it != exact_.end()) {
    return &hosts_[it->second];
  }
  for (size_t dot = host.find('.', 1); dot != std::string_view::npos;
       dot = host.find('.', dot + 1)) {
    if (auto it = wildcard_.find(Absl(host.substr(dot)));
        it != wildcard_.end()) {
      return &hosts_[it->second];
    }
  }
  return any_;
}

const HttpRoute* RegexMatcher::Match(std::string_view host,
                                     std::string_view path) const {
  const Host* h = Select(host);
  if (h == nullptr) return nullptr;
  for (size_t i = 0; i < h->routes.size(); ++i) {
    if (RE2::FullMatch(Piece(path), *h->routes[i])) {
      return &h->service->routes[i];
    }
  }
  return nullptr;
}

FloorMatcher::FloorMatcher(const RouteTable& table,
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
