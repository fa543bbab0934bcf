// What the C entry points share: the handle types, error reporting and the
// guard that keeps every C++ exception on this side of the boundary.
#ifndef INGRESSKIT_CAPI_CAPI_INTERNAL_H_
#define INGRESSKIT_CAPI_CAPI_INTERNAL_H_

#include <new>
#include <string_view>
#include <vector>

#include "ingresskit.h"
#include "ingresskit/diagnostics.h"
#include "ingresskit/options.h"
#include "ingresskit/route_table.h"

struct ingresskit_table_t {
  ingresskit::RouteTable table;
  std::vector<ingresskit::Diagnostic> diagnostics;
};

struct ingresskit_router_t {
  explicit ingresskit_router_t(ingresskit::CompileOptions options)
      : router(std::move(options)) {}
  ingresskit::Router router;
};

namespace ingresskit::capi {

// Records `code` and `message` in `err` (if given) and returns `code`.
int Fail(ingresskit_error_t* err, int code, std::string_view message);
// Clears `err` to INGRESSKIT_OK and returns INGRESSKIT_OK.
int Succeed(ingresskit_error_t* err);

int ToStatus(ErrorCode code);

// (pointer, length) as a view; false for NULL with a non-zero length.
bool ToView(const char* data, size_t length, std::string_view& out);

// Options from the C struct (NULL: defaults), or an INGRESSKIT_EINVAL.
int ToOptions(const ingresskit_options_t* in, CompileOptions& out,
              ingresskit_error_t* err);

// Runs `body` and turns any exception into an error code: the C ABI must
// never let one escape.
template <typename Body>
int Guard(ingresskit_error_t* err, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(err, INGRESSKIT_ENOMEM, "out of memory");
  } catch (...) {
    return Fail(err, INGRESSKIT_EINTERNAL,
                "internal error: an unexpected exception was caught");
  }
}

// Fills a match struct from a C++ result (views into `result`'s table).
void FillMatch(const MatchResult& result, ingresskit_match_t& out);

}  // namespace ingresskit::capi

#endif  // INGRESSKIT_CAPI_CAPI_INTERNAL_H_
