// The table the request fuzzer matches against, and the bad-input
// catalogue's request cases too, so that every catalogued request in the
// request corpus meets the routes it was written for: exact, path-separated
// prefix, legacy globs, a wildcard host and the `*` host.
#ifndef INGRESSKIT_TEST_FUZZ_REQUEST_TABLE_H_
#define INGRESSKIT_TEST_FUZZ_REQUEST_TABLE_H_

#include <string_view>

namespace ingresskit::testing {

inline constexpr std::string_view kRequestTable = R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fuzz, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: httpbin.example.com
    http:
      paths:
      - {path: /status/*, pathType: ImplementationSpecific, backend: {service: {name: httpbin, port: {number: 8000}}}}
      - {path: /a/b/, pathType: Prefix, backend: {service: {name: ab, port: {number: 80}}}}
      - {path: /a, pathType: Exact, backend: {service: {name: a, port: {number: 80}}}}
      - {path: /v1.*, pathType: ImplementationSpecific, backend: {service: {name: v1, port: {number: 80}}}}
  - host: "*.example.com"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: wild, port: {number: 80}}}}
  - http:
      paths:
      - {path: /any/A, pathType: Exact, backend: {service: {name: any, port: {number: 80}}}}
)";

}  // namespace ingresskit::testing

#endif  // INGRESSKIT_TEST_FUZZ_REQUEST_TABLE_H_
