// Why a request is routed where it is: the decision RouteTable::Match()
// makes, step by step — the request as the gateway reads it, the virtual
// host it selects and why, the selected host's routes in the order they
// are tried with why each does or does not match, the winner, and the
// routes that also match and lose.
//
// The explanation points into the table it explains (routes and hosts of
// its IR) and holds that table, so the pointers stay valid for as long as
// the explanation lives. Thread-safe: Explain() only reads the table.
#ifndef INGRESSKIT_EXPLAIN_H_
#define INGRESSKIT_EXPLAIN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/export.h"
#include "ingresskit/gateway.h"
#include "ingresskit/options.h"
#include "ingresskit/route_table.h"

namespace ingresskit {

enum class HostResult { kSelected, kNoMatch, kNotConsulted };
enum class RouteResult { kMatch, kNoMatch, kNotEvaluated };

INGRESSKIT_EXPORT std::string_view ToString(HostResult result);
INGRESSKIT_EXPORT std::string_view ToString(RouteResult result);

// A configured host that could serve the request.
struct HostCandidate {
  std::string host;  // "httpbin.example.com", "*.example.com", "*"
  HostResult result = HostResult::kNoMatch;
  std::string reason;
};

// One route of the selected host, in evaluation order.
struct ExplainedRoute {
  uint32_t order = 0;                // Its place in the host's routes.
  const HttpRoute* route = nullptr;  // In the table's IR.
  RouteResult result = RouteResult::kNotEvaluated;
  // Routes after the winner (not evaluated): whether they match too.
  bool would_match = false;
  // Why it does not match; for a shadowed route, why it loses.
  std::string reason;
};

struct Explanation {
  // The table explained: what `selected`, `routes[i].route` and
  // `default_backend` point into, kept alive with the explanation.
  RouteTable table;
  Semantics semantics = Semantics::kIstio;
  std::string request_host;  // As given.
  std::string request_path;
  // What Match() says. Not kMatched, kNoRoute: the request is invalid,
  // and `invalid` says why.
  MatchStatus status = MatchStatus::kNoRoute;
  std::string invalid;
  // The request as the gateway routes it, and how it got there ("host
  // lower-cased", "port :8080 dropped", "query dropped", ...).
  std::string host;
  std::string path;
  std::vector<std::string> steps;

  const VirtualService* selected = nullptr;
  std::vector<HostCandidate> candidates;
  std::vector<ExplainedRoute> routes;
  // Index into `routes` of the route that serves the request, or -1 (no
  // route, or the Kubernetes default backend: see default_backend).
  int64_t winner = -1;
  const HttpRoute* default_backend = nullptr;
  // Indexes into `routes` of the routes that also match and lose; each
  // one's reason says why.
  std::vector<size_t> shadowed;

  // 200 routed, 404 no route, 400 a request the gateway cannot read.
  int http_status = 404;
  // The route that serves the request (a `routes` entry or the default
  // backend), or null.
  const HttpRoute* served_by() const;
};

// Explains `table`'s decision for one request. Its decision is Match()'s,
// always: explanations are checked against it by tests.
INGRESSKIT_EXPORT Explanation Explain(const RouteTable& table,
                                      std::string_view host,
                                      std::string_view path);

// The explanation as one JSON object (the CLI's `explain`, the C ABI and
// Python), and as lines for people.
INGRESSKIT_EXPORT std::string ExplanationJson(const Explanation& explanation);
INGRESSKIT_EXPORT std::string ExplanationText(const Explanation& explanation);

}  // namespace ingresskit

#endif  // INGRESSKIT_EXPLAIN_H_
