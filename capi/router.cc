// Routers: hot reload behind the C ABI.
#include <string>

#include "capi_internal.h"

using namespace ingresskit::capi;  // NOLINT: the C entry points below.

extern "C" {

int ingresskit_router_new(const ingresskit_options_t* options,
                          ingresskit_router_t** out,
                          ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (out == nullptr) return Fail(err, INGRESSKIT_EINVAL, "out is NULL");
    ingresskit::CompileOptions compile_options;
    if (int rc = ToOptions(options, compile_options, err)) return rc;
    *out = new ingresskit_router_t(std::move(compile_options));
    return Succeed(err);
  });
}

void ingresskit_router_free(ingresskit_router_t* router) noexcept {
  delete router;
}

int ingresskit_router_update(ingresskit_router_t* router, const char* text,
                             size_t len, ingresskit_error_t* err) noexcept {
  return ingresskit_router_commit(router, text, len, nullptr, err);
}

int ingresskit_router_commit(ingresskit_router_t* router, const char* text,
                             size_t len, uint64_t* version,
                             ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view source;
    if (router == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "router is NULL");
    }
    if (!ToView(text, len, source)) {
      return Fail(err, INGRESSKIT_EINVAL, "text is NULL but len is not 0");
    }
    ingresskit::UpdateResult result = router->router.Update(source);
    if (!result.ok()) {
      return Fail(err, ToStatus(result.status),
                  FirstProblem(result.diagnostics));
    }
    if (version != nullptr) *version = result.version;
    return Succeed(err);
  });
}

int ingresskit_router_update_sources(ingresskit_router_t* router,
                                     const ingresskit_source_t* sources,
                                     size_t count, uint64_t* version,
                                     ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (router == nullptr)
      return Fail(err, INGRESSKIT_EINVAL, "router is NULL");
    std::vector<ingresskit::Source> views;
    if (int rc = ToSources(sources, count, views, err)) return rc;
    ingresskit::UpdateResult result = router->router.Update(views);
    if (!result.ok()) {
      return Fail(err, ToStatus(result.status),
                  FirstProblem(result.diagnostics));
    }
    if (version != nullptr) *version = result.version;
    return Succeed(err);
  });
}

uint64_t ingresskit_router_version(const ingresskit_router_t* router) noexcept {
  return router == nullptr ? 0 : router->router.version();
}

int ingresskit_router_acquire(const ingresskit_router_t* router,
                              ingresskit_table_t** table, uint64_t* version,
                              ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (router == nullptr || table == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "router or table is NULL");
    }
    ingresskit::Router::Snapshot snapshot = router->router.Current();
    *table = new ingresskit_table_t{std::move(snapshot.table), {}};
    if (version != nullptr) *version = snapshot.version;
    return Succeed(err);
  });
}

int ingresskit_router_match(const ingresskit_router_t* router, const char* host,
                            size_t host_len, const char* path, size_t path_len,
                            ingresskit_table_t** table, uint64_t* version,
                            ingresskit_match_t* out,
                            ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (router == nullptr || table == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "router or table is NULL");
    }
    ingresskit_table_t* acquired = nullptr;
    uint64_t acquired_version = 0;
    if (int rc = ingresskit_router_acquire(router, &acquired, &acquired_version,
                                           err)) {
      return rc;
    }
    int rc = ingresskit_table_match(acquired, host, host_len, path, path_len,
                                    out, err);
    if (rc != INGRESSKIT_OK) {
      ingresskit_table_free(acquired);
      return rc;
    }
    *table = acquired;
    if (version != nullptr) *version = acquired_version;
    return INGRESSKIT_OK;
  });
}

}  // extern "C"
