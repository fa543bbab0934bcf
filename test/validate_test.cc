// Validation: one test per rule the API server (or docs/semantics.md §8)
// enforces, each asserting the field path, the severity and, through Parse(),
// the line.
#include "ingresskit/validate.h"

#include <string>

#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr std::string_view kPathField = "spec.rules[0].http.paths[0].path";

// Ingress ns/probe with one rule and one path, each field a YAML scalar as
// written; the path entry is on line 9.
std::string IngressYaml(
    std::string_view host, std::string_view path, std::string_view path_type,
    std::string_view backend = "{service: {name: web, port: {number: 80}}}") {
  testing::TestIngress ingress;
  ingress.name = "probe";
  ingress.namespace_name = "ns";
  ingress.rules.push_back(testing::TestRule{
      std::string(host),
      {testing::TestPath{std::string(path), std::string(path_type),
                         std::string(backend)}},
      ""});
  return testing::Yaml(ingress);
}

// Parses `text` and returns its error diagnostics; the Ingress must have
// been excluded when there are any.
std::vector<Diagnostic> Errors(std::string_view text) {
  ParseResult result = Parse(text);
  EXPECT_TRUE(result.ok()) << Describe(result.diagnostics);
  std::vector<Diagnostic> errors =
      testing::OfSeverity(result.diagnostics, Severity::kError);
  EXPECT_EQ(result.resources.ingresses.empty(), !errors.empty());
  return errors;
}

TEST(ValidateTest, AcceptsAWellFormedIngress) {
  EXPECT_THAT(Errors(IngressYaml("shop.example.com", "/api", "Prefix")),
              IsEmpty());
  EXPECT_THAT(Errors(IngressYaml("\"*.example.com\"", "/", "Exact")),
              IsEmpty());
}

TEST(ValidateTest, V1PathTypeIsRequired) {
  std::string text = IngressYaml("a.example.com", "/a", "Prefix");
  text = testing::ReplaceOnce(text, "        pathType: Prefix\n", "");
  std::vector<Diagnostic> errors = Errors(text);
  ASSERT_THAT(errors, SizeIs(1)) << Describe(errors);
  EXPECT_THAT(errors[0],
              IsDiagnostic(Severity::kError,
                           "spec.rules[0].http.paths[0].pathType", "required"));
  EXPECT_EQ(errors[0].position.line, 9u);
}

TEST(ValidateTest, BetaPathTypeMayBeUnset) {
  EXPECT_THAT(Errors(R"(apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: a}
spec:
  rules:
  - http: {paths: [{path: /a, backend: {serviceName: a, servicePort: 80}}]}
)"),
              IsEmpty());
}

TEST(ValidateTest, PathTypeMustBeOneOfTheThreeValues) {
  for (std::string_view type : {"prefix", "Regex", "exact", "\"\""}) {
    SCOPED_TRACE(type);
    std::vector<Diagnostic> errors =
        Errors(IngressYaml("a.example.com", "/a", type));
    ASSERT_THAT(errors, SizeIs(1)) << Describe(errors);
    EXPECT_THAT(errors[0], IsDiagnostic(Severity::kError,
                                        "spec.rules[0].http.paths[0].pathType",
                                        "supported values: \"Exact\""));
    EXPECT_EQ(errors[0].position, (SourcePosition{10, 19}));
  }
}

TEST(ValidateTest, ExactAndPrefixPathsMustBeAbsolute) {
  for (std::string_view type : {"Exact", "Prefix"}) {
    for (std::string_view path : {"foo", "\"\"", "\"*\"", "api/v1"}) {
      SCOPED_TRACE(std::string(type) + " " + std::string(path));
      std::vector<Diagnostic> errors =
          Errors(IngressYaml("a.example.com", path, type));
      EXPECT_THAT(errors,
                  ElementsAre(IsDiagnostic(Severity::kError, kPathField,
                                           "must be an absolute path")));
      EXPECT_EQ(errors.at(0).position, (SourcePosition{9, 15}));
    }
  }
}

TEST(ValidateTest, ExactAndPrefixPathsRefuseSequencesProxiesRewrite) {
  for (std::string_view type : {"Exact", "Prefix"}) {
    for (std::string_view path :
         {"/a//b", "/a/./b", "/a/../b", "/a%2fb", "/a%2Fb", "//"}) {
      SCOPED_TRACE(std::string(type) + " " + std::string(path));
      EXPECT_THAT(Errors(IngressYaml("a.example.com", path, type)),
                  Contains(IsDiagnostic(Severity::kError, kPathField,
                                        "must not contain")));
    }
  }
}

TEST(ValidateTest, ExactAndPrefixPathsRefuseDotSegmentSuffixes) {
  for (std::string_view path : {"/a/.", "/a/..", "/.", "/.."}) {
    SCOPED_TRACE(path);
    EXPECT_THAT(Errors(IngressYaml("a.example.com", path, "Prefix")),
                Contains(IsDiagnostic(Severity::kError, kPathField,
                                      "must not end with")));
  }
  // Dots inside a segment are ordinary characters.
  EXPECT_THAT(Errors(IngressYaml("a.example.com", "/v1.2/..data", "Prefix")),
              IsEmpty());
}

TEST(ValidateTest, ImplementationSpecificPathsMustBeAbsoluteWhenSet) {
  EXPECT_THAT(
      Errors(IngressYaml("a.example.com", "foo/*", "ImplementationSpecific")),
      ElementsAre(IsDiagnostic(Severity::kError, kPathField,
                               "must be an absolute path")));
  // The API server leaves these to the implementation.
  for (std::string_view path : {"\"\"", "/a//b", "/foo.*", "/a/%2f/*"}) {
    SCOPED_TRACE(path);
    EXPECT_THAT(
        Errors(IngressYaml("a.example.com", path, "ImplementationSpecific")),
        IsEmpty());
  }
}

TEST(ValidateTest, ControlBytesAreRefusedInEveryPathType) {
  struct Case {
    std::string_view escaped;
    std::string_view message;
  };
  for (std::string_view type : {"Exact", "Prefix", "ImplementationSpecific"}) {
    for (const Case& c :
         {Case{"/a\\nb", "a newline"}, Case{"/a\\rb", "a carriage return"},
          Case{"/a\\tb", "a tab"}, Case{"/a\\x01b", "a control byte"},
          Case{"/a\\x7fb", "a control byte"}}) {
      SCOPED_TRACE(std::string(type) + " " + std::string(c.escaped));
      std::string path = "\"";
      path.append(c.escaped).append("\"");
      EXPECT_THAT(
          Errors(IngressYaml("a.example.com", path, type)),
          Contains(IsDiagnostic(Severity::kError, kPathField, c.message)));
    }
  }
  // NUL can only arrive escaped (raw NUL bytes are refused as text).
  std::vector<Diagnostic> errors = Errors(
      R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
          "metadata": {"name": "a"},
          "spec": {"rules": [{"http": {"paths": [{"path": "/a\u0000b",
            "pathType": "Prefix",
            "backend": {"service": {"name": "a", "port": {"number": 80}}}}]}}]}})");
  EXPECT_THAT(errors, ElementsAre(IsDiagnostic(Severity::kError, kPathField,
                                               "a NUL byte")));
}

TEST(ValidateTest, PathsAreLimitedInLength) {
  std::string long_path = "/" + std::string(8192, 'a');
  std::vector<Diagnostic> errors =
      Errors(IngressYaml("a.example.com", long_path, "Prefix"));
  ASSERT_THAT(errors, SizeIs(1));
  EXPECT_THAT(errors[0], IsDiagnostic(Severity::kError, kPathField,
                                      "over the limit of 8192"));
  EXPECT_EQ(errors[0].code, ErrorCode::kLimit);
  EXPECT_THAT(
      Errors(IngressYaml("a.example.com", long_path.substr(0, 8192), "Prefix")),
      IsEmpty());
}

TEST(ValidateTest, HostsMustBeLowercaseDnsNames) {
  struct Case {
    std::string host;
    std::string_view message;
  };
  const std::string label63(63, 'a');
  const std::string long_host =
      label63 + "." + label63 + "." + label63 + "." + label63;  // 255 bytes
  for (const Case& c : {
           Case{"Shop.Example.com", "must be lowercase"},
           Case{"192.0.2.1", "is an IP address"},
           Case{"\"[2001:db8::1]\"", "is an IP address"},
           Case{"\"2001:db8::1\"", "is an IP address"},
           Case{"\"shop.example.com:8080\"", "carries a port"},
           Case{"shop.example.com.", "must not end with '.'"},
           Case{"-shop.example.com",
                "must start and end with a letter or digit"},
           Case{"shop..example.com", "empty label"},
           Case{"shop_1.example.com", "contains \"_\""},
           Case{"\"shöp.example.com\"", "contains"},
           Case{"\"shop example.com\"", "contains \" \""},
           Case{std::string(64, 'a') + ".example.com", "at most 63"},
           Case{long_host, "at most 253"},
       }) {
    SCOPED_TRACE(c.host);
    std::vector<Diagnostic> errors = Errors(IngressYaml(c.host, "/", "Prefix"));
    ASSERT_THAT(errors, SizeIs(1)) << Describe(errors);
    EXPECT_THAT(errors[0], IsDiagnostic(Severity::kError, "spec.rules[0].host",
                                        c.message));
    EXPECT_EQ(errors[0].position, (SourcePosition{6, 11}));
  }
}

TEST(ValidateTest, WildcardHostsCoverOneWholeFirstLabel) {
  for (std::string_view host :
       {"\"*\"", "\"*example.com\"", "\"foo.*.com\"", "\"a*.example.com\"",
        "\"*.*.example.com\"", "\"*.-bad.example.com\""}) {
    SCOPED_TRACE(host);
    EXPECT_THAT(Errors(IngressYaml(host, "/", "Prefix")),
                ElementsAre(IsDiagnostic(Severity::kError, "spec.rules[0].host",
                                         "wildcard")));
  }
  EXPECT_THAT(Errors(IngressYaml("\"*.a.example.com\"", "/", "Prefix")),
              IsEmpty());
}

TEST(ValidateTest, BackendIsAServiceOrAResourceNotBoth) {
  const std::string_view field = "spec.rules[0].http.paths[0].backend";
  EXPECT_THAT(
      Errors(IngressYaml("a.example.com", "/", "Prefix",
                         "{service: {name: a, port: {number: 80}}, "
                         "resource: {kind: Bucket, name: b}}")),
      ElementsAre(IsDiagnostic(Severity::kError, field, "cannot set both")));
  EXPECT_THAT(Errors(IngressYaml("a.example.com", "/", "Prefix", "{}")),
              ElementsAre(IsDiagnostic(Severity::kError, field,
                                       "a service or resource backend")));
  EXPECT_THAT(
      Errors(IngressYaml("a.example.com", "/", "Prefix",
                         "{resource: {apiGroup: x.io}}")),
      ElementsAre(
          IsDiagnostic(Severity::kError, std::string(field) + ".resource.kind",
                       "required"),
          IsDiagnostic(Severity::kError, std::string(field) + ".resource.name",
                       "required")));
}

TEST(ValidateTest, EveryPathNeedsABackend) {
  std::string text = IngressYaml("a.example.com", "/", "Prefix");
  text = testing::ReplaceOnce(
      text, "        backend: {service: {name: web, port: {number: 80}}}\n",
      "");
  EXPECT_THAT(Errors(text),
              ElementsAre(IsDiagnostic(Severity::kError,
                                       "spec.rules[0].http.paths[0].backend",
                                       "required")));
}

TEST(ValidateTest, BackendServiceNameIsAnRfc1035Label) {
  const std::string field = "spec.rules[0].http.paths[0].backend.service.name";
  for (std::string_view name : {"9lives", "Web", "web.app", "\"\""}) {
    SCOPED_TRACE(name);
    std::string backend =
        "{service: {name: " + std::string(name) + ", port: {number: 80}}}";
    EXPECT_THAT(Errors(IngressYaml("a.example.com", "/", "Prefix", backend)),
                ElementsAre(IsDiagnostic(Severity::kError, field, "")));
  }
}

TEST(ValidateTest, PortIsANameOrANumberInRange) {
  const std::string port = "spec.rules[0].http.paths[0].backend.service.port";
  struct Case {
    std::string_view backend_port;
    std::string field;
    std::string_view message;
  };
  for (const Case& c : {
           Case{"{name: http, number: 80}", port, "cannot set both"},
           Case{"{}", port, "a port name or number"},
           Case{"{number: 0}", port, "a port name or number"},
           Case{"{number: -1}", port + ".number", "out of range"},
           Case{"{number: 65536}", port + ".number", "out of range"},
           Case{"{name: \"80\"}", port + ".name", "at least one letter"},
           Case{"{name: HTTP}", port + ".name", "lowercase"},
           Case{"{name: http-web-frontend}", port + ".name", "at most 15"},
           Case{"{name: -http}", port + ".name", "start or end"},
           Case{"{name: h--p}", port + ".name", "--"},
       }) {
    SCOPED_TRACE(c.backend_port);
    std::string backend =
        "{service: {name: web, port: " + std::string(c.backend_port) + "}}";
    EXPECT_THAT(
        Errors(IngressYaml("a.example.com", "/", "Prefix", backend)),
        ElementsAre(IsDiagnostic(Severity::kError, c.field, c.message)));
  }
  for (std::string_view ok :
       {"{number: 1}", "{number: 65535}", "{name: h2c}"}) {
    std::string backend =
        "{service: {name: web, port: " + std::string(ok) + "}}";
    EXPECT_THAT(Errors(IngressYaml("a.example.com", "/", "Prefix", backend)),
                IsEmpty());
  }
}

TEST(ValidateTest, BetaFieldNamesAreReportedAsWritten) {
  std::vector<Diagnostic> errors = Errors(R"(apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: a}
spec:
  rules:
  - http:
      paths:
      - path: /
        backend: {serviceName: Web, servicePort: 99999}
)");
  EXPECT_THAT(errors,
              ElementsAre(IsDiagnostic(Severity::kError,
                                       "spec.rules[0].http.paths[0].backend."
                                       "serviceName",
                                       "lowercase"),
                          IsDiagnostic(Severity::kError,
                                       "spec.rules[0].http.paths[0].backend."
                                       "servicePort",
                                       "out of range")));
  EXPECT_EQ(errors[1].position, (SourcePosition{9, 50}));
}

TEST(ValidateTest, RulesOrDefaultBackendIsRequired) {
  EXPECT_THAT(Errors(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec: {tls: [{secretName: x}]}
)"),
              ElementsAre(IsDiagnostic(Severity::kError, "spec",
                                       "either rules or defaultBackend")));
  EXPECT_THAT(
      Errors(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
)"),
      ElementsAre(IsDiagnostic(Severity::kError, "spec", "missing spec")));
}

TEST(ValidateTest, DefaultBackendIsValidatedLikeAnyBackend) {
  EXPECT_THAT(Errors(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec: {defaultBackend: {service: {name: a, port: {number: 70000}}}}
)"),
              ElementsAre(IsDiagnostic(
                  Severity::kError, "spec.defaultBackend.service.port.number",
                  "out of range")));
}

TEST(ValidateTest, HttpRuleNeedsAtLeastOnePath) {
  for (std::string_view http : {"{paths: []}", "{}"}) {
    SCOPED_TRACE(http);
    EXPECT_THAT(
        Errors(std::string(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec: {rules: [{host: a.example.com, http: )") +
               std::string(http) + "}]}\n"),
        ElementsAre(IsDiagnostic(Severity::kError, "spec.rules[0].http.paths",
                                 "at least one path")));
  }
  // A rule without http routes nothing but is valid.
  EXPECT_THAT(Errors(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec: {rules: [{host: a.example.com}]}
)"),
              IsEmpty());
}

TEST(ValidateTest, TlsHostsAndSecretNamesAreDnsNames) {
  EXPECT_THAT(
      Errors(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec:
  defaultBackend: {service: {name: a, port: {number: 80}}}
  tls:
  - hosts: [ok.example.com, "*.ok.example.com", Bad.example.com, "x*.example.com"]
    secretName: Bad_Secret
)"),
      ElementsAre(
          IsDiagnostic(Severity::kError, "spec.tls[0].hosts[2]", "lowercase"),
          IsDiagnostic(Severity::kError, "spec.tls[0].hosts[3]", "wildcard"),
          IsDiagnostic(Severity::kError, "spec.tls[0].secretName",
                       "RFC 1123 subdomain")));
}

TEST(ValidateTest, ObjectNameAndNamespaceAreDnsNames) {
  constexpr std::string_view kTemplate = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: META
spec: {defaultBackend: {service: {name: a, port: {number: 80}}}}
)";
  struct Case {
    std::string_view meta;
    std::string_view field;
    std::string_view message;
  };
  for (const Case& c : {Case{"{}", "metadata.name", "required"},
                        Case{"{name: Web}", "metadata.name", "lowercase"},
                        Case{"{name: web, namespace: my.ns}",
                             "metadata.namespace", "RFC 1123 label"},
                        Case{"{name: web, namespace: -ns}",
                             "metadata.namespace", "start and end"}}) {
    SCOPED_TRACE(c.meta);
    std::string text =
        testing::ReplaceOnce(std::string(kTemplate), "META", c.meta);
    EXPECT_THAT(Errors(text), ElementsAre(IsDiagnostic(Severity::kError,
                                                       c.field, c.message)));
  }
}

TEST(ValidateTest, IngressClassNameIsADnsName) {
  EXPECT_THAT(Errors(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec:
  ingressClassName: Istio
  defaultBackend: {service: {name: a, port: {number: 80}}}
)"),
              ElementsAre(IsDiagnostic(Severity::kError,
                                       "spec.ingressClassName", "lowercase")));
}

TEST(ValidateTest, IngressClassNeedsADomainPrefixedController) {
  auto errors_of = [](std::string_view controller) {
    ParseResult result = Parse(
        "apiVersion: networking.k8s.io/v1\n"
        "kind: IngressClass\nmetadata: {name: c}\n"
        "spec: {controller: " +
        std::string(controller) + "}\n");
    EXPECT_EQ(result.resources.ingress_classes.empty(),
              CountErrors(result.diagnostics) > 0);
    return result.diagnostics;
  };
  EXPECT_THAT(errors_of("istio.io/ingress-controller"), IsEmpty());
  for (std::string_view bad :
       {"\"\"", "istio", "Istio.io/x", "istio.io/", "\"istio.io/a b\""}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(errors_of(bad), ElementsAre(IsDiagnostic(
                                    Severity::kError, "spec.controller", "")));
  }
  EXPECT_THAT(errors_of("istio.io/" + std::string(250, 'x')),
              ElementsAre(IsDiagnostic(Severity::kError, "spec.controller",
                                       "at most 250")));
}

TEST(ValidateTest, ServicePortsFollowTheCoreApi) {
  auto errors_of = [](std::string_view spec) {
    ParseResult result = Parse(
        "apiVersion: v1\nkind: Service\n"
        "metadata: {name: svc}\nspec: " +
        std::string(spec) + "\n");
    EXPECT_EQ(result.resources.services.empty(),
              CountErrors(result.diagnostics) > 0);
    return result.diagnostics;
  };
  EXPECT_THAT(errors_of("{ports: [{port: 80}]}"), IsEmpty());
  EXPECT_THAT(errors_of("{ports: [{port: 80}, {name: b, port: 81}]}"),
              ElementsAre(IsDiagnostic(Severity::kError, "spec.ports[0].name",
                                       "must name each")));
  EXPECT_THAT(errors_of("{ports: [{name: a, port: 80}, {name: a, port: 81}]}"),
              ElementsAre(IsDiagnostic(Severity::kError, "spec.ports[1].name",
                                       "duplicate")));
  EXPECT_THAT(errors_of("{ports: [{port: 0}]}"),
              ElementsAre(IsDiagnostic(Severity::kError, "spec.ports[0].port",
                                       "out of range")));
  EXPECT_THAT(
      errors_of("{ports: [{port: 80, targetPort: 70000}]}"),
      ElementsAre(IsDiagnostic(Severity::kError, "spec.ports[0].targetPort",
                               "out of range")));
  EXPECT_THAT(
      errors_of("{ports: [{port: 80, protocol: HTTP}]}"),
      ElementsAre(IsDiagnostic(Severity::kError, "spec.ports[0].protocol",
                               "unsupported value")));
  EXPECT_THAT(errors_of("{type: Balanced}"),
              ElementsAre(IsDiagnostic(Severity::kError, "spec.type",
                                       "unsupported value")));
  EXPECT_THAT(errors_of("{type: ExternalName}"),
              ElementsAre(IsDiagnostic(Severity::kError, "spec.externalName",
                                       "required")));
}

TEST(ValidateTest, ServiceNameIsAnRfc1035Label) {
  ParseResult result = Parse(
      "apiVersion: v1\nkind: Service\nmetadata: {name: 1svc}\nspec: {}\n");
  EXPECT_THAT(result.diagnostics,
              ElementsAre(IsDiagnostic(Severity::kError, "metadata.name",
                                       "RFC 1035 label")));
}

// The functions on models built by hand, without any text.
TEST(ValidateTest, ValidatesHandBuiltModels) {
  Ingress ingress;
  ingress.metadata.name = "hand";
  ingress.metadata.namespace_name = "ns";
  IngressRule& rule = ingress.spec.rules.emplace_back();
  rule.host = "hand.example.com";
  HttpIngressPath& path = rule.http.emplace().paths.emplace_back();
  path.path = "/x";
  path.path_type = PathType::kPrefix;
  path.backend.service = IngressServiceBackend{"web", {"", 8080}};

  std::vector<Diagnostic> diagnostics;
  EXPECT_TRUE(Validate(ingress, Limits{}, &diagnostics));
  EXPECT_THAT(diagnostics, IsEmpty());

  path.path = "x";
  path.backend.service->port.number = 0;
  EXPECT_FALSE(Validate(ingress, Limits{}, &diagnostics));
  ASSERT_THAT(diagnostics, SizeIs(2));
  EXPECT_EQ(diagnostics[0].object, "Ingress ns/hand");
  EXPECT_EQ(diagnostics[0].field, kPathField);
  EXPECT_FALSE(diagnostics[0].position.known());
  EXPECT_EQ(diagnostics[1].field,
            "spec.rules[0].http.paths[0].backend.service.port");

  Limits tight;
  tight.max_path_bytes = 1;
  path.path = "/ab";
  path.backend.service->port.number = 80;
  diagnostics.clear();
  EXPECT_FALSE(Validate(ingress, tight, &diagnostics));
  EXPECT_THAT(diagnostics,
              ElementsAre(IsDiagnostic(Severity::kError, kPathField, "limit")));

  IngressClass ingress_class;
  ingress_class.metadata.name = "istio";
  ingress_class.spec.controller = "istio.io/ingress-controller";
  diagnostics.clear();
  EXPECT_TRUE(Validate(ingress_class, &diagnostics));
  ingress_class.spec.controller.clear();
  EXPECT_FALSE(Validate(ingress_class, &diagnostics));
  EXPECT_EQ(diagnostics.at(0).object, "IngressClass istio");

  Service service;
  service.metadata.name = "web";
  service.spec.ports.push_back(ServicePort{"http", "TCP", 80, {}, 0});
  diagnostics.clear();
  EXPECT_TRUE(Validate(service, &diagnostics));
  service.spec.ports[0].port = 0;
  EXPECT_FALSE(Validate(service, &diagnostics));
  EXPECT_THAT(diagnostics, Not(IsEmpty()));
}

}  // namespace
}  // namespace ingresskit
