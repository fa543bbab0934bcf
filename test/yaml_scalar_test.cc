// Plain YAML scalars resolve as Kubernetes tooling (go-yaml v2, YAML 1.1)
// resolves them, so a manifest means here what it means to kubectl.
#include "parse/yaml_scalar.h"

#include <cmath>

#include "gtest/gtest.h"

namespace ingresskit::parse_internal {
namespace {

using Kind = ResolvedScalar::Kind;

TEST(YamlScalarTest, NullForms) {
  for (const char* text : {"", "~", "null", "Null", "NULL"}) {
    EXPECT_EQ(ResolvePlainScalar(text).kind, Kind::kNull) << text;
  }
  EXPECT_EQ(ResolvePlainScalar("nULL").kind, Kind::kString);
}

TEST(YamlScalarTest, Yaml11Booleans) {
  for (const char* text : {"y", "Y", "yes", "Yes", "YES", "true", "True",
                           "TRUE", "on", "On", "ON"}) {
    ResolvedScalar v = ResolvePlainScalar(text);
    EXPECT_EQ(v.kind, Kind::kBool) << text;
    EXPECT_TRUE(v.bool_value) << text;
  }
  for (const char* text : {"n", "N", "no", "No", "NO", "false", "False",
                           "FALSE", "off", "Off", "OFF"}) {
    ResolvedScalar v = ResolvePlainScalar(text);
    EXPECT_EQ(v.kind, Kind::kBool) << text;
    EXPECT_FALSE(v.bool_value) << text;
  }
  EXPECT_EQ(ResolvePlainScalar("yEs").kind, Kind::kString);
}

TEST(YamlScalarTest, IntegersInEveryBase) {
  struct Case {
    const char* text;
    int64_t value;
  };
  for (const Case& c :
       {Case{"0", 0}, Case{"8080", 8080}, Case{"+12", 12}, Case{"-7", -7},
        Case{"0x1F", 31}, Case{"0o17", 15}, Case{"0755", 493}, Case{"0b101", 5},
        Case{"1_000", 1000}, Case{"-9223372036854775808", INT64_MIN},
        Case{"9223372036854775807", INT64_MAX}}) {
    ResolvedScalar v = ResolvePlainScalar(c.text);
    EXPECT_EQ(v.kind, Kind::kInt64) << c.text;
    EXPECT_EQ(v.int_value, c.value) << c.text;
  }
  ResolvedScalar big = ResolvePlainScalar("18446744073709551615");
  EXPECT_EQ(big.kind, Kind::kUint64);
  EXPECT_EQ(big.uint_value, UINT64_MAX);
}

TEST(YamlScalarTest, Floats) {
  for (const char* text :
       {"80.5", ".5", "1e3", "-2.5E-3", "18446744073709551616", "08"}) {
    EXPECT_EQ(ResolvePlainScalar(text).kind, Kind::kDouble) << text;
  }
  EXPECT_DOUBLE_EQ(ResolvePlainScalar("80.5").double_value, 80.5);
  EXPECT_TRUE(std::isinf(ResolvePlainScalar(".inf").double_value));
  EXPECT_LT(ResolvePlainScalar("-.Inf").double_value, 0);
  EXPECT_TRUE(std::isnan(ResolvePlainScalar(".NaN").double_value));
}

TEST(YamlScalarTest, EverythingElseIsAString) {
  for (const char* text :
       {"httpbin", "/status/*", "1.2.3.4", "2024-01-01", "80/TCP", "0x", "-",
        "+", ".", "1e", "e3", "0xZZ", "12abc", "--1"}) {
    EXPECT_EQ(ResolvePlainScalar(text).kind, Kind::kString) << text;
  }
}

}  // namespace
}  // namespace ingresskit::parse_internal
