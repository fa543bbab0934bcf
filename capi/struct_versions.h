// Versioned C structs, libgit2-style: each version of a struct is a longer
// prefix of the current one, and the library touches only the prefix that
// the caller's `version` defines. A program built against an older header
// thus passes a smaller struct than the library's, and must be neither
// overrun (outputs) nor misread (inputs).
#ifndef INGRESSKIT_CAPI_STRUCT_VERSIONS_H_
#define INGRESSKIT_CAPI_STRUCT_VERSIONS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "ingresskit/c.h"

namespace ingresskit::capi {

// The bytes that define a struct up to and including `field`: a version's
// size, without the tail padding a later version may reuse.
#define INGRESSKIT_BYTES_THROUGH(type, field) \
  (offsetof(type, field) + sizeof(static_cast<type*>(nullptr)->field))

// Sizes of each version of one struct: sizes[v - 1] is version v's.
template <size_t kVersions>
struct StructVersions {
  const char* name;  // "ingresskit_match_t", for error messages.
  size_t sizes[kVersions];

  static constexpr uint32_t latest() { return kVersions; }
  // The bytes version `version` defines, or 0 for a version this library
  // does not know (0, or newer than the library).
  constexpr size_t Bytes(uint32_t version) const {
    if (version == 0 || version > kVersions) return 0;
    return sizes[version - 1];
  }
};

// What every `ingresskit_*_init(struct, version)` does: the bytes
// `version` defines, from `init` with that version in it. The C: INGRESSKIT_OK,
// or INGRESSKIT_EINVAL for NULL or an unknown version (nothing written).
template <typename Struct, size_t kVersions>
int InitVersioned(Struct* out, unsigned version,
                  const StructVersions<kVersions>& versions, Struct init) {
  const size_t bytes = versions.Bytes(version);
  if (out == nullptr || bytes == 0) return INGRESSKIT_EINVAL;
  init.version = version;
  std::memcpy(static_cast<void*>(out), &init, bytes);
  return INGRESSKIT_OK;
}

// Copies the defined prefix of `full` into the caller's struct, except its
// first field, the `version` (a uint32_t in every versioned struct), which
// stays the caller's.
template <typename Struct>
void WriteVersioned(const Struct& full, Struct* out, size_t bytes) {
  constexpr size_t kVersionBytes = sizeof(uint32_t);
  if (bytes <= kVersionBytes) return;  // No version defines so little.
  std::memcpy(reinterpret_cast<char*>(out) + kVersionBytes,
              reinterpret_cast<const char*>(&full) + kVersionBytes,
              bytes - kVersionBytes);
}

// Has `fill` set every field but `version` of the caller's struct, which
// has `bytes` of them defined: in place when the caller's version is the
// library's (nothing else to keep: the hot path), else in a full struct
// from `init` of which the caller's prefix is copied out. (Filling a
// temporary field by field and copying it out whole costs a request as
// much as the match: the wide loads wait for the narrow stores.)
template <typename Struct, typename Fill>
void WriteFields(Struct* out, size_t bytes, Fill fill,
                 const Struct& init = Struct{}) {
  if (bytes == sizeof(Struct)) {
    fill(*out);
    return;
  }
  Struct full = init;
  fill(full);
  WriteVersioned(full, out, bytes);
}

// The caller's struct as the library's current one: the defined prefix
// from `in`, every later field from `defaults`.
template <typename Struct>
Struct ReadVersioned(const Struct* in, const Struct& defaults, size_t bytes) {
  Struct full = defaults;
  std::memcpy(static_cast<void*>(&full), in, bytes);
  return full;
}

}  // namespace ingresskit::capi

#endif  // INGRESSKIT_CAPI_STRUCT_VERSIONS_H_
