// Tree to model, one function per kind. Each reads what the kind's schema
// defines for its apiVersion, reporting type errors into the ObjectReport;
// validation of values is validate.h's job.
#ifndef INGRESSKIT_LIB_PARSE_OBJECT_READERS_H_
#define INGRESSKIT_LIB_PARSE_OBJECT_READERS_H_

#include "ingresskit/model.h"
#include "parse/field.h"

namespace ingresskit::parse_internal {

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

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_OBJECT_READERS_H_
