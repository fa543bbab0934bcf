#include "parse/yaml_scalar.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace ingresskit::parse_internal {
namespace {

using Kind = ResolvedScalar::Kind;

bool IsOneOf(std::string_view text,
             std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

// Go's strconv.ParseUint(s, 0, 64) digits: 0x/0o/0b prefixes, a leading 0
// meaning octal, underscores already removed.
bool ParseUnsignedBase0(std::string_view digits, uint64_t& out) {
  int base = 10;
  if (digits.size() > 1 && digits[0] == '0') {
    char marker = absl::ascii_tolower(digits[1]);
    if (marker == 'x') {
      base = 16;
      digits.remove_prefix(2);
    } else if (marker == 'o') {
      base = 8;
      digits.remove_prefix(2);
    } else if (marker == 'b') {
      base = 2;
      digits.remove_prefix(2);
    } else {
      base = 8;
      digits.remove_prefix(1);
    }
  }
  if (digits.empty()) return false;
  auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), out, base);
  return ec == std::errc() && end == digits.data() + digits.size();
}

// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
bool LooksLikeFloat(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && absl::ascii_isdigit(s[i])) ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

}  // namespace

ResolvedScalar ResolvePlainScalar(std::string_view text) {
  ResolvedScalar out;
  if (IsOneOf(text, {"", "~", "null", "Null", "NULL"})) {
    out.kind = Kind::kNull;
    return out;
  }
  if (IsOneOf(text, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
                     "on", "On", "ON"})) {
    out.kind = Kind::kBool;
    out.bool_value = true;
    return out;
  }
  if (IsOneOf(text, {"n", "N", "no", "No", "NO", "false", "False", "FALSE",
                     "off", "Off", "OFF"})) {
    out.kind = Kind::kBool;
    return out;
  }
  if (IsOneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    out.kind = Kind::kDouble;
    out.double_value = std::numeric_limits<double>::infinity();
    return out;
  }
  if (IsOneOf(text, {"-.inf", "-.Inf", "-.INF"})) {
    out.kind = Kind::kDouble;
    out.double_value = -std::numeric_limits<double>::infinity();
    return out;
  }
  if (IsOneOf(text, {".nan", ".NaN", ".NAN"})) {
    out.kind = Kind::kDouble;
    out.double_value = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  char first = text.front();
  if (!absl::ascii_isdigit(first) && first != '+' && first != '-' &&
      first != '.') {
    return out;  // A string; no number starts any other way.
  }

  std::string plain;
  plain.reserve(text.size());
  for (char c : text) {
    if (c != '_') plain.push_back(c);
  }
  std::string_view digits = plain;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  uint64_t magnitude = 0;
  if (ParseUnsignedBase0(digits, magnitude)) {
    if (!negative &&
        magnitude <= uint64_t{std::numeric_limits<int64_t>::max()}) {
      out.kind = Kind::kInt64;
      out.int_value = static_cast<int64_t>(magnitude);
      return out;
    }
    if (!negative) {
      out.kind = Kind::kUint64;
      out.uint_value = magnitude;
      return out;
    }
    if (magnitude <= uint64_t{std::numeric_limits<int64_t>::max()} + 1) {
      out.kind = Kind::kInt64;
      out.int_value = static_cast<int64_t>(0 - magnitude);
      return out;
    }
  }
  if (LooksLikeFloat(plain) && absl::SimpleAtod(plain, &out.double_value)) {
    out.kind = Kind::kDouble;
    return out;
  }
  return out;
}

}  // namespace ingresskit::parse_internal
