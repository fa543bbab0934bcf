/*
 * ingresskit C ABI: the only binary-stable interface of ingresskit.
 *
 * ingresskit answers "which backend serves (host, path)?" as an Istio
 * ingress gateway would, from Kubernetes Ingress resources. Compile YAML
 * or JSON into a table, then match requests against it; or keep a router
 * whose table can be replaced while other threads match. The semantics are
 * in docs/semantics.md and this contract's reasons in docs/c-abi.md (both
 * installed under share/doc/ingresskit).
 *
 *     ingresskit_table_t* table = NULL;
 *     ingresskit_match_t m;
 *     ingresskit_match_init(&m, INGRESSKIT_MATCH_VERSION);
 *     if (ingresskit_table_compile(text, len, NULL, &table, NULL) == 0 &&
 *         ingresskit_table_match(table, "httpbin.example.com", 19,
 *                                "/status/200", 11, &m, NULL) == 0 &&
 *         m.matched)
 *       printf("%.*s:%u\n", (int)m.destination_len, m.destination, m.port);
 *     ingresskit_table_free(table);
 *
 * Conventions, binding on every function declared here:
 *
 *  - Names: functions and types are prefixed `ingresskit_`, macros and enum
 *    constants `INGRESSKIT_`. Handles are opaque: `ingresskit_table_t`,
 *    `ingresskit_router_t`.
 *  - Strings go in as (pointer, length) and need no NUL terminator. A NULL
 *    pointer with a non-zero length is INGRESSKIT_EINVAL. Strings come out
 *    as (pointer, length) views into a handle; each function says how long
 *    they stay valid. Buffers the library allocates for the caller are
 *    released with ingresskit_free().
 *  - Errors: fallible functions return int, INGRESSKIT_OK (0) or a negative
 *    INGRESSKIT_E* code. Codes are pinned: never renumbered, only added.
 *    "No route" is a result (matched == 0), not an error. The last argument
 *    of a fallible function is an optional, caller-owned ingresskit_error_t*
 *    that receives the code and a message (an empty message on success);
 *    pass NULL to ignore it.
 *  - No C++ exception crosses this boundary; out-of-memory is
 *    INGRESSKIT_ENOMEM, anything unexpected INGRESSKIT_EINTERNAL.
 *  - Ownership: every handle has a create function and a free function;
 *    free functions accept NULL. A function that fails writes none of its
 *    output arguments (only `err`): all or nothing, batches included.
 *  - Threads: a table is immutable; any number of threads may match on it
 *    at once, without locks. A router may be updated from any thread
 *    (updates are serialised) while any number of threads match on it;
 *    matching takes no lock. Freeing a handle must not race with its use.
 *  - Versioned structs (ingresskit_options_t, ingresskit_match_t): the
 *    first field is `version`, set by the _INIT macro or the _init()
 *    function; fields are only ever appended, and each version is a longer
 *    prefix of the struct. The library reads and writes only the bytes the
 *    caller's version defines, so a program built against an older header
 *    keeps working with a newer library; a version the library does not
 *    know is INGRESSKIT_EINVAL. NULL options mean the defaults (a stock
 *    Istio install).
 *  - Frozen structs (ingresskit_error_t, ingresskit_diagnostic_t,
 *    ingresskit_request_t) carry no version: their layout is fixed for ABI
 *    version 1. More detail, if ever needed, comes through new functions
 *    with versioned structs, never by changing these.
 *
 * Versioning: INGRESSKIT_VERSION_* describe the headers you compiled
 * against; ingresskit_version() and ingresskit_abi_version() describe the
 * library loaded at run time. The shared library's SOVERSION equals the ABI
 * version; functions are only ever added within one ABI version.
 */
#ifndef INGRESSKIT_C_H_
#define INGRESSKIT_C_H_

#include <stddef.h>
#include <stdint.h>

/* Only the shared library exports the entry points. The static library
 * keeps them hidden, so that a plugin linking libingresskit.a exports
 * nothing of ingresskit and cannot be bound to another plugin's copy. */
#if defined(INGRESSKIT_SHARED_BUILD) && \
    (defined(__GNUC__) || defined(__clang__))
#define INGRESSKIT_API __attribute__((visibility("default")))
#else
#define INGRESSKIT_API
#endif

/* C++ callers see that no entry point throws. */
#ifdef __cplusplus
#define INGRESSKIT_NOEXCEPT noexcept
#else
#define INGRESSKIT_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Versions -------------------------------------------------------- */

/* The release these headers belong to (semantic versioning). CMake reads
 * the project version from these three lines. */
#define INGRESSKIT_VERSION_MAJOR 0
#define INGRESSKIT_VERSION_MINOR 1
#define INGRESSKIT_VERSION_PATCH 0

/* The ABI these headers describe; also the shared library's SOVERSION. */
#define INGRESSKIT_ABI_VERSION 1

/* The loaded library's version, "MAJOR.MINOR.PATCH". Static storage: never
 * free it. Thread-safe. */
INGRESSKIT_API const char* ingresskit_version(void) INGRESSKIT_NOEXCEPT;

/* The loaded library's ABI version, to compare with INGRESSKIT_ABI_VERSION
 * before using anything else. Thread-safe. */
INGRESSKIT_API int ingresskit_abi_version(void) INGRESSKIT_NOEXCEPT;

/* ---- Errors ---------------------------------------------------------- */

#define INGRESSKIT_OK 0
#define INGRESSKIT_EINVAL (-1)      /* A NULL or out-of-range argument. */
#define INGRESSKIT_EPARSE (-2)      /* The text is not well-formed YAML/JSON. */
#define INGRESSKIT_EVALIDATION (-3) /* An object is invalid (strict mode). */
#define INGRESSKIT_ELIMIT (-4)      /* A configured limit was exceeded. */
#define INGRESSKIT_ENOMEM (-5)      /* Out of memory. */
#define INGRESSKIT_EINTERNAL (-6)   /* A bug in ingresskit; please report. */
#define INGRESSKIT_EUNSUPPORTED (-7) /* Not supported (yet) by this build. */
#define INGRESSKIT_EBADPATH (-8)     /* A request path the gateway refuses. */
#define INGRESSKIT_ERANGE (-9)       /* A caller's buffer is too small. */

/* Frozen for ABI 1: every fallible call takes one, and callers keep it on
 * the stack, so its size may never change. */
typedef struct ingresskit_error_t {
  int32_t code;      /* The value the function returned. */
  char message[512]; /* NUL-terminated, truncated to fit. */
} ingresskit_error_t;

/* A short name for a status code ("ok", "parse error", ...). Static
 * storage; unknown codes give "unknown status". Thread-safe. */
INGRESSKIT_API const char* ingresskit_status_str(int code) INGRESSKIT_NOEXCEPT;

/* Releases a buffer the library allocated for the caller. NULL is fine. */
INGRESSKIT_API void ingresskit_free(void* buffer) INGRESSKIT_NOEXCEPT;

/* ---- Options --------------------------------------------------------- */

#define INGRESSKIT_SEMANTICS_ISTIO 0      /* What an Istio gateway does. */
#define INGRESSKIT_SEMANTICS_KUBERNETES 1 /* What the Ingress API says. */
/* How Istio routes Gateway API HTTPRoutes (chosen by itself for an input
 * with HTTPRoutes and no Ingress). */
#define INGRESSKIT_SEMANTICS_GATEWAY_API 2

#define INGRESSKIT_CONTROLLER_DEFAULT 0
#define INGRESSKIT_CONTROLLER_STRICT 1
#define INGRESSKIT_CONTROLLER_OFF 2

#define INGRESSKIT_GLOB_PATH_SEPARATED 0 /* Current Istio. */
#define INGRESSKIT_GLOB_STRING 1         /* Istio 1.13 and earlier. */

#define INGRESSKIT_NORMALIZE_NONE 0
#define INGRESSKIT_NORMALIZE_BASE 1
#define INGRESSKIT_NORMALIZE_MERGE_SLASHES 2
#define INGRESSKIT_NORMALIZE_DECODE_AND_MERGE_SLASHES 3

#define INGRESSKIT_OPTIONS_VERSION 1

/* Compile options (docs/semantics.md says what each one changes). String
 * fields left NULL, and limits left 0, take the defaults shown. Copied by
 * the functions that take them: the caller keeps ownership and may reuse
 * the struct at once. Versioned: start from INGRESSKIT_OPTIONS_INIT or
 * ingresskit_options_init(). */
typedef struct ingresskit_options_t {
  uint32_t version;           /* INGRESSKIT_OPTIONS_VERSION */
  int32_t semantics;          /* INGRESSKIT_SEMANTICS_ISTIO */
  int32_t controller_mode;    /* INGRESSKIT_CONTROLLER_STRICT */
  int32_t glob_prefix;        /* INGRESSKIT_GLOB_PATH_SEPARATED */
  int32_t path_normalization; /* INGRESSKIT_NORMALIZE_BASE */
  int32_t strict;             /* 0: invalid objects are left out; 1: fail */
  const char* ingress_class;  /* "istio" */
  size_t ingress_class_len;
  const char* domain_suffix; /* "cluster.local" */
  size_t domain_suffix_len;
  const char* ingress_namespace; /* "istio-system" */
  size_t ingress_namespace_len;
  const char* ingress_selector; /* "ingressgateway" */
  size_t ingress_selector_len;
  const char* ingress_service; /* "istio-ingressgateway" */
  size_t ingress_service_len;
  uint64_t max_document_bytes;     /* 8 MiB */
  uint64_t max_routes;             /* 100000 */
  uint64_t max_path_bytes;         /* 8192 */
  uint64_t max_request_path_bytes; /* 65536 */
  uint32_t max_nesting_depth;      /* 64 */
} ingresskit_options_t;

#define INGRESSKIT_OPTIONS_INIT                                           \
  {                                                                       \
    INGRESSKIT_OPTIONS_VERSION, INGRESSKIT_SEMANTICS_ISTIO,               \
        INGRESSKIT_CONTROLLER_STRICT, INGRESSKIT_GLOB_PATH_SEPARATED,     \
        INGRESSKIT_NORMALIZE_BASE, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, \
        NULL, 0, 0, 0, 0, 0, 0                                            \
  }

/* Sets *options to the defaults of struct version `version` (1 ..
 * INGRESSKIT_OPTIONS_VERSION), writing only the bytes that version
 * defines: what INGRESSKIT_OPTIONS_INIT does, for bindings that cannot use
 * a macro. INGRESSKIT_EINVAL for NULL or a version this library does not
 * know (options untouched). Thread-safe. */
INGRESSKIT_API int ingresskit_options_init(
    ingresskit_options_t* options, unsigned version) INGRESSKIT_NOEXCEPT;

/* Sets the option called `name` (the field's name: "semantics",
 * "controller_mode", "ingress_class", "max_routes", ...) from its text, as
 * the CLI, Python and the conformance vectors spell values: "istio",
 * "STRICT", "path_separated", "BASE", "true"/"false" for strict, a whole
 * number for a limit, any non-empty string for a string option. Bindings
 * need no table of their own. A string option's field then points at
 * `value`: keep it alive while the struct is used. INGRESSKIT_EINVAL, with
 * a message naming the option, for an unknown name or a bad value (options
 * untouched). Thread-safe on distinct structs. */
INGRESSKIT_API int ingresskit_options_set(
    ingresskit_options_t* options, const char* name, size_t name_len,
    const char* value, size_t value_len,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- Tables ---------------------------------------------------------- */

typedef struct ingresskit_table_t ingresskit_table_t;

/* Parses, converts and compiles `text` (YAML or JSON; Ingress,
 * IngressClass, Service; a List, a YAML stream or a JSON array). On success
 * *out receives a new table, to be released with ingresskit_table_free().
 * Objects with errors are left out and reported as diagnostics, unless
 * options->strict. Fails with INGRESSKIT_EPARSE (malformed text),
 * INGRESSKIT_ELIMIT, INGRESSKIT_EVALIDATION (strict) or INGRESSKIT_EINVAL;
 * the error message then names the first problem. Thread-safe. */
INGRESSKIT_API int ingresskit_table_compile(
    const char* text, size_t len, const ingresskit_options_t* options,
    ingresskit_table_t** out, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* One named input, usually a file. Frozen for ABI 1: callers pass arrays
 * of it. Neither string is copied or needs a NUL terminator. */
typedef struct ingresskit_source_t {
  const char* name; /* "routes.yaml": how diagnostics name this input */
  size_t name_len;
  const char* text; /* YAML or JSON, as for ingresskit_table_compile() */
  size_t text_len;
} ingresskit_source_t;

/* ingresskit_table_compile() for `count` named inputs compiled as one
 * stream (a proxy watching several files). Each is parsed on its own, so
 * a diagnostic names its source (ingresskit_table_diagnostic_source()) and
 * counts lines from that source's start, and a failure's message says
 * where, as compilers do: "routes.yaml:12: error: Ingress default/web
 * spec.rules[0].host: ...". Thread-safe. */
INGRESSKIT_API int ingresskit_table_compile_sources(
    const ingresskit_source_t* sources, size_t count,
    const ingresskit_options_t* options, ingresskit_table_t** out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Releases a table reference. Views obtained from it stay valid while any
 * other reference to the same table (ingresskit_router_acquire) lives.
 * NULL is fine. */
INGRESSKIT_API void ingresskit_table_free(ingresskit_table_t* table)
    INGRESSKIT_NOEXCEPT;

/* Number of routes in the table (unreachable ones included); 0 for NULL. */
INGRESSKIT_API size_t ingresskit_table_route_count(
    const ingresskit_table_t* table) INGRESSKIT_NOEXCEPT;

#define INGRESSKIT_SEVERITY_ERROR 0
#define INGRESSKIT_SEVERITY_WARNING 1
#define INGRESSKIT_SEVERITY_INFO 2

/* What compiling reported. Strings are views valid while the table lives;
 * they are not NUL-terminated. Frozen for ABI 1: filled one at a time by
 * ingresskit_table_diagnostic(); more detail would come through a new
 * function with a versioned struct. */
typedef struct ingresskit_diagnostic_t {
  int32_t severity;   /* INGRESSKIT_SEVERITY_* */
  int32_t code;       /* The category, as an INGRESSKIT_E* code. */
  const char* object; /* "Ingress default/web"; may be empty */
  size_t object_len;
  const char* field; /* "spec.rules[0].host"; may be empty */
  size_t field_len;
  const char* message;
  size_t message_len;
  uint32_t line;   /* 1-based; 0 when unknown */
  uint32_t column; /* 1-based; 0 when unknown */
  int64_t offset;  /* Byte offset into the text; -1 when unknown */
} ingresskit_diagnostic_t;

/* Number of diagnostics; 0 for NULL. */
INGRESSKIT_API size_t ingresskit_table_diagnostic_count(
    const ingresskit_table_t* table) INGRESSKIT_NOEXCEPT;

/* Fills *out with diagnostic `index` (< the count), else INGRESSKIT_EINVAL. */
INGRESSKIT_API int ingresskit_table_diagnostic(
    const ingresskit_table_t* table, size_t index, ingresskit_diagnostic_t* out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* The name of the source diagnostic `index` is about (a view valid while
 * the table lives; empty when the table was compiled from one text, or
 * for a diagnostic about no single source). */
INGRESSKIT_API int ingresskit_table_diagnostic_source(
    const ingresskit_table_t* table, size_t index, const char** name,
    size_t* name_len, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- Matching -------------------------------------------------------- */

#define INGRESSKIT_MATCH_MATCHED 0
#define INGRESSKIT_MATCH_NO_ROUTE 1     /* 404: no host or no path matched */
#define INGRESSKIT_MATCH_INVALID_HOST 2 /* Whitespace, control bytes, NUL */
#define INGRESSKIT_MATCH_INVALID_PATH 3 /* Not absolute, %00, bad escapes */
#define INGRESSKIT_MATCH_PATH_TOO_LONG 4
/* ingresskit_table_match_tls() only: no HTTPS server accepts the TLS
 * server name, so the handshake fails before any request. */
#define INGRESSKIT_MATCH_NO_TLS_SERVER 5
/* Gateway API: the route that takes the request has a backend that does
 * not resolve; a proxy answers 500. `matched` is 0 and no route is
 * written, as for NO_ROUTE. */
#define INGRESSKIT_MATCH_BACKEND_UNRESOLVED 6

#define INGRESSKIT_PATH_TYPE_UNSET 0
#define INGRESSKIT_PATH_TYPE_EXACT 1
#define INGRESSKIT_PATH_TYPE_PREFIX 2
#define INGRESSKIT_PATH_TYPE_IMPLEMENTATION_SPECIFIC 3

#define INGRESSKIT_MATCH_VERSION 1

/* A route decision. Caller-owned; start from INGRESSKIT_MATCH_INIT or
 * ingresskit_match_init(), which set `version`. The library writes only the
 * bytes the caller's version defines. The string fields are views into the
 * table matched against (not NUL-terminated), valid while that table lives;
 * all are empty unless matched. */
typedef struct ingresskit_match_t {
  uint32_t version;           /* INGRESSKIT_MATCH_VERSION */
  uint8_t matched;            /* 1 when a route serves the request */
  uint8_t is_default_backend; /* Kubernetes semantics' default backend */
  int32_t status;             /* INGRESSKIT_MATCH_* */
  uint32_t port;              /* Destination port */
  uint32_t route_index;       /* Position in the host's routes (first match) */
  int32_t path_type;          /* INGRESSKIT_PATH_TYPE_* of the Ingress path */
  const char* destination;    /* "httpbin.default.svc.cluster.local" */
  size_t destination_len;
  const char* cluster; /* "outbound|8000||httpbin.default.svc.cluster.local" */
  size_t cluster_len;
  const char* service; /* "httpbin" */
  size_t service_len;
  const char* service_namespace; /* "default" */
  size_t service_namespace_len;
  const char* ingress_name; /* The Ingress the route came from */
  size_t ingress_name_len;
  const char* ingress_namespace;
  size_t ingress_namespace_len;
  const char* path; /* The Ingress path, as written there */
  size_t path_len;
  const char* virtual_host; /* The host it matched ("*", "*.foo.com") */
  size_t virtual_host_len;
} ingresskit_match_t;

#define INGRESSKIT_MATCH_INIT                                                 \
  {                                                                           \
    INGRESSKIT_MATCH_VERSION, 0, 0, INGRESSKIT_MATCH_NO_ROUTE, 0, 0, 0, NULL, \
        0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0      \
  }

/* Sets *match to "no route" for struct version `version` (1 ..
 * INGRESSKIT_MATCH_VERSION), writing only the bytes that version defines:
 * what INGRESSKIT_MATCH_INIT does, for bindings that cannot use a macro.
 * INGRESSKIT_EINVAL for NULL or a version this library does not know
 * (match untouched). Thread-safe. */
INGRESSKIT_API int ingresskit_match_init(ingresskit_match_t* match,
                                         unsigned version) INGRESSKIT_NOEXCEPT;

/* Which route serves the request. `host` is the Host header or :authority
 * (port, case and a trailing dot ignored); `path` the request target (query
 * and fragment ignored; normalised per the options). No route is
 * INGRESSKIT_OK with out->matched == 0; out->status says why. Lock-free,
 * allocation-free, thread-safe. */
INGRESSKIT_API int ingresskit_table_match(
    const ingresskit_table_t* table, const char* host, size_t host_len,
    const char* path, size_t path_len, ingresskit_match_t* out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ingresskit_table_match() that also gives the route's id in *route_id
 * (-1 when no route serves the request): what a proxy caches per route
 * (ingresskit_table_route_endpoints()) is then one array index away. */
INGRESSKIT_API int ingresskit_table_match_id(
    const ingresskit_table_t* table, const char* host, size_t host_len,
    const char* path, size_t path_len, ingresskit_match_t* out,
    int64_t* route_id, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* One request of a batch. Frozen for ABI 1: callers pass arrays of it, so
 * its size is part of the ABI. */
typedef struct ingresskit_request_t {
  const char* host;
  size_t host_len;
  const char* path;
  size_t path_len;
} ingresskit_request_t;

/* ingresskit_table_match() for `count` requests in one call; out[i] answers
 * requests[i] (each out[i] initialised with INGRESSKIT_MATCH_INIT or
 * ingresskit_match_init()). All or nothing: every request and every out[i]
 * is checked before any is written, and an invalid one is INGRESSKIT_EINVAL
 * with a message naming its index. */
INGRESSKIT_API int ingresskit_table_match_batch(
    const ingresskit_table_t* table, const ingresskit_request_t* requests,
    size_t count, ingresskit_match_t* out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Route ids: every route of a table has an id, 0 .. route_count - 1 (the
 * hosts' routes in order), plus route_count for the Kubernetes default
 * backend when there is one. Batch callers cache what they learn about an
 * id instead of copying it out for every request. */

/* Fills *out as a match on route `route_id` would (status MATCHED, views
 * valid while the table lives). INGRESSKIT_EINVAL for an unknown id. */
INGRESSKIT_API int ingresskit_table_route(
    const ingresskit_table_t* table, uint64_t route_id, ingresskit_match_t* out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* What the input says about the addresses behind a route's destination:
 * no endpoint data (a proxy uses the DNS name); ready endpoints to route
 * to; endpoint data but none ready (a proxy answers 503). */
#define INGRESSKIT_ENDPOINTS_UNKNOWN 0
#define INGRESSKIT_ENDPOINTS_READY 1
#define INGRESSKIT_ENDPOINTS_NONE_READY 2

/* The endpoints of route `route_id`, worked out when the table was
 * compiled (nothing is computed per request): *status receives an
 * INGRESSKIT_ENDPOINTS_* outcome and *count the number of ready
 * endpoints, read one by one with ingresskit_table_route_endpoint().
 * INGRESSKIT_EINVAL for an unknown id (outputs untouched). Thread-safe. */
INGRESSKIT_API int ingresskit_table_route_endpoints(
    const ingresskit_table_t* table, uint64_t route_id, int32_t* status,
    size_t* count, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Endpoint `index` (< the count) of route `route_id`, as "address:port"
 * ("[address]:port" for IPv6; sorted): a view into the table, valid while
 * it lives, not NUL-terminated. Thread-safe. */
INGRESSKIT_API int ingresskit_table_route_endpoint(
    const ingresskit_table_t* table, uint64_t route_id, size_t index,
    const char** data, size_t* len,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Matches `count` requests packed in one buffer: request i's host is the
 * next lengths[2*i] bytes of `data`, its path the lengths[2*i+1] bytes after
 * that. route_ids[i] receives the route id, or -1 when no route serves the
 * request (for any reason). The lengths must add up to `data_len`. */
INGRESSKIT_API int ingresskit_table_match_packed(
    const ingresskit_table_t* table, const char* data, size_t data_len,
    const size_t* lengths, size_t count, int64_t* route_ids,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* The most bytes a normalised path of `path_len` bytes can take: every
 * byte the normalisation escapes becomes three. */
#define INGRESSKIT_NORMALIZED_PATH_MAX(path_len) ((path_len)*3)

/* The path ingresskit_table_match() compares, which is also the path Envoy
 * forwards upstream: `path` (the request target) without its query and
 * fragment, normalised per the table's path_normalization. A proxy
 * forwards it followed by the request's own "?query". On success
 * buf[0 .. *out_len) holds it (no NUL terminator);
 * INGRESSKIT_NORMALIZED_PATH_MAX(path_len) bytes always suffice.
 * INGRESSKIT_EBADPATH for a path the gateway refuses (not absolute,
 * control bytes, %00, over the table's request path limit), where a match
 * gives INGRESSKIT_MATCH_INVALID_PATH or _PATH_TOO_LONG and a proxy
 * answers 400; INGRESSKIT_ERANGE when `cap` is too small (the message says
 * how large it must be). Nothing is written on failure. Lock-free,
 * allocation-free for paths up to 4 KiB, thread-safe. */
INGRESSKIT_API int ingresskit_table_normalize_path(
    const ingresskit_table_t* table, const char* path, size_t path_len,
    char* buf, size_t cap, size_t* out_len,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- TLS ------------------------------------------------------------- */

#define INGRESSKIT_TLS_VERSION 1

/* Which HTTPS server, and so which certificate, a TLS server name gets.
 * Caller-owned; start from INGRESSKIT_TLS_INIT or ingresskit_tls_init().
 * The strings are views into the table (not NUL-terminated), valid while
 * it lives; all are empty unless found. The key's bytes are the Secret's:
 * keep them out of logs. */
typedef struct ingresskit_tls_t {
  uint32_t version;     /* INGRESSKIT_TLS_VERSION */
  uint8_t found;        /* 1 when a server accepts the name */
  uint8_t secret_found; /* 1 when the input holds its Secret */
  const char* server;   /* "https-443-ingress-<ingress>-<namespace>-<i>" */
  size_t server_len;
  const char* credential_name; /* The Ingress's secretName */
  size_t credential_name_len;
  const char* secret; /* "<gateway namespace>/<credential name>" */
  size_t secret_len;
  const char* certificate; /* PEM chain, as the Secret holds it */
  size_t certificate_len;
  const char* private_key; /* PEM key, as the Secret holds it */
  size_t private_key_len;
} ingresskit_tls_t;

#define INGRESSKIT_TLS_INIT \
  { INGRESSKIT_TLS_VERSION, 0, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0 }

/* Sets *tls to "not found" for struct version `version`, writing only the
 * bytes that version defines. INGRESSKIT_EINVAL for NULL or an unknown
 * version (tls untouched). Thread-safe. */
INGRESSKIT_API int ingresskit_tls_init(ingresskit_tls_t* tls,
                                       unsigned version) INGRESSKIT_NOEXCEPT;

/* The HTTPS server a TLS client naming `server_name` (SNI; length 0 for a
 * client that names none) is served by: a server with that exact host,
 * else the longest `*.suffix` the name ends in, else one with host `*`.
 * No server is INGRESSKIT_OK with out->found == 0: the handshake must
 * fail. Case-insensitive. Thread-safe. */
INGRESSKIT_API int ingresskit_table_tls(
    const ingresskit_table_t* table, const char* server_name,
    size_t server_name_len, ingresskit_tls_t* out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ingresskit_table_match() for a request that arrived over TLS naming
 * `server_name` (SNI; length 0 for none), answered as Istio's gateway
 * answers it: by the route configuration of the HTTPS server that name
 * selects (as ingresskit_table_tls() selects it), which holds only the
 * hosts whose first Ingress is that server's Ingress, so a route that
 * serves plain HTTP can be a 404 over HTTPS (istio/istio#24385). No server
 * for the name is INGRESSKIT_OK with out->status
 * INGRESSKIT_MATCH_NO_TLS_SERVER. `route_id`, if not NULL, receives the
 * route's id (the id ingresskit_table_route() and
 * ingresskit_table_route_endpoints() take), or -1 when no route serves the
 * request. Nothing is written on failure. Lock-free, allocation-free for
 * paths up to 4 KiB, thread-safe. */
INGRESSKIT_API int ingresskit_table_match_tls(
    const ingresskit_table_t* table, const char* server_name,
    size_t server_name_len, const char* host, size_t host_len, const char* path,
    size_t path_len, ingresskit_match_t* out, int64_t* route_id,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- The lean answer, for a proxy's request path ------------------- */

/* What a proxy forwards a request with: the decision, the route's id, its
 * cluster, destination and port, and the count of ready endpoints to pick
 * from (ingresskit_table_route_endpoint() with this route_id). Everything
 * else about the route is one ingresskit_table_route() away, by id.
 * Caller-owned; start from INGRESSKIT_TARGET_INIT or
 * ingresskit_target_init(). Versioned like ingresskit_match_t: the library
 * writes only the fields the caller's `version` defines. Views point into
 * the table and stay valid while it lives. */
#define INGRESSKIT_TARGET_VERSION 1
typedef struct ingresskit_target_t {
  uint32_t version;        /* INGRESSKIT_TARGET_VERSION */
  int32_t status;          /* INGRESSKIT_MATCH_* */
  int64_t route_id;        /* -1 unless status is INGRESSKIT_MATCH_MATCHED */
  uint32_t port;           /* Destination port */
  int32_t endpoint_status; /* INGRESSKIT_ENDPOINTS_* */
  size_t endpoint_count;   /* Ready endpoints (INGRESSKIT_ENDPOINTS_READY) */
  const char* cluster;     /* "outbound|8000||httpbin.default.svc..." */
  size_t cluster_len;
  const char* destination; /* "httpbin.default.svc.cluster.local" */
  size_t destination_len;
} ingresskit_target_t;

#define INGRESSKIT_TARGET_INIT                                   \
  {                                                              \
    INGRESSKIT_TARGET_VERSION, INGRESSKIT_MATCH_NO_ROUTE, -1, 0, \
        INGRESSKIT_ENDPOINTS_UNKNOWN, 0, NULL, 0, NULL, 0        \
  }

/* Sets *target to "no route" for struct version `version` (1 ..
 * INGRESSKIT_TARGET_VERSION), writing only the bytes that version defines.
 * INGRESSKIT_EINVAL for NULL or an unknown version (target untouched).
 * Thread-safe. */
INGRESSKIT_API int ingresskit_target_init(ingresskit_target_t* target,
                                          unsigned version) INGRESSKIT_NOEXCEPT;

/* The same decision as ingresskit_table_match() (server_name NULL: a
 * plain-HTTP request) or ingresskit_table_match_tls() (server_name the
 * SNI, server_name_len 0 for none: a request over TLS, which may get
 * INGRESSKIT_MATCH_NO_TLS_SERVER), answered with the lean
 * ingresskit_target_t: the one call a proxy makes per request. Nothing is
 * written on failure. Lock-free, allocation-free for paths up to 4 KiB,
 * thread-safe. */
INGRESSKIT_API int ingresskit_table_target(
    const ingresskit_table_t* table, const char* server_name,
    size_t server_name_len, const char* host, size_t host_len, const char* path,
    size_t path_len, ingresskit_target_t* out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Many routes by id in one call: out[i] (if out is not NULL) as
 * ingresskit_table_route() fills it, and targets[i] (if targets is not
 * NULL) with route route_ids[i]'s lean answer, as a match on it would give.
 * Each struct initialised (INGRESSKIT_MATCH_INIT, INGRESSKIT_TARGET_INIT or
 * the init functions). All or nothing: an unknown id or a struct of an
 * unknown version is INGRESSKIT_EINVAL naming its index, and nothing is
 * written. What bindings and per-route caches call to learn many routes in
 * one crossing. Thread-safe. */
INGRESSKIT_API int ingresskit_table_route_batch(
    const ingresskit_table_t* table, const uint64_t* route_ids, size_t count,
    ingresskit_match_t* out, ingresskit_target_t* targets,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- Why a request goes where it goes -------------------------------- */

/* The table's decision for one request, explained as one JSON object
 * (`ingresskit explain`'s: request, normalized, host_selection, routes,
 * winner, shadowed, decision; docs/analyze.md). Its decision is always
 * ingresskit_table_match()'s. On success *out receives a NUL-terminated
 * buffer of *out_len bytes (the NUL not counted), released with
 * ingresskit_free(). Nothing is written on failure. Thread-safe. */
INGRESSKIT_API int ingresskit_table_explain(
    const ingresskit_table_t* table, const char* host, size_t host_len,
    const char* path, size_t path_len, char** out, size_t* out_len,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- Lint, diff and route tests ------------------------------------- */

/* Findings about a configuration that is valid but almost surely wrong
 * (`ingresskit lint`: duplicate-route, unreachable-route, envoy-rejects-route,
 * ...; docs/analyze.md), for `count` named sources compiled with `options`
 * (NULL: defaults), as one JSON array of {code, severity, object, field,
 * line, source, message}. The input's own errors are not findings: an input
 * that does not compile fails as ingresskit_table_compile_sources() does.
 * On success *out receives a NUL-terminated buffer of *out_len bytes,
 * released with ingresskit_free(). Nothing is written on failure.
 * Thread-safe. */
INGRESSKIT_API int ingresskit_lint(const ingresskit_source_t* sources,
                                   size_t count,
                                   const ingresskit_options_t* options,
                                   char** out, size_t* out_len,
                                   ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ingresskit_diff() flag: also report requests that keep their destination
 * and port but are served by another route (same_backend_other_route). */
#define INGRESSKIT_DIFF_ALL 1u

/* Which requests the two tables decide differently, exactly (`ingresskit
 * diff`): one JSON object {old, new, complete, summary {classes, changed},
 * changes [...]}. For two semantics of one input, compile it twice with
 * options differing in semantics. `flags`: 0 or INGRESSKIT_DIFF_ALL; other
 * bits are INGRESSKIT_EINVAL. Buffer and failure as ingresskit_lint().
 * Thread-safe; the tables may be in use by other threads. */
INGRESSKIT_API int ingresskit_diff(const ingresskit_table_t* old_table,
                                   const ingresskit_table_t* new_table,
                                   unsigned flags, char** out, size_t* out_len,
                                   ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Runs route tests (`ingresskit test`: YAML or JSON text, ingresskit's form
 * or Envoy's router_check form) against the table: one JSON object
 * {summary {total, passed, failed}, results, coverage}. A failing test is a
 * result, not an error; a malformed test file is INGRESSKIT_EVALIDATION (or
 * the syntax error) naming the test and field. Buffer and failure as
 * ingresskit_lint(). Thread-safe. */
INGRESSKIT_API int ingresskit_table_test(
    const ingresskit_table_t* table, const char* tests, size_t tests_len,
    char** out, size_t* out_len, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- Generated configuration ---------------------------------------- */

#define INGRESSKIT_FORMAT_ISTIO_YAML 0 /* Gateways + VirtualServices */
#define INGRESSKIT_FORMAT_ISTIO_JSON 1
#define INGRESSKIT_FORMAT_ENVOY_JSON 2  /* RouteConfiguration (v3) */
#define INGRESSKIT_FORMAT_STATUS_JSON 3 /* Ingress status */
/* Gateway API Gateway + HTTPRoutes that route as the Ingresses do (what
 * `ingresskit migrate` writes, without its warnings and proof); tables of
 * semantics istio only. */
#define INGRESSKIT_FORMAT_GATEWAY_API_YAML 4

/* The configuration Istio would generate from the table, in `format`. On
 * success *out receives a NUL-terminated buffer of *out_len bytes (the NUL
 * not counted), released with ingresskit_free(). Deterministic: the same
 * table gives the same bytes. INGRESSKIT_EUNSUPPORTED for a table compiled
 * from Gateway API input, and for FORMAT_GATEWAY_API_YAML from a table of
 * another semantics than istio. Thread-safe. */
INGRESSKIT_API int ingresskit_table_generate(
    const ingresskit_table_t* table, int32_t format, char** out,
    size_t* out_len, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ---- Hot reload ------------------------------------------------------ */

typedef struct ingresskit_router_t ingresskit_router_t;

/* A router starting with an empty table (version 0). The options are
 * copied and used for every update. Release with ingresskit_router_free(). */
INGRESSKIT_API int ingresskit_router_new(
    const ingresskit_options_t* options, ingresskit_router_t** out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Releases the router; tables acquired from it stay valid. NULL is fine. */
INGRESSKIT_API void ingresskit_router_free(ingresskit_router_t* router)
    INGRESSKIT_NOEXCEPT;

/* Compiles `text` off to the side and, on success, makes it the current
 * table (the version grows by one). On failure the current table and
 * version stay (last known good) and the error says why. */
INGRESSKIT_API int ingresskit_router_update(
    ingresskit_router_t* router, const char* text, size_t len,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ingresskit_router_update() that also reports, in *version, the version
 * this update installed: reading ingresskit_router_version() afterwards
 * could see a later update made by another thread meanwhile. `version` may
 * be NULL; it is written only on success. */
INGRESSKIT_API int ingresskit_router_commit(
    ingresskit_router_t* router, const char* text, size_t len,
    uint64_t* version, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* ingresskit_router_commit() for several named inputs, compiled as
 * ingresskit_table_compile_sources() compiles them; a failure's message
 * names the source and line. */
INGRESSKIT_API int ingresskit_router_update_sources(
    ingresskit_router_t* router, const ingresskit_source_t* sources,
    size_t count, uint64_t* version,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* The current version: 0 before the first successful update, 0 for NULL. */
INGRESSKIT_API uint64_t ingresskit_router_version(
    const ingresskit_router_t* router) INGRESSKIT_NOEXCEPT;

/* A new reference to the current table (and its version, if `version` is
 * not NULL), released with ingresskit_table_free(). Lock-free. Match many
 * requests on it to pay for the reference once. */
INGRESSKIT_API int ingresskit_router_acquire(
    const ingresskit_router_t* router, ingresskit_table_t** table,
    uint64_t* version, ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

/* Matches on the current table. *table receives a new reference to the
 * table that answered, which keeps `out`'s views valid; release it with
 * ingresskit_table_free(). `version`, if not NULL, receives its version.
 * Lock-free. */
INGRESSKIT_API int ingresskit_router_match(
    const ingresskit_router_t* router, const char* host, size_t host_len,
    const char* path, size_t path_len, ingresskit_table_t** table,
    uint64_t* version, ingresskit_match_t* out,
    ingresskit_error_t* err) INGRESSKIT_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* INGRESSKIT_C_H_ */
