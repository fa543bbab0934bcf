// Small Ingress sets written in one line each, for the tests of explain,
// diff, lint and route tests.
#ifndef INGRESSKIT_TEST_INGRESS_SPECS_H_
#define INGRESSKIT_TEST_INGRESS_SPECS_H_

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ingresskit/route_table.h"

namespace ingresskit::testing {

// One Ingress per entry: name, creation time, host ("" for none), and its
// paths as "TYPE PATH SERVICE".
struct Spec {
  std::string name;
  std::string host;
  std::vector<std::string> paths;
  std::string created = "2024-01-01T00:00:00Z";
};

inline std::string Yaml(const std::vector<Spec>& specs) {
  std::string out;
  for (const Spec& s : specs) {
    out +=
        "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        "metadata:\n  name: " +
        s.name + "\n  namespace: default\n  creationTimestamp: \"" + s.created +
        "\"\n  annotations: {kubernetes.io/ingress.class: istio}\n"
        "spec:\n  rules:\n  - ";
    if (!s.host.empty()) out += "host: \"" + s.host + "\"\n    ";
    out += "http:\n      paths:\n";
    for (const std::string& p : s.paths) {
      const size_t a = p.find(' ');
      const size_t b = p.rfind(' ');
      out += "      - path: \"" + p.substr(a + 1, b - a - 1) +
             "\"\n        pathType: " + p.substr(0, a) +
             "\n        backend: {service: {name: " + p.substr(b + 1) +
             ", port: {number: 80}}}\n";
    }
  }
  return out;
}

inline RouteTable Table(const std::vector<Spec>& specs,
                        Semantics semantics = Semantics::kIstio) {
  CompileOptions options;
  options.semantics = semantics;
  CompileResult compiled = Compile(Yaml(specs), options);
  EXPECT_TRUE(compiled.ok());
  return compiled.table;
}

// One host, foo.com: `/` to web, `/api` to api, exactly `/api/health` to
// health (the research note's first scenario).
inline const std::vector<Spec> kFooRoutes = {
    {"foo",
     "foo.com",
     {"Prefix / web", "Prefix /api api", "Exact /api/health health"}}};

}  // namespace ingresskit::testing

#endif  // INGRESSKIT_TEST_INGRESS_SPECS_H_
