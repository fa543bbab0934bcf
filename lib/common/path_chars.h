// What Envoy's path normalisation (BASE, docs/semantics.md §7) does with
// each byte: shared by the request normaliser, which applies it, and the
// converter, which warns about Ingress paths no normalised request can
// ever equal.
#ifndef INGRESSKIT_LIB_COMMON_PATH_CHARS_H_
#define INGRESSKIT_LIB_COMMON_PATH_CHARS_H_

#include <array>

namespace ingresskit::internal {

// Bytes BASE writes as %XY: ", <, >, ^, `, {, |, } and every byte from 0x80
// up. (Control bytes, space and DEL never reach it: the gateway refuses
// them.)
constexpr std::array<bool, 256> MakeEscapedByPath() {
  std::array<bool, 256> escaped{};
  for (unsigned char c : {'"', '<', '>', '^', '`', '{', '|', '}'}) {
    escaped[c] = true;
  }
  for (int c = 0x80; c < 256; ++c) escaped[c] = true;
  return escaped;
}
inline constexpr std::array<bool, 256> kEscapedByPath = MakeEscapedByPath();

// Characters whose escapes BASE decodes: RFC 3986's unreserved set (`.`
// included: an encoded dot is a dot).
constexpr std::array<bool, 256> MakeDecodedInPath() {
  std::array<bool, 256> decoded{};
  for (int c = 0; c < 256; ++c) {
    decoded[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~' ||
                 c == '.';
  }
  return decoded;
}
inline constexpr std::array<bool, 256> kDecodedInPath = MakeDecodedInPath();

// The value of a hex digit, or -1.
constexpr int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace ingresskit::internal

#endif  // INGRESSKIT_LIB_COMMON_PATH_CHARS_H_
