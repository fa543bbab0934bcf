// Parses the Istio task's Ingress through an installed ingresskit.
#include <ingresskit/c.h>
#include <ingresskit/ingresskit.h>

#include <cstdio>

int main() {
  ingresskit::ParseResult result = ingresskit::Parse(
      "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\n"
      "metadata: {name: ingress, annotations: "
      "{kubernetes.io/ingress.class: istio}}\n"
      "spec:\n  rules:\n  - host: httpbin.example.com\n    http:\n"
      "      paths:\n      - path: /status/*\n"
      "        backend: {serviceName: httpbin, servicePort: 8000}\n");
  if (!result.ok() || result.resources.ingresses.size() != 1 ||
      ingresskit_abi_version() != INGRESSKIT_ABI_VERSION) {
    std::fprintf(stderr, "consumer: unexpected result\n");
    return 1;
  }
  std::printf("consumer: ingresskit %s parsed %zu Ingress\n",
              ingresskit_version(), result.resources.ingresses.size());
  return 0;
}
