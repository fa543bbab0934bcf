// Validation of model objects as the Kubernetes API server validates them
// (pkg/apis/networking/validation), plus ingresskit's own limits.
//
// Parse() runs these on everything it reads; call them yourself for objects
// built by hand. Each function appends one kError diagnostic per violation,
// naming the object and the field (spelled as in the object's apiVersion, so
// a v1beta1 Ingress reports `backend.servicePort`), and returns true when it
// appended no error. Positions are left unknown: the model object does not
// hold the text. Thread-safe; no state.
#ifndef INGRESSKIT_VALIDATE_H_
#define INGRESSKIT_VALIDATE_H_

#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/export.h"
#include "ingresskit/limits.h"
#include "ingresskit/model.h"

namespace ingresskit {

INGRESSKIT_EXPORT bool Validate(const Ingress& ingress, const Limits& limits,
                                std::vector<Diagnostic>* diagnostics);
INGRESSKIT_EXPORT bool Validate(const IngressClass& ingress_class,
                                std::vector<Diagnostic>* diagnostics);
INGRESSKIT_EXPORT bool Validate(const Service& service,
                                std::vector<Diagnostic>* diagnostics);
INGRESSKIT_EXPORT bool Validate(const EndpointSlice& slice,
                                std::vector<Diagnostic>* diagnostics);
INGRESSKIT_EXPORT bool Validate(const Endpoints& endpoints,
                                std::vector<Diagnostic>* diagnostics);
// Names the Secret's keys, never its values.
INGRESSKIT_EXPORT bool Validate(const Secret& secret,
                                std::vector<Diagnostic>* diagnostics);
// Gateway API: the CRD schemas' rules (names, hostnames, the CEL rules of
// path values, ports, the schema's limits).
INGRESSKIT_EXPORT bool Validate(const GatewayResource& gateway,
                                std::vector<Diagnostic>* diagnostics);
INGRESSKIT_EXPORT bool Validate(const HttpRouteResource& route,
                                std::vector<Diagnostic>* diagnostics);

}  // namespace ingresskit

#endif  // INGRESSKIT_VALIDATE_H_
