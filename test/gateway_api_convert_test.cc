// Gateway API conversion (DESIGN §10): order, isolation, what it leaves
// out, and the 500 of an unresolved backend. The shared vectors
// (../shared/vectors/gateway-api.json) run in the conformance runners.
#include <string>

#include "convert/gateway_api.h"
#include "ingresskit/explain.h"
#include "ingresskit/generate.h"
#include "ingresskit/parse.h"
#include "ingresskit/route_table.h"
#include "ingresskit/route_tests.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::testing::Contains;
using ::testing::HasSubstr;

RouteTable Convert(std::string_view text,
                   std::vector<Diagnostic>* diagnostics = nullptr) {
  ParseResult parsed = Parse(text);
  EXPECT_TRUE(parsed.ok()) << Describe(parsed.diagnostics);
  EXPECT_EQ(CountErrors(parsed.diagnostics), 0u)
      << Describe(parsed.diagnostics);
  ConvertResult converted =
      convert_internal::ConvertGatewayApi(parsed.resources, CompileOptions{});
  EXPECT_TRUE(converted.ok());
  if (diagnostics != nullptr) *diagnostics = converted.diagnostics;
  return Compile(std::move(converted.config)).table;
}

constexpr std::string_view kGateway =
    R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
  - {name: same, port: 8080, protocol: HTTP, hostname: same.com}
---
)";

TEST(GatewayApiConvertTest, ExactBeatsALongerPrefixAndTiesKeepAge) {
  const RouteTable table = Convert(std::string(kGateway) + R"(
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: b, namespace: default, creationTimestamp: "2024-02-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw, namespace: istio-system, sectionName: http}]
  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo/}}]
    backendRefs: [{name: newer, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: a, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw, namespace: istio-system}]
  hostnames: [a.com]
  rules:
  - matches: [{path: {type: Exact, value: /foo}}, {path: {type: PathPrefix, value: /foo}}]
    backendRefs: [{name: older, port: 80}]
)");
  // Istio's Ingress would send /foo to the longer Prefix /foo/; Gateway
  // API's Exact wins.
  EXPECT_EQ(table.Match("a.com", "/foo").route->destination.service, "older");
  EXPECT_EQ(table.Match("a.com", "/foo").route->match.type,
            RouteMatchType::kExact);
  // /foo/ and /foo tie once one trailing slash is trimmed: the older route.
  EXPECT_EQ(table.Match("a.com", "/foo/x").route->destination.service, "older");
  // Host isolation: no fall-through to another host.
  EXPECT_FALSE(table.Match("b.com", "/foo").matched());
  const HttpRoute& r = *table.Match("a.com", "/foo/x").route;
  EXPECT_TRUE(r.origin.from_http_route);
  EXPECT_EQ(r.origin.ingress_name, "a");
  EXPECT_EQ(r.origin.rule_index, 0u);
  EXPECT_EQ(r.origin.path_index, 1u);
}

TEST(GatewayApiConvertTest, WhatIsLeftOutIsSaid) {
  std::vector<Diagnostic> d;
  const RouteTable table = Convert(std::string(kGateway) + R"(
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: apps}
spec:
  parentRefs: [{name: gw, namespace: istio-system, sectionName: same}]
  rules:
  - backendRefs: [{name: x, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: h, namespace: default}
spec:
  parentRefs: [{name: gw, namespace: istio-system, sectionName: http}]
  rules:
  - matches: [{path: {value: /h}, headers: [{name: x-version, value: two}]}]
    backendRefs: [{name: x, port: 80}]
  - backendRefs: [{name: x, port: 80, weight: 1}, {name: other, port: 80}]
  - matches: [{path: {value: /ok}}]
    backendRefs: [{name: ok, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: orphan, namespace: default}
spec:
  rules: [{backendRefs: [{name: x, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: lost, namespace: default}
spec:
  parentRefs: [{name: nope}]
  rules: [{backendRefs: [{name: x, port: 80}]}]
)",
                                   &d);
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kWarning, "spec.parentRefs[0]",
                                       "attaches to no listener")))
      << Describe(d);
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kWarning, "spec.rules[0]",
                                       "header matches")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kWarning, "spec.rules[1]",
                                       "several weighted backends")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kWarning, "spec.parentRefs",
                                       "no parentRefs")));
  EXPECT_THAT(
      d, Contains(IsDiagnostic(Severity::kWarning, "spec.parentRefs[0]",
                               "no HTTP or HTTPS listener of an istio Gateway "
                               "default/nope")));
  EXPECT_THAT(d,
              Contains(IsDiagnostic(Severity::kInfo, "spec.listeners[1]", ""))
                  .Times(0));
  // The rule in scope is routed; the others are not.
  EXPECT_EQ(table.Match("any.com", "/ok").route->destination.service, "ok");
  EXPECT_FALSE(table.Match("any.com", "/h").matched());
  EXPECT_FALSE(table.Match("same.com", "/").matched());
}

TEST(GatewayApiConvertTest, OnlyIstioGatewaysAreServed) {
  std::vector<Diagnostic> d;
  Convert(R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: other}
spec:
  gatewayClassName: envoy
  listeners: [{name: http, port: 80, protocol: HTTP}]
)",
          &d);
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kInfo, "spec.gatewayClassName",
                                       "\"envoy\"")));
}

}  // namespace
}  // namespace ingresskit

namespace ingresskit {
namespace {

// DESIGN §10: a request whose host a more specific listener covers is
// never served by a less specific listener's routes, even when the more
// specific listener has no route for it.
TEST(GatewayApiConvertTest, AMoreSpecificListenerIsolatesItsHosts) {
  const RouteTable table = Convert(R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  gatewayClassName: istio
  listeners:
  - {name: any, port: 80, protocol: HTTP}
  - {name: wild, port: 80, protocol: HTTP, hostname: "*.a.com"}
  - {name: quiet, port: 80, protocol: HTTP, hostname: quiet.com}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: default}
spec:
  parentRefs: [{name: gw, sectionName: any}]
  hostnames: [b.x.a.com, quiet.com, open.com]
  rules: [{backendRefs: [{name: any, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: everyone, namespace: default}
spec:
  parentRefs: [{name: gw, sectionName: any}]
  rules: [{backendRefs: [{name: everyone, port: 80}]}]
)");
  // b.x.a.com belongs to the *.a.com listener, which has no route.
  EXPECT_FALSE(table.Match("b.x.a.com", "/").matched());
  // quiet.com has a listener of its own, without routes.
  EXPECT_FALSE(table.Match("quiet.com", "/").matched());
  EXPECT_EQ(table.Match("open.com", "/").route->destination.service, "any");
  EXPECT_EQ(table.Match("other.org", "/").route->destination.service,
            "everyone");
}

}  // namespace
}  // namespace ingresskit

namespace ingresskit {
namespace {

// DESIGN §10: a rule whose backend does not resolve stays and answers 500,
// in every interface that answers.
TEST(GatewayApiConvertTest, AnUnresolvedBackendAnswers500) {
  const std::string text = R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {value: /gone}}]
    backendRefs: [{name: web, port: 9999}]
  - backendRefs: [{name: web, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
)";
  const CompileResult compiled = Compile(text);
  ASSERT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  EXPECT_THAT(
      compiled.diagnostics,
      Contains(IsDiagnostic(Severity::kWarning, "spec.rules[0].backendRefs[0]",
                            "answered 500")));
  const RouteTable& table = compiled.table;
  const MatchResult m = table.Match("a.com", "/gone/x");
  EXPECT_EQ(m.status, MatchStatus::kBackendUnresolved);
  EXPECT_FALSE(m.matched());
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->origin.rule_index, 0u);
  EXPECT_EQ(HttpStatus(m.status), 500);
  EXPECT_EQ(table.MatchLinear("a.com", "/gone/x").status,
            MatchStatus::kBackendUnresolved);
  EXPECT_EQ(table.Target("a.com", "/gone/x").status,
            MatchStatus::kBackendUnresolved);
  EXPECT_TRUE(table.Match("a.com", "/other").matched());
  EXPECT_EQ(Explain(table, "a.com", "/gone").http_status, 500);
  RouteTest test;
  test.host = "a.com";
  test.path = "/gone";
  test.expect.status = 500;
  EXPECT_EQ(RunRouteTests(table, {test}).passed, 1u);
  // What Istio generates from Ingresses is not this configuration.
  EXPECT_FALSE(GeneratesFor(table.config()));
  EXPECT_TRUE(GeneratesFor(Compile(std::string_view()).table.config()));
}

// HTTPS listeners serve the TLS-aware match (DESIGN §10, §11): SNI picks
// the listener (exact, longest wildcard), the Host header a host among
// the routes attached to that listener only; plain HTTP never sees them.
TEST(GatewayApiConvertTest, HttpsListenersServeTheTlsAwareMatch) {
  const std::string text =
      testing::ReadFileOrDie(INGRESSKIT_TEST_DIR "/data/gateway_api_tls.yaml") +
      R"(---
apiVersion: v1
kind: Secret
metadata: {name: a-cert, namespace: istio-system}
type: kubernetes.io/tls
stringData: {tls.crt: not-a-certificate, tls.key: not-a-key}
)";
  const CompileResult compiled = Compile(text);
  ASSERT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  const RouteTable& table = compiled.table;
  auto service = [&](std::string_view sni, std::string_view host,
                     std::string_view path) -> std::string {
    const TlsMatchResult m = table.MatchTls(sni, host, path);
    if (m.server == nullptr) return "no server";
    if (!m.result.matched()) return "404";
    return m.server->name + " " + m.result.route->destination.service;
  };
  EXPECT_EQ(service("a.com", "a.com", "/secure/x"), "https-a secure");
  // Routes without sectionName attach to every listener, with the
  // listener's hostname as theirs.
  EXPECT_EQ(service("a.com", "a.com", "/other"), "https-a wild");
  EXPECT_EQ(service("x.b.com", "x.b.com", "/"), "https-wild wild");
  EXPECT_EQ(service("c.com", "c.com", "/"), "no server");
  // Plain HTTP: the http listener's routes only.
  EXPECT_EQ(table.Match("a.com", "/secure/x").route->destination.service,
            "plain");
  EXPECT_EQ(table.Match("c.com", "/").route->destination.service, "wild");
  // The certificate comes from the listener's certificateRef, in the
  // Gateway's namespace; a Secret that is not PEM is said, never printed.
  const TlsServer* server = table.SelectTlsServer("a.com");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->secret, "istio-system/a-cert");
  EXPECT_TRUE(server->secret_found);
  EXPECT_THAT(compiled.diagnostics,
              Contains(IsDiagnostic(Severity::kWarning,
                                    "spec.listeners[1].tls.certificateRefs[0]",
                                    "not PEM")));
  EXPECT_THAT(compiled.diagnostics,
              Contains(IsDiagnostic(Severity::kWarning,
                                    "spec.listeners[2].tls.certificateRefs[0]",
                                    "no Secret istio-system/b-cert")));
  for (const Diagnostic& d : compiled.diagnostics) {
    EXPECT_EQ(d.message.find("not-a-key"), std::string::npos) << d.message;
  }
  // The analyses of plain HTTP do not see the HTTPS-only routes.
  const Explanation why = Explain(table, "a.com", "/secure/x");
  ASSERT_NE(why.served_by(), nullptr);
  EXPECT_EQ(why.served_by()->destination.service, "plain");
  size_t a_com = 0;
  for (const HostCandidate& c : why.candidates) a_com += c.host == "a.com";
  EXPECT_EQ(a_com, 1u);  // The HTTP host, not the HTTPS listener's too.
}

}  // namespace
}  // namespace ingresskit
