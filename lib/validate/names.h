// The name grammars of the Kubernetes API (apimachinery's validation
// package). Each returns an empty string when `value` is valid, otherwise a
// message saying what is wrong with it.
#ifndef INGRESSKIT_LIB_VALIDATE_NAMES_H_
#define INGRESSKIT_LIB_VALIDATE_NAMES_H_

#include <string>
#include <string_view>

namespace ingresskit::validate_internal {

// RFC 1123 label: lowercase alphanumerics and `-`, alphanumeric at both
// ends, at most 63 bytes (namespaces, Service port names).
std::string CheckDns1123Label(std::string_view value);
// RFC 1123 subdomain: labels joined by `.`, at most 253 bytes (object
// names, hosts, Secret and IngressClass names).
std::string CheckDns1123Subdomain(std::string_view value);
// RFC 1035 label: as an RFC 1123 label but starting with a letter (Service
// names).
std::string CheckDns1035Label(std::string_view value);
// `*.` followed by an RFC 1123 subdomain.
std::string CheckWildcardDns1123Subdomain(std::string_view value);
// IANA service name: at most 15 bytes of lowercase alphanumerics and `-`,
// at least one letter, no `-` at either end or twice in a row (port names).
std::string CheckIanaServiceName(std::string_view value);
// `domain/path`, as IngressClass controllers are named.
std::string CheckDomainPrefixedPath(std::string_view value);
// A host as an Ingress rule or TLS entry gives it: a subdomain or a wildcard
// subdomain; with `reject_ip`, never an IP address. Messages point out the
// usual mistakes (uppercase, a port, a trailing dot).
std::string CheckIngressHost(std::string_view value, bool reject_ip);

bool IsIpAddress(std::string_view value);

}  // namespace ingresskit::validate_internal

#endif  // INGRESSKIT_LIB_VALIDATE_NAMES_H_
