// Ingress to Gateway API, with a proof: Gateway API objects an Istio
// cluster routes exactly as it routes a set of Ingresses today, and the
// request-class diff (diff.h) that shows it.
//
// What comes out: one Gateway (gatewayClassName `istio`) with an `http`
// listener on port 80 and an HTTPS listener per TLS host, taking routes
// from every namespace; one HTTPRoute per (host, Ingress namespace),
// pinned to its listeners by sectionName, its rules in Istio's final order.
// Paths keep Istio's reading (ImplementationSpecific by Istio's glob rule,
// DESIGN §2). What Istio never routes is left out, each with a warning on
// the Ingress field: paths no request reaches (an earlier route takes all
// of their requests), paths dropped for an unresolved port, default
// backends. Anything Gateway API cannot say the same way (a string prefix,
// a path its schema refuses) is a warning too, and the proof lists the
// requests it changes.
//
// The proof covers plain HTTP: every request class of DESIGN §12 decided by
// the Ingress table (Istio semantics) and by the migrated objects compiled
// with Gateway API semantics. HTTPS listeners carry the Ingresses'
// certificates, but Istio's own HTTPS quirks for Ingress (istio/istio#24385:
// a host whose oldest Ingress has no TLS answers 404 over HTTPS) are not
// reproduced: after migration every TLS host serves its routes over HTTPS.
// So one request of each class is also sent over TLS to both tables, and
// where the answers differ the result lists it (https_differences).
//
// Thread-safe; no state. A MigrateResult owns everything it holds.
#ifndef INGRESSKIT_MIGRATE_H_
#define INGRESSKIT_MIGRATE_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/diff.h"
#include "ingresskit/export.h"
#include "ingresskit/gateway.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"
#include "ingresskit/parse.h"

namespace ingresskit {

struct MigrateOptions {
  // The Gateway's name and namespace; an empty namespace means the
  // compile's ingress_namespace (where Istio reads Ingress TLS Secrets, so
  // the listeners' certificateRefs need no ReferenceGrant).
  std::string gateway_name = "ingress";
  std::string gateway_namespace;
  // Non-empty: `spec.addresses` holds this Hostname, which binds the
  // Gateway to an existing deployment (for example
  // `istio-ingressgateway.istio-system.svc.cluster.local`) instead of
  // letting Istio deploy one.
  std::string address;
};

// The objects, before any proof.
struct GatewayApiObjects {
  GatewayResource gateway;
  std::vector<HttpRouteResource> http_routes;
  // What was left out or changed, on the Ingress (object and field).
  std::vector<Diagnostic> diagnostics;
};

// The objects Istio routes as it routes `config` (an IR of Istio
// semantics). `config` must outlive nothing: the result is a copy.
INGRESSKIT_EXPORT GatewayApiObjects
ToGatewayApi(const GatewayConfig& config, const MigrateOptions& options = {});

// The objects as one multi-document YAML stream: the Gateway, then the
// HTTPRoutes (no status, no creationTimestamp).
INGRESSKIT_EXPORT std::string GatewayApiYaml(const GatewayApiObjects& objects);
// The same objects one YAML document each, in the same order (for one
// file per object).
INGRESSKIT_EXPORT std::vector<std::string> GatewayApiDocuments(
    const GatewayApiObjects& objects);

// What a TLS client gets for one request: no handshake (no HTTPS server
// accepts its server name), or the server's decision.
struct HttpsOutcome {
  bool handshake = false;
  ClassOutcome decision;  // 404 when no handshake.
};

// A request over HTTPS (server name = Host) the migrated objects answer
// otherwise than Istio answers the Ingresses: not part of the proof, which
// is plain HTTP, but what a user must know (istio/istio#24385).
struct HttpsDifference {
  std::string host;
  std::string path;
  HttpsOutcome istio;
  HttpsOutcome migrated;
};

struct MigrateResult {
  // kOk once the input compiled (even when the proof finds differences);
  // otherwise the compile's failure (kSyntax, kValidation with `strict`,
  // kLimit), or kUnsupported for semantics other than istio.
  ErrorCode status = ErrorCode::kOk;
  // The input's parse and compile diagnostics, then the migration's.
  std::vector<Diagnostic> diagnostics;
  GatewayApiObjects objects;
  // old = the Ingresses under Istio semantics; new = the migrated objects
  // (with the input's Services and endpoints) under Gateway API semantics.
  DiffResult proof;
  // One request of each plain-HTTP request class, sent over TLS to both
  // (in proof.old_table and proof.new_table): where they differ.
  std::vector<HttpsDifference> https_differences;
  bool ok() const { return status == ErrorCode::kOk; }
  // Every request class is decided alike.
  bool equivalent() const {
    return ok() && proof.complete && proof.changes.empty();
  }
};

// Parses (for text and sources), compiles with `options` (semantics must
// be istio, the default), migrates and proves.
INGRESSKIT_EXPORT MigrateResult Migrate(std::string_view text,
                                        const CompileOptions& options = {},
                                        const MigrateOptions& migrate = {});
INGRESSKIT_EXPORT MigrateResult Migrate(std::span<const Source> sources,
                                        const CompileOptions& options = {},
                                        const MigrateOptions& migrate = {});
INGRESSKIT_EXPORT MigrateResult Migrate(const ResourceSet& resources,
                                        const CompileOptions& options = {},
                                        const MigrateOptions& migrate = {});

// For people: the warnings, the verdict (`equivalent`, or each differing
// request class with an example and both decisions), then the HTTPS
// differences.
INGRESSKIT_EXPORT std::string MigrateReport(const MigrateResult& result);

}  // namespace ingresskit

#endif  // INGRESSKIT_MIGRATE_H_
