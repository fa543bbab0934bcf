/* Loads the plugin as a proxy would link it, and routes through it. */
#include <stdio.h>

int plugin_port(const char* text, const char* host, const char* path);

static const char kIngress[] =
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
    "metadata: {name: ingress, annotations: "
    "{kubernetes.io/ingress.class: istio}}\n"
    "spec:\n  rules:\n  - host: httpbin.example.com\n    http:\n"
    "      paths:\n      - path: /status\n        pathType: Prefix\n"
    "        backend: {service: {name: httpbin, port: {number: 8000}}}\n";

int main(void) {
  int port = plugin_port(kIngress, "httpbin.example.com", "/status/200");
  if (port != 8000) {
    fprintf(stderr, "plugin: unexpected port %d\n", port);
    return 1;
  }
  printf("plugin: routes to port %d\n", port);
  return 0;
}
