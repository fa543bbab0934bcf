// Diagnostics: what ingresskit tells the user about their input.
//
// Every stage reports problems as Diagnostic values instead of throwing. A
// diagnostic names the object (`Ingress default/httpbin`), the field inside it
// (`spec.rules[0].http.paths[1].pathType`) and, where the object came from
// text, the line and column. Diagnostics are plain values: copy them freely.
#ifndef INGRESSKIT_DIAGNOSTICS_H_
#define INGRESSKIT_DIAGNOSTICS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/export.h"

namespace ingresskit {

enum class Severity : uint8_t {
  kError,    // The object (or, for syntax and limit errors, the text) is
             // rejected.
  kWarning,  // Accepted, but probably not what the author meant.
  kInfo,     // Accepted or skipped as documented; worth knowing.
};

// The typed outcome of an operation, and the category of a diagnostic.
enum class ErrorCode : uint8_t {
  kOk,
  kInvalidArgument,  // The caller passed something unusable (not the text).
  kSyntax,           // The text is not well-formed YAML or JSON.
  kValidation,       // An object breaks a Kubernetes or ingresskit rule.
  kLimit,            // A configured limit was exceeded (size, depth, count).
  kUnsupported,  // A kind, apiVersion or feature ingresskit does not handle.
  kInternal,     // A bug in ingresskit; please report it.
};

// 1-based line and column in the input text; 0 means unknown.
struct SourcePosition {
  uint32_t line = 0;
  uint32_t column = 0;

  bool known() const { return line != 0; }
  friend bool operator==(const SourcePosition&,
                         const SourcePosition&) = default;
};

struct Diagnostic {
  Severity severity = Severity::kError;
  ErrorCode code = ErrorCode::kValidation;
  // `Kind namespace/name` (`Kind name` for cluster-scoped kinds); empty when
  // the diagnostic is about the text as a whole.
  std::string object;
  // Dotted field path inside the object, empty for the whole object.
  std::string field;
  SourcePosition position;
  // Byte offset into the input text, or -1 when unknown.
  int64_t offset = -1;
  std::string message;
  // The named input (Source::name) the object or text came from, when
  // several were compiled together; empty otherwise. Lines count from its
  // start.
  std::string source;

  // One line: `error: Ingress default/x: spec.rules[0].host (line 7, column
  // 13): message`.
  INGRESSKIT_EXPORT std::string ToString() const;
  // As compilers and nginx write it: `file:7: error: Ingress default/x
  // spec.rules[0].host: message` (the source and line only when known).
  INGRESSKIT_EXPORT std::string ToCompilerStyle() const;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

INGRESSKIT_EXPORT std::string_view ToString(Severity severity);
INGRESSKIT_EXPORT std::string_view ToString(ErrorCode code);

// Number of diagnostics with severity kError.
INGRESSKIT_EXPORT size_t
CountErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace ingresskit

#endif  // INGRESSKIT_DIAGNOSTICS_H_
