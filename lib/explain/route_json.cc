#include "explain/route_json.h"

#include "common/strings.h"

namespace ingresskit::explain_internal {

using internal::StrCat;

std::string IngressOf(const HttpRoute& r) {
  return r.origin.ingress_namespace + "/" + r.origin.ingress_name;
}

std::string_view KindOf(const HttpRoute& r) {
  return r.origin.from_http_route ? "HTTPRoute" : "Ingress";
}

std::string OriginField(const HttpRoute& r) {
  if (r.origin.from_http_route) {
    return StrCat("spec.rules[", r.origin.rule_index, "].matches[",
                  r.origin.path_index, "].path");
  }
  if (r.origin.is_default_backend) return "spec.defaultBackend";
  return StrCat("spec.rules[", r.origin.rule_index, "].http.paths[",
                r.origin.path_index, "].path");
}

std::string DescribeRoute(const HttpRoute& r) {
  return StrCat(KindOf(r), " ", IngressOf(r), " ", OriginField(r), " (",
                ToString(r.match.type), " ", r.match.value, ")");
}

void RouteObject(Writer& w, const HttpRoute& r) {
  w.StartObject();
  if (r.origin.from_http_route) {
    // From a Gateway API HTTPRoute: its rule, and the match in the rule.
    w.Key("httpRoute");
    String(w, IngressOf(r));
    w.Key("rule");
    w.Uint(r.origin.rule_index);
    w.Key("matchIndex");
    w.Uint(r.origin.path_index);
    w.Key("path");
    String(w, r.origin.path);
  } else {
    w.Key("ingress");
    String(w, IngressOf(r));
  }
  if (r.origin.from_http_route) {
  } else if (r.origin.is_default_backend) {
    w.Key("defaultBackend");
    w.Bool(true);
  } else {
    w.Key("rule");
    w.Uint(r.origin.rule_index);
    w.Key("pathIndex");
    w.Uint(r.origin.path_index);
    w.Key("path");
    String(w, r.origin.path);
    w.Key("pathType");
    OptionalString(w, ToString(r.origin.path_type));
  }
  w.Key("match");
  w.StartObject();
  w.Key("type");
  String(w, ToString(r.match.type));
  w.Key("value");
  String(w, r.match.value);
  w.EndObject();
  w.Key("backend");
  w.StartObject();
  w.Key("service");
  String(w, r.destination.service);
  w.Key("namespace");
  String(w, r.destination.namespace_name);
  w.Key("port");
  w.Uint(r.destination.port);
  w.Key("destination");
  String(w, r.destination.host);
  w.EndObject();
  w.EndObject();
}

}  // namespace ingresskit::explain_internal
