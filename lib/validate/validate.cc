// Validation of model objects, following the Kubernetes API server's
// networking and core validation, plus the limits and byte rules of
// docs/semantics.md §8.
#include "ingresskit/validate.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "common/strings.h"
#include "validate/errors.h"
#include "validate/names.h"

namespace ingresskit {
namespace {

using validate_internal::Errors;
using validate_internal::kInvalidPathSequences;
using validate_internal::kInvalidPathSuffixes;
using validate_internal::ValidateName;
using validate_internal::ValidatePortNumber;

using validate_internal::CheckDns1035Label;
using validate_internal::CheckDns1123Label;
using validate_internal::CheckDns1123Subdomain;
using validate_internal::CheckDomainPrefixedPath;
using validate_internal::CheckIanaServiceName;
using validate_internal::CheckIngressHost;

constexpr size_t kMaxControllerName = 250;

// Field names differ between networking.k8s.io/v1 and the v1beta1 APIs; the
// diagnostics use the names the author wrote.
struct BackendFieldNames {
  std::string_view default_backend;
  std::string_view service_name;
  std::string_view service_port;  // The port as a whole.
  std::string_view port_name;
  std::string_view port_number;
};

BackendFieldNames FieldNamesFor(std::string_view api_version) {
  if (api_version == kNetworkingV1) {
    return {"defaultBackend", "service.name", "service.port",
            "service.port.name", "service.port.number"};
  }
  return {"backend", "serviceName", "servicePort", "servicePort",
          "servicePort"};
}

void ValidateBackend(Errors& errors, const std::string& field,
                     const IngressBackend& backend,
                     const BackendFieldNames& names) {
  if (backend.service && backend.resource) {
    errors.Add(field, "cannot set both a service and a resource backend");
    return;
  }
  if (backend.resource) {
    const TypedLocalObjectReference& ref = *backend.resource;
    if (ref.kind.empty()) {
      errors.Add(field + ".resource.kind", "required: resource kind");
    }
    if (ref.name.empty()) {
      errors.Add(field + ".resource.name", "required: resource name");
    }
    return;
  }
  if (!backend.service) {
    errors.Add(field, "required: a service or resource backend");
    return;
  }
  const IngressServiceBackend& service = *backend.service;
  std::string name_field = internal::StrCat(field, ".", names.service_name);
  if (service.name.empty()) {
    errors.Add(name_field, "required: the backend service's name");
  } else {
    errors.Check(name_field, CheckDns1035Label(service.name));
  }
  const PortNameOrNumber& port = service.port;
  if (port.has_name() && port.has_number()) {
    errors.Add(internal::StrCat(field, ".", names.service_port),
               "cannot set both a port name and a port number");
  } else if (port.has_name()) {
    errors.Check(internal::StrCat(field, ".", names.port_name),
                 CheckIanaServiceName(port.name));
  } else if (port.has_number()) {
    ValidatePortNumber(errors, internal::StrCat(field, ".", names.port_number),
                       port.number);
  } else {
    errors.Add(internal::StrCat(field, ".", names.service_port),
               "required: a port name or number");
  }
}

// Bytes no path may hold, whatever its type: they would split or smuggle
// headers and never match a well-formed request.
std::string ControlByteProblem(std::string_view path) {
  for (size_t i = 0; i < path.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(path[i]);
    if (c < 0x20 || c == 0x7f) {
      std::string_view what = c == 0      ? "a NUL byte"
                              : c == '\n' ? "a newline"
                              : c == '\r' ? "a carriage return"
                              : c == '\t' ? "a tab"
                                          : "a control byte";
      return internal::StrCat("must not contain ", what, " (at byte ", i, ")");
    }
  }
  return {};
}

void ValidatePath(Errors& errors, const std::string& field,
                  const HttpIngressPath& path, std::string_view api_version,
                  const Limits& limits) {
  std::string path_field = field + ".path";
  if (path.path.size() > limits.max_path_bytes) {
    errors.Add(path_field,
               internal::StrCat("is ", path.path.size(),
                                " bytes long, over the limit of ",
                                limits.max_path_bytes),
               ErrorCode::kLimit);
    return;
  }
  errors.Check(path_field, ControlByteProblem(path.path));
  switch (path.path_type) {
    case PathType::kUnset:
      if (api_version == kNetworkingV1) {
        errors.Add(field + ".pathType",
                   "required: pathType must be Exact, Prefix or "
                   "ImplementationSpecific");
      }
      [[fallthrough]];
    case PathType::kImplementationSpecific:
      if (!path.path.empty() && path.path.front() != '/') {
        errors.Add(path_field, "must be an absolute path (start with '/')");
      }
      break;
    case PathType::kExact:
    case PathType::kPrefix:
      if (path.path.empty() || path.path.front() != '/') {
        errors.Add(path_field, "must be an absolute path (start with '/')");
        break;
      }
      for (std::string_view bad : kInvalidPathSequences) {
        if (path.path.find(bad) != std::string::npos) {
          errors.Add(path_field,
                     internal::StrCat("must not contain '", bad, "' (",
                                      ToString(path.path_type),
                                      " paths are matched verbatim)"));
        }
      }
      for (std::string_view bad : kInvalidPathSuffixes) {
        if (path.path.ends_with(bad)) {
          errors.Add(path_field,
                     internal::StrCat("must not end with '", bad, "'"));
        }
      }
      break;
  }
}

}  // namespace

bool Validate(const Ingress& ingress, const Limits& limits,
              std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("Ingress", ingress.metadata), diagnostics);
  ValidateName(errors, ingress.metadata, /*dns1035=*/false,
               /*namespaced=*/true);
  const IngressSpec& spec = ingress.spec;
  const BackendFieldNames names = FieldNamesFor(ingress.api_version);

  if (spec.rules.empty() && !spec.default_backend) {
    errors.Add("spec",
               internal::StrCat("either rules or ", names.default_backend,
                                " must be specified"));
  }
  if (spec.ingress_class_name) {
    errors.Check("spec.ingressClassName",
                 CheckDns1123Subdomain(*spec.ingress_class_name));
  }
  if (spec.default_backend) {
    ValidateBackend(errors, internal::StrCat("spec.", names.default_backend),
                    *spec.default_backend, names);
  }
  for (size_t r = 0; r < spec.rules.size(); ++r) {
    const IngressRule& rule = spec.rules[r];
    std::string rule_field = internal::StrCat("spec.rules[", r, "]");
    if (!rule.host.empty()) {
      errors.Check(rule_field + ".host",
                   CheckIngressHost(rule.host, /*reject_ip=*/true));
    }
    if (!rule.http) continue;
    if (rule.http->paths.empty()) {
      errors.Add(rule_field + ".http.paths",
                 "required: an http rule needs at least one path");
    }
    for (size_t p = 0; p < rule.http->paths.size(); ++p) {
      const HttpIngressPath& path = rule.http->paths[p];
      std::string path_field =
          internal::StrCat(rule_field, ".http.paths[", p, "]");
      ValidatePath(errors, path_field, path, ingress.api_version, limits);
      ValidateBackend(errors, path_field + ".backend", path.backend, names);
    }
  }
  for (size_t t = 0; t < spec.tls.size(); ++t) {
    const IngressTls& tls = spec.tls[t];
    std::string tls_field = internal::StrCat("spec.tls[", t, "]");
    for (size_t h = 0; h < tls.hosts.size(); ++h) {
      errors.Check(internal::StrCat(tls_field, ".hosts[", h, "]"),
                   CheckIngressHost(tls.hosts[h], /*reject_ip=*/false));
    }
    if (!tls.secret_name.empty()) {
      errors.Check(tls_field + ".secretName",
                   CheckDns1123Subdomain(tls.secret_name));
    }
  }
  return errors.none();
}

bool Validate(const IngressClass& ingress_class,
              std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("IngressClass", ingress_class.metadata),
                diagnostics);
  ValidateName(errors, ingress_class.metadata, /*dns1035=*/false,
               /*namespaced=*/false);
  const std::string& controller = ingress_class.spec.controller;
  if (controller.empty()) {
    errors.Add("spec.controller", "required: the controller's name");
  } else if (controller.size() > kMaxControllerName) {
    errors.Add("spec.controller",
               internal::StrCat("is ", controller.size(),
                                " bytes long; at most 250 are allowed"));
  } else {
    errors.Check("spec.controller", CheckDomainPrefixedPath(controller));
  }
  return errors.none();
}

bool Validate(const Service& service, std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("Service", service.metadata), diagnostics);
  ValidateName(errors, service.metadata, /*dns1035=*/true,
               /*namespaced=*/true);
  const ServiceSpec& spec = service.spec;
  absl::flat_hash_set<std::string_view> port_names;
  for (size_t i = 0; i < spec.ports.size(); ++i) {
    const ServicePort& port = spec.ports[i];
    std::string field = internal::StrCat("spec.ports[", i, "]");
    if (port.name.empty()) {
      if (spec.ports.size() > 1) {
        errors.Add(field + ".name",
                   "required: a Service with several ports must name each");
      }
    } else {
      errors.Check(field + ".name", CheckDns1123Label(port.name));
      if (!port_names.insert(port.name).second) {
        errors.Add(field + ".name",
                   internal::StrCat("duplicate port name \"", port.name, "\""));
      }
    }
    if (!port.protocol.empty() && port.protocol != "TCP" &&
        port.protocol != "UDP" && port.protocol != "SCTP") {
      errors.Add(field + ".protocol",
                 internal::StrCat("unsupported value \"", port.protocol,
                                  "\": supported values: \"SCTP\", \"TCP\", "
                                  "\"UDP\""));
    }
    ValidatePortNumber(errors, field + ".port", port.port);
    if (port.target_port.has_name()) {
      errors.Check(field + ".targetPort",
                   CheckIanaServiceName(port.target_port.name));
    } else if (port.target_port.has_number()) {
      ValidatePortNumber(errors, field + ".targetPort",
                         port.target_port.number);
    }
  }
  if (spec.type == ServiceType::kExternalName) {
    if (spec.external_name.empty()) {
      errors.Add("spec.externalName",
                 "required for a Service of type ExternalName");
    } else {
      errors.Check("spec.externalName",
                   CheckDns1123Subdomain(spec.external_name));
    }
  }
  return errors.none();
}

namespace {

void ValidateEndpointPorts(Errors& errors, const std::string& field,
                           const std::vector<EndpointPort>& ports) {
  for (size_t i = 0; i < ports.size(); ++i) {
    const std::string at = internal::StrCat(field, "[", i, "]");
    if (ports[i].port != 0)
      ValidatePortNumber(errors, at + ".port", ports[i].port);
    if (!ports[i].name.empty()) {
      errors.Check(at + ".name", CheckDns1123Label(ports[i].name));
    }
  }
}

}  // namespace

bool Validate(const EndpointSlice& slice,
              std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("EndpointSlice", slice.metadata), diagnostics);
  ValidateName(errors, slice.metadata, /*dns1035=*/false, /*namespaced=*/true);
  ValidateEndpointPorts(errors, "ports", slice.ports);
  for (size_t i = 0; i < slice.endpoints.size(); ++i) {
    if (slice.endpoints[i].addresses.empty()) {
      errors.Add(internal::StrCat("endpoints[", i, "].addresses"),
                 "required: an endpoint needs an address");
    }
  }
  return errors.none();
}

bool Validate(const Endpoints& endpoints,
              std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("Endpoints", endpoints.metadata), diagnostics);
  ValidateName(errors, endpoints.metadata, /*dns1035=*/false,
               /*namespaced=*/true);
  for (size_t i = 0; i < endpoints.subsets.size(); ++i) {
    ValidateEndpointPorts(errors, internal::StrCat("subsets[", i, "].ports"),
                          endpoints.subsets[i].ports);
  }
  return errors.none();
}

bool Validate(const Secret& secret, std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("Secret", secret.metadata), diagnostics);
  ValidateName(errors, secret.metadata, /*dns1035=*/false, /*namespaced=*/true);
  if (secret.type == kSecretTypeTls) {
    // As the API server requires of this type.
    for (std::string_view key : {"tls.crt", "tls.key"}) {
      if (!secret.data.contains(key)) {
        errors.Add(internal::StrCat("data[", key, "]"),
                   internal::StrCat("required: a Secret of type ",
                                    kSecretTypeTls, " needs ", key));
      }
    }
  }
  return errors.none();
}

}  // namespace ingresskit
