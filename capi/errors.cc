// Status codes, error reporting and caller buffers of the C ABI.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "capi_internal.h"

namespace ingresskit::capi {

int Fail(ingresskit_error_t* err, int code, std::string_view message) {
  if (err != nullptr) {
    err->code = code;
    size_t n = std::min(message.size(), sizeof(err->message) - 1);
    std::memcpy(err->message, message.data(), n);
    err->message[n] = '\0';
  }
  return code;
}

int Succeed(ingresskit_error_t* err) {
  if (err != nullptr) {
    err->code = INGRESSKIT_OK;
    err->message[0] = '\0';
  }
  return INGRESSKIT_OK;
}

int ToStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return INGRESSKIT_OK;
    case ErrorCode::kInvalidArgument:
      return INGRESSKIT_EINVAL;
    case ErrorCode::kSyntax:
      return INGRESSKIT_EPARSE;
    case ErrorCode::kValidation:
      return INGRESSKIT_EVALIDATION;
    case ErrorCode::kLimit:
      return INGRESSKIT_ELIMIT;
    case ErrorCode::kUnsupported:
      return INGRESSKIT_EUNSUPPORTED;
    case ErrorCode::kInternal:
      return INGRESSKIT_EINTERNAL;
  }
  return INGRESSKIT_EINTERNAL;
}

bool ToView(const char* data, size_t length, std::string_view& out) {
  if (data == nullptr) {
    out = {};
    return length == 0;
  }
  out = std::string_view(data, length);
  return true;
}

std::string FirstProblem(const std::vector<Diagnostic>& diagnostics) {
  const Diagnostic* first = diagnostics.empty() ? nullptr : &diagnostics[0];
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) {
      first = &d;
      break;
    }
  }
  if (first == nullptr) return "failed";
  return first->source.empty() ? first->ToString() : first->ToCompilerStyle();
}

int ToSources(const ingresskit_source_t* sources, size_t count,
              std::vector<Source>& out, ingresskit_error_t* err) {
  if (count > 0 && sources == nullptr) {
    return Fail(err, INGRESSKIT_EINVAL, "sources is NULL but count is not 0");
  }
  out.resize(count);
  for (size_t i = 0; i < count; ++i) {
    if (!ToView(sources[i].name, sources[i].name_len, out[i].name) ||
        !ToView(sources[i].text, sources[i].text_len, out[i].text)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "sources[" + std::to_string(i) +
                      "]: name or text is NULL with a non-zero length");
    }
  }
  return INGRESSKIT_OK;
}

}  // namespace ingresskit::capi

extern "C" {

const char* ingresskit_status_str(int code) noexcept {
  switch (code) {
    case INGRESSKIT_OK:
      return "ok";
    case INGRESSKIT_EINVAL:
      return "invalid argument";
    case INGRESSKIT_EPARSE:
      return "parse error";
    case INGRESSKIT_EVALIDATION:
      return "validation error";
    case INGRESSKIT_ELIMIT:
      return "limit exceeded";
    case INGRESSKIT_ENOMEM:
      return "out of memory";
    case INGRESSKIT_EINTERNAL:
      return "internal error";
    case INGRESSKIT_EUNSUPPORTED:
      return "unsupported";
    case INGRESSKIT_EBADPATH:
      return "bad request path";
    case INGRESSKIT_ERANGE:
      return "buffer too small";
    default:
      return "unknown status";
  }
}

void ingresskit_free(void* buffer) noexcept { std::free(buffer); }

}  // extern "C"
