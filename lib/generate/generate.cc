// Generate(): the IR to Istio YAML/JSON, Envoy JSON or Ingress status; and
// the gateway's address.
#include "ingresskit/generate.h"

#include <array>
#include <utility>

#include "generate/envoy.h"
#include "generate/istio.h"
#include "generate/json_builder.h"
#include "generate/yaml_emitter.h"
#include "ingresskit/migrate.h"

namespace ingresskit {
namespace {

using generate_internal::JsonBuilder;

constexpr std::array<std::pair<OutputFormat, std::string_view>, 5> kFormats{{
    {OutputFormat::kIstioYaml, "istio"},
    {OutputFormat::kIstioJson, "istio-json"},
    {OutputFormat::kEnvoyJson, "envoy"},
    {OutputFormat::kStatusJson, "status"},
    {OutputFormat::kGatewayApiYaml, "gateway-api"},
}};

void StatusObject(const GatewayConfig& config, rapidjson::Document& out) {
  out.SetObject();
  JsonBuilder b(out.GetAllocator());
  for (const IngressStatus& status : config.statuses) {
    rapidjson::Value entries = b.Array();
    for (const LoadBalancerIngress& lb : status.load_balancer) {
      rapidjson::Value entry = b.Object();
      if (!lb.ip.empty()) b.Set(entry, "ip", lb.ip);
      if (!lb.hostname.empty()) b.Set(entry, "hostname", lb.hostname);
      b.Push(entries, std::move(entry));
    }
    b.Set(out, status.ingress_namespace + "/" + status.ingress_name,
          std::move(entries));
  }
}

}  // namespace

std::string_view ToString(OutputFormat format) {
  for (const auto& [f, name] : kFormats) {
    if (f == format) return name;
  }
  return "";
}

std::optional<OutputFormat> OutputFormatFromString(std::string_view text) {
  for (const auto& [f, name] : kFormats) {
    if (name == text) return f;
  }
  return std::nullopt;
}

bool GeneratesFor(const GatewayConfig& config) {
  return config.semantics != Semantics::kGatewayApi;
}

bool GeneratesFor(const GatewayConfig& config, OutputFormat format) {
  if (format == OutputFormat::kGatewayApiYaml) {
    return config.semantics == Semantics::kIstio;
  }
  return GeneratesFor(config);
}

std::string Generate(const GatewayConfig& config, OutputFormat format) {
  rapidjson::Document doc;
  switch (format) {
    case OutputFormat::kIstioYaml:
      generate_internal::IstioObjects(config, doc);
      return generate_internal::ToYamlStream(doc);
    case OutputFormat::kIstioJson:
      generate_internal::IstioObjects(config, doc);
      return generate_internal::ToJsonText(doc);
    case OutputFormat::kEnvoyJson:
      generate_internal::EnvoyRouteConfigurations(config, doc);
      return generate_internal::ToJsonText(doc);
    case OutputFormat::kStatusJson:
      StatusObject(config, doc);
      return generate_internal::ToJsonText(doc);
    case OutputFormat::kGatewayApiYaml:
      return GatewayApiYaml(ToGatewayApi(config));
  }
  return {};
}

std::optional<GatewayAddress> IngressAddress(const GatewayConfig& config) {
  if (!config.ingress_service) return std::nullopt;
  const Service& service = *config.ingress_service;
  GatewayAddress address;
  for (const LoadBalancerIngress& lb : service.status.load_balancer_ingress) {
    if (!lb.ip.empty()) {
      address.host = lb.ip;
      break;
    }
  }
  if (address.host.empty()) {
    for (const LoadBalancerIngress& lb : service.status.load_balancer_ingress) {
      if (!lb.hostname.empty()) {
        address.host = lb.hostname;
        break;
      }
    }
  }
  if (address.host.empty() && !service.spec.external_ips.empty()) {
    address.host = service.spec.external_ips.front();
  }
  // Without an external load balancer, clients reach the gateway through
  // node ports on a node's address.
  address.node_ports = address.host.empty();
  for (const ServicePort& port : service.spec.ports) {
    uint32_t number =
        static_cast<uint32_t>(address.node_ports ? port.node_port : port.port);
    if (port.name == "http2") address.http_port = number;
    if (port.name == "https") address.https_port = number;
  }
  if (address.node_ports) {
    address.note =
        "the Service has no external load balancer: use a node's address "
        "(for example `minikube ip`) with these node ports";
  }
  if (address.http_port == 0) {
    address.note += std::string(address.note.empty() ? "" : "; ") +
                    "the Service has no port named http2";
  }
  return address;
}

}  // namespace ingresskit
