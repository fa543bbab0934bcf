// Limits that bound the work and memory any input can cost. Each is
// configurable; exceeding one is an ErrorCode::kLimit error, never a crash,
// a hang or a silent truncation.
#ifndef INGRESSKIT_LIMITS_H_
#define INGRESSKIT_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace ingresskit {

struct Limits {
  // Bytes of text handed to one Parse call (all documents of a stream).
  size_t max_document_bytes = size_t{8} << 20;
  // Nesting of mappings and sequences (objects and arrays).
  uint32_t max_nesting_depth = 64;
  // HTTP paths over all Ingresses of one input; each becomes a route.
  size_t max_routes = 100000;
  // Bytes of one path in an Ingress.
  size_t max_path_bytes = 8192;
  // Bytes of one request path presented for matching.
  size_t max_request_path_bytes = 65536;
};

}  // namespace ingresskit

#endif  // INGRESSKIT_LIMITS_H_
