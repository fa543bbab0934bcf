// The Ingress of the Istio task "Ingress (Kubernetes)", built into the CLI
// so that `ingresskit` with no arguments shows what the library does.
#ifndef INGRESSKIT_BINDINGS_CLI_BUILTIN_EXAMPLE_H_
#define INGRESSKIT_BINDINGS_CLI_BUILTIN_EXAMPLE_H_

#include <string_view>

namespace ingresskit::cli {

inline constexpr std::string_view kBuiltinExampleName =
    "istio-task-httpbin.yaml";

// Host httpbin.example.com, path /status/* to service httpbin port 8000:
// GET /status/200 reaches httpbin, GET /headers gets 404.
inline constexpr std::string_view kBuiltinExample =
    R"(apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  annotations:
    kubernetes.io/ingress.class: istio
  name: ingress
spec:
  rules:
  - host: httpbin.example.com
    http:
      paths:
      - path: /status/*
        backend:
          serviceName: httpbin
          servicePort: 8000
)";

}  // namespace ingresskit::cli

#endif  // INGRESSKIT_BINDINGS_CLI_BUILTIN_EXAMPLE_H_
