// The input model: the Kubernetes objects ingresskit reads.
//
// Plain value types mirroring the parts of networking.k8s.io Ingress,
// IngressClass, core/v1 Service, Endpoints and Secret,
// discovery.k8s.io/v1 EndpointSlice, and Gateway API Gateway and HTTPRoute,
// that Istio's Ingress and Gateway API support consult.
// Build them by hand or get them from Parse() (parse.h). Field names follow
// the Kubernetes API (`ingressClassName` is `ingress_class_name`); where
// v1beta1 spelled a field differently (`serviceName`, `servicePort`,
// `spec.backend`) the model holds the v1 shape and `api_version` records what
// the object was written as.
//
// Values are copyable and comparable; nothing here is thread-unsafe beyond
// the usual rule for standard containers (concurrent reads are fine).
#ifndef INGRESSKIT_MODEL_H_
#define INGRESSKIT_MODEL_H_

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/export.h"

namespace ingresskit {

// API versions ingresskit accepts, as written in `apiVersion`.
inline constexpr std::string_view kNetworkingV1 = "networking.k8s.io/v1";
inline constexpr std::string_view kNetworkingV1beta1 =
    "networking.k8s.io/v1beta1";
inline constexpr std::string_view kExtensionsV1beta1 = "extensions/v1beta1";
inline constexpr std::string_view kCoreV1 = "v1";
inline constexpr std::string_view kDiscoveryV1 = "discovery.k8s.io/v1";
inline constexpr std::string_view kGatewayApiV1 =
    "gateway.networking.k8s.io/v1";
inline constexpr std::string_view kGatewayApiV1beta1 =
    "gateway.networking.k8s.io/v1beta1";
// The API group of Gateway and HTTPRoute, as parentRefs name it.
inline constexpr std::string_view kGatewayApiGroup =
    "gateway.networking.k8s.io";

// A point in time with nanosecond precision (Kubernetes metav1.Time).
struct Timestamp {
  int64_t seconds = 0;  // Since 1970-01-01T00:00:00Z.
  int32_t nanos = 0;    // 0..999999999.

  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

// Parses an RFC 3339 date-time (`2024-01-02T03:04:05Z`, fractional seconds
// and numeric offsets allowed). nullopt when `text` is not one.
INGRESSKIT_EXPORT std::optional<Timestamp> ParseRfc3339(std::string_view text);
// Formats in UTC as Kubernetes does: `2024-01-02T03:04:05Z`, with fractional
// seconds only when `nanos` is not zero.
INGRESSKIT_EXPORT std::string FormatRfc3339(Timestamp timestamp);

using StringMap = std::map<std::string, std::string, std::less<>>;

struct ObjectMeta {
  std::string name;
  // Empty for cluster-scoped kinds. Parse() sets `default` when a namespaced
  // object does not name one.
  std::string namespace_name;
  std::optional<Timestamp> creation_timestamp;
  StringMap labels;
  StringMap annotations;

  friend bool operator==(const ObjectMeta&, const ObjectMeta&) = default;
};

// A port given by number or by name: Ingress backend ports, v1beta1
// `servicePort` and Service `targetPort`. Exactly one should be set; the
// validator reports when both or neither are.
struct PortNameOrNumber {
  std::string name;
  int32_t number = 0;  // 0 means unset.

  bool has_name() const { return !name.empty(); }
  bool has_number() const { return number != 0; }
  friend bool operator==(const PortNameOrNumber&,
                         const PortNameOrNumber&) = default;
};

struct IngressServiceBackend {
  std::string name;
  PortNameOrNumber port;

  friend bool operator==(const IngressServiceBackend&,
                         const IngressServiceBackend&) = default;
};

// A reference to a non-Service backend (`backend.resource`).
struct TypedLocalObjectReference {
  std::string api_group;
  std::string kind;
  std::string name;

  friend bool operator==(const TypedLocalObjectReference&,
                         const TypedLocalObjectReference&) = default;
};

struct IngressBackend {
  std::optional<IngressServiceBackend> service;
  std::optional<TypedLocalObjectReference> resource;

  friend bool operator==(const IngressBackend&,
                         const IngressBackend&) = default;
};

enum class PathType : uint8_t {
  kUnset,  // No pathType (v1beta1 and extensions/v1beta1 allow this).
  kExact,
  kPrefix,
  kImplementationSpecific,
};

// `Exact`, `Prefix`, `ImplementationSpecific`, or an empty view for kUnset.
INGRESSKIT_EXPORT std::string_view ToString(PathType type);
// The inverse of ToString for the three API values; nullopt otherwise
// (matching is case-sensitive, as in the API).
INGRESSKIT_EXPORT std::optional<PathType> PathTypeFromString(
    std::string_view text);

struct HttpIngressPath {
  std::string path;
  PathType path_type = PathType::kUnset;
  IngressBackend backend;
  // Where the path entry starts in the text it was parsed from.
  SourcePosition position;

  friend bool operator==(const HttpIngressPath&,
                         const HttpIngressPath&) = default;
};

struct HttpIngressRuleValue {
  std::vector<HttpIngressPath> paths;

  friend bool operator==(const HttpIngressRuleValue&,
                         const HttpIngressRuleValue&) = default;
};

struct IngressRule {
  std::string host;  // Empty: the rule applies to every host.
  // Absent when the rule has no `http` section (such rules route nothing).
  std::optional<HttpIngressRuleValue> http;
  SourcePosition position;

  friend bool operator==(const IngressRule&, const IngressRule&) = default;
};

struct IngressTls {
  std::vector<std::string> hosts;
  std::string secret_name;

  friend bool operator==(const IngressTls&, const IngressTls&) = default;
};

struct IngressSpec {
  std::optional<std::string> ingress_class_name;
  // v1 `defaultBackend`; v1beta1 `backend`.
  std::optional<IngressBackend> default_backend;
  std::vector<IngressRule> rules;
  std::vector<IngressTls> tls;

  friend bool operator==(const IngressSpec&, const IngressSpec&) = default;
};

struct Ingress {
  std::string api_version{kNetworkingV1};
  ObjectMeta metadata;
  IngressSpec spec;
  // Where the object starts in the text it was parsed from.
  SourcePosition position;

  friend bool operator==(const Ingress&, const Ingress&) = default;
};

struct IngressClassSpec {
  std::string controller;

  friend bool operator==(const IngressClassSpec&,
                         const IngressClassSpec&) = default;
};

struct IngressClass {
  std::string api_version{kNetworkingV1};
  ObjectMeta metadata;  // Cluster-scoped: namespace_name stays empty.
  IngressClassSpec spec;
  SourcePosition position;

  friend bool operator==(const IngressClass&, const IngressClass&) = default;
};

enum class ServiceType : uint8_t {
  kClusterIP,
  kNodePort,
  kLoadBalancer,
  kExternalName,
};

INGRESSKIT_EXPORT std::string_view ToString(ServiceType type);
INGRESSKIT_EXPORT std::optional<ServiceType> ServiceTypeFromString(
    std::string_view text);

struct ServicePort {
  std::string name;
  std::string protocol;  // Empty means the API default, TCP.
  int32_t port = 0;
  PortNameOrNumber target_port;  // Unset means the same as `port`.
  int32_t node_port = 0;         // 0 means unset.

  friend bool operator==(const ServicePort&, const ServicePort&) = default;
};

struct ServiceSpec {
  ServiceType type = ServiceType::kClusterIP;
  std::vector<ServicePort> ports;
  std::vector<std::string> external_ips;
  std::string external_name;

  friend bool operator==(const ServiceSpec&, const ServiceSpec&) = default;
};

struct LoadBalancerIngress {
  std::string ip;
  std::string hostname;

  friend bool operator==(const LoadBalancerIngress&,
                         const LoadBalancerIngress&) = default;
};

struct ServiceStatus {
  std::vector<LoadBalancerIngress> load_balancer_ingress;

  friend bool operator==(const ServiceStatus&, const ServiceStatus&) = default;
};

struct Service {
  std::string api_version{kCoreV1};
  ObjectMeta metadata;
  ServiceSpec spec;
  ServiceStatus status;
  SourcePosition position;

  friend bool operator==(const Service&, const Service&) = default;
};

// ---- Endpoints (discovery.k8s.io/v1 EndpointSlice, v1 Endpoints) ---------

enum class AddressType : uint8_t { kIPv4, kIPv6, kFqdn };

INGRESSKIT_EXPORT std::string_view ToString(AddressType type);
INGRESSKIT_EXPORT std::optional<AddressType> AddressTypeFromString(
    std::string_view text);

// An endpoint's conditions; unset means the API's default (ready and
// serving unless said otherwise, not terminating).
struct EndpointConditions {
  std::optional<bool> ready;
  std::optional<bool> serving;
  std::optional<bool> terminating;

  friend bool operator==(const EndpointConditions&,
                         const EndpointConditions&) = default;
};

struct Endpoint {
  std::vector<std::string> addresses;
  EndpointConditions conditions;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

// A port of an EndpointSlice or an Endpoints subset: `name` is the
// Service port's name (empty for an unnamed one) and `port` the number
// `targetPort` resolved to.
struct EndpointPort {
  std::string name;
  int32_t port = 0;  // 0 means unset.
  std::string protocol;

  friend bool operator==(const EndpointPort&, const EndpointPort&) = default;
};

// The label that ties an EndpointSlice to its Service.
inline constexpr std::string_view kServiceNameLabel =
    "kubernetes.io/service-name";

struct EndpointSlice {
  std::string api_version{kDiscoveryV1};
  ObjectMeta metadata;  // labels[kServiceNameLabel] names the Service.
  AddressType address_type = AddressType::kIPv4;
  std::vector<Endpoint> endpoints;
  std::vector<EndpointPort> ports;
  SourcePosition position;

  friend bool operator==(const EndpointSlice&, const EndpointSlice&) = default;
};

struct EndpointSubset {
  std::vector<std::string> addresses;            // `addresses[].ip`
  std::vector<std::string> not_ready_addresses;  // `notReadyAddresses[].ip`
  std::vector<EndpointPort> ports;

  friend bool operator==(const EndpointSubset&,
                         const EndpointSubset&) = default;
};

// The older Endpoints object, named like its Service.
struct Endpoints {
  std::string api_version{kCoreV1};
  ObjectMeta metadata;
  std::vector<EndpointSubset> subsets;
  SourcePosition position;

  friend bool operator==(const Endpoints&, const Endpoints&) = default;
};

// ---- Secrets ---------------------------------------------------------------

// Bytes that may hold a private key. The memory is overwritten with zeros
// before it is released (destruction, assignment, clear()), so a key does
// not linger in freed memory, and there is deliberately no way to print
// it: diagnostics, ToJson() and the CLI show sizes only. Copies are
// independent and wiped in their turn.
class INGRESSKIT_EXPORT SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::string_view bytes);
  // No moves: a moved-from string keeps its bytes in its own storage, so
  // a "move" is a copy and a wipe of the source.
  SecretBytes(const SecretBytes& other);
  SecretBytes& operator=(const SecretBytes& other);
  ~SecretBytes();

  // A view of the bytes, valid until this object changes or dies.
  std::string_view view() const { return bytes_; }
  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  void clear();

  friend bool operator==(const SecretBytes& a, const SecretBytes& b) {
    return a.bytes_ == b.bytes_;
  }

 private:
  std::string bytes_;
};

// `kubernetes.io/tls` Secrets use `tls.crt` and `tls.key`; Istio also
// accepts `cert` and `key` (with `cacert`) in Opaque ones.
inline constexpr std::string_view kSecretTypeTls = "kubernetes.io/tls";

struct Secret {
  std::string api_version{kCoreV1};
  ObjectMeta metadata;
  std::string type;  // Empty means Opaque.
  // `data` decoded from base64, merged with `stringData` (which wins, as
  // the API server merges them).
  std::map<std::string, SecretBytes, std::less<>> data;
  SourcePosition position;

  // The certificate chain and the key, under either pair of names; empty
  // when absent.
  std::string_view certificate() const;
  std::string_view private_key() const;

  friend bool operator==(const Secret&, const Secret&) = default;
};

// ---- Gateway API (gateway.networking.k8s.io v1 and v1beta1) ----------------
// What Istio's Gateway API support consults for HTTP routing by path. The
// model keeps what the schema allows (header matches, filters, several
// backends) so that conversion can report what it leaves out.

// A Secret a listener's tls.certificateRefs names.
struct CertificateRef {
  std::string group;  // "" (core).
  std::string kind = "Secret";
  std::string namespace_name;  // Empty: the Gateway's.
  std::string name;
  friend bool operator==(const CertificateRef&,
                         const CertificateRef&) = default;
};

// Where a listener accepts routes from (allowedRoutes.namespaces.from).
enum class AllowedRoutes : uint8_t { kSame, kAll, kSelector };

INGRESSKIT_EXPORT std::string_view ToString(AllowedRoutes from);
INGRESSKIT_EXPORT std::optional<AllowedRoutes> AllowedRoutesFromString(
    std::string_view text);

struct GatewayListener {
  std::string name;
  std::string hostname;  // Empty: every host.
  int32_t port = 0;
  std::string protocol;  // HTTP, HTTPS (others are kept and reported).
  std::string tls_mode;  // Empty means Terminate.
  std::vector<CertificateRef> certificate_refs;
  AllowedRoutes allowed_routes = AllowedRoutes::kSame;
  SourcePosition position;
  friend bool operator==(const GatewayListener&,
                         const GatewayListener&) = default;
};

// spec.addresses[] (generate.h's GatewayAddress is where clients reach a
// gateway).
struct GatewaySpecAddress {
  std::string type;  // IPAddress, Hostname; empty means IPAddress.
  std::string value;
  friend bool operator==(const GatewaySpecAddress&,
                         const GatewaySpecAddress&) = default;
};

struct GatewaySpec {
  std::string gateway_class_name;
  std::vector<GatewayListener> listeners;
  std::vector<GatewaySpecAddress> addresses;
  friend bool operator==(const GatewaySpec&, const GatewaySpec&) = default;
};

// A Gateway API Gateway (the IR's `Gateway` is Istio's).
struct GatewayResource {
  std::string api_version{kGatewayApiV1};
  ObjectMeta metadata;
  GatewaySpec spec;
  SourcePosition position;
  friend bool operator==(const GatewayResource&,
                         const GatewayResource&) = default;
};

struct ParentReference {
  std::string group{kGatewayApiGroup};
  std::string kind = "Gateway";
  std::string namespace_name;  // Empty: the route's.
  std::string name;
  std::string section_name;  // Empty: every listener.
  int32_t port = 0;          // 0: any.
  friend bool operator==(const ParentReference&,
                         const ParentReference&) = default;
};

enum class HttpPathMatchType : uint8_t {
  kExact,
  kPathPrefix,
  kRegularExpression
};

INGRESSKIT_EXPORT std::string_view ToString(HttpPathMatchType type);
INGRESSKIT_EXPORT std::optional<HttpPathMatchType> HttpPathMatchTypeFromString(
    std::string_view text);

struct HttpRouteMatch {
  // The schema's defaults: PathPrefix "/".
  HttpPathMatchType path_type = HttpPathMatchType::kPathPrefix;
  std::string path_value = "/";
  // Present in the input; out of ingresskit's scope (reported).
  size_t header_matches = 0;
  size_t query_param_matches = 0;
  std::string method;
  SourcePosition position;
  friend bool operator==(const HttpRouteMatch&,
                         const HttpRouteMatch&) = default;
};

struct HttpBackendRef {
  std::string group;  // "" (core).
  std::string kind = "Service";
  std::string namespace_name;  // Empty: the route's.
  std::string name;
  int32_t port = 0;
  int32_t weight = 1;
  size_t filters = 0;
  friend bool operator==(const HttpBackendRef&,
                         const HttpBackendRef&) = default;
};

struct HttpRouteRule {
  std::string name;
  // Empty: one match of every path (PathPrefix "/").
  std::vector<HttpRouteMatch> matches;
  std::vector<HttpBackendRef> backend_refs;
  size_t filters = 0;
  SourcePosition position;
  friend bool operator==(const HttpRouteRule&, const HttpRouteRule&) = default;
};

struct HttpRouteSpec {
  std::vector<ParentReference> parent_refs;
  std::vector<std::string> hostnames;  // Empty: every host of the listener.
  std::vector<HttpRouteRule> rules;
  friend bool operator==(const HttpRouteSpec&, const HttpRouteSpec&) = default;
};

// A Gateway API HTTPRoute (the IR's `HttpRoute` is one converted route).
struct HttpRouteResource {
  std::string api_version{kGatewayApiV1};
  ObjectMeta metadata;
  HttpRouteSpec spec;
  SourcePosition position;
  friend bool operator==(const HttpRouteResource&,
                         const HttpRouteResource&) = default;
};

// Everything one input holds, each kind in input order.
struct ResourceSet {
  std::vector<Ingress> ingresses;
  std::vector<IngressClass> ingress_classes;
  std::vector<Service> services;
  std::vector<EndpointSlice> endpoint_slices;
  std::vector<Endpoints> endpoints;
  std::vector<Secret> secrets;
  std::vector<GatewayResource> gateways;
  std::vector<HttpRouteResource> http_routes;

  friend bool operator==(const ResourceSet&, const ResourceSet&) = default;
};

// `Ingress default/httpbin`, `IngressClass istio`: how diagnostics name
// objects.
INGRESSKIT_EXPORT std::string DescribeObject(std::string_view kind,
                                             const ObjectMeta& metadata);

// The set as a Kubernetes `List` in JSON, each object in the apiVersion it
// was read as (so v1beta1 backends come out as serviceName/servicePort).
// Parse() reads the output back to an equal ResourceSet, source positions
// aside, except for Secrets: their values are never written, only their
// sizes (`"tls.key": "<redacted: 1704 bytes>"`). `indent` 0 gives one
// compact line.
INGRESSKIT_EXPORT std::string ToJson(const ResourceSet& resources,
                                     int indent = 2);

}  // namespace ingresskit

#endif  // INGRESSKIT_MODEL_H_
