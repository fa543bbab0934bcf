// ConvertGatewayApi(): see gateway_api.h. The listeners' two-level host
// selection (the most specific listener hostname, then the most specific
// route hostname on it) is flattened into the IR's one level: an attached
// hostname is kept only where the listener selection sends its requests,
// and every listener hostname is a virtual host of its own (empty if no
// route serves it), so a more specific listener always isolates its hosts.
#include "convert/gateway_api.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/strings.h"
#include "convert/endpoints.h"
#include "convert/service_index.h"
#include "convert/tls.h"
#include "model/namespace_of.h"

namespace ingresskit::convert_internal {

bool HostnameCovers(std::string_view pattern, std::string_view host) {
  if (pattern.empty() || pattern == "*" || pattern == host) return true;
  if (!pattern.starts_with("*.")) return false;
  const std::string_view suffix = pattern.substr(1);  // ".a.com"
  return host.size() > suffix.size() && host.ends_with(suffix) &&
         (host.size() - suffix.size() > 1 || host[0] != '*');
}

namespace {

using internal::StrCat;
using model_internal::NamespaceOf;

// The hosts a route serves on a listener: its hostnames intersected with
// the listener's (Gateway API's hostname intersection).
std::vector<std::string> Intersect(std::string_view listener,
                                   const std::vector<std::string>& route) {
  if (route.empty()) return {listener.empty() ? "*" : std::string(listener)};
  std::vector<std::string> out;
  for (const std::string& h : route) {
    if (HostnameCovers(listener, h)) {
      out.push_back(h);  // The route's is as or more specific.
    } else if (HostnameCovers(h, listener)) {
      out.push_back(std::string(listener));
    }
  }
  return out;
}

// The listener hostname that selects requests for `host` ("*.s" meaning
// the hosts under .s, "*" any other host): exact, else the longest
// wildcard, else "" (no hostname); nullopt when no listener takes it.
std::optional<std::string> SelectListener(const std::set<std::string>& names,
                                          std::string_view host) {
  const bool exact = host != "*" && !host.starts_with("*.");
  if (exact && names.contains(std::string(host))) return std::string(host);
  std::optional<std::string> best;
  for (const std::string& name : names) {
    if (host == "*" || !name.starts_with("*.") || !HostnameCovers(name, host)) {
      continue;
    }
    if (!best || name.size() > best->size()) best = name;
  }
  if (best) return best;
  if (names.contains("")) return std::string();
  return std::nullopt;
}

bool RouteBefore(const HttpRouteResource* a, const HttpRouteResource* b) {
  const ObjectMeta& x = a->metadata;
  const ObjectMeta& y = b->metadata;
  if (x.creation_timestamp != y.creation_timestamp) {
    return x.creation_timestamp < y.creation_timestamp;
  }
  if (NamespaceOf(x) != NamespaceOf(y)) return NamespaceOf(x) < NamespaceOf(y);
  return x.name < y.name;
}

// Istio's sortHTTPRoutes for path-only routes: routes with a match before
// those without; Exact before PathPrefix; longer values first, a prefix
// other than "/" counted without one trailing "/".
int Rank(const RouteMatch& m) {
  switch (m.type) {
    case RouteMatchType::kExact:
      return 3;
    case RouteMatchType::kPrefix:
    case RouteMatchType::kStringPrefix:
      return 2;
    case RouteMatchType::kAny:
      return -1;
  }
  return -1;
}

size_t SortLength(const RouteMatch& m) {
  if (m.type == RouteMatchType::kPrefix && m.value.size() > 1 &&
      m.value.back() == '/') {
    return m.value.size() - 1;
  }
  return m.value.size();
}

class GatewayApiConverter {
 public:
  GatewayApiConverter(const ResourceSet& resources,
                      const CompileOptions& options, ConvertResult& result)
      : resources_(resources),
        options_(options),
        result_(result),
        services_(resources),
        endpoints_(resources) {}

  void Run() {
    CollectListeners();
    std::vector<const HttpRouteResource*> routes;
    for (const HttpRouteResource& r : resources_.http_routes) {
      routes.push_back(&r);
    }
    std::stable_sort(routes.begin(), routes.end(), RouteBefore);
    for (const HttpRouteResource* r : routes) AddRoute(*r);
    Finish();
  }

 private:
  struct Listener {
    const GatewayResource* gateway;
    const GatewayListener* listener;
    size_t index;
    bool https;  // Attaches routes; serves no plain-HTTP request.
  };

  void Report(Severity severity, std::string object, std::string field,
              SourcePosition position, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.code = severity == Severity::kInfo ? ErrorCode::kUnsupported
                                         : ErrorCode::kValidation;
    d.object = std::move(object);
    d.field = std::move(field);
    d.position = position;
    d.message = std::move(message);
    result_.diagnostics.push_back(std::move(d));
  }

  void CollectListeners() {
    for (const GatewayResource& g : resources_.gateways) {
      const std::string object = DescribeObject("Gateway", g.metadata);
      if (g.spec.gateway_class_name != kIstioGatewayClass) {
        Report(
            Severity::kInfo, object, "spec.gatewayClassName", g.position,
            StrCat("not served: gatewayClassName \"", g.spec.gateway_class_name,
                   "\" is not \"", kIstioGatewayClass, "\""));
        continue;
      }
      for (size_t i = 0; i < g.spec.listeners.size(); ++i) {
        const GatewayListener& l = g.spec.listeners[i];
        const bool https = l.protocol == "HTTPS";
        if (l.protocol != "HTTP" && !https) {
          Report(Severity::kInfo, object, StrCat("spec.listeners[", i, "]"),
                 l.position,
                 StrCat("protocol ", l.protocol,
                        ": only HTTP and HTTPS listeners are routed"));
          continue;
        }
        if (l.allowed_routes == AllowedRoutes::kSelector) {
          Report(
              Severity::kWarning, object,
              StrCat("spec.listeners[", i, "].allowedRoutes.namespaces.from"),
              l.position,
              "Selector is not supported: no route attaches to this "
              "listener");
          continue;
        }
        if (https && !AddTlsServer(g, l, i)) continue;
        listeners_.push_back({&g, &l, i, https});
        if (!https) listener_names_.insert(l.hostname);
      }
    }
  }

  // An HTTPS listener as the server a TLS client's SNI selects: its
  // hostname, its first certificateRef's Secret. False, after saying why,
  // when it serves nothing.
  bool AddTlsServer(const GatewayResource& g, const GatewayListener& l,
                    size_t index) {
    const std::string object = DescribeObject("Gateway", g.metadata);
    const std::string field = StrCat("spec.listeners[", index, "]");
    if (!l.tls_mode.empty() && l.tls_mode != "Terminate") {
      Report(Severity::kInfo, object, field + ".tls.mode", l.position,
             StrCat("TLS mode ", l.tls_mode,
                    ": only Terminate is routed by HTTP path"));
      return false;
    }
    const std::string host = l.hostname.empty() ? "*" : l.hostname;
    for (const TlsServer& other : result_.config.tls_servers) {
      if (other.hosts.front() == host) {
        Report(
            Severity::kWarning, object, field, l.position,
            StrCat("HTTPS listener ", l.name, " is not served: ", other.gateway,
                   " already serves hostname \"", host, "\" over TLS"));
        return false;
      }
    }
    if (l.certificate_refs.empty()) return false;  // Validation said so.
    const CertificateRef& ref = l.certificate_refs.front();
    const std::string& gateway_ns = NamespaceOf(g.metadata);
    TlsServer tls;
    tls.gateway = StrCat(gateway_ns, "/", g.metadata.name, "/", l.name);
    tls.name = l.name;
    tls.hosts = {host};
    tls.credential_name = ref.name;
    tls.ingress_namespace = gateway_ns;
    tls.ingress_name = g.metadata.name;
    const std::string& secret_ns =
        ref.namespace_name.empty() ? gateway_ns : ref.namespace_name;
    const std::string ref_field = field + ".tls.certificateRefs[0]";
    if (std::string problem =
            LoadTlsSecret(resources_, secret_ns, ref.name, tls);
        !problem.empty()) {
      Report(Severity::kWarning, object, ref_field, l.position, problem);
    } else if (!tls.secret_found && !resources_.secrets.empty()) {
      Report(Severity::kWarning, object, ref_field, l.position,
             StrCat("no Secret ", tls.secret,
                    " in the input: TLS handshakes on this listener will "
                    "fail"));
    }
    if (secret_ns != gateway_ns) {
      Report(Severity::kInfo, object, ref_field, l.position,
             StrCat("a Secret in another namespace needs a ReferenceGrant "
                    "in ",
                    secret_ns, ", which ingresskit does not read"));
    }
    result_.config.tls_servers.push_back(std::move(tls));
    return true;
  }

  // Why a rule is out of scope, or empty.
  static std::string Unsupported(const HttpRouteRule& rule) {
    if (rule.filters > 0) return "filters";
    if (rule.backend_refs.size() > 1) return "several weighted backends";
    if (rule.backend_refs.empty()) return "no backendRefs";
    const HttpBackendRef& b = rule.backend_refs[0];
    if (!b.group.empty() || b.kind != "Service") {
      return StrCat("a backendRef to ", b.kind, " (only Services)");
    }
    if (b.filters > 0) return "backendRef filters";
    for (const HttpRouteMatch& m : rule.matches) {
      if (m.header_matches > 0) return "header matches";
      if (m.query_param_matches > 0) return "query parameter matches";
      if (!m.method.empty()) return "a method match";
      if (m.path_type == HttpPathMatchType::kRegularExpression) {
        return "a RegularExpression path";
      }
    }
    return "";
  }

  void AddRoute(const HttpRouteResource& route) {
    const std::string& ns = NamespaceOf(route.metadata);
    const std::string object = DescribeObject("HTTPRoute", route.metadata);
    if (route.spec.parent_refs.empty()) {
      Report(Severity::kWarning, object, "spec.parentRefs", route.position,
             "no parentRefs: the route attaches to no Gateway");
      return;
    }
    // (listener, host) pairs this route serves.
    std::set<std::pair<size_t, std::string>> attached;
    for (size_t p = 0; p < route.spec.parent_refs.size(); ++p) {
      const ParentReference& ref = route.spec.parent_refs[p];
      const std::string field = StrCat("spec.parentRefs[", p, "]");
      if (ref.group != kGatewayApiGroup || ref.kind != "Gateway") {
        Report(Severity::kWarning, object, field, route.position,
               StrCat("a parent of kind ", ref.kind, " (", ref.group,
                      ") is not a Gateway: ignored"));
        continue;
      }
      const std::string& gateway_ns =
          ref.namespace_name.empty() ? ns : ref.namespace_name;
      bool found_gateway = false;
      bool any = false;
      for (size_t l = 0; l < listeners_.size(); ++l) {
        const Listener& listener = listeners_[l];
        if (NamespaceOf(listener.gateway->metadata) != gateway_ns ||
            listener.gateway->metadata.name != ref.name) {
          continue;
        }
        found_gateway = true;
        const GatewayListener& gl = *listener.listener;
        if (!ref.section_name.empty() && ref.section_name != gl.name) continue;
        if (ref.port != 0 && ref.port != gl.port) continue;
        if (gl.allowed_routes == AllowedRoutes::kSame && gateway_ns != ns) {
          continue;
        }
        for (std::string& host : Intersect(gl.hostname, route.spec.hostnames)) {
          attached.insert({l, std::move(host)});
          any = true;
        }
      }
      if (!found_gateway) {
        Report(Severity::kWarning, object, field, route.position,
               StrCat("no HTTP or HTTPS listener of an istio Gateway ",
                      gateway_ns, "/", ref.name, " in the input"));
      } else if (!any) {
        Report(Severity::kWarning, object, field, route.position,
               StrCat("attaches to no listener of Gateway ", gateway_ns, "/",
                      ref.name,
                      ": check sectionName, port, allowedRoutes and "
                      "hostnames"));
      }
    }
    if (attached.empty()) return;

    for (size_t r = 0; r < route.spec.rules.size(); ++r) {
      const HttpRouteRule& rule = route.spec.rules[r];
      const std::string field = StrCat("spec.rules[", r, "]");
      if (std::string why = Unsupported(rule); !why.empty()) {
        Report(Severity::kWarning, object, field, rule.position,
               StrCat("left out: ", why,
                      " are out of ingresskit's scope (path matches to one "
                      "Service)"));
        continue;
      }
      const RouteDestination destination = Resolve(rule.backend_refs[0], ns);
      if (destination.unresolved) {
        Report(Severity::kWarning, object, field + ".backendRefs[0]",
               rule.position,
               StrCat("Service ", destination.namespace_name, "/",
                      destination.service, " with port ", destination.port,
                      " is not in the input: the rule stays, and requests "
                      "it takes are answered 500, as Istio answers them"));
      }
      // One IR route per match; a rule without matches matches every path.
      const size_t matches = std::max<size_t>(rule.matches.size(), 1);
      for (size_t m = 0; m < matches; ++m) {
        HttpRoute ir;
        ir.destination = destination;
        ir.origin.ingress_namespace = ns;
        ir.origin.ingress_name = route.metadata.name;
        ir.origin.rule_index = static_cast<uint32_t>(r);
        ir.origin.path_index = static_cast<uint32_t>(m);
        ir.origin.position = rule.position;
        ir.origin.from_http_route = true;
        if (rule.matches.empty()) {
          ir.match.type = RouteMatchType::kAny;
        } else {
          const HttpRouteMatch& match = rule.matches[m];
          ir.origin.path = match.path_value;
          ir.origin.position = match.position;
          ir.match.type = match.path_type == HttpPathMatchType::kExact
                              ? RouteMatchType::kExact
                              : RouteMatchType::kPrefix;
          ir.match.value = match.path_value;
        }
        for (const auto& [listener, host] : attached) {
          if (listeners_[listener].https) {
            // The listener's own route configuration: SNI chose it.
            AddTo(https_hosts_[ServerKey(listeners_[listener])][host], ir);
            continue;
          }
          // Only where the listener selection sends this host's requests.
          const std::optional<std::string> selected =
              SelectListener(listener_names_, host);
          if (!selected ||
              *selected != listeners_[listener].listener->hostname) {
            continue;
          }
          AddToHost(host, ir);
        }
      }
    }
  }

  static std::string ServerKey(const Listener& l) {
    return StrCat(NamespaceOf(l.gateway->metadata), "/",
                  l.gateway->metadata.name, "/", l.listener->name);
  }

  void AddToHost(const std::string& host, const HttpRoute& route) {
    AddTo(hosts_[host], route);
  }

  static void AddTo(std::vector<HttpRoute>& routes, const HttpRoute& route) {
    for (const HttpRoute& existing : routes) {
      if (existing.origin == route.origin) return;  // Via two listeners.
    }
    routes.push_back(route);
  }

  // A backendRef to a Service port; unresolved when the input holds
  // Services and none has that name and port (DESIGN §10).
  RouteDestination Resolve(const HttpBackendRef& ref,
                           const std::string& route_ns) {
    const std::string& ns =
        ref.namespace_name.empty() ? route_ns : ref.namespace_name;
    const uint32_t port = static_cast<uint32_t>(ref.port);
    RouteDestination d;
    if (services_.any()) {
      const Service* s = services_.Find(ns, ref.name);
      d.unresolved = s == nullptr ||
                     std::none_of(s->spec.ports.begin(), s->spec.ports.end(),
                                  [&](const ServicePort& p) {
                                    return p.port == ref.port;
                                  });
    }
    d.service = ref.name;
    d.namespace_name = ns;
    d.port = port;
    d.host = StrCat(ref.name, ".", ns, ".svc.", options_.domain_suffix);
    d.cluster = StrCat("outbound|", port, "||", d.host);
    std::tie(d.endpoint_status, d.endpoints) =
        endpoints_.Resolve(ns, ref.name, port);
    return d;
  }

  void Finish() {
    // Every listener hostname is a host of its own: its requests never
    // reach a less specific listener's routes.
    for (const std::string& name : listener_names_) {
      hosts_[name.empty() ? "*" : name];
    }
    GatewayConfig& config = result_.config;
    config.semantics = options_.semantics;
    auto add = [&](const std::string& host, std::vector<HttpRoute>& routes,
                   const std::string& server) {
      std::stable_sort(routes.begin(), routes.end(),
                       [](const HttpRoute& a, const HttpRoute& b) {
                         if (Rank(a.match) != Rank(b.match)) {
                           return Rank(a.match) > Rank(b.match);
                         }
                         return SortLength(a.match) > SortLength(b.match);
                       });
      VirtualService vs;
      vs.host = host;
      vs.name = StrCat(host == "*" ? "wildcard" : host,
                       server.empty() ? "" : "-", server, "-gateway-api");
      vs.gateway = server;
      vs.https_only = !server.empty();
      vs.routes = std::move(routes);
      config.virtual_services.push_back(std::move(vs));
    };
    for (auto& [host, routes] : hosts_) add(host, routes, "");
    // Then each HTTPS listener's own: only its server selects them.
    for (auto& [server, hosts] : https_hosts_) {
      for (auto& [host, routes] : hosts) add(host, routes, server);
    }
  }

  const ResourceSet& resources_;
  const CompileOptions& options_;
  ConvertResult& result_;
  ServiceIndex services_;
  EndpointIndex endpoints_;
  std::vector<Listener> listeners_;
  std::set<std::string> listener_names_;
  // By host, in host order; routes in merge order until Finish() sorts.
  std::map<std::string, std::vector<HttpRoute>> hosts_;
  // The same for each HTTPS listener, by TlsServer::gateway.
  std::map<std::string, std::map<std::string, std::vector<HttpRoute>>>
      https_hosts_;
};

}  // namespace

ConvertResult ConvertGatewayApi(const ResourceSet& resources,
                                const CompileOptions& options) {
  ConvertResult result;
  GatewayApiConverter(resources, options, result).Run();
  if (options.strict && CountErrors(result.diagnostics) > 0) {
    result.status = ErrorCode::kValidation;
    result.config = GatewayConfig{};
  }
  return result;
}

}  // namespace ingresskit::convert_internal
