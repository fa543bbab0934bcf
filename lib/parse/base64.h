// Base64 as the Kubernetes API writes Secret data: the standard alphabet
// with padding (RFC 4648 §4), nothing else.
#ifndef INGRESSKIT_LIB_PARSE_BASE64_H_
#define INGRESSKIT_LIB_PARSE_BASE64_H_

#include <string>
#include <string_view>

namespace ingresskit::parse_internal {

// Decodes `text` into `out` (sized once, so that no copy of the bytes is
// left behind in a reallocated buffer). False, with `out` empty, for text
// that is not strict padded base64.
bool DecodeBase64(std::string_view text, std::string& out);

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_BASE64_H_
