// ingresskit_options_t to CompileOptions.
#include <cstring>
#include <string>

#include "capi_internal.h"

namespace ingresskit::capi {
namespace {

int SetString(const char* data, size_t length, std::string_view name,
              std::string& out, ingresskit_error_t* err) {
  if (data == nullptr && length == 0) return INGRESSKIT_OK;  // Default.
  std::string_view value;
  if (!ToView(data, length, value) || value.empty()) {
    return Fail(err, INGRESSKIT_EINVAL,
                std::string("options.") + std::string(name) +
                    ": NULL with a length, or empty");
  }
  out = std::string(value);
  return INGRESSKIT_OK;
}

template <typename Enum>
int SetEnum(int32_t value, int32_t count, std::string_view name, Enum& out,
            ingresskit_error_t* err) {
  if (value < 0 || value >= count) {
    return Fail(err, INGRESSKIT_EINVAL,
                std::string("options.") + std::string(name) +
                    ": out of range: " + std::to_string(value));
  }
  out = static_cast<Enum>(value);
  return INGRESSKIT_OK;
}

}  // namespace

int ToOptions(const ingresskit_options_t* options, CompileOptions& out,
              ingresskit_error_t* err) {
  out = CompileOptions{};
  if (options == nullptr) return INGRESSKIT_OK;
  const size_t bytes = kOptionsVersions.Bytes(options->version);
  if (bytes == 0) {
    return Fail(err, INGRESSKIT_EINVAL,
                "options: " + VersionError(kOptionsVersions, options->version,
                                           "INGRESSKIT_OPTIONS_INIT"));
  }
  // Fields a caller's older version lacks take their defaults.
  const ingresskit_options_t defaults = INGRESSKIT_OPTIONS_INIT;
  const ingresskit_options_t full = ReadVersioned(options, defaults, bytes);
  const ingresskit_options_t* in = &full;
  // The C constants are the enums' values in order; checked here once.
  static_assert(static_cast<int>(Semantics::kKubernetes) ==
                INGRESSKIT_SEMANTICS_KUBERNETES);
  static_assert(static_cast<int>(ControllerMode::kOff) ==
                INGRESSKIT_CONTROLLER_OFF);
  static_assert(static_cast<int>(GlobPrefix::kString) ==
                INGRESSKIT_GLOB_STRING);
  static_assert(static_cast<int>(PathNormalization::kDecodeAndMergeSlashes) ==
                INGRESSKIT_NORMALIZE_DECODE_AND_MERGE_SLASHES);
  int rc = INGRESSKIT_OK;
  if ((rc = SetEnum(in->semantics, 2, "semantics", out.semantics, err)) ||
      (rc = SetEnum(in->controller_mode, 3, "controller_mode",
                    out.controller_mode, err)) ||
      (rc = SetEnum(in->glob_prefix, 2, "glob_prefix", out.glob_prefix, err)) ||
      (rc = SetEnum(in->path_normalization, 4, "path_normalization",
                    out.path_normalization, err)) ||
      (rc = SetString(in->ingress_class, in->ingress_class_len, "ingress_class",
                      out.ingress_class, err)) ||
      (rc = SetString(in->domain_suffix, in->domain_suffix_len, "domain_suffix",
                      out.domain_suffix, err)) ||
      (rc = SetString(in->ingress_namespace, in->ingress_namespace_len,
                      "ingress_namespace", out.ingress_namespace, err)) ||
      (rc = SetString(in->ingress_selector, in->ingress_selector_len,
                      "ingress_selector", out.ingress_selector, err)) ||
      (rc = SetString(in->ingress_service, in->ingress_service_len,
                      "ingress_service", out.ingress_service, err))) {
    return rc;
  }
  if (in->strict != 0 && in->strict != 1) {
    return Fail(err, INGRESSKIT_EINVAL, "options.strict: must be 0 or 1");
  }
  out.strict = in->strict == 1;
  Limits& limits = out.limits;
  if (in->max_document_bytes)
    limits.max_document_bytes = in->max_document_bytes;
  if (in->max_routes) limits.max_routes = in->max_routes;
  if (in->max_path_bytes) limits.max_path_bytes = in->max_path_bytes;
  if (in->max_request_path_bytes) {
    limits.max_request_path_bytes = in->max_request_path_bytes;
  }
  if (in->max_nesting_depth) limits.max_nesting_depth = in->max_nesting_depth;
  return INGRESSKIT_OK;
}

}  // namespace ingresskit::capi

extern "C" int ingresskit_options_init(ingresskit_options_t* options,
                                       unsigned version) noexcept {
  using ingresskit::capi::kOptionsVersions;
  const size_t bytes = kOptionsVersions.Bytes(version);
  if (options == nullptr || bytes == 0) return INGRESSKIT_EINVAL;
  ingresskit_options_t defaults = INGRESSKIT_OPTIONS_INIT;
  defaults.version = version;
  std::memcpy(static_cast<void*>(options), &defaults, bytes);
  return INGRESSKIT_OK;
}
