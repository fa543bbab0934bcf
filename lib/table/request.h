// Request host and path as the gateway sees them before routing
// (docs/semantics.md §7): host lower-cased without port or trailing dot; path
// without query or fragment, normalised per Istio's pathNormalization.
#ifndef INGRESSKIT_LIB_TABLE_REQUEST_H_
#define INGRESSKIT_LIB_TABLE_REQUEST_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "ingresskit/options.h"
#include "ingresskit/route_table.h"

namespace ingresskit::table_internal {

// Memory for one normalised string: on the stack up to kMatchStackPathBytes,
// beyond that a per-thread buffer that grows once (Tag keeps the host's and
// the path's buffers apart). Null when that buffer cannot grow: matching
// must fail cleanly, never throw.
template <typename Tag>
class Scratch {
 public:
  char* Get(size_t size) noexcept {
    if (size <= sizeof(stack_)) return stack_;
    thread_local std::string heap;
    if (heap.size() < size) {
      try {
        heap.resize(size);
      } catch (...) {
        return nullptr;
      }
    }
    return heap.data();
  }

 private:
  char stack_[kMatchStackPathBytes];
};

struct HostTag {};
struct PathTag {};

// The host to look up, written into `scratch` when it had to change.
// kInvalidHost for whitespace, control bytes or NUL, or a host longer than
// `max_bytes`.
MatchStatus NormalizeHost(std::string_view raw, size_t max_bytes,
                          Scratch<HostTag>& scratch, std::string_view& out);

// The path to match. kInvalidPath when it does not start with `/`, holds
// control bytes, `%00` or a malformed escape; kPathTooLong over `max_bytes`.
MatchStatus NormalizePath(std::string_view raw, PathNormalization mode,
                          size_t max_bytes, Scratch<PathTag>& scratch,
                          std::string_view& out);

}  // namespace ingresskit::table_internal

#endif  // INGRESSKIT_LIB_TABLE_REQUEST_H_
