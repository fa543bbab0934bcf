// RunRouteTests(): each test's request decided by the table, its
// expectations compared, and the routes passing tests reach.
#include <set>

#include "common/strings.h"
#include "ingresskit/explain.h"
#include "ingresskit/route_tests.h"

namespace ingresskit {
namespace {

using internal::StrCat;

std::string IngressOf(const HttpRoute& r) {
  return StrCat(r.origin.ingress_namespace, "/", r.origin.ingress_name);
}

std::string Describe(const HttpRoute& r) {
  if (r.origin.is_default_backend) {
    return StrCat("the default backend of Ingress ", IngressOf(r));
  }
  return StrCat("Ingress ", IngressOf(r), " ", ToString(r.match.type), " ",
                r.match.value);
}

// Whether `route` is the one the test expected to serve it.
bool IsExpected(const HttpRoute& route, const RouteExpectation& e) {
  if (!e.destination && !e.cluster && !e.ingress && !e.port) return false;
  return (!e.destination || route.destination.host == *e.destination) &&
         (!e.cluster || route.destination.cluster == *e.cluster) &&
         (!e.ingress || IngressOf(route) == *e.ingress) &&
         (!e.port || route.destination.port == *e.port);
}

// explain's account, in one or two sentences.
std::string Hint(const RouteTable& table, const RouteTest& test) {
  const Explanation e = Explain(table, test.host, test.path);
  if (e.http_status == 400)
    return StrCat("the request is refused: ", e.invalid);
  std::string hint;
  if (e.selected == nullptr) {
    hint = StrCat("no virtual host serves ", e.host);
  } else if (const HttpRoute* served = e.served_by()) {
    hint = StrCat(e.host, e.path, " is served by ", Describe(*served));
  } else {
    hint = StrCat("no route of host ", e.selected->host, " matches ", e.path);
  }
  // Why the route the test expected did not serve it.
  for (const ExplainedRoute& r : e.routes) {
    if (r.route == e.served_by() || !IsExpected(*r.route, test.expect)) {
      continue;
    }
    hint += StrCat("; the expected ", Describe(*r.route), ": ",
                   r.reason.empty() ? "not evaluated" : r.reason);
    break;
  }
  return hint;
}

}  // namespace

RouteTestReport RunRouteTests(const RouteTable& table,
                              const std::vector<RouteTest>& tests) {
  RouteTestReport report;
  report.table = table;
  std::set<const HttpRoute*> covered;
  for (const RouteTest& test : tests) {
    RouteTestResult r;
    r.test = test;
    const MatchResult m = report.table.Match(test.host, test.path);
    r.route = m.route;
    r.http_status = HttpStatus(m.status);
    const RouteExpectation& e = test.expect;
    auto check = [&](std::string_view field, const auto& expected,
                     const auto& actual, std::string shown_expected,
                     std::string shown_actual) {
      if (expected && *expected != actual) {
        r.failures.push_back({std::string(field), std::move(shown_expected),
                              std::move(shown_actual)});
      }
    };
    check("status", e.status, r.http_status, StrCat(e.status.value_or(0)),
          StrCat(r.http_status));
    const std::string none = StrCat("no route (", r.http_status, ")");
    const HttpRoute* route = r.route;
    check("destination", e.destination,
          route ? route->destination.host : std::string(),
          e.destination.value_or(""), route ? route->destination.host : none);
    check("port", e.port, route ? route->destination.port : 0u,
          StrCat(e.port.value_or(0)),
          route ? StrCat(route->destination.port) : none);
    check("cluster", e.cluster,
          route ? route->destination.cluster : std::string(),
          e.cluster.value_or(""), route ? route->destination.cluster : none);
    check("ingress", e.ingress, route ? IngressOf(*route) : std::string(),
          e.ingress.value_or(""), route ? IngressOf(*route) : none);
    r.passed = r.failures.empty();
    if (r.passed) {
      ++report.passed;
      if (route != nullptr) covered.insert(route);
    } else {
      ++report.failed;
      r.hint = Hint(report.table, test);
    }
    report.results.push_back(std::move(r));
  }

  // Coverage: every route of every virtual host (and the default backend).
  RouteCoverage& c = report.coverage;
  const GatewayConfig& config = report.table.config();
  auto count = [&](const std::string& host, const HttpRoute& route) {
    ++c.routes;
    if (covered.contains(&route)) {
      ++c.covered;
    } else {
      c.missing.push_back({host, &route});
    }
  };
  for (const VirtualService& vs : config.virtual_services) {
    if (vs.https_only) continue;  // Route tests are plain HTTP.
    for (const HttpRoute& route : vs.routes) count(vs.host, route);
  }
  if (config.default_route) count("*", *config.default_route);
  c.percent = c.routes == 0 ? 100.0
                            : 100.0 * static_cast<double>(c.covered) /
                                  static_cast<double>(c.routes);
  return report;
}

}  // namespace ingresskit
