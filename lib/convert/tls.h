// TLS: which HTTPS servers of the generated Gateways Istio accepts, the
// Secret each serves, and which one a TLS server name (SNI) selects
// (docs/semantics.md §5).
#ifndef INGRESSKIT_LIB_CONVERT_TLS_H_
#define INGRESSKIT_LIB_CONVERT_TLS_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/gateway.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"

namespace ingresskit::convert_internal {

// Reads Secret `ns`/`name` into `tls` (secret, secret_found, certificate,
// private_key). Returns what is wrong with a Secret it found (not PEM, a
// key that does not fit), else empty; a missing Secret is for the caller to
// word.
std::string LoadTlsSecret(const ResourceSet& resources, std::string_view ns,
                          std::string_view name, TlsServer& tls);

// Fills config.tls_servers from config.gateways and the input's Secrets,
// with warnings for dropped servers and misplaced or missing Secrets.
void ResolveTlsServers(const ResourceSet& resources,
                       const CompileOptions& options, GatewayConfig& config,
                       std::vector<Diagnostic>& diagnostics);

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_TLS_H_
