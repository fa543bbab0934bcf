// The Istio objects of docs/semantics.md §5 as a JSON-shaped tree.
#ifndef INGRESSKIT_LIB_GENERATE_ISTIO_H_
#define INGRESSKIT_LIB_GENERATE_ISTIO_H_

#include "ingresskit/gateway.h"
#include "rapidjson/document.h"

namespace ingresskit::generate_internal {

// An array: every Gateway (in Ingress order), then every VirtualService (by
// host), each a complete `networking.istio.io/v1` object.
void IstioObjects(const GatewayConfig& config, rapidjson::Document& out);

}  // namespace ingresskit::generate_internal

#endif  // INGRESSKIT_LIB_GENERATE_ISTIO_H_
