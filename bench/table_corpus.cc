#include "table_corpus.h"

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
        if (kind < 50) {
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

RequestSet UniformRequests(const RouteTable& table, size_t count,
                           uint64_t seed) {
  Rng rng(seed);
  const auto& services = table.config().virtual_services;
  // Every route once in a flat list, so each is equally likely.
  std::vector<std::pair<const VirtualService*, const HttpRoute*>> routes;
  for (const VirtualService& vs : services) {
    for (const HttpRoute& r : vs.routes) routes.emplace_back(&vs, &r);
  }
  RequestSet out;
  for (size_t i = 0; i < count; ++i) {
    auto [vs, route] = routes[rng.Pick(routes.size())];
    std::string host = vs->host;
    if (host.starts_with("*."))
      host = "pod" + std::to_string(rng.Pick(9)) + host.substr(1);
    std::string path = route->match.value.empty() ? "/" : route->match.value;
    if (route->match.type != RouteMatchType::kExact && rng.Chance(60)) {
      if (!path.ends_with("/")) path += "/";
      path += kWords[rng.Pick(kWordCount)];
    }
    out.Add(host, path);
  }
  out.Seal();
  return out;
}

}  // namespace ingresskit::bench
