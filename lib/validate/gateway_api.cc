// Validation of Gateway API Gateways and HTTPRoutes as the API server
// validates them (their CRD schemas and CEL rules): names, hostnames, path
// values, ports and the schema's limits.
#include <set>

#include "ingresskit/validate.h"
#include "validate/errors.h"
#include "validate/gateway_api_schema.h"

namespace ingresskit {
namespace {

using internal::StrCat;
using validate_internal::CheckDns1123Label;
using validate_internal::CheckIngressHost;
using validate_internal::Errors;
using validate_internal::ValidateName;
using validate_internal::ValidatePortNumber;

using validate_internal::kMaxHostnames;
using validate_internal::kMaxListeners;
using validate_internal::kMaxMatchesPerRoute;
using validate_internal::kMaxMatchesPerRule;
using validate_internal::kMaxParentRefs;
using validate_internal::kMaxPathValue;
using validate_internal::kMaxRules;
using validate_internal::kMaxWeight;

void Hostname(Errors& errors, const std::string& field,
              std::string_view hostname) {
  errors.Check(field, CheckIngressHost(hostname, /*reject_ip=*/true));
}

bool PathByteAllowed(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("-/._~!$&'()*+,;=:@").find(c) !=
         std::string_view::npos;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

}  // namespace

std::string validate_internal::CheckHttpPathValue(std::string_view value) {
  if (value.empty() || value.front() != '/') {
    return StrCat("\"", value, "\" must start with '/'");
  }
  if (value.size() > kMaxPathValue) {
    return StrCat("is ", value.size(), " bytes, over the ", kMaxPathValue,
                  " the schema allows");
  }
  for (std::string_view bad : validate_internal::kInvalidPathSequences) {
    if (value.find(bad) != value.npos) {
      return StrCat("\"", value, "\" must not contain '", bad, "'");
    }
  }
  for (std::string_view bad : validate_internal::kInvalidPathSuffixes) {
    if (value.ends_with(bad)) {
      return StrCat("\"", value, "\" must not end with '", bad, "'");
    }
  }
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size() && IsHex(value[i + 1]) &&
        IsHex(value[i + 2])) {
      i += 2;
      continue;
    }
    if (!PathByteAllowed(value[i])) {
      return StrCat("\"", value, "\" holds '", std::string(1, value[i]),
                    "' at byte ", i,
                    ": a path value is made of unreserved and sub-delim "
                    "characters, ':', '@', '/' and %-escapes");
    }
  }
  return "";
}

namespace {

void PathValue(Errors& errors, const std::string& field,
               std::string_view value) {
  errors.Check(field, validate_internal::CheckHttpPathValue(value));
}

}  // namespace

bool Validate(const GatewayResource& gateway,
              std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("Gateway", gateway.metadata), diagnostics);
  ValidateName(errors, gateway.metadata, /*dns1035=*/false,
               /*namespaced=*/true);
  if (gateway.spec.gateway_class_name.empty()) {
    errors.Add("spec.gatewayClassName", "required: the Gateway's class");
  }
  const auto& listeners = gateway.spec.listeners;
  if (listeners.empty() || listeners.size() > kMaxListeners) {
    errors.Add("spec.listeners",
               StrCat("has ", listeners.size(),
                      " listeners: a Gateway has 1 to ", kMaxListeners));
  }
  std::set<std::string_view> names;
  for (size_t i = 0; i < listeners.size(); ++i) {
    const GatewayListener& l = listeners[i];
    const std::string at = StrCat("spec.listeners[", i, "]");
    if (l.name.empty()) {
      errors.Add(at + ".name", "required: every listener has a name");
    } else {
      errors.Check(at + ".name", CheckDns1123Label(l.name));
      if (!names.insert(l.name).second) {
        errors.Add(at + ".name", StrCat("\"", l.name,
                                        "\" is the name of an earlier "
                                        "listener: names are unique"));
      }
    }
    ValidatePortNumber(errors, at + ".port", l.port);
    if (l.protocol.empty()) {
      errors.Add(at + ".protocol", "required: HTTP, HTTPS, ...");
    }
    if (!l.hostname.empty()) Hostname(errors, at + ".hostname", l.hostname);
    const bool tls_protocol = l.protocol == "HTTPS" || l.protocol == "TLS";
    const bool has_tls = !l.tls_mode.empty() || !l.certificate_refs.empty();
    if (l.protocol == "HTTPS" && l.certificate_refs.empty()) {
      errors.Add(at + ".tls.certificateRefs",
                 "required: an HTTPS listener terminates TLS with a "
                 "certificate");
    } else if (!tls_protocol && has_tls) {
      errors.Add(at + ".tls",
                 StrCat("must not be set for protocol ", l.protocol));
    }
    for (size_t c = 0; c < l.certificate_refs.size(); ++c) {
      if (l.certificate_refs[c].name.empty()) {
        errors.Add(StrCat(at, ".tls.certificateRefs[", c, "].name"),
                   "required: the Secret's name");
      }
    }
  }
  return errors.none();
}

bool Validate(const HttpRouteResource& route,
              std::vector<Diagnostic>* diagnostics) {
  Errors errors(DescribeObject("HTTPRoute", route.metadata), diagnostics);
  ValidateName(errors, route.metadata, /*dns1035=*/false, /*namespaced=*/true);
  const HttpRouteSpec& spec = route.spec;
  if (spec.parent_refs.size() > kMaxParentRefs) {
    errors.Add("spec.parentRefs",
               StrCat("has ", spec.parent_refs.size(), " entries, over the ",
                      kMaxParentRefs, " the schema allows"));
  }
  for (size_t i = 0; i < spec.parent_refs.size(); ++i) {
    if (spec.parent_refs[i].name.empty()) {
      errors.Add(StrCat("spec.parentRefs[", i, "].name"),
                 "required: the Gateway's name");
    }
    if (spec.parent_refs[i].port != 0) {
      ValidatePortNumber(errors, StrCat("spec.parentRefs[", i, "].port"),
                         spec.parent_refs[i].port);
    }
  }
  if (spec.hostnames.size() > kMaxHostnames) {
    errors.Add("spec.hostnames",
               StrCat("has ", spec.hostnames.size(), " entries, over the ",
                      kMaxHostnames, " the schema allows"));
  }
  for (size_t i = 0; i < spec.hostnames.size(); ++i) {
    Hostname(errors, StrCat("spec.hostnames[", i, "]"), spec.hostnames[i]);
  }
  if (spec.rules.size() > kMaxRules) {
    errors.Add("spec.rules",
               StrCat("has ", spec.rules.size(), " rules, over the ", kMaxRules,
                      " the schema allows"));
  }
  size_t matches = 0;
  for (size_t r = 0; r < spec.rules.size(); ++r) {
    const HttpRouteRule& rule = spec.rules[r];
    const std::string at = StrCat("spec.rules[", r, "]");
    matches += rule.matches.size();
    if (rule.matches.size() > kMaxMatchesPerRule) {
      errors.Add(at + ".matches",
                 StrCat("has ", rule.matches.size(), " matches, over the ",
                        kMaxMatchesPerRule, " the schema allows"));
    }
    for (size_t m = 0; m < rule.matches.size(); ++m) {
      const HttpRouteMatch& match = rule.matches[m];
      if (match.path_type != HttpPathMatchType::kRegularExpression) {
        PathValue(errors, StrCat(at, ".matches[", m, "].path.value"),
                  match.path_value);
      }
    }
    for (size_t b = 0; b < rule.backend_refs.size(); ++b) {
      const HttpBackendRef& ref = rule.backend_refs[b];
      const std::string ref_at = StrCat(at, ".backendRefs[", b, "]");
      if (ref.name.empty()) {
        errors.Add(ref_at + ".name", "required: the backend's name");
      }
      if (ref.group.empty() && ref.kind == "Service") {
        if (ref.port == 0) {
          errors.Add(ref_at + ".port",
                     "required: a Service backend names its port");
        } else {
          ValidatePortNumber(errors, ref_at + ".port", ref.port);
        }
      }
      if (ref.weight < 0 || ref.weight > kMaxWeight) {
        errors.Add(ref_at + ".weight",
                   StrCat("weight ", ref.weight, " is out of range: 0 to ",
                          kMaxWeight));
      }
    }
  }
  if (matches > kMaxMatchesPerRoute) {
    errors.Add("spec.rules", StrCat("have ", matches,
                                    " matches together, over "
                                    "the ",
                                    kMaxMatchesPerRoute, " the schema allows"));
  }
  return errors.none();
}

}  // namespace ingresskit
