// The JSON vocabulary explain, diff, lint and test share, so a route looks
// the same in all of them: where it comes from (Ingress, rule, path), how
// Istio matches it, where it sends requests.
#ifndef INGRESSKIT_LIB_EXPLAIN_ROUTE_JSON_H_
#define INGRESSKIT_LIB_EXPLAIN_ROUTE_JSON_H_

#include <string>
#include <string_view>

#include "ingresskit/gateway.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace ingresskit::explain_internal {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void String(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// null for an empty string.
inline void OptionalString(Writer& w, std::string_view s) {
  if (s.empty()) {
    w.Null();
  } else {
    String(w, s);
  }
}

// "namespace/name" of the Ingress (or HTTPRoute) a route comes from.
std::string IngressOf(const HttpRoute& route);

// "Ingress" or "HTTPRoute": the kind of object a route comes from.
std::string_view KindOf(const HttpRoute& route);

// The field of that object the route is written in, as diagnostics name
// fields: `spec.rules[0].http.paths[1].path`, `spec.defaultBackend`,
// `spec.rules[0].matches[1].path`.
std::string OriginField(const HttpRoute& route);

// `Ingress ns/name spec.rules[0].http.paths[1].path (prefix /api)`.
std::string DescribeRoute(const HttpRoute& route);

// {ingress, rule, pathIndex, path, pathType | defaultBackend, match{type,
// value}, backend{service, namespace, port, destination}}.
void RouteObject(Writer& w, const HttpRoute& route);

}  // namespace ingresskit::explain_internal

#endif  // INGRESSKIT_LIB_EXPLAIN_ROUTE_JSON_H_
