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
  static_assert(static_cast<int>(Semantics::kGatewayApi) ==
                INGRESSKIT_SEMANTICS_GATEWAY_API);
  static_assert(static_cast<int>(ControllerMode::kOff) ==
                INGRESSKIT_CONTROLLER_OFF);
  static_assert(static_cast<int>(GlobPrefix::kString) ==
                INGRESSKIT_GLOB_STRING);
  static_assert(static_cast<int>(PathNormalization::kDecodeAndMergeSlashes) ==
                INGRESSKIT_NORMALIZE_DECODE_AND_MERGE_SLASHES);
  int rc = INGRESSKIT_OK;
  if ((rc = SetEnum(in->semantics, 3, "semantics", out.semantics, err)) ||
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
  return ingresskit::capi::InitVersioned(
      options, version, ingresskit::capi::kOptionsVersions,
      ingresskit_options_t INGRESSKIT_OPTIONS_INIT);
}

namespace ingresskit::capi {
namespace {

// Writes option `name`, already checked by SetOption() into `parsed`, to
// the C struct's field of the same name.
int WriteField(ingresskit_options_t& out, std::string_view name,
               const CompileOptions& parsed, std::string_view value) {
  auto text = [&](const char*& data, size_t& length) {
    data = value.data();
    length = value.size();
  };
  if (name == "semantics") {
    out.semantics = static_cast<int32_t>(parsed.semantics);
  } else if (name == "controller_mode") {
    out.controller_mode = static_cast<int32_t>(parsed.controller_mode);
  } else if (name == "glob_prefix") {
    out.glob_prefix = static_cast<int32_t>(parsed.glob_prefix);
  } else if (name == "path_normalization") {
    out.path_normalization = static_cast<int32_t>(parsed.path_normalization);
  } else if (name == "strict") {
    out.strict = parsed.strict ? 1 : 0;
  } else if (name == "ingress_class") {
    text(out.ingress_class, out.ingress_class_len);
  } else if (name == "domain_suffix") {
    text(out.domain_suffix, out.domain_suffix_len);
  } else if (name == "ingress_namespace") {
    text(out.ingress_namespace, out.ingress_namespace_len);
  } else if (name == "ingress_selector") {
    text(out.ingress_selector, out.ingress_selector_len);
  } else if (name == "ingress_service") {
    text(out.ingress_service, out.ingress_service_len);
  } else if (name == "max_document_bytes") {
    out.max_document_bytes = parsed.limits.max_document_bytes;
  } else if (name == "max_routes") {
    out.max_routes = parsed.limits.max_routes;
  } else if (name == "max_path_bytes") {
    out.max_path_bytes = parsed.limits.max_path_bytes;
  } else if (name == "max_request_path_bytes") {
    out.max_request_path_bytes = parsed.limits.max_request_path_bytes;
  } else if (name == "max_nesting_depth") {
    out.max_nesting_depth = parsed.limits.max_nesting_depth;
  } else {
    return INGRESSKIT_EINTERNAL;  // An option with no field: a bug.
  }
  return INGRESSKIT_OK;
}

}  // namespace
}  // namespace ingresskit::capi

extern "C" int ingresskit_options_set(ingresskit_options_t* options,
                                      const char* name, size_t name_len,
                                      const char* value, size_t value_len,
                                      ingresskit_error_t* err) noexcept {
  using namespace ingresskit::capi;  // NOLINT: a C entry point.
  return Guard(err, [&] {
    std::string_view key;
    std::string_view text;
    if (options == nullptr)
      return Fail(err, INGRESSKIT_EINVAL, "options is NULL");
    if (!ToView(name, name_len, key) || !ToView(value, value_len, text)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "name or value is NULL with a non-zero length");
    }
    // Every field lives in version 1; a later option would check that the
    // caller's version has its field before writing it.
    if (kOptionsVersions.Bytes(options->version) == 0) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "options: " + VersionError(kOptionsVersions, options->version,
                                             "INGRESSKIT_OPTIONS_INIT"));
    }
    ingresskit::CompileOptions parsed;
    if (std::string problem = ingresskit::SetOption(parsed, key, text);
        !problem.empty()) {
      return Fail(err, INGRESSKIT_EINVAL, problem);
    }
    if (WriteField(*options, key, parsed, text) != INGRESSKIT_OK) {
      return Fail(err, INGRESSKIT_EINTERNAL,
                  "option " + std::string(key) + " has no field");
    }
    return Succeed(err);
  });
}
