#include "ingress_corpus.h"

#include <random>
#include <string_view>
#include <vector>

namespace ingresskit::bench {
namespace {

constexpr std::string_view kWords[] = {
    "api",   "shop",  "users", "v1",     "v2",      "orders", "static",
    "admin", "media", "auth",  "search", "billing", "status", "health"};
constexpr std::string_view kPathTypes[] = {
    "Prefix", "Prefix", "Prefix", "Exact", "Exact", "ImplementationSpecific"};

struct GeneratedPath {
  std::string path;
  std::string_view type;
  std::string service;
  int port;
};

struct GeneratedIngress {
  std::string name;
  std::string ns;
  std::string host;
  std::string timestamp;
  std::vector<GeneratedPath> paths;
};

// Draws every object once so both syntaxes describe the same set.
std::vector<GeneratedIngress> Generate(const CorpusShape& shape) {
  std::mt19937_64 rng(shape.seed);
  auto pick = [&](size_t n) {
    return static_cast<size_t>(
        std::uniform_int_distribution<size_t>(0, n - 1)(rng));
  };
  std::vector<GeneratedIngress> out(shape.ingresses);
  for (size_t i = 0; i < shape.ingresses; ++i) {
    GeneratedIngress& ing = out[i];
    ing.name = "ing-" + std::to_string(i);
    ing.ns = "team-" + std::to_string(pick(50));
    bool wildcard = pick(100) < 15;
    ing.host = std::string(wildcard ? "*." : "") +
               std::string(kWords[pick(14)]) + "-" + std::to_string(i / 2) +
               ".example.com";
    ing.timestamp = "2024-0" + std::to_string(1 + pick(9)) + "-1" +
                    std::to_string(pick(10)) + "T0" + std::to_string(pick(10)) +
                    ":00:00Z";
    for (size_t p = 0; p < shape.paths_per_ingress; ++p) {
      GeneratedPath path;
      size_t depth = 1 + pick(4);
      for (size_t d = 0; d < depth; ++d) {
        path.path += "/";
        path.path += kWords[pick(14)];
      }
      path.type = kPathTypes[pick(6)];
      if (path.type == "ImplementationSpecific") path.path += "/*";
      path.service = "svc-" + std::to_string(pick(1000));
      path.port = 8000 + static_cast<int>(pick(100));
      ing.paths.push_back(std::move(path));
    }
  }
  return out;
}

}  // namespace

std::string IngressYaml(const CorpusShape& shape) {
  std::string out;
  for (const GeneratedIngress& ing : Generate(shape)) {
    out += "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n";
    out += "  name: " + ing.name + "\n  namespace: " + ing.ns + "\n";
    out += "  creationTimestamp: \"" + ing.timestamp + "\"\n";
    out += "  annotations:\n    kubernetes.io/ingress.class: istio\n";
    out += "spec:\n  rules:\n  - host: \"" + ing.host + "\"\n    http:\n";
    out += "      paths:\n";
    for (const GeneratedPath& p : ing.paths) {
      out += "      - path: " + p.path + "\n        pathType: ";
      out += p.type;
      out += "\n        backend:\n          service:\n            name: " +
             p.service + "\n            port:\n              number: " +
             std::to_string(p.port) + "\n";
    }
    out += "---\n";
  }
  return out;
}

std::string IngressJson(const CorpusShape& shape) {
  std::string out = R"({"apiVersion":"v1","kind":"List","items":[)";
  bool first = true;
  for (const GeneratedIngress& ing : Generate(shape)) {
    if (!first) out += ",";
    first = false;
    out +=
        R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":")" +
        ing.name + R"(","namespace":")" + ing.ns +
        R"(","creationTimestamp":")" + ing.timestamp +
        R"(","annotations":{"kubernetes.io/ingress.class":"istio"}},"spec":{"rules":[{"host":")" +
        ing.host + R"(","http":{"paths":[)";
    for (size_t i = 0; i < ing.paths.size(); ++i) {
      const GeneratedPath& p = ing.paths[i];
      if (i) out += ",";
      out += R"({"path":")" + p.path + R"(","pathType":")" +
             std::string(p.type) + R"(","backend":{"service":{"name":")" +
             p.service + R"(","port":{"number":)" + std::to_string(p.port) +
             "}}}}";
    }
    out += "]}}]}}";
  }
  out += "]}";
  return out;
}

}  // namespace ingresskit::bench
