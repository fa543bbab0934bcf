// Compile options: how Ingress resources become routes (docs/semantics.md
// says what each one changes).
// Plain values; defaults reproduce a stock Istio install.
#ifndef INGRESSKIT_OPTIONS_H_
#define INGRESSKIT_OPTIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/export.h"
#include "ingresskit/limits.h"

namespace ingresskit {

enum class Semantics : uint8_t {
  kIstio,       // What an Istio ingress gateway does.
  kKubernetes,  // What the Ingress API documents.
  // How Istio routes Gateway API Gateways and HTTPRoutes (DESIGN §10);
  // chosen by itself when the input holds HTTPRoutes and no Ingress.
  kGatewayApi,
};

// Istio's meshConfig.ingressControllerMode.
enum class ControllerMode : uint8_t {
  kDefault,  // Also serve Ingresses that name no class.
  kStrict,   // Only Ingresses that select Istio's class.
  kOff,      // Ignore the kubernetes.io/ingress.class annotation.
};

// How ImplementationSpecific (and unset) `/*` and `.*` paths match.
enum class GlobPrefix : uint8_t {
  kPathSeparated,  // Current Istio: on segment boundaries.
  kString,         // Istio 1.13 and earlier: a plain string prefix.
};

// Istio's meshConfig.pathNormalization, applied to request paths.
enum class PathNormalization : uint8_t {
  kNone,
  kBase,                   // RFC 3986 dot segments, `\` to `/`.
  kMergeSlashes,           // kBase, then `//` to `/`.
  kDecodeAndMergeSlashes,  // %2F and %5C decoded first, then kMergeSlashes.
};

struct CompileOptions {
  Semantics semantics = Semantics::kIstio;
  ControllerMode controller_mode = ControllerMode::kStrict;
  // The class name the annotation must carry (meshConfig.ingressClass).
  std::string ingress_class = "istio";
  // Destination hosts are `<service>.<namespace>.svc.<domain_suffix>`.
  std::string domain_suffix = "cluster.local";
  // Where generated Gateways live and the ingress Service is looked up.
  std::string ingress_namespace = "istio-system";
  // Gateways select pods labelled `istio: <ingress_selector>`
  // (meshConfig.ingressSelector).
  std::string ingress_selector = "ingressgateway";
  // The Service whose addresses go into Ingress status
  // (meshConfig.ingressService).
  std::string ingress_service = "istio-ingressgateway";
  GlobPrefix glob_prefix = GlobPrefix::kPathSeparated;
  PathNormalization path_normalization = PathNormalization::kBase;
  // Any error diagnostic fails the compile instead of excluding the object.
  bool strict = false;
  Limits limits;
};

// The conformance vectors' and the C ABI's spellings: `istio`,
// `kubernetes`; `DEFAULT`, `STRICT`, `OFF`; `path_separated`, `string`;
// `NONE`, `BASE`, `MERGE_SLASHES`, `DECODE_AND_MERGE_SLASHES`.
INGRESSKIT_EXPORT std::string_view ToString(Semantics value);
INGRESSKIT_EXPORT std::string_view ToString(ControllerMode value);
INGRESSKIT_EXPORT std::string_view ToString(GlobPrefix value);
INGRESSKIT_EXPORT std::string_view ToString(PathNormalization value);
INGRESSKIT_EXPORT std::optional<Semantics> SemanticsFromString(
    std::string_view text);
INGRESSKIT_EXPORT std::optional<ControllerMode> ControllerModeFromString(
    std::string_view text);
INGRESSKIT_EXPORT std::optional<GlobPrefix> GlobPrefixFromString(
    std::string_view text);
INGRESSKIT_EXPORT std::optional<PathNormalization> PathNormalizationFromString(
    std::string_view text);

// One compile option as every front end names it: the C ABI's
// ingresskit_options_set() and the conformance vectors take `name`, Python
// takes it as a keyword, the CLI as `--name-with-dashes`.
struct OptionSpec {
  std::string_view name;    // "controller_mode"
  std::string_view values;  // "DEFAULT|STRICT|OFF", "NAME", "N", "true|false"
  std::string_view help;    // One line for --help.
};

// Every compile option, in the order help lists them.
INGRESSKIT_EXPORT std::vector<OptionSpec> CompileOptionSpecs();

// The value of option `key` in `options`, spelled as SetOption() takes it
// (so GetOption(CompileOptions{}, key) is its default); nullopt for a name
// that is not an option.
INGRESSKIT_EXPORT std::optional<std::string> GetOption(
    const CompileOptions& options, std::string_view key);

// Sets option `key` (a name from CompileOptionSpecs()) from its text:
// enum names as above, `true`/`false` for `strict`, a whole number >= 1
// for the limits, a non-empty string otherwise. Returns an empty string on
// success, otherwise why not (naming the option); `options` is then
// unchanged.
INGRESSKIT_EXPORT std::string SetOption(CompileOptions& options,
                                        std::string_view key,
                                        std::string_view value);

}  // namespace ingresskit

#endif  // INGRESSKIT_OPTIONS_H_
