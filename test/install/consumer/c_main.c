/* Routes the Istio task's request through an installed libingresskit.so. */
#include <ingresskit/c.h>
#include <stdio.h>
#include <string.h>

static const char kIngress[] =
    "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\n"
    "metadata: {name: ingress, annotations: "
    "{kubernetes.io/ingress.class: istio}}\n"
    "spec:\n  rules:\n  - host: httpbin.example.com\n    http:\n"
    "      paths:\n      - path: /status/*\n"
    "        backend: {serviceName: httpbin, servicePort: 8000}\n";

int main(void) {
  ingresskit_table_t* table = NULL;
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  ingresskit_error_t err;
  if (ingresskit_table_compile(kIngress, strlen(kIngress), NULL, &table,
                               &err) != INGRESSKIT_OK ||
      ingresskit_table_match(table, "httpbin.example.com", 19, "/status/200",
                             11, &m, &err) != INGRESSKIT_OK ||
      !m.matched || m.port != 8000) {
    fprintf(stderr, "consumer: unexpected result\n");
    return 1;
  }
  printf("consumer: ingresskit %s routes to %.*s:%u\n", ingresskit_version(),
         (int)m.destination_len, m.destination, m.port);
  ingresskit_table_free(table);
  return 0;
}
