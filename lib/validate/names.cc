#include "validate/names.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "common/strings.h"

namespace ingresskit::validate_internal {
namespace {

constexpr size_t kMaxLabel = 63;
constexpr size_t kMaxSubdomain = 253;
constexpr size_t kMaxIanaName = 15;

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string Quoted(std::string_view value) {
  constexpr size_t kShown = 80;
  std::string shown;
  for (char c : value.substr(0, kShown)) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      internal::StrAppend(
          &shown, "\\x",
          absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
    } else {
      shown.push_back(c);
    }
  }
  if (value.size() > kShown) shown += "...";
  return internal::StrCat("\"", shown, "\"");
}

bool HasUpper(std::string_view value) {
  return std::any_of(value.begin(), value.end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The label grammar shared by RFC 1123 and RFC 1035; empty when valid.
std::string LabelProblem(std::string_view label, bool letter_first) {
  if (label.empty()) return "has an empty label";
  if (label.size() > kMaxLabel) {
    return internal::StrCat("has a label of ", label.size(),
                            " bytes; at most 63 are allowed");
  }
  for (char c : label) {
    if (!IsLowerAlnum(c) && c != '-') {
      if (c >= 'A' && c <= 'Z') return "must be lowercase";
      return internal::StrCat("contains ", Quoted(std::string_view(&c, 1)),
                              "; only lowercase letters, digits, '-' and '.' "
                              "are allowed");
    }
  }
  if (letter_first && !(label.front() >= 'a' && label.front() <= 'z')) {
    return "must start with a lowercase letter";
  }
  if (label.front() == '-' || label.back() == '-') {
    return "must start and end with a letter or digit";
  }
  return {};
}

std::string Invalid(std::string_view value, std::string_view kind,
                    std::string_view problem) {
  return internal::StrCat(Quoted(value), " is not a valid ", kind, ": ",
                          problem);
}

}  // namespace

std::string CheckDns1123Label(std::string_view value) {
  if (std::string p = LabelProblem(value, false); !p.empty()) {
    return Invalid(value, "RFC 1123 label", p);
  }
  return {};
}

std::string CheckDns1035Label(std::string_view value) {
  if (std::string p = LabelProblem(value, true); !p.empty()) {
    return Invalid(value, "RFC 1035 label", p);
  }
  return {};
}

std::string CheckDns1123Subdomain(std::string_view value) {
  if (value.empty()) return Invalid(value, "RFC 1123 subdomain", "is empty");
  if (value.size() > kMaxSubdomain) {
    return Invalid(value, "RFC 1123 subdomain",
                   internal::StrCat("is ", value.size(),
                                    " bytes long; at most 253 are allowed"));
  }
  size_t start = 0;
  while (true) {
    size_t dot = value.find('.', start);
    std::string_view label = value.substr(start, dot - start);
    if (std::string p = LabelProblem(label, false); !p.empty()) {
      return Invalid(value, "RFC 1123 subdomain", p);
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return {};
}

std::string CheckWildcardDns1123Subdomain(std::string_view value) {
  if (value.size() < 2 || value.substr(0, 2) != "*.") {
    return Invalid(value, "wildcard host",
                   "a wildcard must be a whole first label, as in "
                   "\"*.example.com\"");
  }
  if (value.size() > kMaxSubdomain) {
    return Invalid(value, "wildcard host",
                   internal::StrCat("is ", value.size(),
                                    " bytes long; at most 253 are allowed"));
  }
  std::string_view rest = value.substr(2);
  if (rest.find('*') != std::string_view::npos) {
    return Invalid(value, "wildcard host", "only the first label may be '*'");
  }
  if (std::string p = CheckDns1123Subdomain(rest); !p.empty()) {
    return Invalid(value, "wildcard host",
                   "the part after \"*.\" must be an RFC 1123 subdomain");
  }
  return {};
}

std::string CheckIanaServiceName(std::string_view value) {
  std::string_view kind = "port name";
  if (value.empty()) return Invalid(value, kind, "is empty");
  if (value.size() > kMaxIanaName) {
    return Invalid(value, kind, "must be at most 15 characters");
  }
  bool has_letter = false;
  for (char c : value) {
    if (!IsLowerAlnum(c) && c != '-') {
      return Invalid(value, kind,
                     "may contain only lowercase letters, digits and '-'");
    }
    has_letter |= (c >= 'a' && c <= 'z');
  }
  if (!has_letter) {
    return Invalid(value, kind,
                   "must contain at least one letter (a number belongs in "
                   "the port's number field)");
  }
  if (value.front() == '-' || value.back() == '-') {
    return Invalid(value, kind, "must not start or end with '-'");
  }
  if (value.find("--") != std::string_view::npos) {
    return Invalid(value, kind, "must not contain \"--\"");
  }
  return {};
}

std::string CheckDomainPrefixedPath(std::string_view value) {
  size_t slash = value.find('/');
  if (slash == std::string_view::npos || slash + 1 == value.size()) {
    return Invalid(value, "domain-prefixed path",
                   "must look like \"example.com/controller\"");
  }
  if (!CheckDns1123Subdomain(value.substr(0, slash)).empty()) {
    return Invalid(value, "domain-prefixed path",
                   "the part before '/' must be an RFC 1123 subdomain");
  }
  for (char c : value.substr(slash + 1)) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Invalid(value, "domain-prefixed path",
                     "must not contain spaces or control characters");
    }
  }
  return {};
}

bool IsIpAddress(std::string_view value) {
  std::string text(value);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

std::string CheckIngressHost(std::string_view value, bool reject_ip) {
  if (reject_ip && IsIpAddress(value)) {
    return internal::StrCat(Quoted(value),
                            " is an IP address; a host must be a DNS name");
  }
  if (size_t colon = value.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = value.substr(colon + 1);
    if (!port.empty() && std::all_of(port.begin(), port.end(), [](char c) {
          return absl::ascii_isdigit(c);
        })) {
      return internal::StrCat(Quoted(value),
                              " carries a port; a host must not (the gateway "
                              "ignores the port when matching)");
    }
  }
  if (HasUpper(value)) {
    return internal::StrCat(Quoted(value),
                            " must be lowercase (request hosts are lowercased "
                            "before matching)");
  }
  if (!value.empty() && value.back() == '.') {
    return internal::StrCat(Quoted(value), " must not end with '.'");
  }
  if (value.find('*') != std::string_view::npos) {
    return CheckWildcardDns1123Subdomain(value);
  }
  return CheckDns1123Subdomain(value);
}

}  // namespace ingresskit::validate_internal
