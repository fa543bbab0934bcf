// Configurations that are valid but almost surely wrong: routes no request
// reaches, duplicates, paths Envoy refuses, Ingresses the gateway ignores,
// backends and Secrets that are not where Istio looks (docs/analyze.md
// lists every code). Findings are diagnostics with a stable code; the
// table compiled is never changed by them.
//
// Lint() parses and compiles its input itself, since several checks read
// the objects (Services, Secrets, IngressClasses) and not only the routes.
// Thread-safe: it shares nothing between calls.
#ifndef INGRESSKIT_LINT_H_
#define INGRESSKIT_LINT_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/export.h"
#include "ingresskit/parse.h"
#include "ingresskit/route_table.h"

namespace ingresskit {

struct LintFinding {
  // "duplicate-route", "unreachable-route", "wildcard-multilabel",
  // "ignored-ingress", "default-backend-ignored", "missing-service",
  // "unresolved-port", "tls-secret-namespace", "envoy-rejects-route",
  // "never-matches".
  std::string code;
  // Severity, object, field, position, source and message.
  Diagnostic diagnostic;

  // check's format with the code: `file:7: warning: Ingress default/b
  // spec.rules[0].http.paths[0].path: message [duplicate-route]`.
  INGRESSKIT_EXPORT std::string ToCompilerStyle() const;
};

struct LintResult : CompileResult {
  // The compile's own diagnostics are CompileResult::diagnostics; the
  // findings come on top, in the order of the checks, then of the objects.
  std::vector<LintFinding> findings;
};

INGRESSKIT_EXPORT LintResult Lint(std::string_view text,
                                  const CompileOptions& options = {});
INGRESSKIT_EXPORT LintResult Lint(std::span<const Source> sources,
                                  const CompileOptions& options = {});
INGRESSKIT_EXPORT LintResult Lint(const ResourceSet& resources,
                                  const CompileOptions& options = {});

// A JSON array of {code, severity, object, field, line, source, message}.
INGRESSKIT_EXPORT std::string LintJson(
    const std::vector<LintFinding>& findings);

}  // namespace ingresskit

#endif  // INGRESSKIT_LINT_H_
