// A proxy plugin as embedders build one: a shared object, compiled with
// hidden visibility, that links the static libingresskit.a and exports its
// own entry point only. The install test checks that nothing of
// ingresskit, Abseil or RE2 leaks into its dynamic symbol table.
#include <ingresskit/c.h>

#include <cstring>

extern "C" __attribute__((visibility("default"))) int plugin_port(
    const char* text, const char* host, const char* path) {
  ingresskit_table_t* table = nullptr;
  if (ingresskit_table_compile(text, std::strlen(text), nullptr, &table,
                               nullptr) != INGRESSKIT_OK) {
    return -1;
  }
  ingresskit_match_t m;
  ingresskit_match_init(&m, INGRESSKIT_MATCH_VERSION);
  int port = -1;
  if (ingresskit_table_match(table, host, std::strlen(host), path,
                             std::strlen(path), &m, nullptr) == INGRESSKIT_OK &&
      m.matched) {
    port = static_cast<int>(m.port);
  }
  ingresskit_table_free(table);
  return port;
}
