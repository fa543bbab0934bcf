// Route-table unit tests for Ingress, in the spirit of Envoy's
// router_check_tool: requests with the decision expected for each, run
// against a RouteTable, with the routes they cover.
//
// Test files are YAML or JSON, in ingresskit's form
//
//   tests:
//   - name: status goes to httpbin
//     host: httpbin.example.com
//     path: /status/200
//     expect: {status: 200, destination: httpbin.default.svc.cluster.local,
//              port: 8000, cluster: "outbound|8000||...", ingress: ns/name}
//
// (any subset of `expect`; `status: 404` asserts no route), or in Envoy's
// router_check form unchanged: `test_name`, `input.authority`,
// `input.path`, `validate.cluster_name` ("" asserts no route). Envoy's
// other inputs (method, headers, ssl, ...) do not change an Ingress
// decision and are accepted; validations other than cluster_name are
// refused with a diagnostic, never ignored.
//
// Thread-safe: parsing and running only read their inputs.
#ifndef INGRESSKIT_ROUTE_TESTS_H_
#define INGRESSKIT_ROUTE_TESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/export.h"
#include "ingresskit/route_table.h"

namespace ingresskit {

struct RouteExpectation {
  std::optional<int> status;  // 200, 404 or 400.
  std::optional<std::string> destination;
  std::optional<uint32_t> port;
  std::optional<std::string> cluster;
  std::optional<std::string> ingress;  // "namespace/name"
  friend bool operator==(const RouteExpectation&,
                         const RouteExpectation&) = default;
};

struct RouteTest {
  std::string name;
  std::string host;
  std::string path;
  RouteExpectation expect;
  SourcePosition position;
  friend bool operator==(const RouteTest&, const RouteTest&) = default;
};

struct RouteTestsParseResult {
  // kOk, or why the file was refused (kSyntax, kLimit, kValidation: a test
  // is malformed; diagnostics say which and where).
  ErrorCode status = ErrorCode::kOk;
  std::vector<RouteTest> tests;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return status == ErrorCode::kOk; }
};

// `name` is how diagnostics name the file (Diagnostic::source).
INGRESSKIT_EXPORT RouteTestsParseResult
ParseRouteTests(std::string_view text, std::string_view name = "");

// One assertion of a test that did not hold.
struct ExpectationFailure {
  std::string field;  // "status", "destination", "port", "cluster", "ingress"
  std::string expected;
  std::string actual;
};

struct RouteTestResult {
  RouteTest test;
  bool passed = false;
  int http_status = 404;
  const HttpRoute* route = nullptr;  // What served it, in the report's table.
  std::vector<ExpectationFailure> failures;
  // For a failure: explain's account of why the request went where it did
  // (and why the expected route did not take it).
  std::string hint;
};

struct UncoveredRoute {
  std::string host;  // The virtual host ("*" for rules without a host).
  const HttpRoute* route = nullptr;
};

struct RouteCoverage {
  size_t routes = 0;   // Every route of every virtual host.
  size_t covered = 0;  // Routes that served at least one passing test.
  double percent = 100;
  std::vector<UncoveredRoute> missing;
};

struct RouteTestReport {
  RouteTable table;                      // What `route` pointers point into.
  std::vector<RouteTestResult> results;  // In the tests' order.
  size_t passed = 0;
  size_t failed = 0;
  RouteCoverage coverage;
};

INGRESSKIT_EXPORT RouteTestReport
RunRouteTests(const RouteTable& table, const std::vector<RouteTest>& tests);

// {"summary": {total, passed, failed}, "results": [...], "coverage":
// {routes, covered, percent, missing}}; `only_failures` leaves passing
// tests out of results.
INGRESSKIT_EXPORT std::string RouteTestReportJson(const RouteTestReport& report,
                                                  bool only_failures = false);
// For people: each failure with expected against actual and the hint
// (`details`: every test, passing ones too, and the uncovered routes),
// then the summary and the coverage.
INGRESSKIT_EXPORT std::string RouteTestReportText(const RouteTestReport& report,
                                                  bool details = false,
                                                  bool only_failures = false);

}  // namespace ingresskit

#endif  // INGRESSKIT_ROUTE_TESTS_H_
