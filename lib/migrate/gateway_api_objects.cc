// ToGatewayApi(): an Istio-semantics IR to one Gateway and its HTTPRoutes
// (migrate.h).
//
// Why the rules may keep Istio's order although Istio's Gateway API
// support re-sorts them (Exact first, then trimmed length, then route age,
// namespace and name): once every route that wins no request is left out,
// two surviving routes of a host that match one request never tie and
// never sort the other way round.
//  - Two prefixes matching one request are nested. If their values differ
//    after trimming one trailing "/", the longer is longer by a whole
//    segment in both orders; if they are equal, they match the same
//    requests, so the later one wins none and is gone.
//  - An exact path and a prefix matching it: Istio puts the exact path
//    first unless the prefix string is longer, and then the prefix takes
//    the exact path's only request, so the exact path is gone.
//  - "Every path" routes sort after every prefix in both orders, and one
//    after prefix "/" wins nothing.
// So the HTTPRoutes' creation times and names decide nothing, and splitting
// a host's rules over several HTTPRoutes (per namespace, or at the
// schema's limits) changes no decision.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/strings.h"
#include "convert/gateway_api.h"
#include "explain/route_json.h"
#include "ingresskit/migrate.h"
#include "validate/gateway_api_schema.h"

namespace ingresskit {
namespace {

using explain_internal::DescribeRoute;
using explain_internal::OriginField;
using internal::StrCat;

using validate_internal::kMaxListeners;
using validate_internal::kMaxMatchesPerRoute;
using validate_internal::kMaxMatchesPerRule;
using validate_internal::kMaxRules;

constexpr size_t kMaxName = 253;         // An object name (DNS subdomain).
constexpr size_t kMaxListenerName = 63;  // A DNS label, valid however read.

constexpr std::string_view kHttpListener = "http";

// The path without one trailing "/" (but "/" itself), as path-separated
// prefixes compare.
std::string_view Trimmed(std::string_view p) {
  if (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  return p;
}

bool MatchesEveryPath(const RouteMatch& m) {
  return m.type == RouteMatchType::kAny ||
         (m.type == RouteMatchType::kPrefix && Trimmed(m.value) == "/");
}

// Whether every request `b` matches, `a` matches too (the matchers of
// DESIGN §12; paths always start with "/").
bool Covers(const RouteMatch& a, const RouteMatch& b) {
  if (MatchesEveryPath(a)) return true;
  if (MatchesEveryPath(b)) return false;
  switch (a.type) {
    case RouteMatchType::kExact:
      return b.type == RouteMatchType::kExact && b.value == a.value;
    case RouteMatchType::kPrefix: {
      const std::string_view p = Trimmed(a.value);
      const std::string_view v =
          b.type == RouteMatchType::kPrefix ? Trimmed(b.value) : b.value;
      if (b.type == RouteMatchType::kStringPrefix) {
        // A string prefix reaches past the path-separated one unless it
        // already sits under it.
        return v.size() > p.size() && v.starts_with(p) && v[p.size()] == '/';
      }
      return v == p ||
             (v.size() > p.size() && v.starts_with(p) && v[p.size()] == '/');
    }
    case RouteMatchType::kStringPrefix:
      return (b.type == RouteMatchType::kPrefix ? Trimmed(b.value) : b.value)
          .starts_with(a.value);
    case RouteMatchType::kAny:
      return true;
  }
  return false;
}

bool SameDestination(const RouteDestination& a, const RouteDestination& b) {
  return a.service == b.service && a.namespace_name == b.namespace_name &&
         a.port == b.port;
}

// Names unique within one scope (a namespace's HTTPRoutes, the Gateway's
// listeners): the readable name, else that name with -2, -3, ...
class UniqueNames {
 public:
  explicit UniqueNames(size_t max = kMaxName) : max_(max) {}

  std::string Take(std::string base) {
    if (base.size() > max_ - 8) base.resize(max_ - 8);
    while (!base.empty() && (base.back() == '-' || base.back() == '.')) {
      base.pop_back();
    }
    std::string name = base;
    for (int n = 2; !used_.insert(name).second; ++n) {
      name = StrCat(base, "-", n);
    }
    return name;
  }

 private:
  size_t max_;
  std::set<std::string> used_;
};

// `a.com` -> `a.com`, `*.a.com` -> `wildcard.a.com`, `*` -> `all-hosts`:
// a valid object or section name that still reads as the host.
std::string NameOfHost(std::string_view host) {
  if (host == "*") return "all-hosts";
  if (host.starts_with("*.")) return StrCat("wildcard", host.substr(1));
  return std::string(host);
}

// `https-a-com`, `https-wildcard-a-com`: a listener name that reads as
// its host and is a DNS label.
std::string ListenerNameOfHost(std::string_view host) {
  std::string name = "https-" + NameOfHost(host);
  std::replace(name.begin(), name.end(), '.', '-');
  return name;
}

// Whether the two hostnames ("" or "*" for any) share a host: Gateway
// API's intersection.
bool Intersect(std::string_view a, std::string_view b) {
  return convert_internal::HostnameCovers(a, b) ||
         convert_internal::HostnameCovers(b, a);
}

class Migrator {
 public:
  Migrator(const GatewayConfig& config, const MigrateOptions& options,
           GatewayApiObjects& out)
      : config_(config), options_(options), out_(out) {}

  void Run() {
    MakeGateway();
    for (const VirtualService& vs : config_.virtual_services) AddHost(vs);
  }

 private:
  struct Listener {
    std::string name;
    std::string hostname;  // Empty: any.
  };

  void Warn(const HttpRoute& route, std::string message) {
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = ErrorCode::kUnsupported;
    ObjectMeta meta;
    meta.name = route.origin.ingress_name;
    meta.namespace_name = route.origin.ingress_namespace;
    d.object = DescribeObject("Ingress", meta);
    d.field = OriginField(route);
    d.position = route.origin.position;
    d.message = std::move(message);
    out_.diagnostics.push_back(std::move(d));
  }

  void WarnGateway(std::string field, std::string message) {
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = ErrorCode::kLimit;
    d.object = DescribeObject("Gateway", out_.gateway.metadata);
    d.field = std::move(field);
    d.message = std::move(message);
    out_.diagnostics.push_back(std::move(d));
  }

  const std::string& GatewayNamespace() const { return namespace_; }

  void MakeGateway() {
    namespace_ = options_.gateway_namespace;
    if (namespace_.empty() && !config_.gateways.empty()) {
      namespace_ = config_.gateways.front().namespace_name;
    }
    if (namespace_.empty()) namespace_ = CompileOptions{}.ingress_namespace;
    GatewayResource& g = out_.gateway;
    g.metadata.name = options_.gateway_name;
    g.metadata.namespace_name = namespace_;
    g.spec.gateway_class_name = "istio";
    if (!options_.address.empty()) {
      g.spec.addresses.push_back({"Hostname", options_.address});
    }
    UniqueNames names(kMaxListenerName);
    GatewayListener http;
    http.name = names.Take(std::string(kHttpListener));
    http.port = 80;
    http.protocol = "HTTP";
    http.allowed_routes = AllowedRoutes::kAll;
    g.spec.listeners.push_back(http);
    listeners_.push_back({http.name, ""});
    // The servers Istio accepted, in its order: no two share a host.
    for (const TlsServer& server : config_.tls_servers) {
      for (const std::string& host : server.hosts) {
        GatewayListener l;
        l.name = names.Take(host == "*" ? "https" : ListenerNameOfHost(host));
        if (host != "*") l.hostname = host;
        l.port = 443;
        l.protocol = "HTTPS";
        l.tls_mode = "Terminate";
        CertificateRef ref;
        ref.name = server.credential_name;
        // Istio reads an Ingress's Secret in its own namespace.
        const std::string secret_ns =
            server.secret.substr(0, server.secret.find('/'));
        if (secret_ns != namespace_) ref.namespace_name = secret_ns;
        l.certificate_refs.push_back(std::move(ref));
        l.allowed_routes = AllowedRoutes::kAll;
        listeners_.push_back({l.name, l.hostname});
        g.spec.listeners.push_back(std::move(l));
      }
    }
    if (g.spec.listeners.size() > kMaxListeners) {
      WarnGateway("spec.listeners",
                  StrCat(g.spec.listeners.size(),
                         " listeners: the schema allows ", kMaxListeners,
                         " per Gateway; split the HTTPS hosts over several "
                         "Gateways (or ListenerSets)"));
    }
  }

  // The routes of `vs` a request can reach, in Istio's order, each left
  // out with a warning that says why.
  std::vector<const HttpRoute*> Reachable(const VirtualService& vs) {
    std::vector<const HttpRoute*> kept;
    for (const HttpRoute& route : vs.routes) {
      const HttpRoute* winner = nullptr;
      for (const HttpRoute* earlier : kept) {
        if (Covers(earlier->match, route.match)) {
          winner = earlier;
          break;
        }
      }
      if (winner != nullptr) {
        Warn(route, StrCat("left out: Istio routes no request to it on host ",
                           vs.host, "; ", DescribeRoute(*winner),
                           " comes first and takes every request it matches"));
        continue;
      }
      if (route.match.type == RouteMatchType::kStringPrefix) {
        Warn(route, StrCat("left out: a string prefix (glob_prefix=string) "
                           "has no Gateway API match (PathPrefix is "
                           "path-separated); requests under \"",
                           route.match.value, "\" on host ", vs.host,
                           " change (the proof lists them)"));
        continue;
      }
      if (route.match.type != RouteMatchType::kAny) {
        if (std::string why =
                validate_internal::CheckHttpPathValue(route.match.value);
            !why.empty()) {
          Warn(route, StrCat("left out: Gateway API refuses the path value (",
                             why, "); requests it takes on host ", vs.host,
                             " change (the proof lists them)"));
          continue;
        }
      }
      kept.push_back(&route);
    }
    return kept;
  }

  static HttpRouteMatch MatchOf(const RouteMatch& m) {
    HttpRouteMatch out;
    if (m.type == RouteMatchType::kExact) {
      out.path_type = HttpPathMatchType::kExact;
      out.path_value = m.value;
    } else {
      out.path_type = HttpPathMatchType::kPathPrefix;
      out.path_value = m.type == RouteMatchType::kAny ? "/" : m.value;
    }
    return out;
  }

  void AddHost(const VirtualService& vs) {
    const std::vector<const HttpRoute*> routes = Reachable(vs);
    // Namespaces in the order their first route comes.
    std::vector<std::string> namespaces;
    for (const HttpRoute* r : routes) {
      if (std::find(namespaces.begin(), namespaces.end(),
                    r->origin.ingress_namespace) == namespaces.end()) {
        namespaces.push_back(r->origin.ingress_namespace);
      }
    }
    for (const std::string& ns : namespaces) {
      std::vector<const HttpRoute*> mine;
      for (const HttpRoute* r : routes) {
        if (r->origin.ingress_namespace == ns) mine.push_back(r);
      }
      AddRoutes(vs.host, ns, mine);
    }
  }

  HttpRouteResource& NewRoute(const std::string& host, const std::string& ns) {
    HttpRouteResource& route = out_.http_routes.emplace_back();
    route.metadata.name = names_[ns].Take(NameOfHost(host));
    route.metadata.namespace_name = ns;
    if (host != "*") route.spec.hostnames.push_back(host);
    for (const Listener& l : listeners_) {
      const bool http = l.name == listeners_.front().name;
      // A host-less route stays off hostname listeners: on HTTPS it serves
      // what has no host of its own, as on HTTP.
      if (!http &&
          (host == "*" ? !l.hostname.empty() : !Intersect(l.hostname, host))) {
        continue;
      }
      ParentReference ref;
      ref.name = out_.gateway.metadata.name;
      ref.namespace_name = GatewayNamespace();
      ref.section_name = l.name;
      route.spec.parent_refs.push_back(std::move(ref));
    }
    return route;
  }

  // One HTTPRoute (more at the schema's limits) of `routes`, in order;
  // consecutive routes to one backend share a rule.
  void AddRoutes(const std::string& host, const std::string& ns,
                 const std::vector<const HttpRoute*>& routes) {
    HttpRouteResource* current = nullptr;
    size_t matches_in_route = 0;
    const RouteDestination* last = nullptr;
    for (const HttpRoute* r : routes) {
      bool new_rule =
          last == nullptr || !SameDestination(*last, r->destination) ||
          current->spec.rules.back().matches.size() == kMaxMatchesPerRule;
      if (current == nullptr || matches_in_route == kMaxMatchesPerRoute ||
          (new_rule && current->spec.rules.size() == kMaxRules)) {
        current = &NewRoute(host, ns);
        matches_in_route = 0;
        new_rule = true;
      }
      if (new_rule) {
        HttpRouteRule& rule = current->spec.rules.emplace_back();
        HttpBackendRef backend;
        backend.name = r->destination.service;
        if (r->destination.namespace_name != ns) {
          backend.namespace_name = r->destination.namespace_name;
        }
        backend.port = static_cast<int32_t>(r->destination.port);
        rule.backend_refs.push_back(std::move(backend));
      }
      current->spec.rules.back().matches.push_back(MatchOf(r->match));
      ++matches_in_route;
      last = &r->destination;
    }
  }

  const GatewayConfig& config_;
  const MigrateOptions& options_;
  GatewayApiObjects& out_;
  std::string namespace_;
  std::vector<Listener> listeners_;           // `http` first.
  std::map<std::string, UniqueNames> names_;  // Route names by namespace.
};

}  // namespace

GatewayApiObjects ToGatewayApi(const GatewayConfig& config,
                               const MigrateOptions& options) {
  GatewayApiObjects out;
  Migrator(config, options, out).Run();
  return out;
}

}  // namespace ingresskit
