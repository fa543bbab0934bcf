// The gateway configuration Istio builds from Ingress resources: the IR
// between the model and everything derived from it (docs/architecture.md). The
// route table and the generated Istio/Envoy config both come from one
// GatewayConfig, so what is matched and what is generated cannot disagree.
//
// Convert() is reentrant and keeps no state. A GatewayConfig is a plain
// value; concurrent reads are safe.
#ifndef INGRESSKIT_GATEWAY_H_
#define INGRESSKIT_GATEWAY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/export.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"

namespace ingresskit {

enum class RouteMatchType : uint8_t {
  kExact,  // The path equals `value`.
  // Envoy's path-separated prefix on `value` without one trailing `/`: the
  // path equals it or continues with `/`. `value` "/" matches every path.
  kPrefix,
  kStringPrefix,  // The path starts with `value` (glob_prefix = string).
  kAny,           // No condition: every path.
};

INGRESSKIT_EXPORT std::string_view ToString(RouteMatchType type);

struct RouteMatch {
  RouteMatchType type = RouteMatchType::kAny;
  // The exact path or the prefix as Istio writes it (a Prefix path keeps its
  // trailing `/`; glob suffixes are stripped). Empty for kAny.
  std::string value;

  // True when the match accepts every path (kAny, or prefix "/").
  bool IsCatchAll() const {
    return type == RouteMatchType::kAny ||
           ((type == RouteMatchType::kPrefix ||
             type == RouteMatchType::kStringPrefix) &&
            value == "/");
  }
  friend bool operator==(const RouteMatch&, const RouteMatch&) = default;
};

// What the input says about the addresses behind a destination
// (docs/semantics.md §4): a proxy routes to them, answers 503, or falls
// back to the destination's DNS name.
enum class EndpointStatus : uint8_t {
  kUnknown,           // The input holds no endpoint data at all.
  kReady,             // At least one ready endpoint (or an ExternalName).
  kNoReadyEndpoints,  // Endpoint data, but none ready for this Service.
};

// `unknown`, `ready`, `no-ready-endpoints`.
INGRESSKIT_EXPORT std::string_view ToString(EndpointStatus status);

struct RouteDestination {
  std::string service;
  std::string namespace_name;
  uint32_t port = 0;
  std::string host;     // `<service>.<namespace>.svc.<domain_suffix>`
  std::string cluster;  // Envoy's `outbound|<port>||<host>`
  EndpointStatus endpoint_status = EndpointStatus::kUnknown;
  // Ready endpoints as `address:port` (`[address]:port` for IPv6), sorted;
  // an ExternalName Service's name and port.
  std::vector<std::string> endpoints;
  // Gateway API: the rule's backendRef names a Service port the input does
  // not have; requests it takes are answered 500 (kBackendUnresolved).
  bool unresolved = false;
  friend bool operator==(const RouteDestination&,
                         const RouteDestination&) = default;
};

// Where a route came from, for diagnostics and for users asking "why".
struct RouteOrigin {
  std::string ingress_namespace;
  std::string ingress_name;
  uint32_t rule_index = 0;
  uint32_t path_index = 0;  // Within the rule's http.paths.
  std::string path;         // As written in the Ingress.
  PathType path_type = PathType::kUnset;
  SourcePosition position;  // Of the path entry, when parsed from text.
  bool is_default_backend = false;
  // From a Gateway API HTTPRoute: ingress_namespace/ingress_name name the
  // route, rule_index its rule, path_index the match within the rule.
  bool from_http_route = false;
  friend bool operator==(const RouteOrigin&, const RouteOrigin&) = default;
};

struct HttpRoute {
  RouteMatch match;
  RouteDestination destination;
  RouteOrigin origin;
  // False for routes after the host's first catch-all (Istio semantics):
  // kept in the IR, never matched.
  bool reachable = true;
  friend bool operator==(const HttpRoute&, const HttpRoute&) = default;
};

// One per distinct host across all served Ingresses.
struct VirtualService {
  std::string name;
  std::string namespace_name;  // The first Ingress's.
  std::string host;            // `*` for rules without a host.
  std::string gateway;         // `<ns>/<name>` of the first Ingress's Gateway.
  std::vector<HttpRoute> routes;  // In match order: first match wins.
  // Serves only the HTTPS server whose TlsServer::gateway is `gateway`
  // (a Gateway API HTTPS listener); plain-HTTP matching, and the analyses
  // of it (explain, diff, lint, route tests), never select it.
  bool https_only = false;
  friend bool operator==(const VirtualService&,
                         const VirtualService&) = default;
};

struct GatewayServer {
  uint32_t port = 0;
  std::string protocol;  // `HTTP` or `HTTPS`
  std::string name;
  std::vector<std::string> hosts;
  std::string tls_mode;         // `SIMPLE` for HTTPS servers.
  std::string credential_name;  // The TLS Secret.
  friend bool operator==(const GatewayServer&, const GatewayServer&) = default;
};

// One per served Ingress.
struct Gateway {
  std::string name;
  std::string namespace_name;
  StringMap selector;
  std::vector<GatewayServer> servers;  // HTTPS servers first, port 80 last.
  std::string ingress_namespace;
  std::string ingress_name;
  friend bool operator==(const Gateway&, const Gateway&) = default;
};

// The `status.loadBalancer.ingress` Istio writes on a served Ingress.
struct IngressStatus {
  std::string ingress_namespace;
  std::string ingress_name;
  std::vector<LoadBalancerIngress> load_balancer;
  friend bool operator==(const IngressStatus&, const IngressStatus&) = default;
};

// An HTTPS server that Istio accepts, and the certificate it serves
// (docs/semantics.md §5): servers of the generated Gateways, walked in
// Gateway name order; a server sharing a host string with one accepted
// before it is dropped whole.
struct TlsServer {
  // `<namespace>/<name>` of its Gateway; for a Gateway API HTTPS listener
  // `<namespace>/<name>/<listener>`, which its VirtualServices name too.
  std::string gateway;
  std::string name;  // `https-443-ingress-<ingress>-<namespace>-<i>`
  std::vector<std::string> hosts;  // `*` for a tls entry without hosts.
  std::string credential_name;     // The Ingress's secretName.
  // `<ingress_namespace>/<credential_name>`: Istio reads the Secret in the
  // gateway's namespace, never in the Ingress's.
  std::string secret;
  bool secret_found = false;  // The input holds that Secret.
  SecretBytes certificate;    // PEM chain, as the Secret holds it.
  SecretBytes private_key;    // PEM key; never printed.
  std::string ingress_namespace;
  std::string ingress_name;
  friend bool operator==(const TlsServer&, const TlsServer&) = default;
};

struct GatewayConfig {
  Semantics semantics = Semantics::kIstio;
  std::vector<Gateway> gateways;
  std::vector<VirtualService> virtual_services;
  // Kubernetes semantics only: serves requests no host or path matched.
  std::optional<HttpRoute> default_route;
  // One per served Ingress, ordered by namespace/name.
  std::vector<IngressStatus> statuses;
  // The ingress gateway's Service (options.ingress_service in
  // options.ingress_namespace), when the input holds it: where the
  // addresses come from.
  std::optional<Service> ingress_service;
  // The accepted HTTPS servers, in Gateway name order.
  std::vector<TlsServer> tls_servers;
  friend bool operator==(const GatewayConfig&, const GatewayConfig&) = default;
};

struct ConvertResult {
  // kOk, or kValidation when `strict` and an error was reported, or kLimit
  // when more routes than limits.max_routes resulted. `config` is empty then.
  ErrorCode status = ErrorCode::kOk;
  GatewayConfig config;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return status == ErrorCode::kOk; }
};

// Selects the Ingresses Istio serves and converts them (docs/semantics.md
// §1–§6). `resources` is assumed valid (as Parse() returns it); objects built
// by hand are validated here and excluded with their errors.
INGRESSKIT_EXPORT ConvertResult Convert(const ResourceSet& resources,
                                        const CompileOptions& options);

}  // namespace ingresskit

#endif  // INGRESSKIT_GATEWAY_H_
