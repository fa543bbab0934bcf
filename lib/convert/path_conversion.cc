#include "convert/path_conversion.h"

#include <tuple>

#include "common/path_chars.h"

namespace ingresskit::convert_internal {
namespace {

RouteMatch Prefix(std::string_view value, GlobPrefix glob) {
  return RouteMatch{glob == GlobPrefix::kString ? RouteMatchType::kStringPrefix
                                                : RouteMatchType::kPrefix,
                    std::string(value)};
}

// Istio orders by the length of the match string as written.
size_t IstioLength(const RouteMatch& m) { return m.value.size(); }

// The Ingress API measures a Prefix without its trailing `/`: how much of
// the request it matched.
size_t MatchedLength(const RouteMatch& m) {
  if (m.type == RouteMatchType::kPrefix && !m.value.empty() &&
      m.value.back() == '/') {
    return m.value.size() - 1;
  }
  return m.value.size();
}

}  // namespace

RouteMatch ConvertPath(std::string_view path, PathType type, GlobPrefix glob) {
  switch (type) {
    case PathType::kExact:
      return RouteMatch{RouteMatchType::kExact, std::string(path)};
    case PathType::kPrefix:
      return RouteMatch{RouteMatchType::kPrefix, std::string(path)};
    case PathType::kImplementationSpecific:
    case PathType::kUnset:
      break;
  }
  if (path.empty() || path == "*" || path == "/*" || path == ".*") {
    return RouteMatch{RouteMatchType::kAny, ""};
  }
  if (path.ends_with(".*")) {
    return Prefix(path.substr(0, path.size() - 2), glob);
  }
  if (path.ends_with("/*")) {
    // Istio 1.13 and earlier kept the `/` in the string prefix.
    return Prefix(glob == GlobPrefix::kString ? path.substr(0, path.size() - 1)
                                              : path.substr(0, path.size() - 2),
                  glob);
  }
  return RouteMatch{RouteMatchType::kExact, std::string(path)};
}

bool MatchBefore(const RouteMatch& a, const RouteMatch& b,
                 Semantics semantics) {
  const bool a_exact = a.type == RouteMatchType::kExact;
  const bool b_exact = b.type == RouteMatchType::kExact;
  if (semantics == Semantics::kIstio) {
    // Longer first; at equal length exact first.
    return std::make_tuple(IstioLength(a), a_exact) >
           std::make_tuple(IstioLength(b), b_exact);
  }
  // Longest matched path, exact over prefix, then the longer rule path.
  return std::make_tuple(MatchedLength(a), a_exact, a.value.size()) >
         std::make_tuple(MatchedLength(b), b_exact, b.value.size());
}

std::string SpelledByNormalizedRequests(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  using internal::HexValue;
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    const auto c = static_cast<unsigned char>(path[i]);
    if (c == '%' && i + 2 < path.size() && HexValue(path[i + 1]) >= 0 &&
        HexValue(path[i + 2]) >= 0) {
      const int value = HexValue(path[i + 1]) * 16 + HexValue(path[i + 2]);
      if (internal::kDecodedInPath[value]) {
        out += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    if (internal::kEscapedByPath[c]) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace ingresskit::convert_internal
