// What the C entry points share: the handle types, error reporting and the
// guard that keeps every C++ exception on this side of the boundary.
#ifndef INGRESSKIT_CAPI_CAPI_INTERNAL_H_
#define INGRESSKIT_CAPI_CAPI_INTERNAL_H_

#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/c.h"
#include "ingresskit/diagnostics.h"
#include "ingresskit/options.h"
#include "ingresskit/route_table.h"
#include "struct_versions.h"

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

// Every version of the versioned structs this library knows.
inline constexpr StructVersions<INGRESSKIT_OPTIONS_VERSION> kOptionsVersions{
    "ingresskit_options_t",
    {INGRESSKIT_BYTES_THROUGH(ingresskit_options_t, max_nesting_depth)}};
inline constexpr StructVersions<INGRESSKIT_MATCH_VERSION> kMatchVersions{
    "ingresskit_match_t",
    {INGRESSKIT_BYTES_THROUGH(ingresskit_match_t, virtual_host_len)}};

inline constexpr StructVersions<INGRESSKIT_TARGET_VERSION> kTargetVersions{
    "ingresskit_target_t",
    {INGRESSKIT_BYTES_THROUGH(ingresskit_target_t, destination_len)}};

inline constexpr StructVersions<INGRESSKIT_TLS_VERSION> kTlsVersions{
    "ingresskit_tls_t",
    {INGRESSKIT_BYTES_THROUGH(ingresskit_tls_t, private_key_len)}};

// Why `version` of a struct is refused: a version this library does not
// know (0 is the usual one: a struct not started from its _INIT).
template <size_t kVersions>
std::string VersionError(const StructVersions<kVersions>& versions,
                         uint32_t version, const char* init_macro) {
  return std::string(versions.name) + ".version " + std::to_string(version) +
         " is not one this library knows (1.." +
         std::to_string(versions.latest()) + "); start from " + init_macro;
}

// Why a compile or update failed, as its error message says it: the first
// error (else the first diagnostic), compiler style when it names a source.
std::string FirstProblem(const std::vector<Diagnostic>& diagnostics);

// The C sources as C++ ones (views), or an INGRESSKIT_EINVAL naming the
// first bad one.
int ToSources(const ingresskit_source_t* sources, size_t count,
              std::vector<Source>& out, ingresskit_error_t* err);

// `text` in a NUL-terminated malloc'd buffer the caller releases with
// ingresskit_free(): *out and *out_len, or ENOMEM with nothing written.
int HandOut(const std::string& text, char** out, size_t* out_len,
            ingresskit_error_t* err);

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

// Fills a match struct from a C++ result of `table` (views into it).
void FillMatch(const RouteTable& table, const MatchResult& result,
               ingresskit_match_t& out);

}  // namespace ingresskit::capi

#endif  // INGRESSKIT_CAPI_CAPI_INTERNAL_H_
