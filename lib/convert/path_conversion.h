// Ingress paths to route matches (docs/semantics.md §2) and the order a host's
// routes are tried in (§2.3 for Istio, §3 for Kubernetes semantics).
#ifndef INGRESSKIT_LIB_CONVERT_PATH_CONVERSION_H_
#define INGRESSKIT_LIB_CONVERT_PATH_CONVERSION_H_

#include <string>
#include <string_view>

#include "ingresskit/gateway.h"

namespace ingresskit::convert_internal {

// Exact and Prefix are taken verbatim; ImplementationSpecific and unset
// paths follow Istio's legacy glob rule.
RouteMatch ConvertPath(std::string_view path, PathType type, GlobPrefix glob);

// How a normalised request spells `path` (docs/semantics.md §7): bytes
// BASE escapes written %XY, escapes BASE decodes decoded. When that differs
// from `path`, no request can equal it once normalised.
std::string SpelledByNormalizedRequests(std::string_view path);

// True when `a` must be tried before `b`; a strict weak order for
// std::stable_sort, which keeps the Ingress order of §2.3 among equals.
bool MatchBefore(const RouteMatch& a, const RouteMatch& b, Semantics semantics);

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_PATH_CONVERSION_H_
