// Gateway API Gateways and HTTPRoutes to the IR, as Istio routes them
// (DESIGN §10): HTTP listeners of `istio`-class Gateways, attachment by
// parentRefs (sectionName, port), allowedRoutes and hostname intersection,
// listener isolation, Istio's merge and sortHTTPRoutes order,
// path-separated prefixes.
// A rule whose backend does not resolve stays, marked
// RouteDestination::unresolved: the table answers 500 for it. HTTP
// listeners make the plain-HTTP table; each HTTPS listener (Terminate)
// becomes a TlsServer with its own HTTPS-only VirtualServices, which the
// TLS-aware match reaches through SNI.
#ifndef INGRESSKIT_LIB_CONVERT_GATEWAY_API_H_
#define INGRESSKIT_LIB_CONVERT_GATEWAY_API_H_

#include "ingresskit/gateway.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"

namespace ingresskit::convert_internal {

// The GatewayClass Istio's controller serves.
inline constexpr std::string_view kIstioGatewayClass = "istio";

// Whether hostname `pattern` ("a.com", "*.a.com", "" or "*" for any)
// covers `host` ("*.x" standing for every host under .x): Gateway API's
// hostname matching, wildcards covering one label or more as Envoy's
// suffix match does.
bool HostnameCovers(std::string_view pattern, std::string_view host);

ConvertResult ConvertGatewayApi(const ResourceSet& resources,
                                const CompileOptions& options);

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_GATEWAY_API_H_
