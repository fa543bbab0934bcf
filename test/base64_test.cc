// Secret data as the API writes it: strict padded base64.
#include "parse/base64.h"

#include <string>

#include "gtest/gtest.h"

namespace ingresskit::parse_internal {
namespace {

std::string Decoded(std::string_view text) {
  std::string out = "untouched";
  EXPECT_TRUE(DecodeBase64(text, out)) << text;
  return out;
}

TEST(Base64Test, DecodesPaddedStandardBase64) {
  EXPECT_EQ(Decoded(""), "");
  EXPECT_EQ(Decoded("Zg=="), "f");
  EXPECT_EQ(Decoded("Zm8="), "fo");
  EXPECT_EQ(Decoded("Zm9v"), "foo");
  EXPECT_EQ(Decoded("Zm9vYmFy"), "foobar");
  EXPECT_EQ(Decoded("+/+/"), std::string("\xfb\xff\xbf"));
  EXPECT_EQ(Decoded("AAE="), std::string("\0\x01", 2));
}

TEST(Base64Test, RefusesEverythingElseAndLeavesNothingBehind) {
  for (std::string_view bad : {"Zg", "Zg=", "Z===", "Zm9v\n", "Zm 9v",
                               "Zm9v-_==", "=Zm9", "Zg==Zg==", "Zm=v"}) {
    std::string out = "x";
    EXPECT_FALSE(DecodeBase64(bad, out)) << bad;
    EXPECT_TRUE(out.empty()) << bad;
  }
}

}  // namespace
}  // namespace ingresskit::parse_internal
