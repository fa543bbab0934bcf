// What a YAML scalar means once untagged plain scalars are resolved the way
// Kubernetes tooling resolves them (YAML 1.1 as go-yaml v2 does: `yes` and
// `on` are booleans, `0x1F` and `0755` are integers, `~` is null).
#ifndef INGRESSKIT_LIB_PARSE_YAML_SCALAR_H_
#define INGRESSKIT_LIB_PARSE_YAML_SCALAR_H_

#include <cstdint>
#include <string_view>

namespace ingresskit::parse_internal {

struct ResolvedScalar {
  enum class Kind : uint8_t { kNull, kBool, kInt64, kUint64, kDouble, kString };
  Kind kind = Kind::kString;
  bool bool_value = false;
  int64_t int_value = 0;
  uint64_t uint_value = 0;
  double double_value = 0;
};

// Resolves an untagged plain scalar. Quoted and block scalars are always
// strings and never reach this.
ResolvedScalar ResolvePlainScalar(std::string_view text);

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_YAML_SCALAR_H_
