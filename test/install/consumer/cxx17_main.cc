// The C header from a C++17 program linking the shared library: nothing of
// ingresskit may ask its users for C++20.
#include <ingresskit/c.h>

#include <cstdio>
#include <string_view>

int main() {
  static_assert(__cplusplus == 201703L, "built as C++17");
  constexpr std::string_view kIngress =
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
      "metadata: {name: ingress, annotations: "
      "{kubernetes.io/ingress.class: istio}}\n"
      "spec:\n  rules:\n  - host: httpbin.example.com\n    http:\n"
      "      paths:\n      - path: /status\n        pathType: Prefix\n"
      "        backend: {service: {name: httpbin, port: {number: 8000}}}\n";
  ingresskit_table_t* table = nullptr;
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  if (ingresskit_table_compile(kIngress.data(), kIngress.size(), nullptr,
                               &table, nullptr) != INGRESSKIT_OK ||
      ingresskit_table_match(table, "httpbin.example.com", 19, "/status/1", 9,
                             &m, nullptr) != INGRESSKIT_OK ||
      m.port != 8000) {
    std::fprintf(stderr, "consumer_cxx17: unexpected result\n");
    return 1;
  }
  ingresskit_table_free(table);
  std::printf("consumer_cxx17: routes to port %u\n", m.port);
  return 0;
}
