// The objects a proxy needs beyond Ingress: EndpointSlice, Endpoints and
// Secret, read with positions and diagnostics like every other kind, and a
// Secret's values never shown.
#include <string>

#include "ingresskit/ingresskit.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::ingresskit::testing::ParseClean;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kSlices[] = R"(apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: httpbin-abc12
  namespace: default
  labels: {kubernetes.io/service-name: httpbin}
addressType: IPv4
endpoints:
- addresses: [10.0.0.2]
  conditions: {ready: true, serving: true, terminating: false}
- addresses: [10.0.0.1]
- addresses: [10.0.0.3]
  conditions: {ready: false}
ports:
- {name: http, port: 8080, protocol: TCP}
- {port: 9090}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: httpbin-v6, labels: {kubernetes.io/service-name: httpbin}}
addressType: IPv6
endpoints:
- addresses: ["2001:db8::1"]
ports: [{name: http, port: 8080}]
)";

TEST(ServingObjectsTest, EndpointSlicesKeepAddressesConditionsAndPorts) {
  ResourceSet set = ParseClean(kSlices);
  ASSERT_THAT(set.endpoint_slices, SizeIs(2));
  const EndpointSlice& slice = set.endpoint_slices[0];
  EXPECT_EQ(slice.metadata.labels.at(std::string(kServiceNameLabel)),
            "httpbin");
  EXPECT_EQ(slice.address_type, AddressType::kIPv4);
  ASSERT_THAT(slice.endpoints, SizeIs(3));
  EXPECT_EQ(slice.endpoints[0].conditions.ready, true);
  EXPECT_EQ(slice.endpoints[0].conditions.terminating, false);
  EXPECT_EQ(slice.endpoints[1].conditions.ready, std::nullopt);  // Unset.
  EXPECT_EQ(slice.endpoints[2].conditions.ready, false);
  ASSERT_THAT(slice.ports, SizeIs(2));
  EXPECT_EQ(slice.ports[0].name, "http");
  EXPECT_EQ(slice.ports[0].port, 8080);
  EXPECT_EQ(slice.ports[1].name, "");  // An unnamed port.
  EXPECT_EQ(slice.position.line, 1u);
  EXPECT_EQ(set.endpoint_slices[1].address_type, AddressType::kIPv6);
  EXPECT_EQ(set.endpoint_slices[1].metadata.namespace_name, "default");
}

TEST(ServingObjectsTest, EndpointsKeepReadyAndNotReadyAddressesApart) {
  ResourceSet set = ParseClean(R"(apiVersion: v1
kind: Endpoints
metadata: {name: httpbin, namespace: web}
subsets:
- addresses: [{ip: 10.1.0.1}, {ip: 10.1.0.2}]
  notReadyAddresses: [{ip: 10.1.0.9}]
  ports: [{name: http, port: 8080}]
)");
  ASSERT_THAT(set.endpoints, SizeIs(1));
  const EndpointSubset& subset = set.endpoints[0].subsets.at(0);
  EXPECT_THAT(subset.addresses, ElementsAre("10.1.0.1", "10.1.0.2"));
  EXPECT_THAT(subset.not_ready_addresses, ElementsAre("10.1.0.9"));
  EXPECT_EQ(subset.ports.at(0).port, 8080);
}

TEST(ServingObjectsTest, EndpointObjectsAreValidated) {
  ParseResult result = Parse(R"(apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: bad, namespace: ns}
endpoints:
- conditions: {ready: maybe}
ports: [{name: http, port: 70000}]
)");
  EXPECT_THAT(
      result.diagnostics,
      ::testing::IsSupersetOf(
          {IsDiagnostic(Severity::kError, "addressType", "required"),
           IsDiagnostic(Severity::kError, "endpoints[0].conditions.ready",
                        "expected a boolean"),
           IsDiagnostic(Severity::kError, "ports[0].port", "out of range")}))
      << Describe(result.diagnostics);
  EXPECT_THAT(result.resources.endpoint_slices, SizeIs(0));
}

// A key no test input shares, base64-encoded as it would be in `data`.
constexpr char kKeyText[] = "-----BEGIN PRIVATE KEY-----\nS3cr3tK3yBytes\n";
constexpr char kKeyBase64[] =
    "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tClMzY3IzdEszeUJ5dGVzCg==";
constexpr char kCertBase64[] = "Q0VSVA==";  // "CERT"

std::string TlsSecret(std::string_view extra = "") {
  return std::string(
             "apiVersion: v1\nkind: Secret\n"
             "metadata: {name: httpbin-credential, namespace: "
             "istio-system}\n"
             "type: kubernetes.io/tls\n"
             "data:\n  tls.crt: ") +
         kCertBase64 + "\n  tls.key: " + kKeyBase64 + "\n" + std::string(extra);
}

TEST(ServingObjectsTest, SecretsDecodeDataAndTakeStringDataOverIt) {
  ResourceSet set = ParseClean(TlsSecret("stringData: {ca.crt: CA}\n"));
  ASSERT_THAT(set.secrets, SizeIs(1));
  const Secret& secret = set.secrets[0];
  EXPECT_EQ(secret.type, kSecretTypeTls);
  EXPECT_EQ(secret.certificate(), "CERT");
  EXPECT_EQ(secret.private_key(), kKeyText);
  EXPECT_EQ(secret.data.at("ca.crt").view(), "CA");

  // Istio's other names, in an Opaque Secret; stringData wins.
  ResourceSet opaque = ParseClean(R"(apiVersion: v1
kind: Secret
metadata: {name: s}
data: {cert: Q0VSVA==, key: b2xk}
stringData: {key: new}
)");
  EXPECT_EQ(opaque.secrets.at(0).certificate(), "CERT");
  EXPECT_EQ(opaque.secrets.at(0).private_key(), "new");
}

TEST(ServingObjectsTest, BadSecretsAreErrorsThatNeverQuoteTheValue) {
  ParseResult result = Parse(R"(apiVersion: v1
kind: Secret
metadata: {name: s, namespace: istio-system}
type: kubernetes.io/tls
data: {tls.crt: "not base64!", tls.key: S3cr3tK3yBytes=}
)");
  EXPECT_THAT(
      result.diagnostics,
      ::testing::IsSupersetOf(
          {IsDiagnostic(Severity::kError, "data.tls.crt", "not valid base64"),
           IsDiagnostic(Severity::kError, "data.tls.key", "not valid base64")}))
      << Describe(result.diagnostics);
  for (const Diagnostic& d : result.diagnostics) {
    EXPECT_THAT(d.ToString(), Not(HasSubstr("S3cr3tK3yBytes")));
    EXPECT_THAT(d.ToString(), Not(HasSubstr("not base64!")));
  }
  EXPECT_THAT(result.resources.secrets, SizeIs(0));

  ParseResult missing = Parse(R"(apiVersion: v1
kind: Secret
metadata: {name: s}
type: kubernetes.io/tls
stringData: {tls.crt: C}
)");
  EXPECT_THAT(missing.diagnostics,
              ElementsAre(IsDiagnostic(Severity::kError, "data[tls.key]",
                                       "needs tls.key")));
}

TEST(ServingObjectsTest, TheModelAsJsonShowsSecretSizesNeverTheirBytes) {
  ResourceSet set = ParseClean(TlsSecret() + "---\n" + kSlices);
  const std::string json = ToJson(set);
  EXPECT_THAT(json, HasSubstr("\"tls.key\": \"<redacted: 43 bytes>\""));
  EXPECT_THAT(json, Not(HasSubstr("S3cr3tK3yBytes")));
  EXPECT_THAT(json, Not(HasSubstr(kKeyBase64)));
  // Everything but the Secret (whose values are gone) reads back equal.
  ResourceSet again = Parse(json).resources;
  EXPECT_THAT(again.secrets, SizeIs(0));
  EXPECT_EQ(testing::WithoutPositions(again).endpoint_slices,
            testing::WithoutPositions(set).endpoint_slices);
}

TEST(ServingObjectsTest, SecretBytesCopyAndClear) {
  SecretBytes a(kKeyText);
  SecretBytes b = a;
  EXPECT_EQ(a, b);
  a.clear();
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(b.view(), kKeyText);
  a = b;
  EXPECT_EQ(a.view(), kKeyText);
}

}  // namespace
}  // namespace ingresskit
