// The tables the Router tests swap: version n's sends every path to svc<n>
// and `/only<n>` to only<n>, so an answer from a mix of two tables, or from
// a version other than the one claimed, shows.
#ifndef INGRESSKIT_TEST_VERSIONED_TABLE_H_
#define INGRESSKIT_TEST_VERSIONED_TABLE_H_

#include <cstdint>
#include <string>

namespace ingresskit::testing {

inline std::string VersionedTableText(uint64_t n) {
  const std::string s = std::to_string(n);
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
         "metadata: {name: gen" +
         s +
         "}\nspec:\n  rules:\n  - http:\n"
         "      paths:\n"
         "      - {path: /, pathType: Prefix, backend: {service: {name: svc" +
         s +
         ", port: {number: 80}}}}\n"
         "      - {path: /only" +
         s + ", pathType: Exact, backend: {service: {name: only" + s +
         ", port: {number: 80}}}}\n";
}

}  // namespace ingresskit::testing

#endif  // INGRESSKIT_TEST_VERSIONED_TABLE_H_
