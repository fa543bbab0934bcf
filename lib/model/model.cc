// Small conversions of model values: enum names, timestamps, object names.
#include "ingresskit/model.h"

#include "absl/time/time.h"
#include "common/strings.h"

namespace ingresskit {

std::string_view ToString(PathType type) {
  switch (type) {
    case PathType::kUnset:
      return "";
    case PathType::kExact:
      return "Exact";
    case PathType::kPrefix:
      return "Prefix";
    case PathType::kImplementationSpecific:
      return "ImplementationSpecific";
  }
  return "";
}

std::optional<PathType> PathTypeFromString(std::string_view text) {
  for (PathType type : {PathType::kExact, PathType::kPrefix,
                        PathType::kImplementationSpecific}) {
    if (text == ToString(type)) return type;
  }
  return std::nullopt;
}

std::string_view ToString(AllowedRoutes from) {
  switch (from) {
    case AllowedRoutes::kSame:
      return "Same";
    case AllowedRoutes::kAll:
      return "All";
    case AllowedRoutes::kSelector:
      return "Selector";
  }
  return "";
}

std::optional<AllowedRoutes> AllowedRoutesFromString(std::string_view text) {
  for (AllowedRoutes from :
       {AllowedRoutes::kSame, AllowedRoutes::kAll, AllowedRoutes::kSelector}) {
    if (text == ToString(from)) return from;
  }
  return std::nullopt;
}

std::string_view ToString(HttpPathMatchType type) {
  switch (type) {
    case HttpPathMatchType::kExact:
      return "Exact";
    case HttpPathMatchType::kPathPrefix:
      return "PathPrefix";
    case HttpPathMatchType::kRegularExpression:
      return "RegularExpression";
  }
  return "";
}

std::optional<HttpPathMatchType> HttpPathMatchTypeFromString(
    std::string_view text) {
  for (HttpPathMatchType type :
       {HttpPathMatchType::kExact, HttpPathMatchType::kPathPrefix,
        HttpPathMatchType::kRegularExpression}) {
    if (text == ToString(type)) return type;
  }
  return std::nullopt;
}

std::string_view ToString(ServiceType type) {
  switch (type) {
    case ServiceType::kClusterIP:
      return "ClusterIP";
    case ServiceType::kNodePort:
      return "NodePort";
    case ServiceType::kLoadBalancer:
      return "LoadBalancer";
    case ServiceType::kExternalName:
      return "ExternalName";
  }
  return "";
}

std::optional<ServiceType> ServiceTypeFromString(std::string_view text) {
  for (ServiceType type :
       {ServiceType::kClusterIP, ServiceType::kNodePort,
        ServiceType::kLoadBalancer, ServiceType::kExternalName}) {
    if (text == ToString(type)) return type;
  }
  return std::nullopt;
}

std::string_view ToString(AddressType type) {
  switch (type) {
    case AddressType::kIPv4:
      return "IPv4";
    case AddressType::kIPv6:
      return "IPv6";
    case AddressType::kFqdn:
      return "FQDN";
  }
  return "";
}

std::optional<AddressType> AddressTypeFromString(std::string_view text) {
  for (AddressType type :
       {AddressType::kIPv4, AddressType::kIPv6, AddressType::kFqdn}) {
    if (text == ToString(type)) return type;
  }
  return std::nullopt;
}

std::optional<Timestamp> ParseRfc3339(std::string_view text) {
  // absl::ParseTime tolerates surrounding whitespace; the API does not.
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return std::nullopt;
  }
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, internal::ToAbsl(text), &time,
                       &error)) {
    return std::nullopt;
  }
  Timestamp out;
  out.seconds = absl::ToUnixSeconds(time);
  out.nanos = static_cast<int32_t>((time - absl::FromUnixSeconds(out.seconds)) /
                                   absl::Nanoseconds(1));
  return out;
}

std::string FormatRfc3339(Timestamp timestamp) {
  absl::Time time = absl::FromUnixSeconds(timestamp.seconds) +
                    absl::Nanoseconds(timestamp.nanos);
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E*SZ", time, absl::UTCTimeZone());
}

std::string DescribeObject(std::string_view kind, const ObjectMeta& metadata) {
  std::string_view name =
      metadata.name.empty() ? std::string_view("(unnamed)") : metadata.name;
  if (metadata.namespace_name.empty()) return internal::StrCat(kind, " ", name);
  return internal::StrCat(kind, " ", metadata.namespace_name, "/", name);
}

}  // namespace ingresskit
