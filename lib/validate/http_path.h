// The Gateway API schema's rules for an HTTPRoute path value (Exact and
// PathPrefix), shared by validation and by migration, which must not
// write a path the API server would refuse.
#ifndef INGRESSKIT_LIB_VALIDATE_HTTP_PATH_H_
#define INGRESSKIT_LIB_VALIDATE_HTTP_PATH_H_

#include <string>
#include <string_view>

namespace ingresskit::validate_internal {

// Why `value` is not a valid path value, or empty when it is.
std::string CheckHttpPathValue(std::string_view value);

}  // namespace ingresskit::validate_internal

#endif  // INGRESSKIT_LIB_VALIDATE_HTTP_PATH_H_
