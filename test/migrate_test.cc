// Migration to Gateway API (migrate.h): the cases a one-to-one conversion
// gets wrong, each decided three ways (Istio on the Ingresses, Gateway API
// on a naive conversion, Gateway API on migrate's output); the proof; the
// shape of the objects; and a property over random Ingress sets.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ingresskit/ingresskit.h"
#include "random_ingress.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// "404", "500", or the Service that serves the request.
std::string Decision(const RouteTable& table, std::string_view host,
                     std::string_view path) {
  const MatchResult m = table.Match(host, path);
  switch (m.status) {
    case MatchStatus::kMatched:
      return m.route->destination.service;
    case MatchStatus::kBackendUnresolved:
      return "500";
    default:
      return std::to_string(HttpStatus(m.status));
  }
}

CompileResult CompileOk(std::string_view text, Semantics semantics) {
  CompileOptions options;
  options.semantics = semantics;
  CompileResult compiled = Compile(text, options);
  EXPECT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  return compiled;
}

RouteTable Migrated(const MigrateResult& result,
                    const std::vector<Service>& services = {}) {
  ResourceSet set;
  set.gateways.push_back(result.objects.gateway);
  set.http_routes = result.objects.http_routes;
  set.services = services;
  CompileOptions options;
  options.semantics = Semantics::kGatewayApi;
  CompileResult compiled = Compile(set, options);
  EXPECT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  return compiled.table;
}

// A Gateway like ingress2gateway's: one listener per host, routes from
// the route's namespace, and a catch-all listener.
constexpr char kNaiveGateway[] = R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: istio, namespace: default}
spec:
  gatewayClassName: istio
  listeners:
  - {name: a-com-http, hostname: a.com, port: 80, protocol: HTTP}
  - {name: example-com-http, hostname: "*.example.com", port: 80, protocol: HTTP}
  - {name: http, port: 80, protocol: HTTP}
)";

constexpr char kIngressHeader[] = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  annotations: {kubernetes.io/ingress.class: istio}
  namespace: default
)";

struct NaiveCase {
  const char* name;
  std::string ingresses;  // Each document starts after kIngressHeader.
  std::string naive;      // HTTPRoutes for kNaiveGateway.
  const char* host;
  const char* path;
  const char* istio;  // What Istio does with the Ingresses.
  const char* naive_decision;
};

std::string Ingresses(std::initializer_list<std::string_view> bodies) {
  std::string out;
  for (std::string_view body : bodies) {
    out += std::string(kIngressHeader) + std::string(body) + "\n---\n";
  }
  return out;
}

std::string Route(std::string_view name, std::string_view body) {
  return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n"
         "metadata: {name: " +
         std::string(name) +
         ", namespace: default}\nspec:\n  parentRefs: [{name: istio}]\n" +
         std::string(body) + "\n---\n";
}

// The table of the issue (and ../shared/research/gateway-api.md §5).
std::vector<NaiveCase> NaiveCases() {
  const std::string service =
      "apiVersion: v1\nkind: Service\nmetadata: {name: svc-x, namespace: "
      "default}\nspec:\n  ports: [{name: http, port: 80}]\n---\n"
      "apiVersion: v1\nkind: Service\nmetadata: {name: svc-c, namespace: "
      "default}\nspec:\n  ports: [{port: 80}]\n---\n";
  return {
      {"ExactLosesToALongerPrefix", Ingresses({R"(  name: one
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /foo, pathType: Exact, backend: {service: {name: svc-a, port: {number: 80}}}}
      - {path: /foo/, pathType: Prefix, backend: {service: {name: svc-b, port: {number: 80}}}})"}),
       Route("one-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: Exact, value: /foo}}]
    backendRefs: [{name: svc-a, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /foo/}}]
    backendRefs: [{name: svc-b, port: 80}])"),
       "a.com", "/foo", "svc-b", "svc-a"},
      {"TrailingSlashCountsInIstio",
       Ingresses({R"(  name: one
  creationTimestamp: "2024-01-01T00:00:00Z"
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /foo, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}})",
                  R"(  name: two
  creationTimestamp: "2024-02-01T00:00:00Z"
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /foo/, pathType: Prefix, backend: {service: {name: svc-b, port: {number: 80}}}})"}),
       Route("one-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo}}]
    backendRefs: [{name: svc-a, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /foo/}}]
    backendRefs: [{name: svc-b, port: 80}])"),
       "a.com", "/foo/x", "svc-b", "svc-a"},
      {"GlobIsAPrefixForIstio", Ingresses({R"(  name: one
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /foo/*, pathType: ImplementationSpecific, backend: {service: {name: svc-a, port: {number: 80}}}})"}),
       Route("one-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo/*}}]
    backendRefs: [{name: svc-a, port: 80}])"),
       "a.com", "/foo/bar", "svc-a", "404"},
      {"PlainImplementationSpecificIsExact", Ingresses({R"(  name: one
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /foo, pathType: ImplementationSpecific, backend: {service: {name: svc-a, port: {number: 80}}}})"}),
       Route("one-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo}}]
    backendRefs: [{name: svc-a, port: 80}])"),
       "a.com", "/foo/bar", "404", "svc-a"},
      {"NoFallThroughToTheHostlessRules",
       Ingresses({R"(  name: one
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /app, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}})",
                  R"(  name: two
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-c, port: {number: 80}}}})"}),
       Route("one-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /app}}]
    backendRefs: [{name: svc-a, port: 80}])") +
           Route("two-all-hosts", R"(  rules:
  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs: [{name: svc-c, port: 80}])"),
       "a.com", "/other", "404", "svc-c"},
      {"DefaultBackendIsIgnored", Ingresses({R"(  name: one
spec:
  defaultBackend: {service: {name: svc-d, port: {number: 80}}}
  rules:
  - host: a.com
    http:
      paths:
      - {path: /app, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}})"}),
       Route("one-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /app}}]
    backendRefs: [{name: svc-a, port: 80}])") +
           Route("one-default-backend", R"(  rules:
  - backendRefs: [{name: svc-d, port: 80}])"),
       "a.com", "/other", "404", "svc-d"},
      {"TheOlderIngressWinsADuplicate",
       Ingresses({R"(  name: beta
  creationTimestamp: "2024-01-01T00:00:00Z"
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: svc-old, port: {number: 80}}}})",
                  R"(  name: alpha
  creationTimestamp: "2024-02-01T00:00:00Z"
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: svc-new, port: {number: 80}}}})"}),
       // Applied together: the same creation time, so names decide.
       Route("alpha-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: svc-new, port: 80}])") +
           Route("beta-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: svc-old, port: 80}])"),
       "a.com", "/api", "svc-old", "svc-new"},
      {"ApexAndWildcardBothKeepTheirRoutes", Ingresses({R"(  name: one
spec:
  rules:
  - host: example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}}
  - host: "*.example.com"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-b, port: {number: 80}}}})"}),
       // Both slug to one-example-com: the wildcard's route overwrote the
       // apex's.
       Route("one-example-com", R"(  hostnames: ["*.example.com"]
  rules:
  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs: [{name: svc-b, port: 80}])"),
       "example.com", "/", "svc-a", "404"},
      {"APathOfAnUnresolvedPortIsDropped", service + Ingresses({R"(  name: one
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /x, pathType: Prefix, backend: {service: {name: svc-x, port: {name: web}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: svc-c, port: {number: 80}}}})"}),
       service + Route("one-a-com", R"(  hostnames: [a.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /x}}]
    backendRefs: [{name: svc-x, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs: [{name: svc-c, port: 80}])"),
       "a.com", "/x/1", "svc-c", "500"},
  };
}

void PrintTo(const NaiveCase& c, std::ostream* os) { *os << c.name; }

class NaiveConversionTest : public ::testing::TestWithParam<NaiveCase> {};

TEST_P(NaiveConversionTest, MigrateKeepsIstiosDecisionWhereNaiveDoesNot) {
  const NaiveCase& c = GetParam();
  const CompileResult istio = CompileOk(c.ingresses, Semantics::kIstio);
  EXPECT_EQ(Decision(istio.table, c.host, c.path), c.istio);

  const CompileResult naive = CompileOk(
      std::string(kNaiveGateway) + "---\n" + c.naive, Semantics::kGatewayApi);
  EXPECT_EQ(Decision(naive.table, c.host, c.path), c.naive_decision);

  const MigrateResult migrated = Migrate(c.ingresses);
  ASSERT_TRUE(migrated.ok()) << Describe(migrated.diagnostics);
  EXPECT_TRUE(migrated.equivalent()) << MigrateReport(migrated);
  const ParseResult input = Parse(c.ingresses);
  EXPECT_EQ(
      Decision(Migrated(migrated, input.resources.services), c.host, c.path),
      c.istio);
  // And the naive conversion is caught by the same diff migrate's proof
  // runs.
  EXPECT_FALSE(Diff(istio.table, naive.table).changes.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, NaiveConversionTest,
                         ::testing::ValuesIn(NaiveCases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(MigrateTest, LeftOutPathsAndDefaultBackendsAreWarnedOnTheIngressField) {
  const MigrateResult result = Migrate(NaiveCases()[0].ingresses);
  ASSERT_TRUE(result.equivalent()) << MigrateReport(result);
  EXPECT_THAT(
      result.objects.diagnostics,
      ::testing::ElementsAre(::testing::AllOf(
          ::testing::Field(&Diagnostic::object, "Ingress default/one"),
          ::testing::Field(&Diagnostic::field,
                           "spec.rules[0].http.paths[0].path"),
          ::testing::Field(&Diagnostic::message,
                           HasSubstr("Istio routes no request to it")),
          ::testing::Field(&Diagnostic::severity, Severity::kWarning))));
  const MigrateResult with_default = Migrate(NaiveCases()[5].ingresses);
  bool warned = false;
  for (const Diagnostic& d : with_default.diagnostics) {
    warned |= d.field == "spec.defaultBackend" &&
              d.message.find("Istio does not route") != std::string::npos;
  }
  EXPECT_TRUE(warned) << Describe(with_default.diagnostics);
}

TEST(MigrateTest, OneRoutePerHostAndNamespacePinnedToItsListeners) {
  const MigrateResult result = Migrate(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  tls: [{hosts: [a.com], secretName: a-cert}]
  rules:
  - host: a.com
    http:
      paths:
      - {path: /static, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /img, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 8080}}}}
  - host: "*.a.com"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: api, namespace: team, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 9000}}}}
)");
  ASSERT_TRUE(result.equivalent()) << MigrateReport(result);
  const GatewayResource& gateway = result.objects.gateway;
  EXPECT_EQ(gateway.metadata.namespace_name, "istio-system");
  EXPECT_EQ(gateway.spec.gateway_class_name, "istio");
  ASSERT_EQ(gateway.spec.listeners.size(), 2u);
  EXPECT_EQ(gateway.spec.listeners[0].name, "http");
  EXPECT_EQ(gateway.spec.listeners[0].allowed_routes, AllowedRoutes::kAll);
  EXPECT_EQ(gateway.spec.listeners[1].name, "https-a-com");
  EXPECT_EQ(gateway.spec.listeners[1].hostname, "a.com");
  EXPECT_EQ(gateway.spec.listeners[1].certificate_refs.at(0).name, "a-cert");

  std::map<std::string, const HttpRouteResource*> routes;
  for (const HttpRouteResource& r : result.objects.http_routes) {
    routes[r.metadata.namespace_name + "/" + r.metadata.name] = &r;
  }
  ASSERT_EQ(routes.size(), 3u);
  const HttpRouteResource& shop = *routes.at("shop/a.com");
  ASSERT_EQ(shop.spec.parent_refs.size(), 2u);
  EXPECT_EQ(shop.spec.parent_refs[0].section_name, "http");
  EXPECT_EQ(shop.spec.parent_refs[1].section_name, "https-a-com");
  // Consecutive paths to one backend share a rule, in Istio's order.
  ASSERT_EQ(shop.spec.rules.size(), 2u);
  EXPECT_EQ(shop.spec.rules[0].matches.size(), 2u);
  EXPECT_EQ(shop.spec.rules[0].matches[0].path_value, "/static");
  EXPECT_EQ(shop.spec.rules[1].backend_refs.at(0).name, "shop");
  EXPECT_EQ(shop.spec.rules[1].backend_refs.at(0).port, 8080);
  // The wildcard's name never collides with the apex's.
  const HttpRouteResource& wildcard = *routes.at("shop/wildcard.a.com");
  EXPECT_EQ(wildcard.spec.hostnames.at(0), "*.a.com");
  // *.a.com does not cover a.com: no HTTPS listener for it.
  ASSERT_EQ(wildcard.spec.parent_refs.size(), 1u);
  EXPECT_EQ(routes.at("team/a.com")->spec.rules.at(0).backend_refs.at(0).name,
            "api");

  // What it writes reads back as it was made.
  const ParseResult back = Parse(GatewayApiYaml(result.objects));
  ASSERT_TRUE(back.ok()) << Describe(back.diagnostics);
  EXPECT_THAT(back.diagnostics, IsEmpty());
  ASSERT_EQ(back.resources.gateways.size(), 1u);
  EXPECT_EQ(back.resources.http_routes.size(), 3u);
  EXPECT_EQ(GatewayApiDocuments(result.objects).size(), 4u);
}

TEST(MigrateTest, TheProofListsWhatGatewayApiCannotSay) {
  CompileOptions options;
  options.glob_prefix = GlobPrefix::kString;
  const MigrateResult result = Migrate(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: one, namespace: default, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /api.*, pathType: ImplementationSpecific, backend: {service: {name: api, port: {number: 80}}}}
)",
                                       options);
  ASSERT_TRUE(result.ok()) << Describe(result.diagnostics);
  EXPECT_FALSE(result.equivalent());
  ASSERT_FALSE(result.proof.changes.empty());
  EXPECT_EQ(result.proof.changes[0].kind, ChangeKind::kNow404);
  EXPECT_THAT(MigrateReport(result), HasSubstr("not equivalent"));
  EXPECT_THAT(MigrateReport(result), HasSubstr("string prefix"));
}

TEST(MigrateTest, AMissingServiceIsAChangeTheProofShows) {
  // Istio routes to a Service that is not there (503 at the proxy);
  // Gateway API answers 500 for the rule.
  const MigrateResult result = Migrate(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: one, namespace: default, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: gone, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: default}
spec:
  ports: [{port: 80}]
)");
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result.equivalent());
  ASSERT_FALSE(result.proof.changes.empty());
  EXPECT_EQ(result.proof.changes[0].new_decision.http_status, 500);
}

// istio/istio#24385: a host whose oldest Ingress has no TLS answers 404
// over HTTPS under Istio. Migration serves it; the proof (plain HTTP) still
// says equivalent, and the report lists the HTTPS requests that change.
TEST(MigrateTest, HttpsDifferencesAreListedBesideTheProof) {
  const MigrateResult result = Migrate(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: beta, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z", annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.com
    http:
      paths:
      - {path: /beta, pathType: Prefix, backend: {service: {name: beta, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: alpha, namespace: default, creationTimestamp: "2024-02-01T00:00:00Z", annotations: {kubernetes.io/ingress.class: istio}}
spec:
  tls: [{hosts: [a.com], secretName: a-cert}]
  rules:
  - host: a.com
    http:
      paths:
      - {path: /alpha, pathType: Prefix, backend: {service: {name: alpha, port: {number: 80}}}}
)");
  ASSERT_TRUE(result.equivalent()) << MigrateReport(result);
  ASSERT_FALSE(result.https_differences.empty());
  bool alpha = false;
  for (const HttpsDifference& d : result.https_differences) {
    EXPECT_EQ(d.host, "a.com");
    EXPECT_TRUE(d.istio.handshake);
    EXPECT_EQ(d.istio.decision.route, nullptr);  // 404 under Istio.
    ASSERT_NE(d.migrated.decision.route, nullptr);
    alpha |= d.path == "/alpha" &&
             d.migrated.decision.route->destination.service == "alpha";
  }
  EXPECT_TRUE(alpha);
  EXPECT_THAT(MigrateReport(result),
              HasSubstr("https://a.com/alpha  404 -> "
                        "alpha.default.svc.cluster.local:80"));
  // A single Ingress with TLS answers alike over HTTPS.
  EXPECT_THAT(
      Migrate(testing::ReadFileOrDie(INGRESSKIT_TEST_DIR
                                     "/golden/migrate/httpbin-tls.in.yaml"))
          .https_differences,
      IsEmpty());
}

TEST(MigrateTest, BadOptionsAndOtherSemanticsAreRefused) {
  MigrateOptions bad;
  bad.gateway_name = "Not A Name";
  MigrateResult result = Migrate(NaiveCases()[0].ingresses, {}, bad);
  EXPECT_EQ(result.status, ErrorCode::kValidation);
  EXPECT_EQ(result.diagnostics.back().field, "gateway_name");
  CompileOptions kubernetes;
  kubernetes.semantics = Semantics::kKubernetes;
  result = Migrate(NaiveCases()[0].ingresses, kubernetes);
  EXPECT_EQ(result.status, ErrorCode::kUnsupported);
  EXPECT_FALSE(result.equivalent());
  // A table of another semantics has no gateway-api rendering either.
  EXPECT_FALSE(
      GeneratesFor(CompileOk(NaiveCases()[0].ingresses, Semantics::kKubernetes)
                       .table.config(),
                   OutputFormat::kGatewayApiYaml));
}

TEST(MigrateTest, GenerateWritesWhatMigrateWrites) {
  const std::string input = NaiveCases()[4].ingresses;
  const CompileResult compiled = CompileOk(input, Semantics::kIstio);
  ASSERT_TRUE(
      GeneratesFor(compiled.table.config(), OutputFormat::kGatewayApiYaml));
  EXPECT_EQ(Generate(compiled.table.config(), OutputFormat::kGatewayApiYaml),
            GatewayApiYaml(Migrate(input).objects));
}

// The property: for random Ingress sets the proof says equivalent, and
// random requests are decided alike by the Ingress table and the table of
// migrate's output.
TEST(MigrateTest, RandomIngressSetsMigrateEquivalently) {
  size_t routed = 0;
  for (int seed = 1; seed <= 60; ++seed) {
    testing::RandomIngress gen(static_cast<uint64_t>(seed));
    ResourceSet set = gen.Resources(1 + gen.Pick(8));
    // An older copy of one Ingress in a namespace that sorts last, to
    // other Services: duplicates Istio gives to the copy, and Gateway API
    // would give to the original if both were written out.
    Ingress copy = set.ingresses[gen.Pick(set.ingresses.size())];
    copy.metadata.name += "-copy";
    copy.metadata.namespace_name = "zz";
    copy.metadata.creation_timestamp = Timestamp{-1, 0};
    for (IngressRule& rule : copy.spec.rules) {
      for (HttpIngressPath& path : rule.http->paths) {
        path.backend.service->name += "-copy";
      }
    }
    set.ingresses.push_back(std::move(copy));
    CompileOptions options;  // The generator's Ingresses name no class.
    options.controller_mode = ControllerMode::kDefault;
    const MigrateResult result = Migrate(set, options);
    ASSERT_TRUE(result.ok()) << "seed " << seed;
    EXPECT_TRUE(result.equivalent()) << "seed " << seed << "\n"
                                     << MigrateReport(result);
    const CompileResult ingresses = Compile(set, options);
    const RouteTable migrated = Migrated(result);
    for (int i = 0; i < 300; ++i) {
      auto [host, path] = gen.Request(ingresses.table.config());
      const std::string decision = Decision(ingresses.table, host, path);
      EXPECT_EQ(decision, Decision(migrated, host, path))
          << "seed " << seed << ": " << host << path;
      routed += decision != "404" && decision != "400";
    }
  }
  EXPECT_GT(routed, 60u * 300u / 3);  // Mostly requests that route.
}

// Golden files (test/golden/migrate/): for each `<case>.in.yaml`, the
// objects (`<case>.gateway-api.yaml`) and the report (`<case>.report.txt`)
// must match byte for byte; every case migrates equivalently. To
// regenerate after an intended change, run with INGRESSKIT_UPDATE_GOLDEN=1
// and review the diff.
namespace fs = std::filesystem;

const fs::path kGoldenDir =
    fs::path(INGRESSKIT_TEST_DIR) / "golden" / "migrate";

std::vector<std::string> GoldenCases() {
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(kGoldenDir)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".in.yaml"))
      cases.push_back(name.substr(0, name.size() - 8));
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class MigrateGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MigrateGoldenTest, ObjectsAndReportMatch) {
  const std::string name = GetParam();
  const std::string input =
      testing::ReadFileOrDie((kGoldenDir / (name + ".in.yaml")).string());
  const MigrateResult result = Migrate(input);
  ASSERT_TRUE(result.ok()) << Describe(result.diagnostics);
  EXPECT_TRUE(result.equivalent()) << MigrateReport(result);
  testing::CompareWithGolden(
      (kGoldenDir / (name + ".gateway-api.yaml")).string(),
      GatewayApiYaml(result.objects));
  testing::CompareWithGolden((kGoldenDir / (name + ".report.txt")).string(),
                             MigrateReport(result));
}

INSTANTIATE_TEST_SUITE_P(Cases, MigrateGoldenTest,
                         ::testing::ValuesIn(GoldenCases()),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace ingresskit
