#include "table_corpus.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>
#include <set>

namespace ingresskit::bench {
namespace {

constexpr std::string_view kWords[] = {
    "api",    "v1",     "v2",   "users", "orders", "static", "admin",  "media",
    "auth",   "search", "cart", "items", "status", "health", "assets", "img",
    "css",    "js",     "docs", "blog",  "news",   "shop",   "pay",    "login",
    "logout", "feed",   "tags", "files", "upload", "export", "report", "stats"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  size_t Pick(size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(engine_);
  }
  bool Chance(int percent) { return Pick(100) < static_cast<size_t>(percent); }

 private:
  std::mt19937_64 engine_;
};

// Distinct paths for one host, built as chains so prefixes nest.
std::vector<std::string> HostPaths(Rng& rng, size_t count) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  size_t attempts = 0;
  while (out.size() < count && attempts++ < count * 50) {
    std::string path;
    size_t depth = 1 + rng.Pick(4 + count / 2000);
    for (size_t d = 0; d < depth; ++d) {
      path += "/";
      path += kWords[rng.Pick(kWordCount)];
    }
    if (seen.insert(path).second) out.push_back(path);
  }
  return out;
}

}  // namespace

ResourceSet MakeTable(const TableShape& shape) {
  Rng rng(shape.seed);
  ResourceSet set;
  for (size_t h = 0; h < shape.hosts; ++h) {
    std::string host = "svc" + std::to_string(h) + ".team" +
                       std::to_string(h % 97) + ".example.com";
    if (rng.Chance(15)) host = "*." + host;
    size_t ingresses = 1 + rng.Pick(3);
    std::vector<std::string> paths = HostPaths(rng, shape.paths_per_host);
    for (size_t i = 0; i < ingresses; ++i) {
      Ingress& ing = set.ingresses.emplace_back();
      ing.metadata.name = "ing-" + std::to_string(h) + "-" + std::to_string(i);
      ing.metadata.namespace_name = "team" + std::to_string(h % 97);
      ing.metadata.creation_timestamp =
          Timestamp{1700000000 + static_cast<int64_t>(rng.Pick(1000000)), 0};
      ing.metadata.annotations["kubernetes.io/ingress.class"] = "istio";
      IngressRule& rule = ing.spec.rules.emplace_back();
      rule.host = host;
      auto& out = rule.http.emplace().paths;
      for (size_t p = i; p < paths.size(); p += ingresses) {
        HttpIngressPath& path = out.emplace_back();
        path.path = paths[p];
        size_t kind = rng.Pick(100);
        if (shape.exact_only) {
          path.path_type = PathType::kExact;
        } else if (kind < 50) {
          path.path_type = PathType::kPrefix;
        } else if (kind < 85) {
          path.path_type = PathType::kExact;
        } else {
          path.path_type = PathType::kImplementationSpecific;
          path.path += rng.Chance(70) ? "/*" : ".*";
        }
        path.backend.service = IngressServiceBackend{
            "backend" + std::to_string(rng.Pick(500)),
            {"", static_cast<int32_t>(8000 + rng.Pick(10))}};
      }
      if (out.empty()) set.ingresses.pop_back();
    }
  }
  return set;
}

void RequestSet::Add(std::string_view host, std::string_view path) {
  offsets_.emplace_back(arena_.size(), arena_.size() + host.size());
  lengths_.emplace_back(host.size(), path.size());
  arena_.append(host);
  arena_.append(path);
}

void RequestSet::Seal() {
  requests_.clear();
  requests_.reserve(offsets_.size());
  for (size_t i = 0; i < offsets_.size(); ++i) {
    requests_.emplace_back(
        std::string_view(arena_).substr(offsets_[i].first, lengths_[i].first),
        std::string_view(arena_).substr(offsets_[i].second,
                                        lengths_[i].second));
  }
}

std::string_view MixName(Mix mix) {
  switch (mix) {
    case Mix::kUniform:
      return "uniform";
    case Mix::kZipf:
      return "zipf";
    case Mix::kMiss:
      return "miss";
    case Mix::kMessy:
      return "messy";
    case Mix::kDeep:
      return "deep";
    case Mix::kEscaped:
      return "escaped";
  }
  return "";
}

namespace {

// Draws ranks 0..n-1 with probability proportional to 1 / (rank+1)^s.
class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
      sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
      cdf_[i] = sum;
    }
    for (double& c : cdf_) c /= sum;
  }
  size_t Draw(std::mt19937_64& engine) const {
    double u = std::uniform_real_distribution<double>(0, 1)(engine);
    return static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) -
                               cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

std::string HostFor(const VirtualService& vs, Rng& rng) {
  if (vs.host == "*") return "any" + std::to_string(rng.Pick(100)) + ".org";
  if (vs.host.starts_with("*.")) {
    return "pod" + std::to_string(rng.Pick(9)) + vs.host.substr(1);
  }
  return vs.host;
}

std::string PathFor(const HttpRoute& route, Rng& rng, size_t extra_segments) {
  std::string path = route.match.value.empty() ? "/" : route.match.value;
  if (route.match.type == RouteMatchType::kExact) return path;
  for (size_t i = 0; i < extra_segments; ++i) {
    if (!path.ends_with("/")) path += "/";
    path += kWords[rng.Pick(kWordCount)];
  }
  return path;
}

std::string Messy(std::string host, std::string path, Rng& rng) {
  for (char& c : host) {
    if (rng.Chance(30)) c = static_cast<char>(std::toupper(c));
  }
  if (rng.Chance(30)) host += ".";
  if (rng.Chance(30)) host += ":8080";
  if (rng.Chance(30) && path.size() > 1)
    path.insert(path.find('/', 1) == std::string::npos ? path.size()
                                                       : path.find('/', 1),
                "/.");
  if (rng.Chance(40)) path += "?q=1&page=2";
  return host + '\n' + path;
}

// `path` as clients that escape too much or too little write it: one
// letter as %XX (decoded again by BASE), and under a prefix a segment with
// a kept escape, a stray `%` and raw UTF-8 (escaped by BASE). The route
// that serves it does not change.
std::string Escaped(std::string path, const HttpRoute& route, Rng& rng) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::vector<size_t> letters;
  for (size_t i = 0; i < path.size(); ++i) {
    if (std::isalpha(static_cast<unsigned char>(path[i]))) letters.push_back(i);
  }
  if (!letters.empty() && rng.Chance(70)) {
    const size_t at = letters[rng.Pick(letters.size())];
    const auto c = static_cast<unsigned char>(path[at]);
    path.replace(at, 1, {'%', kHex[c >> 4], kHex[c & 15]});
  }
  if (route.match.type != RouteMatchType::kExact && rng.Chance(50)) {
    if (!path.ends_with("/")) path += "/";
    path += rng.Chance(50) ? "a%20b%zz" : "caf\xc3\xa9";
  }
  return path;
}

}  // namespace

RequestSet MakeRequests(const RouteTable& table, Mix mix, size_t count,
                        uint64_t seed) {
  Rng rng(seed);
  std::mt19937_64 engine(seed ^ 0x5eed);
  const auto& services = table.config().virtual_services;
  std::vector<std::pair<const VirtualService*, const HttpRoute*>> routes;
  std::vector<std::vector<const HttpRoute*>> shallow(services.size());
  for (size_t h = 0; h < services.size(); ++h) {
    for (const HttpRoute& r : services[h].routes) {
      routes.emplace_back(&services[h], &r);
      size_t depth =
          std::count(r.match.value.begin(), r.match.value.end(), '/');
      if (r.match.type != RouteMatchType::kExact && depth <= 2) {
        shallow[h].push_back(&r);
      }
    }
  }
  Zipf host_rank(services.size(), 1.1);
  Zipf route_rank(64, 1.1);
  RequestSet out;
  for (size_t i = 0; i < count; ++i) {
    auto [vs, route] = routes[rng.Pick(routes.size())];
    std::string host;
    std::string path;
    switch (mix) {
      case Mix::kUniform:
        host = HostFor(*vs, rng);
        path = PathFor(*route, rng, rng.Chance(60) ? 1 : 0);
        break;
      case Mix::kZipf: {
        const VirtualService& hot = services[host_rank.Draw(engine)];
        const HttpRoute& r =
            hot.routes[route_rank.Draw(engine) % hot.routes.size()];
        host = HostFor(hot, rng);
        path = PathFor(r, rng, rng.Chance(60) ? 1 : 0);
        break;
      }
      case Mix::kMiss:
        host = rng.Chance(10) ? "unknown" + std::to_string(i) + ".invalid"
                              : HostFor(*vs, rng);
        path = rng.Chance(10) ? "/zz-nomatch/" + std::to_string(i)
                              : PathFor(*route, rng, 1);
        break;
      case Mix::kMessy: {
        std::string both =
            Messy(HostFor(*vs, rng), PathFor(*route, rng, 1), rng);
        size_t cut = both.find('\n');
        host = both.substr(0, cut);
        path = both.substr(cut + 1);
        break;
      }
      case Mix::kEscaped:
        host = HostFor(*vs, rng);
        path =
            Escaped(PathFor(*route, rng, rng.Chance(60) ? 1 : 0), *route, rng);
        break;
      case Mix::kDeep: {
        size_t h = static_cast<size_t>(vs - services.data());
        const HttpRoute& r = shallow[h].empty()
                                 ? *route
                                 : *shallow[h][rng.Pick(shallow[h].size())];
        host = HostFor(*vs, rng);
        path = PathFor(r, rng, 6 + rng.Pick(5));
        break;
      }
    }
    out.Add(host, path);
  }
  out.Seal();
  return out;
}

}  // namespace ingresskit::bench
