// The compile options by name: their one list (spec, getter, setter), and
// the spellings of their values, as the conformance vectors, the C ABI, the
// CLI and Python use them.
#include "ingresskit/options.h"

#include <array>
#include <charconv>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

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

constexpr std::array<std::pair<Semantics, std::string_view>, 3> kSemantics{{
    {Semantics::kIstio, "istio"},
    {Semantics::kKubernetes, "kubernetes"},
    {Semantics::kGatewayApi, "gateway-api"},
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

namespace {

// An option's getter and setter, beside its spec: the one list every front
// end (CLI flags, C ABI names, Python keywords, test vectors) reads.
struct OptionEntry {
  OptionSpec spec;
  std::string (*get)(const CompileOptions&);
  std::string (*set)(CompileOptions&, std::string_view key,
                     std::string_view value);
};

template <auto kNames, auto kField>
OptionEntry EnumOption(std::string_view name, std::string_view values,
                       std::string_view help) {
  return {{name, values, help},
          [](const CompileOptions& o) {
            return std::string(NameOf(*kNames, o.*kField));
          },
          [](CompileOptions& o, std::string_view key, std::string_view value) {
            return SetEnum(*kNames, key, value, o.*kField);
          }};
}

template <auto kField>
OptionEntry TextOption(std::string_view name, std::string_view help) {
  return {{name, "NAME", help},
          [](const CompileOptions& o) { return o.*kField; },
          [](CompileOptions& o, std::string_view key,
             std::string_view value) -> std::string {
            if (value.empty()) {
              return internal::StrCat("option ", key, ": empty value");
            }
            o.*kField = std::string(value);
            return {};
          }};
}

template <auto kField>
OptionEntry LimitOption(std::string_view name, std::string_view help) {
  return {
      {name, "N", help},
      [](const CompileOptions& o) { return std::to_string(o.limits.*kField); },
      [](CompileOptions& o, std::string_view key,
         std::string_view value) -> std::string {
        using Value = std::remove_reference_t<decltype(o.limits.*kField)>;
        Value parsed = 0;
        auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), parsed);
        if (error != std::errc() || end != value.data() + value.size() ||
            parsed == 0) {
          return internal::StrCat(
              "option ", key, ": expected a whole ", "number from 1 to ",
              std::numeric_limits<Value>::max(), ", got \"", value, "\"");
        }
        o.limits.*kField = parsed;
        return {};
      }};
}

const std::vector<OptionEntry>& Entries() {
  static const auto* entries = new std::vector<OptionEntry>{
      EnumOption<&kSemantics, &CompileOptions::semantics>(
          "semantics", "istio|kubernetes",
          "whose rules decide: an Istio gateway's, or the Ingress spec's"),
      EnumOption<&kControllerModes, &CompileOptions::controller_mode>(
          "controller_mode", "DEFAULT|STRICT|OFF",
          "meshConfig.ingressControllerMode: which Ingresses Istio serves"),
      TextOption<&CompileOptions::ingress_class>(
          "ingress_class", "meshConfig.ingressClass: the class Istio serves"),
      TextOption<&CompileOptions::domain_suffix>(
          "domain_suffix", "destinations are SERVICE.NAMESPACE.svc.SUFFIX"),
      TextOption<&CompileOptions::ingress_namespace>(
          "ingress_namespace",
          "the gateway's namespace: generated Gateways, its Service"),
      TextOption<&CompileOptions::ingress_selector>(
          "ingress_selector",
          "meshConfig.ingressSelector: Gateways select istio: VALUE"),
      TextOption<&CompileOptions::ingress_service>(
          "ingress_service",
          "meshConfig.ingressService: whose address goes into status"),
      EnumOption<&kGlobPrefixes, &CompileOptions::glob_prefix>(
          "glob_prefix", "path_separated|string",
          "how /* and .* paths match: current Istio, or 1.13 and earlier"),
      EnumOption<&kNormalizations, &CompileOptions::path_normalization>(
          "path_normalization",
          "NONE|BASE|MERGE_SLASHES|DECODE_AND_MERGE_SLASHES",
          "meshConfig.pathNormalization, applied to request paths"),
      {{"strict", "true|false", "any error fails the whole input"},
       [](const CompileOptions& o) {
         return std::string(o.strict ? "true" : "false");
       },
       [](CompileOptions& o, std::string_view,
          std::string_view value) -> std::string {
         if (value != "true" && value != "false") {
           return internal::StrCat(
               "option strict: expected true or false, got \"", value, "\"");
         }
         o.strict = value == "true";
         return {};
       }},
      LimitOption<&Limits::max_document_bytes>(
          "max_document_bytes", "bytes of input text, all documents"),
      LimitOption<&Limits::max_nesting_depth>(
          "max_nesting_depth", "nesting of mappings and sequences"),
      LimitOption<&Limits::max_routes>("max_routes",
                                       "routes (Ingress paths) in one table"),
      LimitOption<&Limits::max_path_bytes>("max_path_bytes",
                                           "bytes of one path in an Ingress"),
      LimitOption<&Limits::max_request_path_bytes>(
          "max_request_path_bytes", "bytes of one request path to match"),
  };
  return *entries;
}

const OptionEntry* Find(std::string_view name) {
  for (const OptionEntry& entry : Entries()) {
    if (entry.spec.name == name) return &entry;
  }
  return nullptr;
}

}  // namespace

std::vector<OptionSpec> CompileOptionSpecs() {
  std::vector<OptionSpec> specs;
  for (const OptionEntry& entry : Entries()) specs.push_back(entry.spec);
  return specs;
}

std::optional<std::string> GetOption(const CompileOptions& options,
                                     std::string_view key) {
  const OptionEntry* entry = Find(key);
  if (entry == nullptr) return std::nullopt;
  return entry->get(options);
}

std::string SetOption(CompileOptions& options, std::string_view key,
                      std::string_view value) {
  const OptionEntry* entry = Find(key);
  if (entry == nullptr) {
    return internal::StrCat("unknown option \"", key, "\"");
  }
  return entry->set(options, key, value);
}

}  // namespace ingresskit
