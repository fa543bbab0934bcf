// Lint(): each check on the configuration it is about, check's format, and
// unreachable routes that never win a request.
#include "ingresskit/lint.h"

#include <string>
#include <vector>

#include "ingress_specs.h"
#include "random_ingress.h"
#include "rapidjson/document.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::testing::HasSubstr;
using testing::Spec;
using testing::Yaml;

std::vector<const LintFinding*> WithCode(const LintResult& result,
                                         std::string_view code) {
  std::vector<const LintFinding*> out;
  for (const LintFinding& f : result.findings) {
    if (f.code == code) out.push_back(&f);
  }
  return out;
}

LintResult LintSpecs(const std::vector<Spec>& specs,
                     std::string_view extra = "",
                     Semantics semantics = Semantics::kIstio) {
  CompileOptions options;
  options.semantics = semantics;
  LintResult result = Lint(Yaml(specs) + std::string(extra), options);
  EXPECT_TRUE(result.ok());
  return result;
}

TEST(LintTest, ADuplicateNamesTheOlderIngressAsTheWinner) {
  const LintResult r =
      LintSpecs({{"b", "foo.com", {"Prefix /api b"}, "2024-02-01T00:00:00Z"},
                 {"a", "foo.com", {"Prefix /api a"}, "2024-01-01T00:00:00Z"}});
  const auto found = WithCode(r, "duplicate-route");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->diagnostic.object, "Ingress default/b");
  EXPECT_EQ(found[0]->diagnostic.field, "spec.rules[0].http.paths[0].path");
  EXPECT_EQ(found[0]->diagnostic.severity, Severity::kWarning);
  EXPECT_THAT(found[0]->diagnostic.message,
              HasSubstr("Ingress default/a spec.rules[0].http.paths[0].path"));
  EXPECT_THAT(found[0]->diagnostic.message,
              HasSubstr("older creationTimestamp (2024-01-01T00:00:00Z"));
  // The loser is a duplicate, not also "unreachable".
  EXPECT_TRUE(WithCode(r, "unreachable-route").empty());
}

TEST(LintTest, PrefixesEqualAfterTheTrailingSlashAreDuplicates) {
  const LintResult r = LintSpecs(
      {{"docs", "foo.com", {"Prefix /docs docs", "Prefix /docs/ docs2"}}});
  const auto found = WithCode(r, "duplicate-route");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->diagnostic.field, "spec.rules[0].http.paths[0].path");
  EXPECT_THAT(found[0]->diagnostic.message,
              HasSubstr("Istio tries the longer path as written first"));
}

TEST(LintTest, AnExactPathBehindALongerPrefixIsUnreachableUnderIstio) {
  const std::vector<Spec> specs = {
      {"foo", "foo.com", {"Exact /foo exact", "Prefix /foo/ prefix"}}};
  const LintResult istio = LintSpecs(specs);
  const auto found = WithCode(istio, "unreachable-route");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->diagnostic.field, "spec.rules[0].http.paths[0].path");
  EXPECT_THAT(found[0]->diagnostic.message,
              HasSubstr("foo.com/foo goes to Ingress default/foo "
                        "spec.rules[0].http.paths[1].path"));
  // The spec's longest match serves it.
  EXPECT_TRUE(WithCode(LintSpecs(specs, "", Semantics::kKubernetes),
                       "unreachable-route")
                  .empty());
}

TEST(LintTest, ReachableRoutesAreNotReported) {
  const LintResult r = LintSpecs(
      {{"foo",
        "foo.com",
        {"Prefix / web", "Prefix /api api", "Exact /api/health health"}}});
  EXPECT_TRUE(r.findings.empty()) << r.findings[0].ToCompilerStyle();
}

TEST(LintTest, WildcardsAreNotedUnderIstioOnly) {
  const std::vector<Spec> specs = {{"w", "*.foo.com", {"Prefix / wild"}}};
  const LintResult istio = LintSpecs(specs);
  const auto found = WithCode(istio, "wildcard-multilabel");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->diagnostic.severity, Severity::kInfo);
  EXPECT_EQ(found[0]->diagnostic.field, "spec.rules[0].host");
  EXPECT_THAT(found[0]->diagnostic.message, HasSubstr("a.b.foo.com"));
  EXPECT_TRUE(WithCode(LintSpecs(specs, "", Semantics::kKubernetes),
                       "wildcard-multilabel")
                  .empty());
}

TEST(LintTest, PathsEnvoyRefusesAreErrorsAndTheTableIsUnchanged) {
  const LintResult r = LintSpecs(
      {{"bad",
        "foo.com",
        {"Prefix /q?x a", "Prefix /h#x b", "ImplementationSpecific //.* c",
         "ImplementationSpecific /k?/* d", "Prefix /fine e"}}});
  const auto found = WithCode(r, "envoy-rejects-route");
  ASSERT_EQ(found.size(), 4u);
  for (const LintFinding* f : found) {
    EXPECT_EQ(f->diagnostic.severity, Severity::kError);
    EXPECT_THAT(f->diagnostic.message, HasSubstr("^[^?#]+[^?#/]$"));
  }
  EXPECT_EQ(found[0]->diagnostic.field, "spec.rules[0].http.paths[0].path");
  EXPECT_EQ(r.table.route_count(), 5u);
  EXPECT_EQ(r.table.Match("foo.com", "/fine").route->destination.service, "e");
}

TEST(LintTest, ExactPathsNoRequestCanHaveNeverMatch) {
  const LintResult r =
      LintSpecs({{"q", "foo.com", {"Exact /a?b a", "Exact /b%41 b"}}});
  const auto found = WithCode(r, "never-matches");
  ASSERT_EQ(found.size(), 2u);
  // In the host's order: the longer path first.
  EXPECT_THAT(found[0]->diagnostic.message, HasSubstr("/b%41"));
  EXPECT_THAT(found[0]->diagnostic.message, HasSubstr("normalises"));
  EXPECT_THAT(found[1]->diagnostic.message, HasSubstr("'?' or '#'"));
  EXPECT_TRUE(WithCode(r, "unreachable-route").empty());
}

constexpr std::string_view kObjects = R"(---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: nginx-only, namespace: default, annotations: {kubernetes.io/ingress.class: nginx}}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: tls, namespace: apps, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
  tls: [{hosts: [t.com], secretName: t-cert}]
  rules:
  - host: t.com
    http:
      paths:
      - {path: /a, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /b, pathType: Prefix, backend: {service: {name: web, port: {name: grpc}}}}
      - {path: /c, pathType: Prefix, backend: {service: {name: gone, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: apps}
spec: {ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Secret
metadata: {name: t-cert, namespace: apps}
type: kubernetes.io/tls
data: {tls.crt: "", tls.key: ""}
)";

TEST(LintTest, ObjectChecksNameTheFieldAndWhy) {
  const LintResult r = Lint(kObjects);
  ASSERT_TRUE(r.ok());
  const auto ignored = WithCode(r, "ignored-ingress");
  ASSERT_EQ(ignored.size(), 1u);
  EXPECT_EQ(ignored[0]->diagnostic.object, "Ingress default/nginx-only");
  EXPECT_THAT(ignored[0]->diagnostic.message, HasSubstr("\"nginx\""));
  const auto default_backend = WithCode(r, "default-backend-ignored");
  ASSERT_EQ(default_backend.size(), 1u);
  EXPECT_EQ(default_backend[0]->diagnostic.field, "spec.defaultBackend");
  const auto port = WithCode(r, "unresolved-port");
  ASSERT_EQ(port.size(), 1u);
  EXPECT_EQ(port[0]->diagnostic.field,
            "spec.rules[0].http.paths[1].backend.service.port");
  EXPECT_THAT(port[0]->diagnostic.message, HasSubstr("no port grpc"));
  const auto missing = WithCode(r, "missing-service");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_THAT(missing[0]->diagnostic.message, HasSubstr("apps/gone"));
  const auto secret = WithCode(r, "tls-secret-namespace");
  ASSERT_EQ(secret.size(), 1u);
  EXPECT_EQ(secret[0]->diagnostic.field, "spec.tls[0].secretName");
  EXPECT_THAT(secret[0]->diagnostic.message, HasSubstr("istio-system"));
}

TEST(LintTest, FindingsPrintInChecksFormatAndAsJson) {
  const Source sources[] = {{"routes.yaml", kObjects}};
  const LintResult r = Lint(sources);
  const auto port = WithCode(r, "unresolved-port");
  ASSERT_EQ(port.size(), 1u);
  EXPECT_EQ(port[0]->ToCompilerStyle().substr(0, 33),
            "routes.yaml:22: warning: Ingress ");
  EXPECT_THAT(port[0]->ToCompilerStyle(), HasSubstr(" [unresolved-port]"));
  rapidjson::Document d;
  d.Parse(LintJson(r.findings).c_str());
  ASSERT_TRUE(d.IsArray());
  ASSERT_EQ(d.Size(), r.findings.size());
  bool seen = false;
  for (const auto& f : d.GetArray()) {
    if (std::string_view(f["code"].GetString()) != "unresolved-port") continue;
    seen = true;
    EXPECT_STREQ(f["severity"].GetString(), "warning");
    EXPECT_STREQ(f["object"].GetString(), "Ingress apps/tls");
    EXPECT_EQ(f["line"].GetUint(), 22u);
    EXPECT_STREQ(f["source"].GetString(), "routes.yaml");
  }
  EXPECT_TRUE(seen);
}

TEST(LintTest, AnInputThatDoesNotParseHasNoFindings) {
  const LintResult r = Lint("kind: [");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.findings.empty());
  EXPECT_GT(CountErrors(r.diagnostics), 0u);
}

// On random Ingress sets under both semantics, no random request is served
// by a route lint calls unreachable.
TEST(LintTest, UnreachableRoutesNeverWinARandomRequest) {
  size_t unreachable = 0;
  for (Semantics semantics : {Semantics::kIstio, Semantics::kKubernetes}) {
    for (int seed = 1; seed <= 30; ++seed) {
      testing::RandomIngress gen(static_cast<uint64_t>(seed));
      CompileOptions options;
      options.semantics = semantics;
      options.controller_mode = ControllerMode::kDefault;
      const LintResult r = Lint(gen.Resources(1 + gen.Pick(10)), options);
      ASSERT_TRUE(r.ok());
      std::set<std::pair<std::string, std::string>> dead;  // object, field
      for (const LintFinding& f : r.findings) {
        if (f.code == "unreachable-route" || f.code == "duplicate-route") {
          dead.insert({f.diagnostic.object, f.diagnostic.field});
        }
      }
      unreachable += dead.size();
      for (int i = 0; i < 500; ++i) {
        auto [host, path] = gen.Request(r.table.config());
        const MatchResult m = r.table.Match(host, path);
        if (!m.matched() || m.route->origin.is_default_backend) continue;
        const std::string object = "Ingress " +
                                   m.route->origin.ingress_namespace + "/" +
                                   m.route->origin.ingress_name;
        const std::string field =
            "spec.rules[" + std::to_string(m.route->origin.rule_index) +
            "].http.paths[" + std::to_string(m.route->origin.path_index) +
            "].path";
        // A duplicate loses on its host; the same path may win on another
        // (rules are per host), so only the host's own losers count.
        if (dead.contains({object, field})) {
          const bool dup_elsewhere = std::any_of(
              r.findings.begin(), r.findings.end(), [&](const LintFinding& f) {
                return f.diagnostic.object == object &&
                       f.diagnostic.field == field &&
                       f.diagnostic.message.find(
                           "\"" + m.virtual_service->host + "\"") ==
                           std::string::npos;
              });
          EXPECT_TRUE(dup_elsewhere)
              << "seed " << seed << ": " << host << " " << path << " won by "
              << object << " " << field;
        }
      }
    }
  }
  EXPECT_GT(unreachable, 20u);
}

}  // namespace
}  // namespace ingresskit
