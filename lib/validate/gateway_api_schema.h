// The Gateway API schema's limits and its rules for an HTTPRoute path
// value, shared by validation and by migration, which must not write an
// object the API server would refuse.
#ifndef INGRESSKIT_LIB_VALIDATE_GATEWAY_API_SCHEMA_H_
#define INGRESSKIT_LIB_VALIDATE_GATEWAY_API_SCHEMA_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ingresskit::validate_internal {

// The schema's limits (gateway-api apis/v1).
inline constexpr size_t kMaxListeners = 64;
inline constexpr size_t kMaxParentRefs = 32;
inline constexpr size_t kMaxHostnames = 16;
inline constexpr size_t kMaxRules = 16;
inline constexpr size_t kMaxMatchesPerRule = 64;
inline constexpr size_t kMaxMatchesPerRoute = 128;
inline constexpr size_t kMaxPathValue = 1024;
inline constexpr int32_t kMaxWeight = 1000000;

// Why `value` is not a valid path value, or empty when it is.
std::string CheckHttpPathValue(std::string_view value);

}  // namespace ingresskit::validate_internal

#endif  // INGRESSKIT_LIB_VALIDATE_GATEWAY_API_SCHEMA_H_
