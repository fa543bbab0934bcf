// A route's endpoints and their outcome (docs/semantics.md §4), worked out
// when the table is compiled: ready endpoints of the Service port's name,
// EndpointSlices first, the Endpoints object as the fallback.
#include <string>

#include "ingresskit/ingresskit.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Ingress `web` routes a.example.com/ to Service `web` port 80 (named
// http, targetPort http), and /x to Service `ghost`, which does not exist.
constexpr char kIngress[] = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.example.com
    http:
      paths:
      - {path: /x, pathType: Prefix, backend: {service: {name: ghost, port: {number: 80}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: admin, port: 9000, targetPort: 9000}
)";

const RouteDestination& DestinationOf(const CompileResult& compiled,
                                      std::string_view path) {
  MatchResult m = compiled.table.Match("a.example.com", path);
  EXPECT_TRUE(m.matched()) << path;
  static const RouteDestination kNone;
  return m.matched() ? m.route->destination : kNone;
}

CompileResult CompileWith(std::string_view more) {
  CompileResult compiled =
      Compile(std::string(kIngress) + "---\n" + std::string(more));
  EXPECT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  return compiled;
}

TEST(EndpointsTest, WithoutEndpointDataTheOutcomeIsUnknown) {
  CompileResult compiled = Compile(kIngress);
  const RouteDestination& d = DestinationOf(compiled, "/");
  EXPECT_EQ(d.endpoint_status, EndpointStatus::kUnknown);
  EXPECT_THAT(d.endpoints, IsEmpty());
  EXPECT_EQ(ToString(d.endpoint_status), "unknown");
}

TEST(EndpointsTest, ReadyEndpointsOfThePortOfTheServicePortsName) {
  CompileResult compiled = CompileWith(R"(apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- addresses: [10.0.0.9]
  conditions: {ready: true}
- addresses: [10.0.0.3]
- addresses: [10.0.0.7]
  conditions: {ready: false, terminating: true}
ports: [{name: admin, port: 9000}, {name: http, port: 8080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-2, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv6
endpoints:
- addresses: ["2001:db8::2"]
ports: [{name: http, port: 8080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: other, namespace: elsewhere, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints: [{addresses: [10.9.9.9]}]
ports: [{name: http, port: 8080}]
)");
  const RouteDestination& d = DestinationOf(compiled, "/");
  EXPECT_EQ(d.endpoint_status, EndpointStatus::kReady);
  // The port is the slice's (the resolved targetPort), not the Service's;
  // not-ready and terminating endpoints are left out; sorted.
  EXPECT_THAT(d.endpoints, ElementsAre("10.0.0.3:8080", "10.0.0.9:8080",
                                       "[2001:db8::2]:8080"));
  // Service ghost does not exist, and the input has endpoint data.
  const RouteDestination& ghost = DestinationOf(compiled, "/x");
  EXPECT_EQ(ghost.endpoint_status, EndpointStatus::kNoReadyEndpoints);
  EXPECT_THAT(ghost.endpoints, IsEmpty());
}

TEST(EndpointsTest, UnnamedPortsMatchUnnamedOnes) {
  CompileResult compiled = Compile(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: one, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: one, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: one}
spec: {ports: [{port: 80, targetPort: 8000}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: one-x, labels: {kubernetes.io/service-name: one}}
addressType: IPv4
endpoints: [{addresses: [10.0.0.1]}]
ports: [{port: 8000}]
)");
  ASSERT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  MatchResult m = compiled.table.Match("any.host", "/");
  ASSERT_TRUE(m.matched());
  EXPECT_THAT(m.route->destination.endpoints, ElementsAre("10.0.0.1:8000"));
}

TEST(EndpointsTest, NoReadyEndpointIsItsOwnOutcome) {
  CompileResult compiled = CompileWith(R"(apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints: [{addresses: [10.0.0.1], conditions: {ready: false}}]
ports: [{name: http, port: 8080}]
)");
  const RouteDestination& d = DestinationOf(compiled, "/");
  EXPECT_EQ(d.endpoint_status, EndpointStatus::kNoReadyEndpoints);
  EXPECT_EQ(ToString(d.endpoint_status), "no-ready-endpoints");
}

TEST(EndpointsTest, EndpointsObjectIsTheFallbackWithoutSlices) {
  CompileResult compiled = CompileWith(R"(apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: shop}
subsets:
- addresses: [{ip: 10.1.0.2}, {ip: 10.1.0.1}]
  notReadyAddresses: [{ip: 10.1.0.9}]
  ports: [{name: http, port: 8081}, {name: admin, port: 9000}]
)");
  EXPECT_THAT(DestinationOf(compiled, "/").endpoints,
              ElementsAre("10.1.0.1:8081", "10.1.0.2:8081"));
}

TEST(EndpointsTest, AnExternalNameServiceIsItsName) {
  CompileResult compiled = Compile(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ext, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: ext, port: {number: 443}}}}
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: api.example.net}
)");
  ASSERT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  MatchResult m = compiled.table.Match("h", "/");
  ASSERT_TRUE(m.matched());
  EXPECT_EQ(m.route->destination.endpoint_status, EndpointStatus::kReady);
  EXPECT_THAT(m.route->destination.endpoints,
              ElementsAre("api.example.net:443"));
}

// Objects built by hand without a namespace live in `default`, for the
// endpoint lookup as for the Ingress that routes to them.
TEST(EndpointsTest, ObjectsBuiltWithoutANamespaceAreInDefault) {
  ParseResult parsed = Parse(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports:
  - {name: http, port: 80, targetPort: http}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- addresses: [10.0.0.9]
ports: [{name: http, port: 8080}]
)");
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.diagnostics);
  ResourceSet resources = parsed.resources;
  resources.ingresses[0].metadata.namespace_name.clear();
  resources.services[0].metadata.namespace_name.clear();
  resources.endpoint_slices[0].metadata.namespace_name.clear();
  CompileResult compiled = Compile(resources);
  ASSERT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  const RouteDestination& d = DestinationOf(compiled, "/");
  EXPECT_EQ(d.endpoint_status, EndpointStatus::kReady);
  EXPECT_THAT(d.endpoints, ElementsAre("10.0.0.9:8080"));
}

}  // namespace
}  // namespace ingresskit
