// Parse(): the accepted forms, what each field becomes in the model, and
// how problems in single objects are reported.
#include "ingresskit/parse.h"

#include <string>

#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::ingresskit::testing::OfSeverity;
using ::ingresskit::testing::ParseClean;
using ::ingresskit::testing::ReadFileOrDie;
using ::ingresskit::testing::WithoutPositions;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr std::string_view kWebV1Yaml = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  creationTimestamp: "2024-03-01T10:00:00Z"
  labels: {team: storefront}
  annotations:
    kubernetes.io/ingress.class: istio
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port: {number: 8080}
      - path: /ui/*
        pathType: ImplementationSpecific
        backend:
          service:
            name: ui
            port: {name: http}
  - http:
      paths:
      - path: /healthz
        pathType: Exact
        backend:
          resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}
  tls:
  - hosts: [shop.example.com]
    secretName: shop-cert
)";

// The same object in JSON.
constexpr std::string_view kWebV1Json = R"({
  "apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
  "metadata": {"name": "web", "namespace": "shop",
    "creationTimestamp": "2024-03-01T10:00:00Z",
    "labels": {"team": "storefront"},
    "annotations": {"kubernetes.io/ingress.class": "istio"}},
  "spec": {
    "rules": [
      {"host": "shop.example.com", "http": {"paths": [
        {"path": "/api", "pathType": "Prefix",
         "backend": {"service": {"name": "api", "port": {"number": 8080}}}},
        {"path": "/ui/*", "pathType": "ImplementationSpecific",
         "backend": {"service": {"name": "ui", "port": {"name": "http"}}}}]}},
      {"http": {"paths": [
        {"path": "/healthz", "pathType": "Exact",
         "backend": {"resource": {"apiGroup": "k8s.example.com",
                                  "kind": "StorageBucket", "name": "static"}}}]}}],
    "tls": [{"hosts": ["shop.example.com"], "secretName": "shop-cert"}]}
})";

constexpr std::string_view kIstioClassYaml = R"(apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: istio
spec:
  controller: istio.io/ingress-controller
)";

// Indents every line of `text` by `spaces`.
std::string Indent(std::string_view text, int spaces) {
  std::string out;
  std::string pad(static_cast<size_t>(spaces), ' ');
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += pad;
    out.append(text.substr(start, end - start));
    out += '\n';
    start = end + 1;
  }
  return out;
}

TEST(ParseTest, ReadsEveryFieldOfAV1Ingress) {
  ResourceSet set = ParseClean(kWebV1Yaml);
  ASSERT_THAT(set.ingresses, SizeIs(1));
  const Ingress& ingress = set.ingresses[0];
  EXPECT_EQ(ingress.api_version, kNetworkingV1);
  EXPECT_EQ(ingress.metadata.name, "web");
  EXPECT_EQ(ingress.metadata.namespace_name, "shop");
  ASSERT_TRUE(ingress.metadata.creation_timestamp.has_value());
  EXPECT_EQ(ingress.metadata.creation_timestamp->seconds, 1709287200);
  EXPECT_EQ(ingress.metadata.labels.at("team"), "storefront");
  EXPECT_EQ(ingress.metadata.annotations.at("kubernetes.io/ingress.class"),
            "istio");
  EXPECT_FALSE(ingress.spec.ingress_class_name.has_value());
  EXPECT_FALSE(ingress.spec.default_backend.has_value());

  ASSERT_THAT(ingress.spec.rules, SizeIs(2));
  const IngressRule& rule = ingress.spec.rules[0];
  EXPECT_EQ(rule.host, "shop.example.com");
  ASSERT_TRUE(rule.http.has_value());
  ASSERT_THAT(rule.http->paths, SizeIs(2));
  const HttpIngressPath& api = rule.http->paths[0];
  EXPECT_EQ(api.path, "/api");
  EXPECT_EQ(api.path_type, PathType::kPrefix);
  ASSERT_TRUE(api.backend.service.has_value());
  EXPECT_EQ(api.backend.service->name, "api");
  EXPECT_EQ(api.backend.service->port.number, 8080);
  EXPECT_FALSE(api.backend.service->port.has_name());
  EXPECT_EQ(api.position, (SourcePosition{15, 9}));
  const HttpIngressPath& ui = rule.http->paths[1];
  EXPECT_EQ(ui.path_type, PathType::kImplementationSpecific);
  EXPECT_EQ(ui.backend.service->port.name, "http");
  EXPECT_FALSE(ui.backend.service->port.has_number());

  const IngressRule& hostless = ingress.spec.rules[1];
  EXPECT_EQ(hostless.host, "");
  const HttpIngressPath& bucket = hostless.http->paths[0];
  EXPECT_EQ(bucket.path_type, PathType::kExact);
  EXPECT_FALSE(bucket.backend.service.has_value());
  ASSERT_TRUE(bucket.backend.resource.has_value());
  EXPECT_EQ(bucket.backend.resource->api_group, "k8s.example.com");
  EXPECT_EQ(bucket.backend.resource->kind, "StorageBucket");
  EXPECT_EQ(bucket.backend.resource->name, "static");

  ASSERT_THAT(ingress.spec.tls, SizeIs(1));
  EXPECT_THAT(ingress.spec.tls[0].hosts, ElementsAre("shop.example.com"));
  EXPECT_EQ(ingress.spec.tls[0].secret_name, "shop-cert");
  EXPECT_EQ(ingress.position, (SourcePosition{1, 1}));
}

TEST(ParseTest, JsonAndYamlGiveTheSameModel) {
  ResourceSet from_yaml = ParseClean(kWebV1Yaml);
  ResourceSet from_json = ParseClean(kWebV1Json);
  EXPECT_EQ(WithoutPositions(from_yaml), WithoutPositions(from_json));
  EXPECT_NE(from_yaml.ingresses[0].position, SourcePosition{})
      << "positions are recorded";
}

TEST(ParseTest, StreamListAndArrayFormsGiveTheSameModel) {
  ResourceSet expected = ParseClean(std::string(kIstioClassYaml) + "---\n" +
                                    std::string(kWebV1Yaml));
  ASSERT_THAT(expected.ingresses, SizeIs(1));
  ASSERT_THAT(expected.ingress_classes, SizeIs(1));

  const std::string yaml_list = "apiVersion: v1\nkind: List\nitems:\n- " +
                                Indent(kIstioClassYaml, 2).substr(2) + "- " +
                                Indent(kWebV1Yaml, 2).substr(2);
  const std::string yaml_sequence = "- " +
                                    Indent(kIstioClassYaml, 2).substr(2) +
                                    "- " + Indent(kWebV1Yaml, 2).substr(2);
  const std::string class_json =
      R"({"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
          "metadata": {"name": "istio"},
          "spec": {"controller": "istio.io/ingress-controller"}})";
  const std::string json_array =
      "[" + class_json + ",\n" + std::string(kWebV1Json) + "]";
  const std::string json_list =
      R"({"apiVersion": "v1", "kind": "List", "items": [)" + class_json +
      ",\n" + std::string(kWebV1Json) + "]}";
  const std::string stream_with_empty_documents =
      "---\n---\n" + std::string(kIstioClassYaml) + "...\n---\n" +
      std::string(kWebV1Yaml) + "---\n";

  for (const std::string& text : {yaml_list, yaml_sequence, json_array,
                                  json_list, stream_with_empty_documents}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(WithoutPositions(ParseClean(text)), WithoutPositions(expected));
  }
}

TEST(ParseTest, BetaApiVersionsReadServiceNameAndPort) {
  constexpr std::string_view kTemplate = R"(apiVersion: VERSION
kind: Ingress
metadata: {name: legacy}
spec:
  backend: {serviceName: fallback, servicePort: 80}
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /by-number/*
        backend: {serviceName: numbered, servicePort: 8080}
      - path: /by-name
        pathType: Exact
        backend: {serviceName: named, servicePort: http}
)";
  for (std::string_view version : {kNetworkingV1beta1, kExtensionsV1beta1}) {
    std::string text =
        testing::ReplaceOnce(std::string(kTemplate), "VERSION", version);
    SCOPED_TRACE(text);
    ResourceSet set = ParseClean(text);
    ASSERT_THAT(set.ingresses, SizeIs(1));
    const Ingress& ingress = set.ingresses[0];
    EXPECT_EQ(ingress.api_version, version);
    ASSERT_TRUE(ingress.spec.default_backend.has_value());
    EXPECT_EQ(ingress.spec.default_backend->service->name, "fallback");
    EXPECT_EQ(ingress.spec.default_backend->service->port.number, 80);
    const auto& paths = ingress.spec.rules[0].http->paths;
    EXPECT_EQ(paths[0].path_type, PathType::kUnset);
    EXPECT_EQ(paths[0].backend.service->name, "numbered");
    EXPECT_EQ(paths[0].backend.service->port.number, 8080);
    EXPECT_EQ(paths[1].path_type, PathType::kExact);
    EXPECT_EQ(paths[1].backend.service->port.name, "http");
  }
}

TEST(ParseTest, V1FieldsInABetaIngressAreUnknown) {
  ParseResult result = Parse(R"(apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: mixed}
spec:
  defaultBackend: {service: {name: a, port: {number: 80}}}
)");
  EXPECT_THAT(result.diagnostics,
              Contains(IsDiagnostic(Severity::kWarning, "spec.defaultBackend",
                                    "unknown field")));
  EXPECT_THAT(result.diagnostics,
              Contains(IsDiagnostic(Severity::kError, "spec",
                                    "either rules or backend")));
  EXPECT_THAT(result.resources.ingresses, IsEmpty());
}

TEST(ParseTest, IngressClassInBothVersions) {
  for (std::string_view version : {kNetworkingV1, kNetworkingV1beta1}) {
    std::string text = testing::ReplaceOnce(std::string(kIstioClassYaml),
                                            kNetworkingV1, version);
    ResourceSet set = ParseClean(text);
    ASSERT_THAT(set.ingress_classes, SizeIs(1));
    EXPECT_EQ(set.ingress_classes[0].api_version, version);
    EXPECT_EQ(set.ingress_classes[0].metadata.name, "istio");
    EXPECT_EQ(set.ingress_classes[0].metadata.namespace_name, "")
        << "IngressClass is cluster-scoped";
    EXPECT_EQ(set.ingress_classes[0].spec.controller,
              "istio.io/ingress-controller");
  }
}

TEST(ParseTest, ServiceWithPortsExternalIpsAndStatus) {
  ResourceSet set = ParseClean(R"(apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  externalIPs: [192.0.2.10]
  ports:
  - {name: http2, port: 80, targetPort: 8080, protocol: TCP, nodePort: 31380}
  - {name: https, port: 443, targetPort: https}
status:
  loadBalancer:
    ingress:
    - ip: 203.0.113.7
    - hostname: lb.example.net
)");
  ASSERT_THAT(set.services, SizeIs(1));
  const Service& service = set.services[0];
  EXPECT_EQ(service.metadata.namespace_name, "istio-system");
  EXPECT_EQ(service.spec.type, ServiceType::kLoadBalancer);
  ASSERT_THAT(service.spec.ports, SizeIs(2));
  EXPECT_EQ(service.spec.ports[0].name, "http2");
  EXPECT_EQ(service.spec.ports[0].port, 80);
  EXPECT_EQ(service.spec.ports[0].target_port.number, 8080);
  EXPECT_EQ(service.spec.ports[0].node_port, 31380);
  EXPECT_EQ(service.spec.ports[1].target_port.name, "https");
  EXPECT_THAT(service.spec.external_ips, ElementsAre("192.0.2.10"));
  ASSERT_THAT(service.status.load_balancer_ingress, SizeIs(2));
  EXPECT_EQ(service.status.load_balancer_ingress[0].ip, "203.0.113.7");
  EXPECT_EQ(service.status.load_balancer_ingress[1].hostname, "lb.example.net");
}

TEST(ParseTest, MissingNamespaceMeansDefault) {
  ResourceSet set = ParseClean(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec: {defaultBackend: {service: {name: a, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {ports: [{port: 80}]}
)");
  EXPECT_EQ(set.ingresses.at(0).metadata.namespace_name, "default");
  EXPECT_EQ(set.services.at(0).metadata.namespace_name, "default");
}

TEST(ParseTest, CreationTimestampMustBeRfc3339) {
  constexpr std::string_view kTemplate = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a, creationTimestamp: "STAMP"}
spec: {defaultBackend: {service: {name: a, port: {number: 80}}}}
)";
  auto parse = [&](std::string_view stamp) {
    return Parse(testing::ReplaceOnce(std::string(kTemplate), "STAMP", stamp));
  };
  ParseResult with_offset = parse("2024-03-01T11:30:00.25+01:30");
  ASSERT_THAT(with_offset.resources.ingresses, SizeIs(1));
  EXPECT_EQ(with_offset.resources.ingresses[0].metadata.creation_timestamp,
            (Timestamp{1709287200, 250000000}));

  for (std::string_view bad :
       {"yesterday", "2024-03-01", "2024-03-01 10:00:00Z",
        "2024-13-01T10:00:00Z"}) {
    SCOPED_TRACE(bad);
    ParseResult result = parse(bad);
    EXPECT_THAT(result.resources.ingresses, IsEmpty());
    EXPECT_THAT(
        result.diagnostics,
        Contains(IsDiagnostic(Severity::kError, "metadata.creationTimestamp",
                              "not an RFC 3339 date-time")));
  }
}

TEST(ParseTest, OtherKindsAreSkippedWithAnInfo) {
  ParseResult result = Parse(R"(apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: tools}
data: {a: b}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r}
)");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.resources, ResourceSet{});
  ASSERT_THAT(result.diagnostics, SizeIs(2)) << Describe(result.diagnostics);
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kInfo);
  EXPECT_EQ(result.diagnostics[0].code, ErrorCode::kUnsupported);
  EXPECT_EQ(result.diagnostics[0].object, "ConfigMap tools/settings");
  EXPECT_EQ(result.diagnostics[0].position, (SourcePosition{1, 1}));
  EXPECT_EQ(result.diagnostics[1].object, "HTTPRoute default/r");
  EXPECT_EQ(result.diagnostics[1].position.line, 6u);
}

TEST(ParseTest, MissingKindOrApiVersionIsAnError) {
  ParseResult result = Parse("metadata: {name: a}\n---\nkind: Ingress\n");
  ASSERT_THAT(result.diagnostics, SizeIs(2));
  EXPECT_EQ(result.diagnostics[0].object, "document 1");
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("missing \"kind\""));
  EXPECT_EQ(result.diagnostics[1].object, "document 2");
  EXPECT_THAT(result.diagnostics[1].message,
              HasSubstr("missing \"apiVersion\""));
}

TEST(ParseTest, DocumentThatIsNotAnObjectIsAnError) {
  ParseResult result = Parse("just some words\n---\n- 1\n- 2\n");
  std::vector<Diagnostic> errors =
      OfSeverity(result.diagnostics, Severity::kError);
  ASSERT_THAT(errors, SizeIs(3)) << Describe(result.diagnostics);
  EXPECT_THAT(errors[0].message, HasSubstr("got string"));
  EXPECT_EQ(errors[1].object, "document 2 item 1");
  EXPECT_THAT(errors[1].message, HasSubstr("got integer"));
}

TEST(ParseTest, YamlScalarsResolveAsKubernetesToolingDoes) {
  // `host: yes` is a boolean in YAML 1.1, so the API would refuse it too.
  ParseResult result = Parse(R"(apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: a}
spec:
  rules:
  - host: yes
    http: {paths: [{path: /, backend: {serviceName: s, servicePort: 0x50}}]}
  - host: "yes"
    http: {paths: [{path: /, backend: {serviceName: s, servicePort: 0x50}}]}
)");
  EXPECT_THAT(result.diagnostics,
              ElementsAre(IsDiagnostic(Severity::kError, "spec.rules[0].host",
                                       "expected a string, got boolean")));
  ParseResult quoted = Parse(R"(apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: a}
spec:
  rules:
  - host: "yes"
    http: {paths: [{path: /, backend: {serviceName: s, servicePort: 0x50}}]}
)");
  ASSERT_THAT(quoted.resources.ingresses, SizeIs(1))
      << Describe(quoted.diagnostics);
  const auto& rule = quoted.resources.ingresses[0].spec.rules[0];
  EXPECT_EQ(rule.host, "yes");
  EXPECT_EQ(rule.http->paths[0].backend.service->port.number, 80);
}

TEST(ParseTest, ExplicitNullsAreAbsentFields) {
  ResourceSet set = ParseClean(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a, namespace: null, annotations: ~}
spec:
  ingressClassName: null
  tls: null
  rules:
  - host: a.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}
)");
  ASSERT_THAT(set.ingresses, SizeIs(1));
  EXPECT_EQ(set.ingresses[0].metadata.namespace_name, "default");
  EXPECT_FALSE(set.ingresses[0].spec.ingress_class_name.has_value());
}

TEST(ParseTest, AnInvalidObjectIsExcludedAndTheOthersStay) {
  ParseResult result = Parse(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: broken}
spec:
  rules:
  - host: a.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 0}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fine}
spec:
  rules:
  - host: b.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}
)");
  EXPECT_TRUE(result.ok());
  ASSERT_THAT(result.resources.ingresses, SizeIs(1));
  EXPECT_EQ(result.resources.ingresses[0].metadata.name, "fine");
  ASSERT_THAT(result.diagnostics, SizeIs(1));
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.object, "Ingress default/broken");
  EXPECT_EQ(d.field, "spec.rules[0].http.paths[0].backend.service.port");
  EXPECT_EQ(d.position.line, 7u) << "the line of the nearest node in the text";
}

TEST(ParseTest, StrictTurnsAnyErrorIntoAFailedParse) {
  constexpr std::string_view kText = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: Broken}
spec: {defaultBackend: {service: {name: a, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fine}
spec: {defaultBackend: {service: {name: a, port: {number: 80}}}}
)";
  ParseOptions options;
  options.strict = true;
  ParseResult strict = Parse(kText, options);
  EXPECT_EQ(strict.status, ErrorCode::kValidation);
  EXPECT_EQ(strict.resources, ResourceSet{});
  EXPECT_THAT(strict.diagnostics,
              Contains(IsDiagnostic(Severity::kError, "metadata.name",
                                    "must be lowercase")));
  EXPECT_THAT(Parse(kText).resources.ingresses, SizeIs(1));

  // Warnings and infos do not fail a strict parse.
  ParseResult warned =
      Parse("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n", options);
  EXPECT_TRUE(warned.ok());
}

TEST(ParseTest, EmptyInputsHoldNoObjects) {
  for (std::string_view text :
       {"", "\n", "# only a comment\n", "---\n", "---\n...\n", "[]",
        "{\"kind\": \"List\", "
        "\"apiVersion\": \"v1\", \"items\": []}"}) {
    SCOPED_TRACE(text);
    ParseResult result = Parse(text);
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.resources, ResourceSet{});
    EXPECT_THAT(result.diagnostics, IsEmpty());
  }
}

TEST(ParseTest, NestedListsAreNotUnpacked) {
  ParseResult result = Parse(R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: List
  items: []
)");
  ASSERT_THAT(result.diagnostics, SizeIs(1));
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(result.diagnostics[0].object, "document 1 items[0]");
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("List inside a List"));
}

TEST(ParseTest, FormatCanBeForced) {
  ParseOptions options;
  options.format = InputFormat::kYaml;
  // JSON is YAML too: forcing YAML still reads it.
  EXPECT_EQ(WithoutPositions(ParseClean(kWebV1Json, options)),
            WithoutPositions(ParseClean(kWebV1Json)));
  options.format = InputFormat::kJson;
  EXPECT_EQ(Parse(kWebV1Yaml, options).status, ErrorCode::kSyntax);
}

#ifdef INGRESSKIT_SHARED_DIR
TEST(ParseTest, IstioTaskExampleParsesAndRoundTrips) {
  const std::string text = ReadFileOrDie(std::string(INGRESSKIT_SHARED_DIR) +
                                         "/examples/istio-task-httpbin.yaml");
  ResourceSet set = ParseClean(text);
  ASSERT_THAT(set.ingresses, SizeIs(1));
  const Ingress& ingress = set.ingresses[0];
  EXPECT_EQ(ingress.api_version, kNetworkingV1beta1);
  EXPECT_EQ(ingress.metadata.name, "ingress");
  EXPECT_EQ(ingress.metadata.namespace_name, "default");
  EXPECT_EQ(ingress.metadata.annotations.at("kubernetes.io/ingress.class"),
            "istio");
  const IngressRule& rule = ingress.spec.rules.at(0);
  EXPECT_EQ(rule.host, "httpbin.example.com");
  const HttpIngressPath& path = rule.http->paths.at(0);
  EXPECT_EQ(path.path, "/status/*");
  EXPECT_EQ(path.path_type, PathType::kUnset);
  EXPECT_EQ(path.backend.service->name, "httpbin");
  EXPECT_EQ(path.backend.service->port.number, 8000);

  for (int indent : {0, 2}) {
    EXPECT_EQ(WithoutPositions(ParseClean(ToJson(set, indent))),
              WithoutPositions(set));
  }
}
#endif

}  // namespace
}  // namespace ingresskit
