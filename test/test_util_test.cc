// The shared test helpers fail loudly, never quietly edit the wrong text.
#include "test_util.h"

#include "gtest/gtest-spi.h"

namespace ingresskit::testing {
namespace {

TEST(TestUtilTest, ReplaceOnceReplacesTheOneOccurrence) {
  EXPECT_EQ(ReplaceOnce("port: 80", "80", "8080"), "port: 8080");
}

TEST(TestUtilTest, ReplaceOnceFailsTheTestForAMissingToken) {
  EXPECT_NONFATAL_FAILURE(ReplaceOnce("port: 80", "443", "8443"),
                          "\"443\" is not in");
}

TEST(TestUtilTest, ReplaceOnceFailsTheTestForAnAmbiguousToken) {
  EXPECT_NONFATAL_FAILURE(ReplaceOnce("80 80", "80", "1"), "more than once");
}

TEST(TestUtilTest, YamlPutsTheFirstPathOnLineNine) {
  TestIngress ingress;
  ingress.rules.push_back(TestRule{
      "a.example.com", {TestPath{"/x", "Exact", ServiceBackend("s")}}, ""});
  ParseResult parsed = Parse(Yaml(ingress));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.diagnostics);
  ASSERT_EQ(parsed.resources.ingresses.size(), 1u);
  const IngressRule& rule = parsed.resources.ingresses[0].spec.rules[0];
  EXPECT_EQ(rule.position.line, 6u);
  EXPECT_EQ(rule.http->paths[0].position.line, 9u);
  EXPECT_EQ(rule.http->paths[0].path, "/x");
}

TEST(TestUtilTest, QuotedKeepsYamlFromReadingTheText) {
  TestIngress ingress;
  ingress.rules.push_back(
      TestRule{Quoted("*.example.com"),
               {TestPath{Quoted("/a\"b\\c"), "Exact", ServiceBackend("s")}},
               ""});
  ParseResult parsed = Parse(Yaml(ingress));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.diagnostics);
  EXPECT_EQ(parsed.resources.ingresses[0].spec.rules[0].host, "*.example.com");
  EXPECT_EQ(parsed.resources.ingresses[0].spec.rules[0].http->paths[0].path,
            "/a\"b\\c");
}

}  // namespace
}  // namespace ingresskit::testing
