// A generator of random Ingress sets and of requests near their routes,
// shared by the tests that compare two ways of answering and by the
// structured fuzzers: its choices come from a seeded generator, or from a
// fuzzer's bytes.
#ifndef INGRESSKIT_TEST_RANDOM_INGRESS_H_
#define INGRESSKIT_TEST_RANDOM_INGRESS_H_

#include <cctype>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "ingresskit/gateway.h"
#include "ingresskit/model.h"

namespace ingresskit::testing {

inline constexpr std::string_view kSegments[] = {"api", "v1",   "v2",  "users",
                                                 "a",   "ab",   "abc", "static",
                                                 "x.y", "v1.2", "%41", "."};
inline constexpr std::string_view kDomains[] = {
    "example.com", "foo.example.com", "bar.io", "a.b.c.example.com"};

class RandomIngress {
 public:
  explicit RandomIngress(uint64_t seed) : rng_(seed) {}
  // Each choice reads the next bytes of `bytes` (as many as the choice
  // needs); once they run out every choice is the first.
  explicit RandomIngress(std::string_view bytes)
      : bytes_(bytes), from_bytes_(true) {}

  size_t Pick(size_t n) {
    if (n <= 1) return 0;
    if (from_bytes_) {
      size_t value = 0;
      for (size_t range = n - 1; range > 0 && !bytes_.empty(); range >>= 8) {
        value = (value << 8) | static_cast<unsigned char>(bytes_.front());
        bytes_.remove_prefix(1);
      }
      return value % n;
    }
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }
  bool exhausted() const { return from_bytes_ && bytes_.empty(); }
  bool Chance(int percent) { return Pick(100) < static_cast<size_t>(percent); }

  std::string Host() {
    switch (Pick(10)) {
      case 0:
        return "";  // Rule without host.
      case 1:
      case 2:
        return "*." + std::string(kDomains[Pick(4)]);
      default:
        return "h" + std::to_string(Pick(6)) + "." +
               std::string(kDomains[Pick(4)]);
    }
  }

  std::string Path() {
    std::string path;
    size_t depth = Pick(4);
    for (size_t i = 0; i < depth; ++i) {
      path += "/";
      path += kSegments[Pick(10)];  // No dot segments in configuration.
    }
    if (path.empty() || Chance(15)) path += "/";
    return path;
  }

  HttpIngressPath IngressPath() {
    HttpIngressPath p;
    p.path = Path();
    switch (Pick(6)) {
      case 0:
      case 1:
        p.path_type = PathType::kPrefix;
        break;
      case 2:
      case 3:
        p.path_type = PathType::kExact;
        break;
      default:
        p.path_type = PathType::kImplementationSpecific;
        switch (Pick(5)) {
          case 0:
            p.path += p.path.ends_with("/") ? "*" : "/*";
            break;
          case 1:
            p.path += ".*";
            break;
          case 2:
            if (Chance(20)) p.path = Chance(50) ? "/*" : "";
            break;
          default:
            break;
        }
    }
    p.backend.service =
        IngressServiceBackend{"svc" + std::to_string(Pick(50)),
                              {"", static_cast<int32_t>(80 + Pick(3))}};
    return p;
  }

  ResourceSet Resources(size_t ingresses) {
    ResourceSet set;
    for (size_t i = 0; i < ingresses; ++i) {
      Ingress& ing = set.ingresses.emplace_back();
      ing.metadata.name = "ing" + std::to_string(i);
      ing.metadata.namespace_name = "ns" + std::to_string(Pick(3));
      ing.metadata.creation_timestamp =
          Timestamp{static_cast<int64_t>(Pick(5)), 0};
      if (Chance(30)) {
        ing.spec.default_backend = IngressBackend{
            IngressServiceBackend{"fallback" + std::to_string(i), {"", 80}},
            std::nullopt};
      }
      size_t rules = 1 + Pick(3);
      for (size_t r = 0; r < rules; ++r) {
        IngressRule& rule = ing.spec.rules.emplace_back();
        rule.host = Host();
        auto& paths = rule.http.emplace().paths;
        size_t n = 1 + Pick(6);
        for (size_t p = 0; p < n; ++p) paths.push_back(IngressPath());
      }
    }
    return set;
  }

  // Requests near the configured routes, and some far from them.
  std::pair<std::string, std::string> Request(const GatewayConfig& config) {
    std::string host;
    std::string path;
    const auto& services = config.virtual_services;
    if (!services.empty() && Chance(85)) {
      const VirtualService& vs = services[Pick(services.size())];
      host = vs.host;
      if (host == "*") host = "unknown" + std::to_string(Pick(3)) + ".org";
      if (host.starts_with("*.")) {
        host = (Chance(50) ? "x" : "x.y") + host.substr(1);
      }
      if (!vs.routes.empty() && Chance(80)) {
        path = vs.routes[Pick(vs.routes.size())].match.value;
        if (path.empty() || path.front() != '/') path = "/" + path;
      } else {
        path = Path();
      }
    } else {
      host =
          "h" + std::to_string(Pick(8)) + "." + std::string(kDomains[Pick(4)]);
      path = Path();
    }
    // Variations around the route's path.
    switch (Pick(8)) {
      case 0:
        path += "/";
        break;
      case 1:
        path += "/" + std::string(kSegments[Pick(12)]);
        break;
      case 2:
        path += std::string(kSegments[Pick(12)]);
        break;
      case 3:
        if (path.size() > 1) path.pop_back();
        break;
      case 4:
        path += "?q=/x";
        break;
      case 5:
        path = "/../" + path.substr(1) + "/./";
        break;
      default:
        break;
    }
    if (Chance(10)) {
      for (char& c : host) c = static_cast<char>(std::toupper(c));
    }
    if (Chance(10)) host += ":8080";
    if (Chance(5)) host += ".";
    return {host, path};
  }

 private:
  std::mt19937_64 rng_;
  std::string_view bytes_;
  bool from_bytes_ = false;
};

}  // namespace ingresskit::testing

#endif  // INGRESSKIT_TEST_RANDOM_INGRESS_H_
