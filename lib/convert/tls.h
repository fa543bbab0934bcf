// TLS: which HTTPS servers of the generated Gateways Istio accepts, the
// Secret each serves, and which one a TLS server name (SNI) selects
// (docs/semantics.md §5).
#ifndef INGRESSKIT_LIB_CONVERT_TLS_H_
#define INGRESSKIT_LIB_CONVERT_TLS_H_

#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/gateway.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"

namespace ingresskit::convert_internal {

// Fills config.tls_servers from config.gateways and the input's Secrets,
// with warnings for dropped servers and misplaced or missing Secrets.
void ResolveTlsServers(const ResourceSet& resources,
                       const CompileOptions& options, GatewayConfig& config,
                       std::vector<Diagnostic>& diagnostics);

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_TLS_H_
