// Configuration generated from the IR (docs/semantics.md §5): the Istio
// Gateways and VirtualServices, the Envoy RouteConfigurations they become, and
// the Ingress status Istio writes. All built as structured data and serialised
// by an emitter, never pasted together as text. Deterministic: the same IR
// gives byte-identical output. Thread-safe; no state.
#ifndef INGRESSKIT_GENERATE_H_
#define INGRESSKIT_GENERATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingresskit/export.h"
#include "ingresskit/gateway.h"

namespace ingresskit {

enum class OutputFormat : uint8_t {
  kIstioYaml,   // Gateways then VirtualServices, a `---` stream.
  kIstioJson,   // The same objects as a JSON array.
  kEnvoyJson,   // v3 RouteConfigurations: port 80, then one per HTTPS server.
  kStatusJson,  // {"namespace/name": [{"ip": ...} | {"hostname": ...}]}
  // Gateway API objects that route as the Ingresses do (migrate.h's
  // ToGatewayApi with its defaults, a `---` stream): an Istio-semantics
  // configuration only. `ingresskit migrate` adds the warnings and proof.
  kGatewayApiYaml,
};

// `istio`, `istio-json`, `envoy`, `status`, `gateway-api`.
INGRESSKIT_EXPORT std::string_view ToString(OutputFormat format);
INGRESSKIT_EXPORT std::optional<OutputFormat> OutputFormatFromString(
    std::string_view text);

// What Istio generates from Ingresses. A configuration compiled from
// Gateway API input (semantics kGatewayApi) is not one: GeneratesFor()
// says so, and the C ABI and the CLI refuse it rather than write objects
// that would route otherwise (an unresolved backend's 500, for one).
INGRESSKIT_EXPORT bool GeneratesFor(const GatewayConfig& config);
// The same for one format: kGatewayApiYaml also needs Istio semantics (its
// rules reproduce Istio's route order).
INGRESSKIT_EXPORT bool GeneratesFor(const GatewayConfig& config,
                                    OutputFormat format);
INGRESSKIT_EXPORT std::string Generate(const GatewayConfig& config,
                                       OutputFormat format);

// Where a client reaches the gateway, worked out as the Istio task's
// "Determining the ingress IP and ports" does.
struct GatewayAddress {
  // The first load-balancer IP, else its hostname; empty when the Service
  // has no external load balancer (then use a node's address).
  std::string host;
  uint32_t http_port = 0;   // Of the port named `http2`.
  uint32_t https_port = 0;  // Of the port named `https`.
  bool node_ports = false;  // The ports are nodePorts (no load balancer).
  std::string note;         // What the user must still do, if anything.
};

// nullopt when the IR holds no ingress gateway Service.
INGRESSKIT_EXPORT std::optional<GatewayAddress> IngressAddress(
    const GatewayConfig& config);

}  // namespace ingresskit

#endif  // INGRESSKIT_GENERATE_H_
