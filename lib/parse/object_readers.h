// Tree to model, one function per kind. Each reads what the kind's schema
// defines for its apiVersion, reporting type errors into the ObjectReport;
// validation of values is validate.h's job.
#ifndef INGRESSKIT_LIB_PARSE_OBJECT_READERS_H_
#define INGRESSKIT_LIB_PARSE_OBJECT_READERS_H_

#include "common/strings.h"
#include "ingresskit/model.h"
#include "parse/field.h"

namespace ingresskit::parse_internal {

// ---- What every reader shares ----------------------------------------------

// Fields every kind has at the top; `status` is written by controllers and
// read only for Services.
inline constexpr std::string_view kTopLevelFields[] = {
    "apiVersion", "kind", "metadata", "spec", "status"};

// Reads a string field holding one of an enum's API names.
template <typename Enum>
void ReadEnum(ObjectReport& report, const Field& field,
              std::optional<Enum> (*from_string)(std::string_view),
              std::string_view supported, Enum& out) {
  std::string text;
  if (!ReadString(report, field, text)) return;
  if (auto value = from_string(text)) {
    out = *value;
  } else {
    report.Error(field, internal::StrCat("unsupported value \"", text,
                                         "\": supported values: ", supported));
  }
}

void ReadMetadata(ObjectReport& report, const Field& field, bool namespaced,
                  ObjectMeta& out);

// What every kind shares: the apiVersion it was read as, where it starts,
// and its metadata. Namespaced kinds without a namespace are in `default`,
// as kubectl would put them.
template <typename Model>
void ReadObjectHeader(ObjectReport& report, const Field& root,
                      const Members& top, std::string_view api_version,
                      bool namespaced, Model& out) {
  out.api_version = std::string(api_version);
  out.position = report.PositionOf(root);
  if (auto f = top.Get("metadata")) {
    ReadMetadata(report, *f, namespaced, out.metadata);
  }
  if (namespaced && out.metadata.namespace_name.empty()) {
    out.metadata.namespace_name = "default";
  }
}

// `spec`, or nullopt after reporting that it is missing.
std::optional<Field> RequiredSpec(ObjectReport& report, const Field& root,
                                  const Members& top);

// ---- One reader per kind ---------------------------------------------------

void ReadIngress(ObjectReport& report, const Field& root,
                 std::string_view api_version, Ingress& out);
void ReadIngressClass(ObjectReport& report, const Field& root,
                      std::string_view api_version, IngressClass& out);
void ReadService(ObjectReport& report, const Field& root,
                 std::string_view api_version, Service& out);
void ReadEndpointSlice(ObjectReport& report, const Field& root,
                       std::string_view api_version, EndpointSlice& out);
void ReadEndpoints(ObjectReport& report, const Field& root,
                   std::string_view api_version, Endpoints& out);
// Never puts a value of the Secret into a diagnostic.
void ReadSecret(ObjectReport& report, const Field& root,
                std::string_view api_version, Secret& out);
// gateway_api_readers.cc.
void ReadGateway(ObjectReport& report, const Field& root,
                 std::string_view api_version, GatewayResource& out);
void ReadHttpRoute(ObjectReport& report, const Field& root,
                   std::string_view api_version, HttpRouteResource& out);

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_OBJECT_READERS_H_
