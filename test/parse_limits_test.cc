// Text that is not well-formed or exceeds a limit: each gives a typed error
// with a position, leaves no partial result, and is handled in bounded time
// and stack (these tests also run under AddressSanitizer in CI).
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

TEST(ParseLimitsTest, MalformedYamlIsASyntaxErrorWithLineAndColumn) {
  Diagnostic d = ExpectRefused(
      Parse("apiVersion: v1\nkind: [Ingress\nspec: 1\n"), ErrorCode::kSyntax);
  EXPECT_EQ(d.position.line, 3u);
  EXPECT_THAT(d.message, HasSubstr("malformed YAML"));

  d = ExpectRefused(Parse("a: b\n c: d\n"), ErrorCode::kSyntax);
  EXPECT_EQ(d.position, (SourcePosition{2, 3}));
  ExpectRefused(Parse("key: \"unterminated\n"), ErrorCode::kSyntax);
  ExpectRefused(Parse("\tkey: tab-indented\n"), ErrorCode::kSyntax);
}

TEST(ParseLimitsTest, MalformedJsonIsASyntaxErrorWithByteOffset) {
  Diagnostic d = ExpectRefused(Parse("{\n  \"kind\": \"Ingress\",\n  oops\n}"),
                               ErrorCode::kSyntax);
  EXPECT_EQ(d.offset, 25);
  EXPECT_EQ(d.position, (SourcePosition{3, 3}));
  EXPECT_THAT(d.message, HasSubstr("byte offset 25"));

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

TEST(ParseLimitsTest, NullDocumentIsEmptyNotAnError) {
  for (std::string_view text : {"null", "~", "null\n---\nnull\n"}) {
    SCOPED_TRACE(text);
    ParseResult result = Parse(text);
    EXPECT_TRUE(result.ok());
    EXPECT_THAT(result.diagnostics, IsEmpty());
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

TEST(ParseLimitsTest, DeepNestingIsRefusedWithoutRecursion) {
  constexpr size_t kDepth = 10000;
  const std::string json = std::string(kDepth, '[') + std::string(kDepth, ']');
  Diagnostic d = ExpectRefused(Parse(json), ErrorCode::kLimit);
  EXPECT_THAT(d.message, HasSubstr("limit of 64"));
  EXPECT_EQ(d.offset, 64);

  const std::string json_objects = [&] {
    std::string s;
    for (size_t i = 0; i < kDepth; ++i) s += "{\"a\":";
    s += "1";
    s += std::string(kDepth, '}');
    return s;
  }();
  ExpectRefused(Parse(json_objects), ErrorCode::kLimit);

  const std::string yaml_flow = "a: " + json;
  ExpectRefused(Parse(yaml_flow), ErrorCode::kLimit);

  std::string yaml_block;
  for (size_t i = 0; i < 200; ++i) {
    yaml_block += std::string(i, ' ') + "k:\n";
  }
  d = ExpectRefused(Parse(yaml_block), ErrorCode::kLimit);
  EXPECT_EQ(d.position.line, 65u) << "the 65th nested mapping";
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

TEST(ParseLimitsTest, YamlAliasesAreRefused) {
  // The "billion laughs": nine levels of ten aliases each.
  std::string bomb =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
      "\"lol\",\"lol\",\"lol\"]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    char prev = static_cast<char>(level - 1);
    bomb += std::string(1, level) + ": &" + std::string(1, level) + " [";
    for (int i = 0; i < 9; ++i) {
      bomb += std::string(i ? "," : "") + "*" + std::string(1, prev);
    }
    bomb += "]\n";
  }
  Diagnostic d = ExpectRefused(Parse(bomb), ErrorCode::kLimit);
  EXPECT_EQ(d.position, (SourcePosition{2, 8}));
  EXPECT_THAT(d.message, HasSubstr("aliases"));

  // Merge keys need aliases too; anchors alone are harmless.
  ExpectRefused(Parse("base: &b {x: 1}\nderived:\n  <<: *b\n"),
                ErrorCode::kLimit);
  EXPECT_TRUE(Parse("base: &b {x: 1}\n").ok());
}

TEST(ParseLimitsTest, OversizedDocumentIsRefusedBeforeParsing) {
  std::string huge =
      std::string(kValidYaml) + "# " + std::string(9u << 20, 'x') + "\n";
  Diagnostic d = ExpectRefused(Parse(huge), ErrorCode::kLimit);
  EXPECT_THAT(d.message, HasSubstr("over the limit of 8388608"));

  ParseOptions options;
  options.limits.max_document_bytes = huge.size();
  EXPECT_TRUE(Parse(huge, options).ok());
}

TEST(ParseLimitsTest, NulBytesAreRefusedWithTheirOffset) {
  std::string yaml(kValidYaml);
  yaml[20] = '\0';
  Diagnostic d = ExpectRefused(Parse(yaml), ErrorCode::kSyntax);
  EXPECT_EQ(d.offset, 20);
  EXPECT_EQ(d.position, (SourcePosition{1, 21}));

  std::string json(kValidJson);
  json.push_back('\0');
  json += "trailing garbage";
  d = ExpectRefused(Parse(json), ErrorCode::kSyntax);
  EXPECT_EQ(d.offset, static_cast<int64_t>(kValidJson.size()));
  EXPECT_THAT(d.message, HasSubstr("NUL"));
}

TEST(ParseLimitsTest, InvalidUtf8IsRefused) {
  std::string yaml(kValidYaml);
  yaml.replace(yaml.find("api"), 3, "a\xff\xfe");
  ExpectRefused(Parse(yaml), ErrorCode::kSyntax);

  std::string json(kValidJson);
  json.replace(json.find("/api"), 4, "/\xc3\x28");  // A broken 2-byte sequence.
  ExpectRefused(Parse(json), ErrorCode::kSyntax);

  // Overlong encoding of '/'.
  std::string overlong(kValidJson);
  overlong.replace(overlong.find("/api"), 1, "\xc0\xaf");
  ExpectRefused(Parse(overlong), ErrorCode::kSyntax);
}

TEST(ParseLimitsTest, ControlCharactersInYamlTextAreRefused) {
  ExpectRefused(Parse("a: b\x01\n"), ErrorCode::kSyntax);
  ExpectRefused(Parse("{\"a\": \"b\x01\"}"), ErrorCode::kSyntax);
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
    std::string text = two_paths;
    text.replace(text.find("NAME"), 4, name);
    return text;
  };
  EXPECT_TRUE(Parse(named("one"), options).ok());
  ParseResult result = Parse(named("one") + "---\n" + named("two"), options);
  EXPECT_EQ(result.status, ErrorCode::kLimit);
  EXPECT_EQ(result.resources, ResourceSet{});
  ASSERT_THAT(result.diagnostics, SizeIs(1));
  EXPECT_EQ(result.diagnostics[0].object, "Ingress default/two");
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("more than 3 paths"));
}

TEST(ParseLimitsTest, ManyRulesInOneIngressHitTheDefaultRouteLimit) {
  std::string text =
      R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
    "metadata": {"name": "big"}, "spec": {"rules": [)";
  constexpr size_t kRules = 100001;
  for (size_t i = 0; i < kRules; ++i) {
    if (i) text += ',';
    text +=
        R"({"http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"a","port":{"number":80}}}}]}})";
  }
  text += "]}}";
  ParseOptions options;
  options.limits.max_document_bytes = text.size();
  ParseResult result = Parse(text, options);
  EXPECT_EQ(result.status, ErrorCode::kLimit);
  EXPECT_THAT(result.diagnostics.back().message,
              HasSubstr("more than 100000 paths"));
}

}  // namespace
}  // namespace ingresskit
