// Parsing: YAML or JSON text to a ResourceSet plus diagnostics.
//
// Accepted: Ingress (networking.k8s.io/v1, networking.k8s.io/v1beta1,
// extensions/v1beta1), IngressClass (networking.k8s.io/v1 and v1beta1),
// Service (v1), a `List` of those, a multi-document YAML stream and a JSON
// array of objects. Other kinds are skipped with an info diagnostic.
//
// Each object is read, then validated as the Kubernetes API server would
// (validate.h). An object with errors is left out of the result and the rest
// stay, so one bad object does not take the others down; with
// `ParseOptions::strict` any error fails the whole parse instead.
//
// Text that is not well-formed, or that exceeds a limit, fails the whole
// parse: a truncated file must not quietly route less.
//
// Parse() is reentrant and keeps no state between calls; it does not throw
// except std::bad_alloc.
#ifndef INGRESSKIT_PARSE_H_
#define INGRESSKIT_PARSE_H_

#include <span>
#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/export.h"
#include "ingresskit/limits.h"
#include "ingresskit/model.h"

namespace ingresskit {

enum class InputFormat : uint8_t {
  kAuto,  // JSON when the first significant character is `{` or `[`.
  kYaml,
  kJson,
};

struct ParseOptions {
  InputFormat format = InputFormat::kAuto;
  // Any error diagnostic fails the parse (status kValidation) and the result
  // holds no resources.
  bool strict = false;
  Limits limits;
};

struct ParseResult {
  // kOk, or why the input as a whole was refused: kSyntax, kLimit, or (strict
  // only) kValidation. When not kOk, `resources` is empty and `diagnostics`
  // says why.
  ErrorCode status = ErrorCode::kOk;
  ResourceSet resources;
  // Errors, warnings and infos in input order.
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return status == ErrorCode::kOk; }
};

// Parses `text`, which needs no NUL terminator and is not retained.
INGRESSKIT_EXPORT ParseResult Parse(std::string_view text,
                                    const ParseOptions& options = {});

// One input among several: a file's name and its text. Neither is copied;
// both must outlive the call they are passed to.
struct Source {
  std::string_view name;
  std::string_view text;
};

// Parses each source on its own, so that a diagnostic's `source` names it
// and its line counts from the source's start, and joins their objects in
// order, as one stream would. Fails, as Parse() does, when any source
// fails; the diagnostics then cover every source.
INGRESSKIT_EXPORT ParseResult Parse(std::span<const Source> sources,
                                    const ParseOptions& options = {});

}  // namespace ingresskit

#endif  // INGRESSKIT_PARSE_H_
