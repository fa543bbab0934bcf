// The designs ingresskit is measured against, over the same tables:
//  - RegexMatcher: every route as one RE2 regex tried in order, which is
//    what Istio 1.11-1.13 had Envoy evaluate for Ingress prefixes
//    (`QuoteMeta(p)((\/).*)?`).
//  - FloorMatcher: one absl::flat_hash_map lookup of the exact host+path
//    string, the least any design can do for a request.
// Both expect requests already normalised (lower-case host, no port, no
// query), so they are not run on the `messy` mix.
#ifndef INGRESSKIT_BENCH_BASELINE_MATCHERS_H_
#define INGRESSKIT_BENCH_BASELINE_MATCHERS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ingresskit/route_table.h"
#include "re2/re2.h"
#include "table_corpus.h"

namespace ingresskit::bench {

class RegexMatcher {
 public:
  explicit RegexMatcher(const GatewayConfig& config);
  // The route serving the request, or null.
  const HttpRoute* Match(std::string_view host, std::string_view path) const;

 private:
  struct Host {
    const VirtualService* service;
    std::vector<std::unique_ptr<RE2>> routes;  // In first-match order.
  };
  const Host* Select(std::string_view host) const;

  std::vector<Host> hosts_;
  absl::flat_hash_map<std::string, size_t> exact_;
  absl::flat_hash_map<std::string, size_t> wildcard_;  // ".suffix"
  const Host* any_ = nullptr;
};

class FloorMatcher {
 public:
  // Keys every distinct request of `requests` with the route `table`
  // answers it with.
  FloorMatcher(const RouteTable& table, const RequestSet& requests);
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
