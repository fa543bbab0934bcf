#include "ingresskit/diagnostics.h"

#include <algorithm>

#include "common/strings.h"

namespace ingresskit {

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "unknown";
}

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidArgument:
      return "invalid argument";
    case ErrorCode::kSyntax:
      return "syntax error";
    case ErrorCode::kValidation:
      return "validation error";
    case ErrorCode::kLimit:
      return "limit exceeded";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

std::string Diagnostic::ToString() const {
  std::string where = field;
  if (position.known()) {
    internal::StrAppend(&where, where.empty() ? "" : " ", "(line ",
                        position.line, ", column ", position.column, ")");
  } else if (offset >= 0) {
    internal::StrAppend(&where, where.empty() ? "" : " ", "(byte ", offset,
                        ")");
  }
  std::string out = internal::StrCat(ingresskit::ToString(severity), ": ");
  if (!object.empty()) internal::StrAppend(&out, object, ": ");
  if (!where.empty()) internal::StrAppend(&out, where, ": ");
  out += message;
  return out;
}

std::string Diagnostic::ToCompilerStyle() const {
  std::string out = source;
  if (!out.empty() && position.known()) {
    internal::StrAppend(&out, ":", position.line);
  }
  if (!out.empty()) out += ": ";
  internal::StrAppend(&out, ingresskit::ToString(severity), ": ");
  std::string subject = object;
  if (!field.empty()) subject += (subject.empty() ? "" : " ") + field;
  if (!subject.empty()) internal::StrAppend(&out, subject, ": ");
  out += message;
  return out;
}

size_t CountErrors(const std::vector<Diagnostic>& diagnostics) {
  return static_cast<size_t>(std::count_if(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

}  // namespace ingresskit
