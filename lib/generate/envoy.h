// The Envoy RouteConfigurations (v3) an Istio gateway runs for the IR.
#ifndef INGRESSKIT_LIB_GENERATE_ENVOY_H_
#define INGRESSKIT_LIB_GENERATE_ENVOY_H_

#include "ingresskit/gateway.h"
#include "rapidjson/document.h"

namespace ingresskit::generate_internal {

// An array: `http.80` with one virtual host per VirtualService, then one
// RouteConfiguration per HTTPS server with the virtual hosts bound to its
// Gateway whose host the server accepts. Routes after a host's first
// catch-all are left out, as they can never match.
void EnvoyRouteConfigurations(const GatewayConfig& config,
                              rapidjson::Document& out);

}  // namespace ingresskit::generate_internal

#endif  // INGRESSKIT_LIB_GENERATE_ENVOY_H_
