// String helpers over Abseil that accept std::string_view.
//
// Debian's Abseil (20220623) is built with its own absl::string_view rather
// than an alias of std::string_view, so std::string_view arguments do not
// convert to absl::AlphaNum. These forwarders convert at the boundary and
// pass everything else (numbers, absl::Hex) through untouched.
#ifndef INGRESSKIT_LIB_COMMON_STRINGS_H_
#define INGRESSKIT_LIB_COMMON_STRINGS_H_

#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ingresskit::internal {

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

template <typename T>
decltype(auto) AbslArg(const T& value) {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return ToAbsl(std::string_view(value));
  } else {
    return (value);
  }
}

template <typename... Args>
std::string StrCat(const Args&... args) {
  return absl::StrCat(AbslArg(args)...);
}

template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  absl::StrAppend(out, AbslArg(args)...);
}

}  // namespace ingresskit::internal

#endif  // INGRESSKIT_LIB_COMMON_STRINGS_H_
