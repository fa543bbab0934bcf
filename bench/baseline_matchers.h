// The designs ingresskit is measured against, over the same tables:
//  - RegexMatcher: every route as one RE2 regex tried in order, which is
//    what Istio 1.11-1.13 had Envoy evaluate for Ingress prefixes
//    (`QuoteMeta(p)((\/).*)?`).
//  - R3Matcher: libr3's radix tree of paths per host (Debian's libr3), on
//    tables of exact paths only, where its semantics and Istio's coincide.
//  - RouteFloor: the least any design can do per request on a table of
//    this size: one absl::flat_hash_map probe, in a map with one entry
//    per route, of the key of the route that serves the request (its
//    host and path, worked out before timing), then the answer read.
//  - RequestFloor: one absl::flat_hash_map lookup of the exact host+path
//    request string (one entry per distinct request): a lookup that
//    needs no route structure at all.
// They expect requests already normalised (lower-case host, no port, no
// query), so they are not run on the `messy` mix.
#ifndef INGRESSKIT_BENCH_BASELINE_MATCHERS_H_
#define INGRESSKIT_BENCH_BASELINE_MATCHERS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ingresskit/route_table.h"
#include "r3_paths.h"
#include "re2/re2.h"
#include "table_corpus.h"

namespace ingresskit::bench {

// Envoy's virtual host selection with hash maps (exact, then the longest
// `*.suffix`, then `*`), as the baselines share it.
class HostSelector {
 public:
  explicit HostSelector(const GatewayConfig& config);
  // Index of the VirtualService for the host, or SIZE_MAX.
  size_t Select(std::string_view host) const;

 private:
  absl::flat_hash_map<std::string, size_t> exact_;
  absl::flat_hash_map<std::string, size_t> wildcard_;  // ".suffix"
  size_t any_ = SIZE_MAX;
};

class RegexMatcher {
 public:
  explicit RegexMatcher(const GatewayConfig& config);
  // The route serving the request, or null.
  const HttpRoute* Match(std::string_view host, std::string_view path) const;

 private:
  const GatewayConfig& config_;
  HostSelector selector_;
  // Per VirtualService, its routes' regexes in first-match order.
  std::vector<std::vector<std::unique_ptr<RE2>>> routes_;
};

class R3Matcher {
 public:
  // `config` must hold exact routes only.
  explicit R3Matcher(const GatewayConfig& config);
  ~R3Matcher();
  R3Matcher(const R3Matcher&) = delete;
  R3Matcher& operator=(const R3Matcher&) = delete;
  const HttpRoute* Match(std::string_view host, std::string_view path) const;

 private:
  HostSelector selector_;
  std::vector<r3_paths*> trees_;  // Per VirtualService; owned.
};

// What a proxy needs from an answer: the cluster to send to and its port.
struct Answer {
  std::string_view cluster;  // Empty: no route.
  uint32_t port = 0;
};

class RouteFloor {
 public:
  // One entry per route of `table`; per request of `requests`, the key
  // of the route `table` answers it with (or the request itself when no
  // route serves it, which the map then misses).
  RouteFloor(const RouteTable& table, const RequestSet& requests);
  Answer Match(size_t request) const {
    auto it = map_.find(keys_[request]);
    return it == map_.end() ? Answer{} : it->second;
  }

 private:
  std::vector<std::string> keys_;
  absl::flat_hash_map<std::string, Answer> map_;
};

class RequestFloor {
 public:
  // Keys every distinct request of `requests` with the route `table`
  // answers it with.
  RequestFloor(const RouteTable& table, const RequestSet& requests);
  const HttpRoute* Match(size_t request) const {
    auto it = map_.find(keys_[request]);
    return it == map_.end() ? nullptr : it->second;
  }

 private:
  std::vector<std::string> keys_;  // host '\n' path, per request.
  absl::flat_hash_map<std::string, const HttpRoute*> map_;
};

}  // namespace ingresskit::bench

#endif  // INGRESSKIT_BENCH_BASELINE_MATCHERS_H_
