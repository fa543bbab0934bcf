// Generate() and IngressAddress(): status, address, formats, determinism.
#include "ingresskit/generate.h"

#include <algorithm>
#include <random>

#include "ingresskit/route_table.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kIngresses = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: b, namespace: ns2}
spec: {rules: [{host: b.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a, namespace: ns1}
spec: {rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}}]}
)";

GatewayConfig ConfigOf(std::string_view text) {
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  CompileResult compiled = Compile(text, options);
  EXPECT_TRUE(compiled.ok());
  return compiled.table.config();
}

std::string WithService(std::string_view spec_and_status) {
  return std::string(kIngresses) +
         "---\napiVersion: v1\nkind: Service\nmetadata: {name: "
         "istio-ingressgateway, namespace: istio-system}\n" +
         std::string(spec_and_status);
}

TEST(GenerateTest, StatusListsTheGatewayServicesAddressesPerIngress) {
  GatewayConfig config = ConfigOf(WithService(R"(spec:
  type: LoadBalancer
  externalIPs: [198.51.100.7]
  ports: [{name: http2, port: 80}]
status:
  loadBalancer:
    ingress: [{ip: 203.0.113.2}, {hostname: lb.example.net}, {ip: 192.0.2.9}]
)"));
  EXPECT_EQ(Generate(config, OutputFormat::kStatusJson),
            R"({
  "ns1/a": [
    {
      "hostname": "lb.example.net"
    },
    {
      "ip": "192.0.2.9"
    },
    {
      "ip": "198.51.100.7"
    },
    {
      "ip": "203.0.113.2"
    }
  ],
  "ns2/b": [
    {
      "hostname": "lb.example.net"
    },
    {
      "ip": "192.0.2.9"
    },
    {
      "ip": "198.51.100.7"
    },
    {
      "ip": "203.0.113.2"
    }
  ]
}
)");
}

TEST(GenerateTest, ExternalNameServiceGivesItsName) {
  GatewayConfig config = ConfigOf(WithService(
      "spec: {type: ExternalName, externalName: gw.example.org}\n"));
  ASSERT_EQ(config.statuses.size(), 2u);
  ASSERT_EQ(config.statuses[0].load_balancer.size(), 1u);
  EXPECT_EQ(config.statuses[0].load_balancer[0].hostname, "gw.example.org");
}

TEST(GenerateTest, WithoutTheServiceStatusesAreEmpty) {
  GatewayConfig config = ConfigOf(kIngresses);
  EXPECT_EQ(Generate(config, OutputFormat::kStatusJson),
            "{\n  \"ns1/a\": [],\n  \"ns2/b\": []\n}\n");
  EXPECT_EQ(IngressAddress(config), std::nullopt);
}

TEST(GenerateTest, AddressPrefersTheLoadBalancerIpThenHostname) {
  GatewayConfig config = ConfigOf(WithService(R"(spec:
  type: LoadBalancer
  ports: [{name: http2, port: 80, nodePort: 31380}, {name: https, port: 443, nodePort: 31390}]
status: {loadBalancer: {ingress: [{hostname: lb.example.net}, {ip: 203.0.113.2}]}}
)"));
  std::optional<GatewayAddress> address = IngressAddress(config);
  ASSERT_TRUE(address.has_value());
  EXPECT_EQ(address->host, "203.0.113.2");
  EXPECT_EQ(address->http_port, 80u);
  EXPECT_EQ(address->https_port, 443u);
  EXPECT_FALSE(address->node_ports);
  EXPECT_EQ(address->note, "");

  config = ConfigOf(WithService(R"(spec:
  type: LoadBalancer
  ports: [{name: http2, port: 80}]
status: {loadBalancer: {ingress: [{hostname: lb.example.net}]}}
)"));
  EXPECT_EQ(IngressAddress(config)->host, "lb.example.net");
}

TEST(GenerateTest, AddressWithoutALoadBalancerUsesNodePorts) {
  GatewayConfig config = ConfigOf(WithService(R"(spec:
  type: NodePort
  ports: [{name: http2, port: 80, nodePort: 31380}, {name: https, port: 443, nodePort: 31390}]
)"));
  std::optional<GatewayAddress> address = IngressAddress(config);
  ASSERT_TRUE(address.has_value());
  EXPECT_EQ(address->host, "");
  EXPECT_TRUE(address->node_ports);
  EXPECT_EQ(address->http_port, 31380u);
  EXPECT_EQ(address->https_port, 31390u);
  EXPECT_THAT(address->note, HasSubstr("node's address"));
}

TEST(GenerateTest, FormatNamesRoundTrip) {
  for (OutputFormat f : {OutputFormat::kIstioYaml, OutputFormat::kIstioJson,
                         OutputFormat::kEnvoyJson, OutputFormat::kStatusJson}) {
    EXPECT_EQ(OutputFormatFromString(ToString(f)), f);
  }
  EXPECT_EQ(OutputFormatFromString("yaml"), std::nullopt);
}

TEST(GenerateTest, YamlQuotesStringsThatWouldReadBackAsOtherTypes) {
  GatewayConfig config;
  Gateway& gw = config.gateways.emplace_back();
  gw.name = "g";
  gw.namespace_name = "istio-system";
  gw.selector = {{"istio", "true"}, {"version", "80"}, {"empty", ""}};
  std::string yaml = Generate(config, OutputFormat::kIstioYaml);
  EXPECT_THAT(yaml, HasSubstr("istio: \"true\""));
  EXPECT_THAT(yaml, HasSubstr("version: \"80\""));
  EXPECT_THAT(yaml, HasSubstr("empty: \"\""));
}

TEST(GenerateTest, OutputDoesNotDependOnInputOrder) {
  std::vector<std::string> docs;
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    docs.push_back(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: "
        "ing" +
        n + ", namespace: ns" + std::to_string(i % 3) +
        ", creationTimestamp: \"2024-01-0" + std::to_string(1 + i % 5) +
        "T00:00:00Z\"}\nspec:\n  tls: [{hosts: [h" + std::to_string(i % 4) +
        ".example.com], secretName: s" + n + "}]\n  rules: [{host: h" +
        std::to_string(i % 4) + ".example.com, http: {paths: [{path: /p" +
        std::to_string(i % 2) +
        ", pathType: Prefix, backend: {service: {name: s" + n +
        ", port: {number: 80}}}}]}}]\n");
  }
  auto all = [&] {
    std::string text;
    for (const std::string& d : docs) text += d + "---\n";
    return text;
  };
  const GatewayConfig first = ConfigOf(all());
  std::mt19937 rng(3);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(docs.begin(), docs.end(), rng);
    const GatewayConfig shuffled = ConfigOf(all());
    for (OutputFormat f :
         {OutputFormat::kIstioYaml, OutputFormat::kIstioJson,
          OutputFormat::kEnvoyJson, OutputFormat::kStatusJson}) {
      EXPECT_EQ(Generate(shuffled, f), Generate(first, f)) << ToString(f);
    }
  }
}

}  // namespace
}  // namespace ingresskit
