// Option names as the conformance vectors, the C ABI and the CLI spell them.
#include "ingresskit/options.h"

#include <array>
#include <utility>

#include "common/strings.h"
#include "ingresskit/gateway.h"

namespace ingresskit {
namespace {

template <typename Enum, size_t N>
std::string_view NameOf(
    const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "";
}

template <typename Enum, size_t N>
std::optional<Enum> ValueOf(
    const std::array<std::pair<Enum, std::string_view>, N>& names,
    std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Semantics, std::string_view>, 2> kSemantics{{
    {Semantics::kIstio, "istio"},
    {Semantics::kKubernetes, "kubernetes"},
}};
constexpr std::array<std::pair<ControllerMode, std::string_view>, 3>
    kControllerModes{{
        {ControllerMode::kDefault, "DEFAULT"},
        {ControllerMode::kStrict, "STRICT"},
        {ControllerMode::kOff, "OFF"},
    }};
constexpr std::array<std::pair<GlobPrefix, std::string_view>, 2> kGlobPrefixes{{
    {GlobPrefix::kPathSeparated, "path_separated"},
    {GlobPrefix::kString, "string"},
}};
constexpr std::array<std::pair<PathNormalization, std::string_view>, 4>
    kNormalizations{{
        {PathNormalization::kNone, "NONE"},
        {PathNormalization::kBase, "BASE"},
        {PathNormalization::kMergeSlashes, "MERGE_SLASHES"},
        {PathNormalization::kDecodeAndMergeSlashes, "DECODE_AND_MERGE_SLASHES"},
    }};
constexpr std::array<std::pair<RouteMatchType, std::string_view>, 4>
    kMatchTypes{{
        {RouteMatchType::kExact, "exact"},
        {RouteMatchType::kPrefix, "prefix"},
        {RouteMatchType::kStringPrefix, "string_prefix"},
        {RouteMatchType::kAny, "any"},
    }};

template <typename Enum, size_t N>
std::string SetEnum(
    const std::array<std::pair<Enum, std::string_view>, N>& names,
    std::string_view key, std::string_view value, Enum& out) {
  if (auto parsed = ValueOf(names, value)) {
    out = *parsed;
    return {};
  }
  std::string allowed;
  for (const auto& entry : names) {
    internal::StrAppend(&allowed, allowed.empty() ? "" : ", ", entry.second);
  }
  return internal::StrCat("option ", key, ": unknown value \"", value,
                          "\"; expected one of ", allowed);
}

}  // namespace

std::string_view ToString(Semantics v) { return NameOf(kSemantics, v); }
std::string_view ToString(ControllerMode v) {
  return NameOf(kControllerModes, v);
}
std::string_view ToString(GlobPrefix v) { return NameOf(kGlobPrefixes, v); }
std::string_view ToString(PathNormalization v) {
  return NameOf(kNormalizations, v);
}
std::string_view ToString(RouteMatchType v) { return NameOf(kMatchTypes, v); }

std::optional<Semantics> SemanticsFromString(std::string_view text) {
  return ValueOf(kSemantics, text);
}
std::optional<ControllerMode> ControllerModeFromString(std::string_view text) {
  return ValueOf(kControllerModes, text);
}
std::optional<GlobPrefix> GlobPrefixFromString(std::string_view text) {
  return ValueOf(kGlobPrefixes, text);
}
std::optional<PathNormalization> PathNormalizationFromString(
    std::string_view text) {
  return ValueOf(kNormalizations, text);
}

std::string SetOption(CompileOptions& options, std::string_view key,
                      std::string_view value) {
  if (key == "semantics")
    return SetEnum(kSemantics, key, value, options.semantics);
  if (key == "controller_mode") {
    return SetEnum(kControllerModes, key, value, options.controller_mode);
  }
  if (key == "glob_prefix") {
    return SetEnum(kGlobPrefixes, key, value, options.glob_prefix);
  }
  if (key == "path_normalization") {
    return SetEnum(kNormalizations, key, value, options.path_normalization);
  }
  if (key == "strict") {
    if (value != "true" && value != "false") {
      return internal::StrCat("option strict: expected true or false, got \"",
                              value, "\"");
    }
    options.strict = value == "true";
    return {};
  }
  std::string* text = key == "ingress_class"       ? &options.ingress_class
                      : key == "domain_suffix"     ? &options.domain_suffix
                      : key == "ingress_namespace" ? &options.ingress_namespace
                      : key == "ingress_selector"  ? &options.ingress_selector
                      : key == "ingress_service"   ? &options.ingress_service
                                                   : nullptr;
  if (text == nullptr) {
    return internal::StrCat("unknown option \"", key, "\"");
  }
  if (value.empty()) return internal::StrCat("option ", key, ": empty value");
  *text = std::string(value);
  return {};
}

}  // namespace ingresskit
