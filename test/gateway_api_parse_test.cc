// Gateway API input: Gateway and HTTPRoute read into the model with the
// schema's defaults, and the API server's rules (CRD schema and CEL) as
// diagnostics naming the object and field.
#include <string>

#include "ingresskit/parse.h"
#include "ingresskit/route_table.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::ingresskit::testing::ParseClean;
using ::ingresskit::testing::WithoutPositions;
using ::testing::Contains;
using ::testing::HasSubstr;

constexpr std::string_view kGatewayAndRoute =
    R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  gatewayClassName: istio
  addresses: [{type: Hostname, value: istio-ingressgateway.istio-system.svc.cluster.local}]
  listeners:
  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
  - name: https-a
    hostname: a.example.com
    port: 443
    protocol: HTTPS
    tls: {certificateRefs: [{name: a-cert}]}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: HTTPRoute
metadata: {name: web, namespace: shop, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw, namespace: istio-system, sectionName: http}]
  hostnames: [a.example.com, "*.b.example.com"]
  rules:
  - matches:
    - path: {type: Exact, value: /health}
    - path: {value: /api}
      headers: [{name: x, value: y}]
      method: GET
    backendRefs: [{name: api, port: 8080}]
  - backendRefs: [{name: web, port: 80, weight: 3}]
    filters: [{type: RequestHeaderModifier}]
)";

TEST(GatewayApiParseTest, ReadsGatewaysAndHttpRoutesWithTheSchemasDefaults) {
  const ResourceSet set = ParseClean(kGatewayAndRoute);
  ASSERT_EQ(set.gateways.size(), 1u);
  const GatewayResource& gw = set.gateways[0];
  EXPECT_EQ(gw.metadata.namespace_name, "istio-system");
  EXPECT_EQ(gw.spec.gateway_class_name, "istio");
  ASSERT_EQ(gw.spec.listeners.size(), 2u);
  EXPECT_EQ(gw.spec.listeners[0].allowed_routes, AllowedRoutes::kAll);
  EXPECT_EQ(gw.spec.listeners[1].allowed_routes, AllowedRoutes::kSame);
  EXPECT_EQ(gw.spec.listeners[1].hostname, "a.example.com");
  ASSERT_EQ(gw.spec.listeners[1].certificate_refs.size(), 1u);
  EXPECT_EQ(gw.spec.listeners[1].certificate_refs[0].kind, "Secret");
  EXPECT_EQ(gw.spec.addresses[0].type, "Hostname");

  ASSERT_EQ(set.http_routes.size(), 1u);
  const HttpRouteResource& route = set.http_routes[0];
  EXPECT_EQ(route.api_version, kGatewayApiV1beta1);
  EXPECT_EQ(route.spec.parent_refs[0].group, kGatewayApiGroup);
  EXPECT_EQ(route.spec.parent_refs[0].kind, "Gateway");
  EXPECT_EQ(route.spec.parent_refs[0].section_name, "http");
  EXPECT_EQ(route.spec.hostnames[1], "*.b.example.com");
  ASSERT_EQ(route.spec.rules.size(), 2u);
  const HttpRouteRule& first = route.spec.rules[0];
  ASSERT_EQ(first.matches.size(), 2u);
  EXPECT_EQ(first.matches[0].path_type, HttpPathMatchType::kExact);
  EXPECT_EQ(first.matches[1].path_type, HttpPathMatchType::kPathPrefix);
  EXPECT_EQ(first.matches[1].path_value, "/api");
  EXPECT_EQ(first.matches[1].header_matches, 1u);
  EXPECT_EQ(first.matches[1].method, "GET");
  EXPECT_EQ(first.backend_refs[0].port, 8080);
  EXPECT_EQ(first.backend_refs[0].weight, 1);
  // A rule without matches matches every path: the model keeps none.
  EXPECT_TRUE(route.spec.rules[1].matches.empty());
  EXPECT_EQ(route.spec.rules[1].filters, 1u);
  EXPECT_EQ(route.spec.rules[1].backend_refs[0].weight, 3);
  EXPECT_EQ(first.matches[0].position.line, 23u);
}

TEST(GatewayApiParseTest, ToJsonReadsBackEqual) {
  const ResourceSet set = ParseClean(kGatewayAndRoute);
  for (int indent : {0, 2}) {
    EXPECT_EQ(WithoutPositions(ParseClean(ToJson(set, indent))),
              WithoutPositions(set));
  }
}

TEST(GatewayApiParseTest, IstiosOwnGatewayKindIsNotThisOne) {
  const ParseResult parsed = Parse(R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: istio-gw}
spec: {selector: {istio: ingressgateway}}
)");
  EXPECT_TRUE(parsed.resources.gateways.empty());
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].severity, Severity::kInfo);
  EXPECT_THAT(parsed.diagnostics[0].message,
              HasSubstr("ingresskit does not use Gateway"));
}

// Each invalid object is left out with its errors.
TEST(GatewayApiParseTest, TheApiServersRulesNameTheField) {
  const ParseResult parsed = Parse(R"(apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bad}
spec:
  parentRefs: [{namespace: x}]
  hostnames: [A.example.com, 10.0.0.1]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /a//b}
    - path: {type: Exact, value: "/a#b"}
    - path: {type: Exact, value: no-slash}
    - path: {type: Exact, value: "/a b"}
    - path: {type: Regex, value: /x}
    backendRefs: [{name: svc}]
  - bogus: 1
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: http, port: 0, protocol: HTTPS}
)");
  EXPECT_TRUE(parsed.resources.http_routes.empty());
  EXPECT_TRUE(parsed.resources.gateways.empty());
  const auto& d = parsed.diagnostics;
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.parentRefs[0].name", "required")))
      << Describe(d);
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError, "spec.hostnames[0]",
                                       "lowercase")));
  EXPECT_THAT(
      d, Contains(IsDiagnostic(Severity::kError, "spec.hostnames[1]", "IP")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.rules[0].matches[0].path.value",
                                       "must not contain '//'")));
  EXPECT_THAT(
      d, Contains(IsDiagnostic(Severity::kError,
                               "spec.rules[0].matches[1].path.value", "'#'")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.rules[0].matches[2].path.value",
                                       "must start with '/'")));
  EXPECT_THAT(
      d, Contains(IsDiagnostic(Severity::kError,
                               "spec.rules[0].matches[3].path.value", "' '")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.rules[0].matches[4].path.type",
                                       "\"Regex\"")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.rules[0].backendRefs[0].port",
                                       "required")));
  EXPECT_THAT(d,
              Contains(IsDiagnostic(Severity::kWarning, "spec.rules[1].bogus",
                                    "unknown field")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.gatewayClassName", "required")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.listeners[1].name", "unique")));
  EXPECT_THAT(d,
              Contains(IsDiagnostic(Severity::kError, "spec.listeners[1].port",
                                    "out of range")));
  EXPECT_THAT(d, Contains(IsDiagnostic(Severity::kError,
                                       "spec.listeners[1].tls.certificateRefs",
                                       "HTTPS")));
  for (const Diagnostic& diagnostic : d) {
    EXPECT_TRUE(diagnostic.object == "HTTPRoute default/bad" ||
                diagnostic.object == "Gateway default/gw")
        << diagnostic.object;
  }
}

TEST(GatewayApiParseTest, OnlyTheGatewayApiVersionsAreRead) {
  const ParseResult parsed =
      Parse(R"(apiVersion: gateway.networking.k8s.io/v1alpha2
kind: HTTPRoute
metadata: {name: old}
spec: {}
)");
  EXPECT_TRUE(parsed.resources.http_routes.empty());
  ASSERT_FALSE(parsed.diagnostics.empty());
  EXPECT_EQ(parsed.diagnostics[0].code, ErrorCode::kUnsupported);
  EXPECT_THAT(parsed.diagnostics[0].message,
              HasSubstr("gateway.networking.k8s.io/v1, "
                        "gateway.networking.k8s.io/v1beta1"));
}

// Route kinds out of scope are named, never silently dropped.
TEST(GatewayApiParseTest, OtherRouteKindsAreSaidToBeSkipped) {
  const ParseResult parsed = Parse(R"(apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: g}
spec: {}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata: {name: t}
spec: {}
)");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.diagnostics.size(), 2u) << Describe(parsed.diagnostics);
  EXPECT_EQ(parsed.diagnostics[0].object, "GRPCRoute default/g");
  EXPECT_THAT(parsed.diagnostics[0].message, HasSubstr("skipped"));
  EXPECT_EQ(parsed.diagnostics[1].object, "TLSRoute default/t");
}

}  // namespace
}  // namespace ingresskit

namespace ingresskit {
namespace {

// Several named files: Gateway API objects come through like every kind,
// and HTTPRoutes without Ingresses compile under gateway-api semantics,
// each rule left out saying why, in its file.
TEST(GatewayApiParseTest, NamedSourcesKeepThemAndCompileThem) {
  const Source sources[] = {{"gateway.yaml", kGatewayAndRoute}};
  const ParseResult parsed = Parse(sources);
  EXPECT_EQ(parsed.resources.gateways.size(), 1u);
  EXPECT_EQ(parsed.resources.http_routes.size(), 1u);
  const CompileResult compiled = Compile(sources);
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(compiled.table.config().semantics, Semantics::kGatewayApi);
  EXPECT_EQ(compiled.table.route_count(), 0u);
  EXPECT_THAT(compiled.diagnostics,
              Contains(IsDiagnostic(Severity::kWarning, "spec.rules[0]",
                                    "header matches")));
  EXPECT_THAT(
      compiled.diagnostics,
      Contains(IsDiagnostic(Severity::kWarning, "spec.rules[1]", "filters")));
  for (const Diagnostic& d : compiled.diagnostics) {
    EXPECT_EQ(d.source, "gateway.yaml") << d.ToString();
  }
}

// With Ingresses in the input, the Ingress semantics route them and say
// that the HTTPRoutes are not routed; gateway-api does the reverse.
TEST(GatewayApiParseTest, OneInputTwoApisEachSemanticsRoutesItsOwn) {
  const std::string text = std::string(kGatewayAndRoute) + R"(---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.example.com
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
)";
  const CompileResult istio = Compile(text);
  ASSERT_TRUE(istio.ok());
  EXPECT_EQ(istio.table.route_count(), 1u);
  EXPECT_THAT(istio.diagnostics,
              Contains(IsDiagnostic(Severity::kInfo, "",
                                    "not routed under istio semantics")));
  CompileOptions options;
  options.semantics = Semantics::kGatewayApi;
  const CompileResult gateway = Compile(text, options);
  ASSERT_TRUE(gateway.ok());
  EXPECT_THAT(gateway.diagnostics,
              Contains(IsDiagnostic(Severity::kInfo, "",
                                    "not routed under gateway-api")));
}

}  // namespace
}  // namespace ingresskit
