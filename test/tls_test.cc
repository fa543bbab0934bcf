// Which HTTPS server, and so which certificate, a TLS server name selects
// (docs/semantics.md §5), and that no output ever holds a key's bytes.
#include <string>

#include "ingresskit/ingresskit.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// An Ingress `name` in `default` for `host` with one tls entry.
std::string TlsIngress(std::string_view name, std::string_view host,
                       std::string_view tls_hosts, std::string_view secret,
                       std::string_view created = "2024-01-01T00:00:00Z") {
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n"
         "  name: " +
         std::string(name) + "\n  namespace: default\n  creationTimestamp: " +
         std::string(created) +
         "\n  annotations: {kubernetes.io/ingress.class: istio}\n"
         "spec:\n  tls: [{hosts: " +
         std::string(tls_hosts) + ", secretName: " + std::string(secret) +
         "}]\n  rules:\n  - host: " + std::string(host) +
         "\n    http: {paths: [{path: /, pathType: Prefix, backend: "
         "{service: {name: " +
         std::string(name) + ", port: {number: 80}}}}]}\n---\n";
}

constexpr char kKeyPem[] =
    "-----BEGIN PRIVATE KEY-----\nVGhpc0lzVGhlS2V5\n-----END PRIVATE "
    "KEY-----\n";
constexpr char kCertPem[] =
    "-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----\n";

std::string TlsSecret(std::string_view name,
                      std::string_view ns = "istio-system",
                      std::string_view key = kKeyPem) {
  return "apiVersion: v1\nkind: Secret\nmetadata: {name: " + std::string(name) +
         ", namespace: " + std::string(ns) +
         "}\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n    " +
         std::string(
             "-----BEGIN CERTIFICATE-----\n    Q0VSVA==\n    "
             "-----END CERTIFICATE-----\n") +
         "  tls.key: " + testing::Quoted(key) + "\n---\n";
}

CompileResult MustCompile(const std::string& text) {
  CompileResult compiled = Compile(text);
  EXPECT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  return compiled;
}

TEST(TlsTest, TheServerNameSelectsTheServerAndItsCertificate) {
  CompileResult compiled = MustCompile(
      TlsIngress("web", "a.com", "[a.com]", "a-cert") + TlsSecret("a-cert"));
  const TlsServer* server = compiled.table.SelectTlsServer("a.com");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->name, "https-443-ingress-web-default-0");
  EXPECT_EQ(server->credential_name, "a-cert");
  EXPECT_EQ(server->secret, "istio-system/a-cert");
  EXPECT_TRUE(server->secret_found);
  EXPECT_EQ(server->certificate.view(), kCertPem);
  EXPECT_EQ(server->private_key.view(), kKeyPem);
  EXPECT_EQ(compiled.table.SelectTlsServer("A.COM"), server);
  // No server for the name, or no name at all: the handshake fails.
  EXPECT_EQ(compiled.table.SelectTlsServer("b.com"), nullptr);
  EXPECT_EQ(compiled.table.SelectTlsServer(""), nullptr);
}

TEST(TlsTest, ExactBeatsWildcardBeatsStar) {
  CompileResult compiled =
      MustCompile(TlsIngress("w1", "a.ex.com", "[\"*.ex.com\"]", "s1") +
                  TlsIngress("w2", "b.ex.com", "[b.ex.com]", "s2") +
                  TlsIngress("w3", "c.com", "[]", "s3"));
  auto credential = [&](std::string_view name) -> std::string {
    const TlsServer* s = compiled.table.SelectTlsServer(name);
    return s == nullptr ? "<handshake fails>" : s->credential_name;
  };
  EXPECT_EQ(credential("b.ex.com"), "s2");
  EXPECT_EQ(credential("a.ex.com"), "s1");
  EXPECT_EQ(credential("x.y.ex.com"), "s1");
  EXPECT_EQ(credential("ex.com"), "s3");  // Only `*` is left.
  EXPECT_EQ(credential(""), "s3");
}

TEST(TlsTest, AServerSharingAHostIsDroppedWholeInGatewayNameOrder) {
  // q's Gateway name sorts after p's: its server is dropped, c.com with it.
  CompileResult compiled =
      MustCompile(TlsIngress("p", "a.com", "[a.com]", "sp") +
                  TlsIngress("q", "c.com", "[a.com, c.com]", "sq"));
  EXPECT_EQ(compiled.table.SelectTlsServer("c.com"), nullptr);
  EXPECT_EQ(compiled.table.SelectTlsServer("a.com")->credential_name, "sp");
  EXPECT_THAT(
      compiled.diagnostics,
      Contains(IsDiagnostic(Severity::kWarning, "spec.tls[0]",
                            "HTTPS server https-443-ingress-q-default-0 "
                            "is dropped whole")));

  // The winner is the first Gateway by name, not the oldest Ingress: beta
  // is older, alpha's Gateway name sorts first.
  CompileResult by_name =
      MustCompile(TlsIngress("beta", "example.com", "[example.com]",
                             "beta-cert", "2020-01-01T00:00:00Z") +
                  TlsIngress("alpha", "example.com", "[example.com]",
                             "alpha-cert", "2024-01-01T00:00:00Z"));
  EXPECT_EQ(by_name.table.SelectTlsServer("example.com")->credential_name,
            "alpha-cert");
}

TEST(TlsTest, SecretsAreReadInTheGatewaysNamespaceOnly) {
  CompileResult compiled =
      MustCompile(TlsIngress("web", "a.com", "[a.com]", "a-cert") +
                  TlsSecret("a-cert", "default") + TlsSecret("unrelated"));
  const TlsServer* server = compiled.table.SelectTlsServer("a.com");
  ASSERT_NE(server, nullptr);
  EXPECT_FALSE(server->secret_found);
  EXPECT_TRUE(server->private_key.empty());
  EXPECT_THAT(compiled.diagnostics,
              Contains(IsDiagnostic(
                  Severity::kWarning, "spec.tls[0]",
                  "is in the Ingress's namespace default, but Istio reads it "
                  "in the gateway's namespace: istio-system/a-cert")));

  CompileResult missing = MustCompile(
      TlsIngress("web", "a.com", "[a.com]", "gone") + TlsSecret("unrelated"));
  EXPECT_THAT(missing.diagnostics,
              Contains(IsDiagnostic(Severity::kWarning, "spec.tls[0]",
                                    "no Secret istio-system/gone")));
}

TEST(TlsTest, ABadPemIsAWarningAndPassesThrough) {
  CompileResult compiled =
      MustCompile(TlsIngress("web", "a.com", "[a.com]", "a-cert") +
                  TlsSecret("a-cert", "istio-system", "not a pem"));
  const TlsServer* server = compiled.table.SelectTlsServer("a.com");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->private_key.view(), "not a pem");
  EXPECT_THAT(
      compiled.diagnostics,
      Contains(IsDiagnostic(Severity::kWarning, "spec.tls[0]", "is not PEM")));
}

TEST(TlsTest, NoOutputHoldsTheKey) {
  const std::string text =
      TlsIngress("web", "a.com", "[a.com]", "a-cert") + TlsSecret("a-cert");
  CompileResult compiled = MustCompile(text);
  ASSERT_NE(compiled.table.SelectTlsServer("a.com"), nullptr);
  std::vector<std::string> outputs;
  for (OutputFormat format :
       {OutputFormat::kIstioYaml, OutputFormat::kIstioJson,
        OutputFormat::kEnvoyJson, OutputFormat::kStatusJson}) {
    outputs.push_back(Generate(compiled.table.config(), format));
  }
  outputs.push_back(ToJson(Parse(text).resources));
  for (const Diagnostic& d : compiled.diagnostics) {
    outputs.push_back(d.ToString());
  }
  for (const std::string& output : outputs) {
    EXPECT_THAT(output, Not(HasSubstr("VGhpc0lzVGhlS2V5")));
    EXPECT_THAT(output, Not(HasSubstr("PRIVATE KEY")));
  }
}

}  // namespace
}  // namespace ingresskit
