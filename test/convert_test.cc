// Convert(): one test per rule of docs/semantics.md §1–§6, named after it.
#include "ingresskit/gateway.h"
#include "ingresskit/parse.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::ingresskit::testing::OfSeverity;
using ::ingresskit::testing::ParseClean;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Ingress `name` with the given rules (each a Rule()), extra metadata and
// spec lines; a YAML document ending in its separator, so that texts join.
std::string IngressYaml(std::string_view name, std::string_view rules,
                        std::string_view metadata_extra = "",
                        std::string_view spec_extra = "") {
  testing::TestIngress ingress;
  ingress.name = std::string(name);
  ingress.metadata = std::string(metadata_extra);
  ingress.spec = std::string(spec_extra);
  ingress.rules_yaml = std::string(rules);
  return testing::Yaml(ingress) + "---\n";
}

// A rule with one path, as YAML lines; host and path are plain strings
// (quoted here).
std::string Rule(std::string_view host, std::string_view path,
                 std::string_view type, std::string_view service = "web",
                 std::string_view port = "{number: 80}") {
  return testing::RuleYaml(testing::TestRule{
      host.empty() ? "" : testing::Quoted(host),
      {testing::TestPath{testing::Quoted(path), std::string(type),
                         testing::ServiceBackend(service, port)}},
      ""});
}

ConvertResult ConvertText(std::string_view text, CompileOptions options = {}) {
  options.controller_mode = ControllerMode::kDefault;
  return Convert(ParseClean(text), options);
}

const VirtualService& OnlyHost(const ConvertResult& result) {
  EXPECT_THAT(result.config.virtual_services, SizeIs(1))
      << Describe(result.diagnostics);
  return result.config.virtual_services.at(0);
}

std::vector<std::string> RouteValues(const VirtualService& vs) {
  std::vector<std::string> out;
  for (const HttpRoute& r : vs.routes) {
    out.push_back(std::string(ToString(r.match.type)) + ":" + r.match.value);
  }
  return out;
}

// §2.1 -------------------------------------------------------------------

struct ClassCase {
  ControllerMode mode;
  std::string annotation;  // Empty: none.
  std::string class_name;  // Empty: none.
  bool served;
};

TEST(ConvertTest, ClassSelectionFollowsAnnotationThenIngressClassThenMode) {
  const std::string classes = R"(apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: istio}
spec: {controller: istio.io/ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: other}
spec: {controller: example.com/other}
---
)";
  using M = ControllerMode;
  for (const ClassCase& c : {
           ClassCase{M::kDefault, "istio", "", true},
           ClassCase{M::kStrict, "istio", "", true},
           ClassCase{M::kOff, "istio", "", false},
           ClassCase{M::kDefault, "nginx", "", false},
           ClassCase{M::kStrict, "nginx", "istio", false},  // Annotation wins.
           ClassCase{M::kStrict, "istio", "other", true},
           ClassCase{M::kOff, "", "istio", true},  // Mode not consulted.
           ClassCase{M::kDefault, "", "other", false},
           ClassCase{M::kDefault, "", "", true},
           ClassCase{M::kStrict, "", "", false},
           ClassCase{M::kDefault, "", "missing", true},
           ClassCase{M::kStrict, "", "missing", false},
       }) {
    SCOPED_TRACE(std::string(ToString(c.mode)) + " annotation=" + c.annotation +
                 " class=" + c.class_name);
    std::string meta =
        c.annotation.empty()
            ? ""
            : "  annotations: {kubernetes.io/ingress.class: " + c.annotation +
                  "}\n";
    std::string spec = c.class_name.empty()
                           ? ""
                           : "  ingressClassName: " + c.class_name + "\n";
    CompileOptions options;
    options.controller_mode = c.mode;
    ConvertResult result = Convert(
        ParseClean(classes + IngressYaml("ing",
                                         Rule("a.example.com", "/", "Prefix"),
                                         meta, spec)),
        options);
    EXPECT_EQ(result.config.gateways.size(), c.served ? 1u : 0u);
    if (!c.served) {
      EXPECT_THAT(result.diagnostics,
                  Contains(AllOf(Field(&Diagnostic::severity, Severity::kInfo),
                                 Field(&Diagnostic::message,
                                       HasSubstr("not served by Istio")))));
    }
  }
}

TEST(ConvertTest, IngressClassOptionNamesTheAnnotationValue) {
  CompileOptions options;
  options.ingress_class = "internal";
  options.controller_mode = ControllerMode::kStrict;
  ResourceSet set = ParseClean(
      IngressYaml("ing", Rule("a.example.com", "/", "Prefix"),
                  "  annotations: {kubernetes.io/ingress.class: internal}\n"));
  EXPECT_THAT(Convert(set, options).config.gateways, SizeIs(1));
  options.ingress_class = "istio";
  EXPECT_THAT(Convert(set, options).config.gateways, IsEmpty());
}

TEST(ConvertTest, AnnotationAndIngressClassNameBothSetIsAWarning) {
  ConvertResult result = ConvertText(
      IngressYaml("ing", Rule("a.example.com", "/", "Prefix"),
                  "  annotations: {kubernetes.io/ingress.class: istio}\n",
                  "  ingressClassName: istio\n"));
  EXPECT_THAT(result.config.gateways, SizeIs(1));
  EXPECT_THAT(
      result.diagnostics,
      ElementsAre(IsDiagnostic(Severity::kWarning, "spec.ingressClassName",
                               "the annotation decides")));
}

// §2.2 -------------------------------------------------------------------

TEST(ConvertTest, ExactAndPrefixPathsAreVerbatim) {
  std::string rules = Rule("a.example.com", "/foo/", "Prefix") +
                      Rule("a.example.com", "/bar", "Exact") +
                      Rule("a.example.com", "/baz/*", "Prefix");
  EXPECT_THAT(RouteValues(OnlyHost(ConvertText(IngressYaml("ing", rules)))),
              ElementsAre("prefix:/baz/*", "prefix:/foo/", "exact:/bar"));
}

TEST(ConvertTest, LegacyGlobRuleForImplementationSpecificAndUnset) {
  struct Case {
    std::string path;
    std::string expected;
  };
  // `*` and `.*` are in the rule too, but the API server refuses them
  // (not absolute); path_conversion_test covers them.
  for (const Case& c :
       {Case{"", "any:"}, Case{"/*", "any:"}, Case{"/foo.*", "prefix:/foo"},
        Case{"/foo/*", "prefix:/foo"}, Case{"/foo/.*", "prefix:/foo/"},
        Case{"/", "exact:/"}, Case{"/foo*", "exact:/foo*"},
        Case{"/foo", "exact:/foo"}}) {
    for (std::string_view type : {"ImplementationSpecific", ""}) {
      SCOPED_TRACE(c.path + " " + std::string(type));
      std::string text =
          IngressYaml("ing", Rule("a.example.com", c.path, type));
      if (type.empty()) {
        text = testing::ReplaceOnce(text, "apiVersion: networking.k8s.io/v1\n",
                                    "apiVersion: networking.k8s.io/v1beta1\n");
        text = testing::ReplaceOnce(
            text, "{service: {name: web, port: {number: 80}}}",
            "{serviceName: web, servicePort: 80}");
      }
      EXPECT_THAT(RouteValues(OnlyHost(ConvertText(text))),
                  ElementsAre(c.expected));
    }
  }
}

TEST(ConvertTest, StringGlobPrefixKeepsTheSlashOfSlashStar) {
  CompileOptions options;
  options.glob_prefix = GlobPrefix::kString;
  std::string rules =
      Rule("a.example.com", "/foo/*", "ImplementationSpecific") +
      Rule("a.example.com", "/bar.*", "ImplementationSpecific") +
      Rule("a.example.com", "/baz", "Prefix");
  EXPECT_THAT(
      RouteValues(OnlyHost(ConvertText(IngressYaml("ing", rules), options))),
      ElementsAre("string_prefix:/foo/", "string_prefix:/bar", "prefix:/baz"));
}

// §2.3 -------------------------------------------------------------------

TEST(ConvertTest, RoutesAreGroupedByHostAcrossIngressesAndNamespaces) {
  std::string text =
      IngressYaml("b", Rule("shared.example.com", "/b", "Prefix")) +
      IngressYaml(
          "a",
          Rule("shared.example.com", "/a", "Prefix") + Rule("", "/x", "Prefix"),
          "  namespace: other\n");
  ConvertResult result = ConvertText(text);
  ASSERT_THAT(result.config.virtual_services, SizeIs(2));
  EXPECT_EQ(result.config.virtual_services[0].host, "*");
  EXPECT_EQ(result.config.virtual_services[1].host, "shared.example.com");
  EXPECT_THAT(result.config.virtual_services[1].routes, SizeIs(2));
}

TEST(ConvertTest, LongerMatchFirstThenExactBeforePrefixThenIngressOrder) {
  std::string rules = Rule("a.example.com", "/", "Prefix") +
                      Rule("a.example.com", "/foo", "Exact") +
                      Rule("a.example.com", "/foo/", "Prefix") +
                      Rule("a.example.com", "/bar", "Prefix") +
                      Rule("a.example.com", "/foo", "Prefix");
  EXPECT_THAT(RouteValues(OnlyHost(ConvertText(IngressYaml("ing", rules)))),
              ElementsAre("prefix:/foo/", "exact:/foo", "prefix:/bar",
                          "prefix:/foo", "prefix:/"));
}

TEST(ConvertTest, OlderIngressFirstAmongEqualsThenNameThenNamespace) {
  auto stamped = [](std::string_view name, std::string_view ns,
                    std::string_view stamp, std::string_view service) {
    return IngressYaml(name, Rule("a.example.com", "/same", "Prefix", service),
                       "  namespace: " + std::string(ns) +
                           "\n  creationTimestamp: \"" + std::string(stamp) +
                           "\"\n");
  };
  std::string text = stamped("zeta", "ns1", "2024-01-02T00:00:00Z", "newest") +
                     stamped("beta", "ns2", "2024-01-01T00:00:00Z", "second") +
                     stamped("beta", "ns1", "2024-01-01T00:00:00Z", "first") +
                     stamped("alpha", "ns1", "2024-01-01T00:00:01Z", "third");
  ConvertResult result = ConvertText(text);
  const VirtualService& vs = OnlyHost(result);
  std::vector<std::string> services;
  for (const HttpRoute& r : vs.routes)
    services.push_back(r.destination.service);
  EXPECT_THAT(services, ElementsAre("first", "second", "third", "newest"));
  // Named after the first Ingress in that order.
  EXPECT_EQ(vs.name, "a-example-com-beta-istio-autogenerated-k8s-ingress");
  EXPECT_EQ(vs.namespace_name, "ns1");
  // The later duplicates are reported, naming the winner.
  std::vector<Diagnostic> warnings =
      OfSeverity(result.diagnostics, Severity::kWarning);
  ASSERT_THAT(warnings, SizeIs(3));
  EXPECT_THAT(warnings[0].message,
              HasSubstr("duplicate of Ingress ns1/beta spec.rules[0]"));
  EXPECT_EQ(warnings[0].object, "Ingress ns2/beta");
}

TEST(ConvertTest, RoutesAfterTheFirstCatchAllAreUnreachable) {
  std::string rules = Rule("a.example.com", "/", "Prefix") +
                      Rule("a.example.com", "/*", "ImplementationSpecific");
  ConvertResult result = ConvertText(IngressYaml("ing", rules));
  const VirtualService& vs = OnlyHost(result);
  ASSERT_THAT(vs.routes, SizeIs(2));
  EXPECT_TRUE(vs.routes[0].reachable);
  EXPECT_FALSE(vs.routes[1].reachable);
  EXPECT_THAT(
      result.diagnostics,
      ElementsAre(IsDiagnostic(Severity::kWarning,
                               "spec.rules[1].http.paths[0]", "unreachable")));
}

TEST(ConvertTest, RulesWithoutHttpAreSkipped) {
  ConvertResult result =
      ConvertText(IngressYaml("ing", "  - host: a.example.com\n" +
                                         Rule("b.example.com", "/", "Prefix")));
  EXPECT_EQ(OnlyHost(result).host, "b.example.com");
}

// §2.4 -------------------------------------------------------------------

TEST(ConvertTest, DestinationHostAndClusterFromServiceNamespaceAndSuffix) {
  CompileOptions options;
  options.domain_suffix = "corp.local";
  ConvertResult result = ConvertText(
      IngressYaml("ing",
                  Rule("a.example.com", "/", "Prefix", "api", "{number: 8080}"),
                  "  namespace: shop\n"),
      options);
  const RouteDestination& d = OnlyHost(result).routes.at(0).destination;
  EXPECT_EQ(d.service, "api");
  EXPECT_EQ(d.namespace_name, "shop");
  EXPECT_EQ(d.port, 8080u);
  EXPECT_EQ(d.host, "api.shop.svc.corp.local");
  EXPECT_EQ(d.cluster, "outbound|8080||api.shop.svc.corp.local");
}

TEST(ConvertTest, NamedPortsResolveThroughTheServiceInTheSameNamespace) {
  std::string service = R"(apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  ports:
  - {name: grpc, port: 9090}
  - {name: http, port: 8080}
  - {name: http2, port: 8081}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: elsewhere}
spec: {ports: [{name: http, port: 1}]}
---
)";
  ConvertResult result =
      ConvertText(service + IngressYaml("ing",
                                        Rule("a.example.com", "/", "Prefix",
                                             "api", "{name: http}"),
                                        "  namespace: shop\n"));
  EXPECT_EQ(OnlyHost(result).routes.at(0).destination.port, 8080u);
}

TEST(ConvertTest, UnresolvableNamedPortsDropThePathWithAWarning) {
  std::string text =
      "apiVersion: v1\nkind: Service\nmetadata: {name: api}\n"
      "spec: {ports: [{name: grpc, port: 9090}]}\n---\n" +
      IngressYaml(
          "ing",
          Rule("a.example.com", "/a", "Prefix", "api", "{name: http}") +
              Rule("a.example.com", "/b", "Prefix", "nosvc", "{name: http}") +
              Rule("a.example.com", "/c", "Prefix"));
  ConvertResult result = ConvertText(text);
  EXPECT_THAT(RouteValues(OnlyHost(result)), ElementsAre("prefix:/c"));
  EXPECT_THAT(result.diagnostics,
              ElementsAre(IsDiagnostic(Severity::kWarning,
                                       "spec.rules[0].http.paths[0].backend",
                                       "has no port named \"http\""),
                          IsDiagnostic(Severity::kWarning,
                                       "spec.rules[1].http.paths[0].backend",
                                       "no Service default/nosvc")));
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("path \"/a\" (Prefix)"));
}

TEST(ConvertTest, ResourceBackendsAreDroppedWithAWarning) {
  std::string rules =
      "  - http:\n      paths:\n      - path: /r\n        pathType: Prefix\n"
      "        backend: {resource: {apiGroup: x.io, kind: Bucket, name: b}}\n";
  ConvertResult result = ConvertText(IngressYaml("ing", rules));
  EXPECT_THAT(OnlyHost(result).routes, IsEmpty());
  EXPECT_THAT(result.diagnostics,
              ElementsAre(IsDiagnostic(Severity::kWarning,
                                       "spec.rules[0].http.paths[0].backend",
                                       "resource backends")));
}

TEST(ConvertTest, DefaultBackendIsIgnoredByIstio) {
  ConvertResult result = ConvertText(IngressYaml(
      "ing", Rule("a.example.com", "/", "Prefix"), "",
      "  defaultBackend: {service: {name: fallback, port: {number: 80}}}\n"));
  EXPECT_FALSE(result.config.default_route.has_value());
  EXPECT_THAT(result.diagnostics,
              ElementsAre(IsDiagnostic(Severity::kWarning,
                                       "spec.defaultBackend", "ignored")));
}

// §2.5 -------------------------------------------------------------------

TEST(ConvertTest, OneGatewayPerServedIngressWithTlsServersThenHttp) {
  CompileOptions options;
  options.ingress_namespace = "gateways";
  options.ingress_selector = "edge";
  ConvertResult result = ConvertText(
      IngressYaml("web", Rule("a.example.com", "/", "Prefix"),
                  "  namespace: shop\n",
                  "  tls:\n  - hosts: [a.example.com]\n    secretName: a-cert\n"
                  "  - hosts: [b.example.com]\n  - secretName: wild-cert\n"),
      options);
  ASSERT_THAT(result.config.gateways, SizeIs(1));
  const Gateway& gw = result.config.gateways[0];
  EXPECT_EQ(gw.name, "web-istio-autogenerated-k8s-ingress-shop");
  EXPECT_EQ(gw.namespace_name, "gateways");
  EXPECT_EQ(gw.selector, (StringMap{{"istio", "edge"}}));
  ASSERT_THAT(gw.servers, SizeIs(3));
  EXPECT_EQ(gw.servers[0].name, "https-443-ingress-web-shop-0");
  EXPECT_EQ(gw.servers[0].port, 443u);
  EXPECT_EQ(gw.servers[0].protocol, "HTTPS");
  EXPECT_THAT(gw.servers[0].hosts, ElementsAre("a.example.com"));
  EXPECT_EQ(gw.servers[0].tls_mode, "SIMPLE");
  EXPECT_EQ(gw.servers[0].credential_name, "a-cert");
  EXPECT_EQ(gw.servers[1].name, "https-443-ingress-web-shop-2")
      << "the index is the tls entry's; entry 1 has no secret";
  EXPECT_THAT(gw.servers[1].hosts, ElementsAre("*"));
  EXPECT_EQ(gw.servers[2].name, "http-80-ingress-web-shop");
  EXPECT_EQ(gw.servers[2].port, 80u);
  EXPECT_THAT(gw.servers[2].hosts, ElementsAre("*"));

  const VirtualService& vs = OnlyHost(result);
  EXPECT_EQ(vs.gateway, "gateways/web-istio-autogenerated-k8s-ingress-shop");
}

TEST(ConvertTest, RoutesRememberWhereTheyCameFrom) {
  ConvertResult result = ConvertText(IngressYaml(
      "ing", Rule("a.example.com", "/x", "Prefix") +
                 Rule("a.example.com", "/glob/*", "ImplementationSpecific")));
  const HttpRoute& glob = OnlyHost(result).routes.at(0);
  EXPECT_EQ(glob.origin.ingress_name, "ing");
  EXPECT_EQ(glob.origin.ingress_namespace, "default");
  EXPECT_EQ(glob.origin.rule_index, 1u);
  EXPECT_EQ(glob.origin.path_index, 0u);
  EXPECT_EQ(glob.origin.path, "/glob/*");
  EXPECT_EQ(glob.origin.path_type, PathType::kImplementationSpecific);
  EXPECT_TRUE(glob.origin.position.known());
}

// §3 ---------------------------------------------------------------------

TEST(ConvertTest, KubernetesSemanticsOrderByMatchedLength) {
  CompileOptions options;
  options.semantics = Semantics::kKubernetes;
  std::string rules = Rule("a.example.com", "/foo/", "Prefix") +
                      Rule("a.example.com", "/foo", "Exact") +
                      Rule("a.example.com", "/foo", "Prefix") +
                      Rule("a.example.com", "/", "Prefix") +
                      Rule("a.example.com", "/fo", "Exact");
  // `/foo/` measures 4 like `/foo`: Exact first, then the longer rule path.
  EXPECT_THAT(
      RouteValues(OnlyHost(ConvertText(IngressYaml("ing", rules), options))),
      ElementsAre("exact:/foo", "prefix:/foo/", "prefix:/foo", "exact:/fo",
                  "prefix:/"));
}

TEST(ConvertTest, KubernetesSemanticsHonourTheOldestDefaultBackend) {
  CompileOptions options;
  options.semantics = Semantics::kKubernetes;
  std::string text =
      IngressYaml(
          "new", Rule("a.example.com", "/", "Prefix"),
          "  creationTimestamp: \"2024-02-01T00:00:00Z\"\n",
          "  defaultBackend: {service: {name: newer, port: {number: 80}}}\n") +
      IngressYaml(
          "old", Rule("b.example.com", "/", "Prefix"),
          "  creationTimestamp: \"2024-01-01T00:00:00Z\"\n",
          "  defaultBackend: {service: {name: older, port: {number: 80}}}\n");
  ConvertResult result = ConvertText(text, options);
  ASSERT_TRUE(result.config.default_route.has_value());
  EXPECT_EQ(result.config.default_route->destination.service, "older");
  EXPECT_TRUE(result.config.default_route->origin.is_default_backend);
  EXPECT_THAT(result.diagnostics, ElementsAre(IsDiagnostic(
                                      Severity::kWarning, "spec.defaultBackend",
                                      "Ingress default/old, which is older")));
}

// Options and limits --------------------------------------------------------

TEST(ConvertTest, HandBuiltInvalidIngressesAreExcludedWithErrors) {
  ResourceSet set;
  set.ingresses.emplace_back().metadata.name = "No_Good";
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  ConvertResult result = Convert(set, options);
  EXPECT_TRUE(result.ok());
  EXPECT_THAT(result.config.gateways, IsEmpty());
  EXPECT_GT(CountErrors(result.diagnostics), 0u);
  options.strict = true;
  EXPECT_EQ(Convert(set, options).status, ErrorCode::kValidation);
}

TEST(ConvertTest, HandBuiltIngressWithoutNamespaceIsInDefault) {
  ResourceSet set;
  Ingress& ingress = set.ingresses.emplace_back();
  ingress.metadata.name = "hand";
  HttpIngressPath& path =
      ingress.spec.rules.emplace_back().http.emplace().paths.emplace_back();
  path.path = "/";
  path.path_type = PathType::kPrefix;
  path.backend.service = IngressServiceBackend{"web", {"", 80}};
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  ConvertResult result = Convert(set, options);
  const HttpRoute& route = OnlyHost(result).routes.at(0);
  EXPECT_EQ(route.destination.host, "web.default.svc.cluster.local");
  EXPECT_EQ(route.origin.ingress_namespace, "default");
  EXPECT_EQ(result.config.gateways.at(0).name,
            "hand-istio-autogenerated-k8s-ingress-default");
}

TEST(ConvertTest, RouteLimitFailsTheConversion) {
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  options.limits.max_routes = 1;
  ResourceSet set =
      ParseClean(IngressYaml("ing", Rule("a.example.com", "/a", "Prefix") +
                                        Rule("a.example.com", "/b", "Prefix")));
  ConvertResult result = Convert(set, options);
  EXPECT_EQ(result.status, ErrorCode::kLimit);
  EXPECT_EQ(result.config, GatewayConfig{});
}

TEST(ConvertTest, PathsNoNormalisedRequestCanSpellAreWarnedAbout) {
  const std::string text = IngressYaml(
      "ing", Rule("a.example.com", "/caf\xc3\xa9", "Exact") +
                 Rule("a.example.com", "/any/%41", "Prefix") +
                 Rule("a.example.com", "/a|b/*", "ImplementationSpecific") +
                 Rule("a.example.com", "/plain/%3A", "Prefix"));
  ConvertResult result = ConvertText(text);
  EXPECT_THAT(
      OfSeverity(result.diagnostics, Severity::kWarning),
      ElementsAre(testing::IsDiagnostic(Severity::kWarning,
                                        "spec.rules[0].http.paths[0].path",
                                        "spell it \"/caf%C3%A9\""),
                  testing::IsDiagnostic(
                      Severity::kWarning, "spec.rules[1].http.paths[0].path",
                      "no request can match prefix \"/any/%41\" "
                      "under path_normalization BASE"),
                  testing::IsDiagnostic(Severity::kWarning,
                                        "spec.rules[2].http.paths[0].path",
                                        "spell it \"/a%7Cb\"")));
  // The routes stay: the warning tells, it does not change the table.
  EXPECT_THAT(OnlyHost(result).routes, SizeIs(4));

  CompileOptions none;
  none.path_normalization = PathNormalization::kNone;
  EXPECT_THAT(
      OfSeverity(ConvertText(text, none).diagnostics, Severity::kWarning),
      IsEmpty());
}

TEST(ConvertTest, OptionNamesRoundTrip) {
  CompileOptions options;
  EXPECT_EQ(SetOption(options, "semantics", "kubernetes"), "");
  EXPECT_EQ(options.semantics, Semantics::kKubernetes);
  EXPECT_EQ(SetOption(options, "controller_mode", "OFF"), "");
  EXPECT_EQ(options.controller_mode, ControllerMode::kOff);
  EXPECT_EQ(SetOption(options, "glob_prefix", "string"), "");
  EXPECT_EQ(SetOption(options, "path_normalization", "MERGE_SLASHES"), "");
  EXPECT_EQ(options.path_normalization, PathNormalization::kMergeSlashes);
  EXPECT_EQ(SetOption(options, "strict", "true"), "");
  EXPECT_TRUE(options.strict);
  EXPECT_EQ(SetOption(options, "domain_suffix", "corp"), "");
  EXPECT_EQ(options.domain_suffix, "corp");
  EXPECT_THAT(SetOption(options, "semantics", "envoy"),
              HasSubstr("expected one of istio, kubernetes"));
  EXPECT_THAT(SetOption(options, "strict", "yes"), HasSubstr("true or false"));
  EXPECT_THAT(SetOption(options, "colour", "blue"),
              HasSubstr("unknown option"));
  EXPECT_THAT(SetOption(options, "ingress_class", ""), HasSubstr("empty"));
  for (auto mode : {PathNormalization::kNone, PathNormalization::kBase,
                    PathNormalization::kMergeSlashes,
                    PathNormalization::kDecodeAndMergeSlashes}) {
    EXPECT_EQ(PathNormalizationFromString(ToString(mode)), mode);
  }
  EXPECT_EQ(SemanticsFromString("istio"), Semantics::kIstio);
  EXPECT_EQ(ControllerModeFromString("strict"), std::nullopt);
  EXPECT_EQ(GlobPrefixFromString("path_separated"), GlobPrefix::kPathSeparated);
  EXPECT_EQ(ToString(RouteMatchType::kStringPrefix), "string_prefix");
}

}  // namespace
}  // namespace ingresskit
