// Text that is not well-formed or exceeds a limit gives a typed error with a
// position and leaves no partial result. Single inputs are catalogued in
// bad_input_test; here are the sweeps over many inputs and the limits'
// configuration.
#include <string>

#include "ingresskit/parse.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr std::string_view kValidYaml = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a, namespace: ns}
spec:
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend: {service: {name: api, port: {number: 80}}}
)";

constexpr std::string_view kValidJson =
    R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
  "metadata": {"name": "a", "namespace": "ns"},
  "spec": {"rules": [{"host": "a.example.com", "http": {"paths": [
    {"path": "/api", "pathType": "Prefix",
     "backend": {"service": {"name": "api", "port": {"number": 80}}}}]}}]}})";

// Asserts the whole parse was refused with `code` and one diagnostic.
Diagnostic ExpectRefused(const ParseResult& result, ErrorCode code) {
  EXPECT_EQ(result.status, code) << Describe(result.diagnostics);
  EXPECT_EQ(result.resources, ResourceSet{});
  EXPECT_THAT(result.diagnostics, SizeIs(1));
  if (result.diagnostics.empty()) return {};
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.code, code);
  return d;
}

TEST(ParseLimitsTest, EveryMalformedJsonFormIsASyntaxError) {
  for (std::string_view text : {"{", "[", "{\"a\": }", "{\"a\" 1}", "[1,]",
                                "{\"a\": 1} {\"b\": 2}", "{'a': 1}", "[01]"}) {
    SCOPED_TRACE(text);
    ExpectRefused(Parse(text), ErrorCode::kSyntax);
  }
}

TEST(ParseLimitsTest, EmptyViewWithNullDataIsAnEmptyInput) {
  // A default-constructed view has a null data(); libyaml asserts on one.
  for (InputFormat format :
       {InputFormat::kAuto, InputFormat::kYaml, InputFormat::kJson}) {
    ParseOptions options;
    options.format = format;
    ParseResult result = Parse(std::string_view(), options);
    if (format == InputFormat::kJson) {
      EXPECT_EQ(result.status, ErrorCode::kSyntax);
    } else {
      EXPECT_TRUE(result.ok());
      EXPECT_THAT(result.diagnostics, IsEmpty());
    }
  }
}

TEST(ParseLimitsTest, EveryTruncationIsRefusedOrReadWithoutCrashing) {
  for (std::string_view text : {kValidYaml, kValidJson}) {
    for (size_t length = 0; length < text.size(); ++length) {
      ParseResult result = Parse(text.substr(0, length));
      // A truncated JSON object is never well-formed; YAML cut at a line
      // end can be, and then it is read and validated as usual.
      if (text == kValidJson && length > 0) {
        ASSERT_EQ(result.status, ErrorCode::kSyntax) << length;
      }
      ASSERT_TRUE(result.ok() || !result.diagnostics.empty()) << length;
      ASSERT_TRUE(result.ok() || result.resources == ResourceSet{}) << length;
    }
  }
}

TEST(ParseLimitsTest, NestingLimitIsConfigurable) {
  ParseOptions options;
  options.limits.max_nesting_depth = 4;
  // metadata.annotations is three levels deep; spec.rules[].http.paths[]
  // needs more.
  ExpectRefused(Parse(kValidYaml, options), ErrorCode::kLimit);
  options.limits.max_nesting_depth = 10;
  EXPECT_TRUE(Parse(kValidYaml, options).ok());
}

TEST(ParseLimitsTest, YamlAnchorsWithoutAliasesAreRead) {
  // Aliases are refused (the alias bomb in bad_input_test); an anchor
  // alone costs nothing.
  EXPECT_TRUE(Parse("base: &b {x: 1}\n").ok());
}

TEST(ParseLimitsTest, DocumentSizeLimitIsConfigurable) {
  const std::string text = std::string(kValidYaml) + "# padding\n";
  ParseOptions options;
  options.limits.max_document_bytes = text.size() - 1;
  Diagnostic d = ExpectRefused(Parse(text, options), ErrorCode::kLimit);
  EXPECT_THAT(d.message, HasSubstr("over the limit of " +
                                   std::to_string(text.size() - 1)));
  options.limits.max_document_bytes = text.size();
  EXPECT_TRUE(Parse(text, options).ok());
}

TEST(ParseLimitsTest, RouteCountIsLimited) {
  ParseOptions options;
  options.limits.max_routes = 3;
  std::string two_paths = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: NAME}
spec:
  rules:
  - http:
      paths:
      - {path: /a, pathType: Exact, backend: {service: {name: a, port: {number: 80}}}}
      - {path: /b, pathType: Exact, backend: {service: {name: a, port: {number: 80}}}}
)";
  auto named = [&](std::string_view name) {
    return testing::ReplaceOnce(two_paths, "NAME", name);
  };
  EXPECT_TRUE(Parse(named("one"), options).ok());
  ParseResult result = Parse(named("one") + "---\n" + named("two"), options);
  EXPECT_EQ(result.status, ErrorCode::kLimit);
  EXPECT_EQ(result.resources, ResourceSet{});
  ASSERT_THAT(result.diagnostics, SizeIs(1));
  EXPECT_EQ(result.diagnostics[0].object, "Ingress default/two");
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("more than 3 paths"));
}

}  // namespace
}  // namespace ingresskit
