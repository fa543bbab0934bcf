/* The C ABI from plain C99 (-Wall -Wextra -pedantic -Werror): every
 * function, its error paths and NULL handling. Prints "N passed, M failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingresskit/c.h"

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (cond) {                                                          \
      ++passed;                                                          \
    } else {                                                             \
      ++failed;                                                          \
      fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                    \
  } while (0)

#define STR_(x) #x
#define STR(x) STR_(x)

static const char kHttpbin[] =
    "apiVersion: networking.k8s.io/v1beta1\n"
    "kind: Ingress\n"
    "metadata:\n"
    "  annotations: {kubernetes.io/ingress.class: istio}\n"
    "  name: ingress\n"
    "spec:\n"
    "  rules:\n"
    "  - host: httpbin.example.com\n"
    "    http:\n"
    "      paths:\n"
    "      - path: /status/*\n"
    "        backend: {serviceName: httpbin, servicePort: 8000}\n";

static int Equals(const char* data, size_t len, const char* expected) {
  return len == strlen(expected) && memcmp(data, expected, len) == 0;
}

static void TestVersion(void) {
  const char* expected = STR(INGRESSKIT_VERSION_MAJOR) "." STR(
      INGRESSKIT_VERSION_MINOR) "." STR(INGRESSKIT_VERSION_PATCH);
  CHECK(strcmp(ingresskit_version(), expected) == 0);
  CHECK(ingresskit_abi_version() == INGRESSKIT_ABI_VERSION);
  CHECK(ingresskit_abi_version() == 1);
}

static void TestStatusStrings(void) {
  CHECK(strcmp(ingresskit_status_str(INGRESSKIT_OK), "ok") == 0);
  CHECK(strcmp(ingresskit_status_str(INGRESSKIT_EPARSE), "parse error") == 0);
  CHECK(strcmp(ingresskit_status_str(INGRESSKIT_EUNSUPPORTED), "unsupported") ==
        0);
  CHECK(strcmp(ingresskit_status_str(-999), "unknown status") == 0);
  /* Pinned values: never renumbered. */
  CHECK(INGRESSKIT_EINVAL == -1 && INGRESSKIT_EPARSE == -2 &&
        INGRESSKIT_EVALIDATION == -3 && INGRESSKIT_ELIMIT == -4 &&
        INGRESSKIT_ENOMEM == -5 && INGRESSKIT_EINTERNAL == -6 &&
        INGRESSKIT_EUNSUPPORTED == -7);
  ingresskit_free(NULL);
}

static void TestCompileAndMatch(void) {
  ingresskit_table_t* table = NULL;
  ingresskit_error_t err;
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  ingresskit_diagnostic_t d;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), NULL, &table,
                                 &err) == INGRESSKIT_OK);
  CHECK(err.code == INGRESSKIT_OK && err.message[0] == '\0');
  CHECK(table != NULL);
  CHECK(ingresskit_table_route_count(table) == 1);
  CHECK(ingresskit_table_diagnostic_count(table) == 0);

  CHECK(ingresskit_table_match(table, "httpbin.example.com", 19, "/status/200",
                               11, &m, &err) == INGRESSKIT_OK);
  CHECK(m.matched == 1 && m.status == INGRESSKIT_MATCH_MATCHED);
  CHECK(m.port == 8000);
  CHECK(Equals(m.destination, m.destination_len,
               "httpbin.default.svc.cluster.local"));
  CHECK(Equals(m.cluster, m.cluster_len,
               "outbound|8000||httpbin.default.svc.cluster.local"));
  CHECK(Equals(m.service, m.service_len, "httpbin"));
  CHECK(Equals(m.service_namespace, m.service_namespace_len, "default"));
  CHECK(Equals(m.ingress_name, m.ingress_name_len, "ingress"));
  CHECK(Equals(m.ingress_namespace, m.ingress_namespace_len, "default"));
  CHECK(Equals(m.path, m.path_len, "/status/*"));
  CHECK(Equals(m.virtual_host, m.virtual_host_len, "httpbin.example.com"));
  CHECK(m.path_type == INGRESSKIT_PATH_TYPE_UNSET);
  CHECK(m.route_index == 0 && m.is_default_backend == 0);

  /* No route is a result, not an error; the struct is reset. */
  CHECK(ingresskit_table_match(table, "httpbin.example.com", 19, "/headers", 8,
                               &m, NULL) == INGRESSKIT_OK);
  CHECK(m.matched == 0 && m.status == INGRESSKIT_MATCH_NO_ROUTE);
  CHECK(m.destination == NULL && m.destination_len == 0 && m.port == 0);
  CHECK(ingresskit_table_match(table, "a b", 3, "/", 1, &m, NULL) ==
        INGRESSKIT_OK);
  CHECK(m.status == INGRESSKIT_MATCH_INVALID_HOST);
  CHECK(ingresskit_table_match(table, "h", 1, "/%00", 4, &m, NULL) ==
        INGRESSKIT_OK);
  CHECK(m.status == INGRESSKIT_MATCH_INVALID_PATH);
  /* An empty host (NULL, 0) is allowed; a NULL path with a length is not. */
  CHECK(ingresskit_table_match(table, NULL, 0, "/", 1, &m, NULL) ==
        INGRESSKIT_OK);
  CHECK(ingresskit_table_match(table, "h", 1, NULL, 3, &m, &err) ==
        INGRESSKIT_EINVAL);
  CHECK(err.code == INGRESSKIT_EINVAL && strlen(err.message) > 0);
  CHECK(ingresskit_table_match(NULL, "h", 1, "/", 1, &m, NULL) ==
        INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_match(table, "h", 1, "/", 1, NULL, NULL) ==
        INGRESSKIT_EINVAL);
  {
    ingresskit_match_t uninitialised;
    memset(&uninitialised, 0, sizeof(uninitialised));
    CHECK(ingresskit_table_match(table, "h", 1, "/", 1, &uninitialised, &err) ==
          INGRESSKIT_EINVAL);
  }

  /* Batch. */
  {
    ingresskit_request_t requests[3];
    ingresskit_match_t out[3] = {INGRESSKIT_MATCH_INIT, INGRESSKIT_MATCH_INIT,
                                 INGRESSKIT_MATCH_INIT};
    requests[0].host = "httpbin.example.com";
    requests[0].host_len = 19;
    requests[0].path = "/status/418";
    requests[0].path_len = 11;
    requests[1] = requests[0];
    requests[1].path = "/headers";
    requests[1].path_len = 8;
    requests[2] = requests[0];
    requests[2].host = "HTTPBIN.example.com:80";
    requests[2].host_len = 22;
    CHECK(ingresskit_table_match_batch(table, requests, 3, out, &err) ==
          INGRESSKIT_OK);
    CHECK(out[0].matched == 1 && out[1].matched == 0 && out[2].matched == 1);
    CHECK(out[2].port == 8000);
    CHECK(ingresskit_table_match_batch(table, NULL, 0, NULL, NULL) ==
          INGRESSKIT_OK);
    CHECK(ingresskit_table_match_batch(table, NULL, 1, out, NULL) ==
          INGRESSKIT_EINVAL);
    CHECK(ingresskit_table_match_batch(NULL, requests, 1, out, NULL) ==
          INGRESSKIT_EINVAL);
    requests[1].path = NULL;
    CHECK(ingresskit_table_match_batch(table, requests, 3, out, &err) ==
          INGRESSKIT_EINVAL);
    CHECK(strstr(err.message, "requests[1]") != NULL);
  }

  /* Diagnostics: out of range and NULL. */
  CHECK(ingresskit_table_diagnostic(table, 0, &d, &err) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_diagnostic(NULL, 0, &d, NULL) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_diagnostic(table, 0, NULL, NULL) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_diagnostic_count(NULL) == 0);
  CHECK(ingresskit_table_route_count(NULL) == 0);
  ingresskit_table_free(table);
  ingresskit_table_free(NULL);
}

static void TestDiagnostics(void) {
  static const char kText[] =
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
      "metadata: {name: bad}\n"
      "spec:\n  rules:\n  - host: Bad.example.com\n"
      "    http: {paths: [{path: /, pathType: Prefix, backend: {service: "
      "{name: a, port: {number: 80}}}}]}\n";
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  ingresskit_table_t* table = NULL;
  ingresskit_diagnostic_t d;
  ingresskit_error_t err;
  options.controller_mode = INGRESSKIT_CONTROLLER_DEFAULT;
  CHECK(ingresskit_table_compile(kText, strlen(kText), &options, &table,
                                 &err) == INGRESSKIT_OK);
  CHECK(ingresskit_table_route_count(table) == 0);
  CHECK(ingresskit_table_diagnostic_count(table) == 1);
  CHECK(ingresskit_table_diagnostic(table, 0, &d, &err) == INGRESSKIT_OK);
  CHECK(d.severity == INGRESSKIT_SEVERITY_ERROR);
  CHECK(d.code == INGRESSKIT_EVALIDATION);
  CHECK(Equals(d.object, d.object_len, "Ingress default/bad"));
  CHECK(Equals(d.field, d.field_len, "spec.rules[0].host"));
  CHECK(d.line == 6 && d.column == 11 && d.offset == -1);
  CHECK(d.message_len > 0);
  ingresskit_table_free(table);

  /* Strict: the same text fails, naming the problem. */
  options.strict = 1;
  table = NULL;
  CHECK(ingresskit_table_compile(kText, strlen(kText), &options, &table,
                                 &err) == INGRESSKIT_EVALIDATION);
  CHECK(table == NULL);
  CHECK(strstr(err.message, "spec.rules[0].host") != NULL);
}

static void TestCompileErrors(void) {
  ingresskit_table_t* table = NULL;
  ingresskit_error_t err;
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  CHECK(ingresskit_table_compile("{oops", 5, NULL, &table, &err) ==
        INGRESSKIT_EPARSE);
  CHECK(err.code == INGRESSKIT_EPARSE && table == NULL);
  CHECK(strstr(err.message, "malformed JSON") != NULL);
  CHECK(ingresskit_table_compile(NULL, 5, NULL, &table, &err) ==
        INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), NULL, NULL,
                                 &err) == INGRESSKIT_EINVAL);
  /* An empty text is an empty table. */
  CHECK(ingresskit_table_compile(NULL, 0, NULL, &table, NULL) == INGRESSKIT_OK);
  CHECK(ingresskit_table_route_count(table) == 0);
  ingresskit_table_free(table);
  table = NULL;
  /* Limits are typed errors. */
  options.max_document_bytes = 10;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 &err) == INGRESSKIT_ELIMIT);
  /* Bad options. */
  options = (ingresskit_options_t)INGRESSKIT_OPTIONS_INIT;
  options.version = 0;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 &err) == INGRESSKIT_EINVAL);
  CHECK(strstr(err.message, "INGRESSKIT_OPTIONS_INIT") != NULL);
  options.version = INGRESSKIT_OPTIONS_VERSION + 1;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 &err) == INGRESSKIT_EINVAL);
  options = (ingresskit_options_t)INGRESSKIT_OPTIONS_INIT;
  options.semantics = 7;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 &err) == INGRESSKIT_EINVAL);
  CHECK(strstr(err.message, "semantics") != NULL);
  options = (ingresskit_options_t)INGRESSKIT_OPTIONS_INIT;
  options.domain_suffix = NULL;
  options.domain_suffix_len = 3;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 &err) == INGRESSKIT_EINVAL);
  options = (ingresskit_options_t)INGRESSKIT_OPTIONS_INIT;
  options.strict = 2;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 &err) == INGRESSKIT_EINVAL);
  CHECK(table == NULL);
}

static void TestOptionsApply(void) {
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  ingresskit_table_t* table = NULL;
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  options.domain_suffix = "corp.example";
  options.domain_suffix_len = 12;
  options.path_normalization = INGRESSKIT_NORMALIZE_NONE;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 NULL) == INGRESSKIT_OK);
  CHECK(ingresskit_table_match(table, "httpbin.example.com", 19, "/status/1", 9,
                               &m, NULL) == INGRESSKIT_OK);
  CHECK(Equals(m.destination, m.destination_len,
               "httpbin.default.svc.corp.example"));
  CHECK(ingresskit_table_match(table, "httpbin.example.com", 19,
                               "/x/../status/1", 14, &m,
                               NULL) == INGRESSKIT_OK);
  CHECK(m.matched == 0);
  ingresskit_table_free(table);

  /* Another class: nothing is served in STRICT mode. */
  options = (ingresskit_options_t)INGRESSKIT_OPTIONS_INIT;
  options.ingress_class = "internal";
  options.ingress_class_len = 8;
  table = NULL;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), &options, &table,
                                 NULL) == INGRESSKIT_OK);
  CHECK(ingresskit_table_route_count(table) == 0);
  CHECK(ingresskit_table_diagnostic_count(table) == 1);
  ingresskit_table_free(table);
}

static void TestPackedBatchAndRouteIds(void) {
  ingresskit_table_t* table = NULL;
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  ingresskit_error_t err;
  /* host, path; host, path; ... back to back. */
  static const char kData[] =
      "httpbin.example.com/status/1"
      "httpbin.example.com/headers"
      "HTTPBIN.example.com:80/status";
  size_t lengths[6] = {19, 9, 19, 8, 22, 7};
  int64_t ids[3] = {7, 7, 7};
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), NULL, &table,
                                 NULL) == INGRESSKIT_OK);
  CHECK(ingresskit_table_match_packed(table, kData, strlen(kData), lengths, 3,
                                      ids, &err) == INGRESSKIT_OK);
  CHECK(ids[0] == 0 && ids[1] == -1 && ids[2] == 0);
  CHECK(ingresskit_table_route(table, 0, &m, &err) == INGRESSKIT_OK);
  CHECK(m.matched == 1 && m.port == 8000);
  CHECK(Equals(m.destination, m.destination_len,
               "httpbin.default.svc.cluster.local"));
  CHECK(ingresskit_table_route(table, 1, &m, &err) == INGRESSKIT_EINVAL);
  {
    /* Many routes by id in one call, full and lean answers. */
    const uint64_t route_ids[2] = {0, 0};
    ingresskit_match_t full[2] = {INGRESSKIT_MATCH_INIT, INGRESSKIT_MATCH_INIT};
    ingresskit_target_t lean[2] = {INGRESSKIT_TARGET_INIT,
                                   INGRESSKIT_TARGET_INIT};
    CHECK(ingresskit_table_route_batch(table, route_ids, 2, full, lean, &err) ==
          INGRESSKIT_OK);
    CHECK(full[1].matched == 1 && full[1].port == 8000);
    CHECK(lean[1].route_id == 0 && lean[1].port == 8000);
    CHECK(ingresskit_table_route_batch(table, route_ids, 2, NULL, NULL, &err) ==
          INGRESSKIT_EINVAL);
  }
  /* Lengths that do not add up are refused before anything is matched. */
  lengths[5] = 8;
  ids[0] = 7;
  CHECK(ingresskit_table_match_packed(table, kData, strlen(kData), lengths, 3,
                                      ids, &err) == INGRESSKIT_EINVAL);
  CHECK(ids[0] == 7);
  lengths[5] = 6;
  CHECK(ingresskit_table_match_packed(table, kData, strlen(kData), lengths, 3,
                                      ids, &err) == INGRESSKIT_EINVAL);
  lengths[0] = (size_t)-1;
  CHECK(ingresskit_table_match_packed(table, kData, strlen(kData), lengths, 3,
                                      ids, &err) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_match_packed(table, NULL, 0, NULL, 0, NULL, NULL) ==
        INGRESSKIT_OK);
  CHECK(ingresskit_table_match_packed(NULL, kData, 1, lengths, 1, ids, NULL) ==
        INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_match_packed(table, kData, 5, NULL, 1, ids, NULL) ==
        INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_route(NULL, 0, &m, NULL) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_route(table, 0, NULL, NULL) == INGRESSKIT_EINVAL);
  ingresskit_table_free(table);
}

static void TestGenerate(void) {
  ingresskit_table_t* table = NULL;
  ingresskit_error_t err;
  char* out = NULL;
  size_t len = 0;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), NULL, &table,
                                 NULL) == INGRESSKIT_OK);
  CHECK(ingresskit_table_generate(table, INGRESSKIT_FORMAT_ISTIO_YAML, &out,
                                  &len, &err) == INGRESSKIT_OK);
  CHECK(out != NULL && len == strlen(out));
  CHECK(strstr(out, "kind: VirtualService") != NULL);
  CHECK(strstr(out, "host: httpbin.default.svc.cluster.local") != NULL);
  ingresskit_free(out);
  out = NULL;
  CHECK(ingresskit_table_generate(table, INGRESSKIT_FORMAT_ENVOY_JSON, &out,
                                  &len, &err) == INGRESSKIT_OK);
  CHECK(strstr(out, "\"path_separated_prefix\": \"/status\"") != NULL);
  ingresskit_free(out);
  CHECK(ingresskit_table_generate(table, INGRESSKIT_FORMAT_ISTIO_JSON, &out,
                                  &len, &err) == INGRESSKIT_OK);
  CHECK(out[0] == '[');
  ingresskit_free(out);
  CHECK(ingresskit_table_generate(table, INGRESSKIT_FORMAT_STATUS_JSON, &out,
                                  &len, &err) == INGRESSKIT_OK);
  CHECK(strstr(out, "\"default/ingress\": []") != NULL);
  ingresskit_free(out);
  CHECK(ingresskit_table_generate(table, INGRESSKIT_FORMAT_GATEWAY_API_YAML,
                                  &out, &len, &err) == INGRESSKIT_OK);
  CHECK(strstr(out, "kind: HTTPRoute") != NULL);
  CHECK(strstr(out, "gatewayClassName: istio") != NULL);
  ingresskit_free(out);
  CHECK(ingresskit_table_generate(table, 99, &out, &len, &err) ==
        INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_generate(NULL, INGRESSKIT_FORMAT_ENVOY_JSON, &out,
                                  &len, NULL) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_table_generate(table, INGRESSKIT_FORMAT_STATUS_JSON, NULL,
                                  &len, NULL) == INGRESSKIT_EINVAL);
  ingresskit_table_free(table);
}

static void TestRouter(void) {
  ingresskit_router_t* router = NULL;
  ingresskit_table_t* table = NULL;
  ingresskit_table_t* held = NULL;
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  ingresskit_error_t err;
  uint64_t version = 99;
  CHECK(ingresskit_router_new(NULL, &router, &err) == INGRESSKIT_OK);
  CHECK(ingresskit_router_version(router) == 0);
  CHECK(ingresskit_router_match(router, "httpbin.example.com", 19, "/status/1",
                                9, &table, &version, &m,
                                &err) == INGRESSKIT_OK);
  CHECK(m.matched == 0 && version == 0);
  ingresskit_table_free(table);
  table = NULL;

  CHECK(ingresskit_router_update(router, kHttpbin, strlen(kHttpbin), &err) ==
        INGRESSKIT_OK);
  CHECK(ingresskit_router_version(router) == 1);
  CHECK(ingresskit_router_match(router, "httpbin.example.com", 19, "/status/1",
                                9, &held, &version, &m, &err) == INGRESSKIT_OK);
  CHECK(m.matched == 1 && version == 1 && m.port == 8000);

  /* A failed update keeps the last known good table and version. */
  CHECK(ingresskit_router_update(router, "kind: [", 7, &err) ==
        INGRESSKIT_EPARSE);
  CHECK(ingresskit_router_version(router) == 1);
  CHECK(ingresskit_router_update(router, NULL, 1, &err) == INGRESSKIT_EINVAL);

  /* An update to an empty set swaps and says which version it made; the
   * held table still answers. */
  version = 0;
  CHECK(ingresskit_router_commit(router, "", 0, &version, &err) ==
        INGRESSKIT_OK);
  CHECK(version == 2 && ingresskit_router_version(router) == 2);
  CHECK(ingresskit_router_acquire(router, &table, &version, &err) ==
        INGRESSKIT_OK);
  CHECK(version == 2 && ingresskit_table_route_count(table) == 0);
  ingresskit_table_free(table);
  CHECK(Equals(m.service, m.service_len, "httpbin"));
  ingresskit_router_free(router);
  CHECK(ingresskit_table_route_count(held) == 1); /* Outlives the router. */
  ingresskit_table_free(held);

  CHECK(ingresskit_router_new(NULL, NULL, NULL) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_router_update(NULL, "", 0, NULL) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_router_version(NULL) == 0);
  CHECK(ingresskit_router_acquire(NULL, &table, NULL, NULL) ==
        INGRESSKIT_EINVAL);
  CHECK(ingresskit_router_match(NULL, "h", 1, "/", 1, &table, NULL, &m, NULL) ==
        INGRESSKIT_EINVAL);
  {
    ingresskit_options_t bad = INGRESSKIT_OPTIONS_INIT;
    bad.controller_mode = -1;
    router = NULL;
    CHECK(ingresskit_router_new(&bad, &router, &err) == INGRESSKIT_EINVAL);
    CHECK(router == NULL);
  }
  ingresskit_router_free(NULL);
}

/* The path a proxy forwards, into the caller's buffer. */
static void TestNormalizePath(void) {
  ingresskit_table_t* table = NULL;
  char buf[INGRESSKIT_NORMALIZED_PATH_MAX(16)];
  size_t len = 0;
  ingresskit_error_t err;
  CHECK(ingresskit_table_compile(kHttpbin, strlen(kHttpbin), NULL, &table,
                                 &err) == INGRESSKIT_OK);
  CHECK(ingresskit_table_normalize_path(table, "/st%61tus/../x?y", 16, buf,
                                        sizeof(buf), &len,
                                        &err) == INGRESSKIT_OK);
  CHECK(Equals(buf, len, "/x"));
  CHECK(ingresskit_table_normalize_path(table, "/a%00", 5, buf, sizeof(buf),
                                        &len, &err) == INGRESSKIT_EBADPATH);
  CHECK(ingresskit_table_normalize_path(table, "/\xe9", 2, buf, 2, &len,
                                        &err) == INGRESSKIT_ERANGE);
  CHECK(ingresskit_table_normalize_path(NULL, "/", 1, buf, 1, &len, &err) ==
        INGRESSKIT_EINVAL);
  {
    int32_t status = -1;
    size_t count = 9;
    const char* data = NULL;
    CHECK(ingresskit_table_route_endpoints(table, 0, &status, &count, &err) ==
          INGRESSKIT_OK);
    CHECK(status == INGRESSKIT_ENDPOINTS_UNKNOWN && count == 0);
    CHECK(ingresskit_table_route_endpoint(table, 0, 0, &data, &len, &err) ==
          INGRESSKIT_EINVAL);
  }
  {
    /* No tls entry in the example: no server for any name. */
    ingresskit_tls_t tls = INGRESSKIT_TLS_INIT;
    CHECK(ingresskit_tls_init(&tls, INGRESSKIT_TLS_VERSION) == INGRESSKIT_OK);
    CHECK(ingresskit_table_tls(table, "httpbin.example.com", 19, &tls, &err) ==
          INGRESSKIT_OK);
    CHECK(tls.found == 0);
  }
  {
    ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
    int64_t route_id = -1;
    CHECK(ingresskit_table_match_id(table, "httpbin.example.com", 19,
                                    "/status/200", 11, &m, &route_id,
                                    &err) == INGRESSKIT_OK);
    CHECK(m.matched == 1 && route_id == 0);
  }
  {
    /* ... so a request over TLS is refused before any route is tried. */
    ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
    int64_t route_id = 7;
    CHECK(ingresskit_table_match_tls(table, "httpbin.example.com", 19,
                                     "httpbin.example.com", 19, "/status/200",
                                     11, &m, &route_id, &err) == INGRESSKIT_OK);
    CHECK(m.status == INGRESSKIT_MATCH_NO_TLS_SERVER && m.matched == 0);
    CHECK(route_id == -1);
  }
  {
    /* Why a request goes where it goes, as JSON. */
    char* json = NULL;
    size_t json_len = 0;
    CHECK(ingresskit_table_explain(table, "httpbin.example.com", 19, "/headers",
                                   8, &json, &json_len, &err) == INGRESSKIT_OK);
    CHECK(json != NULL &&
          strstr(json, "\"decision\":{\"status\":404}") != NULL);
    ingresskit_free(json);
  }
  {
    /* Route tests, a diff against an empty table, and lint. */
    static const char tests[] =
        "tests:\n- {name: s, host: httpbin.example.com, path: /status/200,"
        " expect: {status: 200}}\n";
    char* json = NULL;
    size_t json_len = 0;
    ingresskit_table_t* empty = NULL;
    ingresskit_source_t source = {"httpbin.yaml", 12, NULL, 0};
    CHECK(ingresskit_table_test(table, tests, sizeof(tests) - 1, &json,
                                &json_len, &err) == INGRESSKIT_OK);
    CHECK(strstr(json, "\"passed\":1,\"failed\":0") != NULL);
    ingresskit_free(json);
    CHECK(ingresskit_table_compile("", 0, NULL, &empty, &err) == INGRESSKIT_OK);
    CHECK(ingresskit_diff(table, empty, 0, &json, &json_len, &err) ==
          INGRESSKIT_OK);
    CHECK(strstr(json, "\"kind\":\"now_404\"") != NULL);
    ingresskit_free(json);
    ingresskit_table_free(empty);
    source.text = kHttpbin;
    source.text_len = strlen(kHttpbin);
    CHECK(ingresskit_lint(&source, 1, NULL, &json, &json_len, &err) ==
          INGRESSKIT_OK);
    CHECK(json[0] == '[');
    ingresskit_free(json);
  }
  {
    /* The lean call a proxy makes per request, over HTTP and over TLS. */
    ingresskit_target_t t = INGRESSKIT_TARGET_INIT;
    CHECK(ingresskit_target_init(&t, INGRESSKIT_TARGET_VERSION) ==
          INGRESSKIT_OK);
    CHECK(ingresskit_table_target(table, NULL, 0, "httpbin.example.com", 19,
                                  "/status/200", 11, &t,
                                  &err) == INGRESSKIT_OK);
    CHECK(t.status == INGRESSKIT_MATCH_MATCHED && t.route_id == 0);
    CHECK(Equals(t.destination, t.destination_len,
                 "httpbin.default.svc.cluster.local"));
    CHECK(t.port == 8000);
    CHECK(t.endpoint_status == INGRESSKIT_ENDPOINTS_UNKNOWN);
    CHECK(ingresskit_table_target(table, "httpbin.example.com", 19,
                                  "httpbin.example.com", 19, "/status/200", 11,
                                  &t, &err) == INGRESSKIT_OK);
    CHECK(t.status == INGRESSKIT_MATCH_NO_TLS_SERVER && t.route_id == -1);
    CHECK(t.cluster == NULL && t.port == 0);
  }
  ingresskit_table_free(table);
}

/* Several files compiled as one, diagnostics naming their file. */
static void TestSources(const char* text, size_t len) {
  ingresskit_source_t sources[2];
  ingresskit_table_t* table = NULL;
  ingresskit_router_t* router = NULL;
  ingresskit_error_t err;
  const char* name = NULL;
  size_t name_len = 0;
  uint64_t version = 0;
  sources[0].name = "a.yaml";
  sources[0].name_len = 6;
  sources[0].text = text;
  sources[0].text_len = len;
  sources[1].name = "b.yaml";
  sources[1].name_len = 6;
  sources[1].text = "kind: Secret\nmetadata: {name: x}\n";
  sources[1].text_len = strlen(sources[1].text);
  CHECK(ingresskit_table_compile_sources(sources, 2, NULL, &table, &err) ==
        INGRESSKIT_OK);
  CHECK(ingresskit_table_route_count(table) == 1);
  CHECK(ingresskit_table_diagnostic_count(table) > 0);
  CHECK(ingresskit_table_diagnostic_source(table, 0, &name, &name_len, &err) ==
        INGRESSKIT_OK);
  CHECK(Equals(name, name_len, "b.yaml"));
  ingresskit_table_free(table);
  CHECK(ingresskit_router_new(NULL, &router, &err) == INGRESSKIT_OK);
  CHECK(ingresskit_router_update_sources(router, sources, 2, &version, &err) ==
        INGRESSKIT_OK);
  CHECK(version == 1);
  ingresskit_router_free(router);
}

/* The initialisers, for callers that cannot use the _INIT macros. */
static void TestInitFunctions(void) {
  ingresskit_options_t options;
  ingresskit_match_t m;
  memset(&options, 0xff, sizeof(options));
  memset(&m, 0xff, sizeof(m));
  CHECK(ingresskit_options_init(&options, INGRESSKIT_OPTIONS_VERSION) ==
        INGRESSKIT_OK);
  CHECK(options.version == INGRESSKIT_OPTIONS_VERSION);
  CHECK(options.controller_mode == INGRESSKIT_CONTROLLER_STRICT);
  CHECK(options.ingress_class == NULL && options.max_routes == 0);
  CHECK(ingresskit_match_init(&m, INGRESSKIT_MATCH_VERSION) == INGRESSKIT_OK);
  CHECK(m.version == INGRESSKIT_MATCH_VERSION && m.matched == 0);
  CHECK(m.status == INGRESSKIT_MATCH_NO_ROUTE && m.destination == NULL);
  CHECK(ingresskit_match_init(&m, 0) == INGRESSKIT_EINVAL);
  CHECK(ingresskit_options_init(NULL, 1) == INGRESSKIT_EINVAL);
}

int main(void) {
  TestVersion();
  TestInitFunctions();
  TestNormalizePath();
  TestStatusStrings();
  TestCompileAndMatch();
  TestDiagnostics();
  TestCompileErrors();
  TestOptionsApply();
  TestPackedBatchAndRouteIds();
  TestGenerate();
  TestRouter();
  TestSources(kHttpbin, sizeof(kHttpbin) - 1);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
