// Parse(): text → tree → one model object per Kubernetes object, each
// validated on its own so that a bad object costs only itself.
#include "ingresskit/parse.h"

#include <cstring>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/strings.h"
#include "ingresskit/validate.h"
#include "parse/field.h"
#include "parse/object_readers.h"
#include "parse/readers.h"
#include "parse/source_tree.h"

namespace ingresskit {
namespace {

using parse_internal::Field;
using parse_internal::JsonValue;
using parse_internal::ObjectReport;
using parse_internal::SourceTree;

constexpr std::string_view kIngressVersions[] = {
    kNetworkingV1, kNetworkingV1beta1, kExtensionsV1beta1};
constexpr std::string_view kIngressClassVersions[] = {kNetworkingV1,
                                                      kNetworkingV1beta1};
constexpr std::string_view kServiceVersions[] = {kCoreV1};
constexpr std::string_view kEndpointSliceVersions[] = {kDiscoveryV1};
constexpr std::string_view kGatewayApiVersions[] = {kGatewayApiV1,
                                                    kGatewayApiV1beta1};
constexpr std::string_view kKnownKinds[] = {
    "Ingress", "IngressClass", "Service",   "EndpointSlice", "Endpoints",
    "Secret",  "Gateway",      "HTTPRoute", "List"};

bool Contains(std::span<const std::string_view> values, std::string_view v) {
  for (std::string_view candidate : values) {
    if (candidate == v) return true;
  }
  return false;
}

InputFormat DetectFormat(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return (c == '{' || c == '[') ? InputFormat::kJson : InputFormat::kYaml;
  }
  return InputFormat::kYaml;
}

std::string_view StringMember(const JsonValue& object, std::string_view key) {
  auto it = object.FindMember(
      JsonValue(rapidjson::StringRef(key.data(), key.size())));
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return std::string_view(it->value.GetString(), it->value.GetStringLength());
}

// How diagnostics name an object before it has been read: its metadata's
// name and namespace if they are strings.
std::string DescribeRaw(std::string_view kind, const JsonValue& object,
                        bool namespaced) {
  ObjectMeta meta;
  auto it = object.FindMember("metadata");
  if (it != object.MemberEnd() && it->value.IsObject()) {
    meta.name = std::string(StringMember(it->value, "name"));
    if (namespaced) {
      meta.namespace_name = std::string(StringMember(it->value, "namespace"));
    }
  }
  if (namespaced && meta.namespace_name.empty())
    meta.namespace_name = "default";
  return DescribeObject(kind, meta);
}

class Dispatcher {
 public:
  Dispatcher(const SourceTree& tree, const ParseOptions& options,
             ParseResult& result)
      : tree_(tree), options_(options), result_(result) {}

  void Document(const JsonValue& root, size_t index) {
    std::string where = internal::StrCat("document ", index + 1);
    if (root.IsArray()) {
      // A JSON array of objects, or a YAML document that is a sequence.
      size_t item = 0;
      for (const auto& element : root.GetArray()) {
        Object(element, internal::StrCat(where, " item ", ++item),
               /*allow_list=*/true);
      }
      return;
    }
    Object(root, where, /*allow_list=*/true);
  }

  bool route_limit_exceeded() const { return route_limit_exceeded_; }

 private:
  void TextError(const JsonValue& at, std::string where, std::string message,
                 Severity severity = Severity::kError,
                 ErrorCode code = ErrorCode::kValidation) {
    Diagnostic d;
    d.severity = severity;
    d.code = code;
    d.object = std::move(where);
    d.position = tree_.PositionOf(at);
    d.message = std::move(message);
    result_.diagnostics.push_back(std::move(d));
  }

  void Object(const JsonValue& value, std::string where, bool allow_list) {
    if (!value.IsObject()) {
      TextError(
          value, std::move(where),
          internal::StrCat("expected a Kubernetes object (a mapping), got ",
                           parse_internal::JsonTypeName(value)));
      return;
    }
    std::string_view kind = StringMember(value, "kind");
    std::string_view api_version = StringMember(value, "apiVersion");
    if (kind.empty() || api_version.empty()) {
      TextError(value, std::move(where),
                kind.empty() ? "missing \"kind\": not a Kubernetes object"
                             : "missing \"apiVersion\"");
      return;
    }
    if (kind == "List") {
      if (allow_list) {
        List(value, where);
      } else {
        TextError(value, std::move(where),
                  "a List inside a List is not unpacked; its items are "
                  "ignored",
                  Severity::kWarning, ErrorCode::kUnsupported);
      }
    } else if (kind == "Ingress") {
      Read<Ingress>(value, kind, api_version, kIngressVersions,
                    parse_internal::ReadIngress, result_.resources.ingresses);
    } else if (kind == "IngressClass") {
      Read<IngressClass>(value, kind, api_version, kIngressClassVersions,
                         parse_internal::ReadIngressClass,
                         result_.resources.ingress_classes);
    } else if (kind == "Service") {
      Read<Service>(value, kind, api_version, kServiceVersions,
                    parse_internal::ReadService, result_.resources.services);
    } else if (kind == "EndpointSlice") {
      Read<EndpointSlice>(value, kind, api_version, kEndpointSliceVersions,
                          parse_internal::ReadEndpointSlice,
                          result_.resources.endpoint_slices);
    } else if (kind == "Endpoints") {
      Read<Endpoints>(value, kind, api_version, kServiceVersions,
                      parse_internal::ReadEndpoints,
                      result_.resources.endpoints);
    } else if (kind == "Secret") {
      Read<Secret>(value, kind, api_version, kServiceVersions,
                   parse_internal::ReadSecret, result_.resources.secrets);
    } else if (kind == "Gateway" && api_version.starts_with(kGatewayApiGroup)) {
      // Istio's own networking.istio.io Gateway is not this kind.
      Read<GatewayResource>(value, kind, api_version, kGatewayApiVersions,
                            parse_internal::ReadGateway,
                            result_.resources.gateways);
    } else if (kind == "HTTPRoute") {
      Read<HttpRouteResource>(value, kind, api_version, kGatewayApiVersions,
                              parse_internal::ReadHttpRoute,
                              result_.resources.http_routes);
    } else {
      Skipped(value, kind, api_version, std::move(where));
    }
  }

  void List(const JsonValue& list, const std::string& where) {
    auto items = list.FindMember("items");
    if (items == list.MemberEnd() || items->value.IsNull()) return;
    if (!items->value.IsArray()) {
      TextError(items->value, where,
                internal::StrCat("List items: expected an array, got ",
                                 parse_internal::JsonTypeName(items->value)));
      return;
    }
    size_t index = 0;
    for (const auto& item : items->value.GetArray()) {
      Object(item, internal::StrCat(where, " items[", index++, "]"),
             /*allow_list=*/false);
    }
  }

  void Skipped(const JsonValue& value, std::string_view kind,
               std::string_view api_version, std::string where) {
    for (std::string_view known : kKnownKinds) {
      if (known != kind && absl::EqualsIgnoreCase(internal::ToAbsl(known),
                                                  internal::ToAbsl(kind))) {
        TextError(value, std::move(where),
                  internal::StrCat("kind \"", kind,
                                   "\" skipped: kinds are "
                                   "case-sensitive; did you mean \"",
                                   known, "\"?"),
                  Severity::kWarning, ErrorCode::kUnsupported);
        return;
      }
    }
    TextError(value, DescribeRaw(kind, value, true),
              internal::StrCat("skipped: ingresskit does not use ", kind, " (",
                               api_version, ")"),
              Severity::kInfo, ErrorCode::kUnsupported);
  }

  template <typename Model, typename Reader>
  void Read(const JsonValue& value, std::string_view kind,
            std::string_view api_version,
            std::span<const std::string_view> versions, Reader read,
            std::vector<Model>& out) {
    constexpr bool kNamespaced = !std::is_same_v<Model, IngressClass>;
    ObjectReport report(tree_, value, DescribeRaw(kind, value, kNamespaced),
                        result_.diagnostics);
    Field root(value);
    if (!Contains(versions, api_version)) {
      std::string supported;
      for (std::string_view v : versions) {
        internal::StrAppend(&supported, supported.empty() ? "" : ", ", v);
      }
      report.Error(
          root.Child("apiVersion", value["apiVersion"]),
          internal::StrCat("unsupported apiVersion \"", api_version, "\" for ",
                           kind, "; supported: ", supported),
          ErrorCode::kUnsupported);
      return;
    }
    Model model;
    read(report, root, api_version, model);
    std::vector<Diagnostic> validation;
    if constexpr (std::is_same_v<Model, Ingress>) {
      Validate(model, options_.limits, &validation);
    } else {
      Validate(model, &validation);
    }
    report.AddFromModel(std::move(validation));
    if (report.failed()) return;
    if constexpr (std::is_same_v<Model, Ingress>) {
      if (!CountRoutes(model, report, root)) return;
    }
    out.push_back(std::move(model));
  }

  bool CountRoutes(const Ingress& ingress, ObjectReport& report,
                   const Field& root) {
    for (const IngressRule& rule : ingress.spec.rules) {
      if (rule.http) routes_ += rule.http->paths.size();
    }
    if (routes_ <= options_.limits.max_routes) return true;
    route_limit_exceeded_ = true;
    report.Error(
        root,
        internal::StrCat("the input has more than ", options_.limits.max_routes,
                         " paths (routes) in all; raise the limit or "
                         "split the configuration"),
        ErrorCode::kLimit);
    return false;
  }

  const SourceTree& tree_;
  const ParseOptions& options_;
  ParseResult& result_;
  size_t routes_ = 0;
  bool route_limit_exceeded_ = false;
};

ParseResult Refuse(Diagnostic error) {
  ParseResult result;
  result.status = error.code;
  result.diagnostics.push_back(std::move(error));
  return result;
}

}  // namespace

namespace parse_internal {

bool ReadTree(std::string_view text, InputFormat format, const Limits& limits,
              SourceTree& tree, Diagnostic& error) {
  // A default-constructed view has no data pointer, which libyaml refuses.
  if (text.data() == nullptr) text = std::string_view("", 0);
  if (text.size() > limits.max_document_bytes) {
    error.code = ErrorCode::kLimit;
    error.message = internal::StrCat("the text is ", text.size(),
                                     " bytes, over the limit of ",
                                     limits.max_document_bytes);
    return false;
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    size_t offset =
        static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    error.code = ErrorCode::kSyntax;
    error.offset = static_cast<int64_t>(offset);
    error.position = LineCounter(text).At(offset);
    error.message =
        internal::StrCat("NUL byte at offset ", offset,
                         ": neither YAML nor JSON text may contain one");
    return false;
  }
  if (format == InputFormat::kAuto) format = DetectFormat(text);
  return format == InputFormat::kJson ? ReadJson(text, limits, tree, error)
                                      : ReadYaml(text, limits, tree, error);
}

}  // namespace parse_internal

ParseResult Parse(std::string_view text, const ParseOptions& options) {
  SourceTree tree;
  Diagnostic error;
  if (!parse_internal::ReadTree(text, options.format, options.limits, tree,
                                error)) {
    return Refuse(std::move(error));
  }

  ParseResult result;
  Dispatcher dispatcher(tree, options, result);
  for (size_t i = 0; i < tree.documents().size(); ++i) {
    dispatcher.Document(*tree.documents()[i], i);
    if (dispatcher.route_limit_exceeded()) break;
  }
  if (dispatcher.route_limit_exceeded()) {
    result.status = ErrorCode::kLimit;
  } else if (options.strict && CountErrors(result.diagnostics) > 0) {
    result.status = ErrorCode::kValidation;
  }
  if (!result.ok()) result.resources = ResourceSet{};
  return result;
}

}  // namespace ingresskit
