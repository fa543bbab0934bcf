// The bad-input catalogue: what tenants, proxies and callers can hand
// ingresskit that is wrong, odd or hostile, each case by name with the
// outcome a user can rely on — a typed error naming the object and field,
// or the documented normalisation. Three tables:
//  - configuration text, through Compile();
//  - requests, through RouteTable::Match() in every path normalisation;
//  - C calls with NULL handles, NULL outputs and NULL text.
// Every configuration and request input is also a file of the parse or
// request fuzz corpus (catalogue-<Name>), so the fuzzers start from it and
// FuzzTest.*CorpusReplays replays it under each sanitizer.
// CatalogueTest.EveryInputIsInItsFuzzCorpus keeps the two in step; after a
// deliberate change, INGRESSKIT_WRITE_CORPUS=1 rewrites the files. The C
// calls are not bytes: fuzz_capi makes the same NULL and length choices.
//
// The rules themselves are tested rule by rule where they are enforced
// (validate_test, request_test, parse_test); this file gathers the inputs.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/request_table.h"
#include "ingresskit/c.h"
#include "ingresskit/route_table.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::IsDiagnostic;
using ::ingresskit::testing::kRequestTable;
using ::ingresskit::testing::ReplaceOnce;
using ::testing::_;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Matcher;
using ::testing::SizeIs;

// ---------------------------------------------------------------------------
// Configuration text.

constexpr std::string_view kObject = "Ingress ns/bad";
constexpr std::string_view kPath0 = "spec.rules[0].http.paths[0]";

std::string PathTo(std::string_view path, std::string_view path_type,
                   std::string_view service = "s",
                   std::string_view port = "80") {
  return "{path: " + std::string(path) +
         ", pathType: " + std::string(path_type) +
         ", backend: {service: {name: " + std::string(service) +
         ", port: {number: " + std::string(port) + "}}}}";
}

// Ingress ns/bad with one rule for `host`; `paths` is the flow sequence of
// its paths, on line 8.
std::string IngressWith(std::string_view paths,
                        std::string_view host = "h.example.com") {
  testing::TestIngress ingress;
  ingress.name = "bad";
  ingress.namespace_name = "ns";
  ingress.rules.push_back(
      testing::TestRule{std::string(host), {}, std::string(paths)});
  return testing::Yaml(ingress);
}
std::string IngressWithPath(std::string_view path, std::string_view path_type) {
  return IngressWith("[" + PathTo(path, path_type) + "]");
}
std::string IngressWithHost(std::string_view host) {
  return IngressWith("[" + PathTo("/", "Prefix") + "]", host);
}
std::string IngressWithPort(std::string_view port) {
  return IngressWith("[" + PathTo("/", "Prefix", "s", port) + "]");
}

// The same Ingress as one line of JSON, for what only JSON can say.
std::string JsonIngressWith(std::string_view path_json,
                            std::string_view annotations = "{}") {
  return R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", )"
         R"("metadata": {"name": "bad", "namespace": "ns", "annotations": )" +
         std::string(annotations) +
         R"(}, "spec": {"rules": [{"host": "h.example.com", "http": )"
         R"({"paths": [{"path": )" +
         std::string(path_json) +
         R"(, "pathType": "Prefix", "backend": {"service": )"
         R"({"name": "s", "port": {"number": 80}}}}]}}]}})";
}

// The JSON Ingress with `number` as the backend's port number, as written.
std::string JsonPort(std::string_view number) {
  return ReplaceOnce(JsonIngressWith("\"/\""), "\"number\": 80",
                     "\"number\": " + std::string(number));
}

// A request to a compiled configuration and the service expected to serve
// it, or "" for no route.
struct Probe {
  std::string path;
  std::string service;
};

struct ConfigOutcome {
  ErrorCode status = ErrorCode::kOk;  // Of the whole compile.
  // The one diagnostic the input must produce; none when unset, and then
  // the input must produce no diagnostic at all.
  std::optional<Severity> severity;
  ErrorCode code = ErrorCode::kOk;
  std::string object;
  std::string field;
  std::string message;
  SourcePosition position;  // Checked when known.
  // A refusal of the whole text has exactly one diagnostic.
  bool only_diagnostic = false;
  size_t routes = 0;
  std::vector<Probe> probes;  // On host h.example.com.
};

// The whole text is refused: one error, no table.
ConfigOutcome Refused(ErrorCode code, std::string message,
                      SourcePosition position = {}) {
  ConfigOutcome o;
  o.status = code;
  o.severity = Severity::kError;
  o.code = code;
  o.message = std::move(message);
  o.position = position;
  o.only_diagnostic = true;
  return o;
}
// The whole text is refused for what one object holds.
ConfigOutcome RefusedFor(std::string object, ErrorCode code,
                         std::string message) {
  ConfigOutcome o = Refused(code, std::move(message));
  o.object = std::move(object);
  return o;
}
// Compiled, with a diagnostic naming the object and field.
ConfigOutcome Noted(Severity severity, ErrorCode code, std::string object,
                    std::string field, std::string message, size_t routes,
                    std::vector<Probe> probes = {},
                    SourcePosition position = {}) {
  ConfigOutcome o;
  o.position = position;
  o.severity = severity;
  o.code = code;
  o.object = std::move(object);
  o.field = std::move(field);
  o.message = std::move(message);
  o.routes = routes;
  o.probes = std::move(probes);
  return o;
}
// The object is left out with an error naming it and the field; the rest
// of the text (here, nothing) still compiles.
ConfigOutcome Excluded(ErrorCode code, std::string object, std::string field,
                       std::string message) {
  return Noted(Severity::kError, code, std::move(object), std::move(field),
               std::move(message), 0);
}
ConfigOutcome InvalidField(std::string field, std::string message) {
  return Excluded(ErrorCode::kValidation, std::string(kObject),
                  std::move(field), std::move(message));
}
// Compiled without a word.
ConfigOutcome Clean(size_t routes, std::vector<Probe> probes = {}) {
  ConfigOutcome o;
  o.routes = routes;
  o.probes = std::move(probes);
  return o;
}

struct ConfigCase {
  std::string name;
  std::string text;
  ConfigOutcome expected;
  Limits limits = {};
  // For inputs of megabytes, how to make the text instead: every test
  // process lists every case, and only the one running needs it.
  std::string (*make_text)() = nullptr;

  std::string Text() const { return make_text ? make_text() : text; }
};

std::string Nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string NestedObjects(size_t depth) {
  std::string text;
  for (size_t i = 0; i < depth; ++i) text += "{\"a\":";
  return text + "1" + std::string(depth, '}');
}

std::string YamlBlockNested(size_t depth) {
  std::string text;
  for (size_t i = 0; i < depth; ++i) text += std::string(i, ' ') + "k:\n";
  return text;
}

// The "billion laughs": nine levels of nine aliases each.
std::string AliasBomb() {
  std::string bomb =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
      "\"lol\",\"lol\",\"lol\"]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    const std::string prev(1, static_cast<char>(level - 1));
    bomb += std::string(1, level) + ": &" + std::string(1, level) + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + prev;
    bomb += "]\n";
  }
  return bomb;
}

std::string OversizedDocument() {
  return IngressWithPath("/api", "Prefix") + "# " +
         std::string(size_t{8} << 20, 'x') + "\n";
}

// One more rule than the default route limit, each with one path.
std::string OneIngressWithManyRules() {
  constexpr size_t kRules = 100001;
  std::string text =
      R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress",)"
      R"("metadata":{"name":"bad","namespace":"ns"},"spec":{"rules":[)";
  for (size_t i = 0; i < kRules; ++i) {
    if (i) text += ',';
    text += R"({"http":{"paths":[{"path":"/","pathType":"Prefix",)"
            R"("backend":{"service":{"name":"a","port":{"number":80}}}}]}})";
  }
  return text + "]}}";
}

std::vector<ConfigCase> ConfigCases() {
  const std::string valid = IngressWithPath("/api", "Prefix");
  const std::string valid_json = JsonIngressWith("\"/api\"");
  const std::string port_field =
      std::string(kPath0) + ".backend.service.port.number";
  const std::string path_field = std::string(kPath0) + ".path";
  const std::string path_type_field = std::string(kPath0) + ".pathType";
  const std::string host_field = "spec.rules[0].host";
  std::vector<ConfigCase> cases = {
      // Text that is not well-formed: refused whole, with a position.
      {"MalformedJson", "{\n  \"kind\": \"Ingress\",\n  oops\n}",
       Refused(ErrorCode::kSyntax, "malformed JSON at byte offset 25", {3, 3})},
      {"MalformedYaml", "apiVersion: v1\nkind: [Ingress\nspec: 1\n",
       Refused(ErrorCode::kSyntax, "malformed YAML", {3, 5})},
      {"TruncatedJson", valid_json.substr(0, valid_json.find("pathType") + 4),
       Refused(ErrorCode::kSyntax, "malformed JSON")},
      {"TruncatedYaml", valid.substr(0, valid.find("port: {") + 7),
       Refused(ErrorCode::kSyntax, "malformed YAML")},
      {"YamlBadIndentation", "a: b\n c: d\n",
       Refused(ErrorCode::kSyntax, "malformed YAML", {2, 3})},
      {"YamlUnterminatedQuote", "key: \"unterminated\n",
       Refused(ErrorCode::kSyntax, "malformed YAML")},
      {"TabIndentedYaml", "\tkind: Ingress\n",
       Refused(ErrorCode::kSyntax, "malformed YAML", {1, 1})},
      {"NulByteInText", ReplaceOnce(valid, "kind", std::string("k\0nd", 4)),
       Refused(ErrorCode::kSyntax, "NUL", {2, 2})},
      {"NulByteAfterJson", valid_json + std::string("\0garbage", 8),
       Refused(ErrorCode::kSyntax, "NUL")},
      {"ControlByteInText", ReplaceOnce(valid, "/api", "/a\x01pi"),
       Refused(ErrorCode::kSyntax, "control character")},
      {"ControlByteInJsonString", ReplaceOnce(valid_json, "/api", "/a\x01pi"),
       Refused(ErrorCode::kSyntax, "malformed JSON")},
      {"InvalidUtf8Text", ReplaceOnce(valid, "/api", "/a\xff\xfe"),
       Refused(ErrorCode::kSyntax, "UTF-8")},
      {"BrokenUtf8SequenceInJson", ReplaceOnce(valid_json, "/api", "/\xc3\x28"),
       Refused(ErrorCode::kSyntax, "Invalid encoding")},
      {"OverlongUtf8Text", ReplaceOnce(valid_json, "\"/api\"", "\"\xc0\xaf\""),
       Refused(ErrorCode::kSyntax, "Invalid encoding")},
      // Nothing to read is not an error.
      {"EmptyText", "", Clean(0)},
      {"NullJson", "null", Clean(0)},
      {"NullYaml", "~\n---\nnull\n", Clean(0)},
      // Documents that are not Ingresses this build can read.
      {"UnsupportedApiVersion",
       ReplaceOnce(valid, "networking.k8s.io/v1", "networking.k8s.io/v2"),
       Noted(Severity::kError, ErrorCode::kUnsupported, std::string(kObject),
             "apiVersion", "networking.k8s.io/v1beta1", 0, {}, {1, 13})},
      {"OtherKind", ReplaceOnce(valid, "kind: Ingress", "kind: Gateway"),
       Noted(Severity::kInfo, ErrorCode::kUnsupported, "Gateway ns/bad", "",
             "skipped", 0)},
      {"KindInWrongCase", ReplaceOnce(valid, "kind: Ingress", "kind: ingress"),
       Noted(Severity::kWarning, ErrorCode::kUnsupported, "document 1", "",
             "kinds are case-sensitive; did you mean \"Ingress\"?", 0)},
      // The objects a proxy needs beyond Ingress: bad ones are left out
      // with an error naming the field; a Secret's value is never quoted.
      {"SecretBadBase64",
       "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\n"
       "data: {tls.key: 'S3cr3t!'}\n",
       Excluded(ErrorCode::kValidation, "Secret ns/s", "data.tls.key",
                "not valid base64 (7 characters; the value is not shown)")},
      {"SecretValueNotAString",
       "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\n"
       "stringData: {tls.key: [1]}\n",
       Excluded(ErrorCode::kValidation, "Secret ns/s", "stringData.tls.key",
                "expected a string, got array")},
      {"TlsSecretWithoutKey",
       "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\n"
       "type: kubernetes.io/tls\nstringData: {tls.crt: C}\n",
       Excluded(ErrorCode::kValidation, "Secret ns/s", "data[tls.key]",
                "needs tls.key")},
      {"EndpointSliceWithoutAddressType",
       "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
       "metadata: {name: e, namespace: ns}\nendpoints: []\n",
       Excluded(ErrorCode::kValidation, "EndpointSlice ns/e", "addressType",
                "required: missing addressType")},
      {"EndpointSliceUnknownAddressType",
       "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
       "metadata: {name: e, namespace: ns}\naddressType: IPv5\n",
       Excluded(ErrorCode::kValidation, "EndpointSlice ns/e", "addressType",
                "unsupported value \"IPv5\"")},
      {"EndpointsPortOutOfRange",
       "apiVersion: v1\nkind: Endpoints\nmetadata: {name: e, namespace: ns}\n"
       "subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 70000}]}]\n",
       Excluded(ErrorCode::kValidation, "Endpoints ns/e",
                "subsets[0].ports[0].port", "port 70000 is out of range")},
      {"MissingKind", "apiVersion: v1\nmetadata: {name: a}\n",
       Excluded(ErrorCode::kValidation, "document 1", "", "missing \"kind\"")},
      {"DocumentNotAnObject", "just some words\n",
       Excluded(ErrorCode::kValidation, "document 1", "", "got string")},
      {"MissingSpec",
       "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
       "metadata: {name: bad, namespace: ns}\n",
       InvalidField("spec", "required: missing spec")},
      {"EmptyPaths", IngressWith("[]"),
       InvalidField("spec.rules[0].http.paths", "at least one path")},
      // pathType.
      {"MissingPathType",
       IngressWith("[{path: /a, backend: {service: {name: s, port: {number: "
                   "80}}}}]"),
       InvalidField(path_type_field, "required")},
      {"LowercasePathType", IngressWithPath("/a", "prefix"),
       InvalidField(path_type_field,
                    "unsupported value \"prefix\": supported values: "
                    "\"Exact\", \"ImplementationSpecific\", \"Prefix\"")},
      {"RegexPathType", IngressWithPath("/a.*", "Regex"),
       InvalidField(path_type_field, "unsupported value \"Regex\"")},
      // Wrong types and ranges: the port.
      {"PortAsString", IngressWithPort("\"80\""),
       InvalidField(port_field, "expected an integer, got string")},
      {"PortNegative", IngressWithPort("-1"),
       InvalidField(port_field, "between 1 and 65535")},
      // Zero is the API's "unset", as in Kubernetes.
      {"PortZero", IngressWithPort("0"),
       InvalidField(std::string(kPath0) + ".backend.service.port",
                    "required: a port name or number")},
      {"PortOverMax", IngressWithPort("65536"),
       InvalidField(port_field, "between 1 and 65535")},
      {"PortFraction", IngressWithPort("80.5"),
       InvalidField(port_field, "expected an integer, got number")},
      {"PortTwoToThe64", IngressWithPort("18446744073709551616"),
       InvalidField(port_field, "got number")},
      {"PortTwoToThe32", IngressWithPort("4294967296"),
       InvalidField(port_field, "out of range")},
      {"PortBoolean", IngressWithPort("true"),
       InvalidField(port_field, "expected an integer, got boolean")},
      {"PortList", IngressWithPort("[80]"),
       InvalidField(port_field, "expected an integer, got array")},
      // Found by fuzz_parse: a zero with an exponent sent rapidjson's
      // full-precision float parsing into __builtin_clzll(0).
      {"PortZeroWithHugeExponent", JsonPort("0e99"),
       InvalidField(port_field, "expected an integer, got number")},
      {"PortZeroWithTinyExponent", JsonPort("0.0e-99"),
       InvalidField(port_field, "expected an integer, got number")},
      // Keys.
      {"DuplicateJsonKeys",
       JsonIngressWith("\"/a\"", R"({"k": "1", "k": "2"})"),
       InvalidField("metadata.annotations.k", "duplicate key")},
      {"DuplicateYamlKeys",
       ReplaceOnce(valid, "metadata: {name: bad, namespace: ns}",
                   "metadata: {name: bad, namespace: ns, name: other}"),
       InvalidField("metadata.name", "duplicate field")},
      {"UnknownField", ReplaceOnce(valid, "spec:\n", "spec:\n  rulez: []\n"),
       Noted(Severity::kWarning, ErrorCode::kValidation, std::string(kObject),
             "spec.rulez", "unknown field", 1, {{"/api/x", "s"}}, {5, 10})},
      // Structure that costs without bound: refused by limits.
      {"NestingTenThousandDeep", Nested(10000),
       Refused(ErrorCode::kLimit, "limit of 64", {1, 65})},
      {"JsonObjectsNestedTenThousandDeep", NestedObjects(10000),
       Refused(ErrorCode::kLimit, "limit of 64")},
      {"YamlFlowNestedTenThousandDeep", "a: " + Nested(10000),
       Refused(ErrorCode::kLimit, "limit of 64")},
      {"YamlBlockNestingTwoHundredDeep", YamlBlockNested(200),
       Refused(ErrorCode::kLimit, "limit of 64", {65, 65})},
      {"YamlAliasBomb", AliasBomb(),
       Refused(ErrorCode::kLimit, "aliases", {2, 8})},
      {"YamlMergeKey", "base: &b {x: 1}\nderived:\n  <<: *b\n",
       Refused(ErrorCode::kLimit, "aliases")},
      {"DocumentOverSizeLimit",
       "",
       Refused(ErrorCode::kLimit, "over the limit of 8388608"),
       {},
       OversizedDocument},
      {"HundredThousandRulesInOneIngress", "",
       RefusedFor(std::string(kObject), ErrorCode::kLimit,
                  "more than 100000 paths"),
       Limits{.max_document_bytes = size_t{16} << 20}, OneIngressWithManyRules},
      // Hosts the API server refuses.
      {"UppercaseHost", IngressWithHost("H.example.com"),
       InvalidField(host_field, "must be lowercase")},
      {"IpHost", IngressWithHost("10.0.0.1"),
       InvalidField(host_field, "is an IP address")},
      {"Ipv6Host", IngressWithHost("\"[::1]\""),
       InvalidField(host_field, "is an IP address")},
      {"HostWithPort", IngressWithHost("\"h.example.com:80\""),
       InvalidField(host_field, "carries a port")},
      {"UnicodeHost", IngressWithHost("bücher.example.com"),
       InvalidField(host_field, "RFC 1123")},
      {"HostLabelOver63Bytes",
       IngressWithHost(std::string(64, 'a') + ".example.com"),
       InvalidField(host_field, "63")},
      {"HostOver253Bytes",
       IngressWithHost(std::string(60, 'a') + "." + std::string(60, 'b') + "." +
                       std::string(60, 'c') + "." + std::string(60, 'd') +
                       ".example.com"),
       InvalidField(host_field, "253")},
      {"WildcardInsideHost", IngressWithHost("a.*.example.com"),
       InvalidField(host_field, "a wildcard must be a whole first label")},
      {"WildcardPartOfALabel", IngressWithHost("\"*a.example.com\""),
       InvalidField(host_field, "a wildcard must be a whole first label")},
      {"DoubleWildcard", IngressWithHost("\"*.*.example.com\""),
       InvalidField(host_field, "wildcard")},
      {"BareWildcardHost", IngressWithHost("\"*\""),
       InvalidField(host_field, "wildcard")},
      // Paths the API server refuses, and bytes no path may hold.
      {"PathNotStartingWithSlash", IngressWithPath("api", "Prefix"),
       InvalidField(path_field, "absolute")},
      {"PathWithDoubleSlash", IngressWithPath("/a//b", "Prefix"),
       InvalidField(path_field, "'//'")},
      {"PathWithDotSegment", IngressWithPath("/a/./b", "Exact"),
       InvalidField(path_field, "'/./'")},
      {"PathWithDotDotSegment", IngressWithPath("/a/../b", "Prefix"),
       InvalidField(path_field, "'/../'")},
      {"PathWithEncodedSlash", IngressWithPath("/a%2fb", "Prefix"),
       InvalidField(path_field, "'%2f'")},
      {"PathWithUppercaseEncodedSlash", IngressWithPath("/a%2Fb", "Exact"),
       InvalidField(path_field, "'%2F'")},
      {"PathWithNewline", IngressWithPath("\"/a\\nb\"", "Exact"),
       InvalidField(path_field, "must not contain a newline (at byte 2)")},
      {"PathWithCarriageReturn", IngressWithPath("\"/a\\rb\"", "Prefix"),
       InvalidField(path_field, "must not contain a carriage return")},
      {"PathWithTab", IngressWithPath("\"/a\\tb\"", "Exact"),
       InvalidField(path_field, "must not contain a tab")},
      {"PathWithNul", JsonIngressWith("\"/a\\u0000b\""),
       InvalidField(path_field, "NUL")},
      {"PathOver8KiB", IngressWithPath("/" + std::string(8192, 'a'), "Prefix"),
       Excluded(ErrorCode::kLimit, std::string(kObject), path_field,
                "is 8193 bytes long, over the limit of 8192")},
      // Regular-expression metacharacters mean themselves in Exact and
      // Prefix paths; ingresskit never evaluates a path as a pattern.
      {"RegexMetacharactersAreLiteral",
       IngressWith("[" + PathTo("/a.b", "Exact", "dot") + ", " +
                   PathTo("\"/c+d\"", "Prefix", "plus") + ", " +
                   PathTo("\"/(x)\"", "Exact", "group") + ", " +
                   PathTo("\"/[a-z]\"", "Prefix", "class") + "]"),
       Clean(4, {{"/a.b", "dot"},
                 {"/axb", ""},
                 {"/c+d/e", "plus"},
                 {"/ccd", ""},
                 {"/(x)", "group"},
                 {"/x", ""},
                 {"/[a-z]/q", "class"},
                 {"/q", ""}})},
  };
  return cases;
}

void PrintTo(const ConfigCase& c, std::ostream* os) { *os << c.name; }

class BadConfigTest : public ::testing::TestWithParam<ConfigCase> {};

TEST_P(BadConfigTest, GetsItsCataloguedOutcome) {
  const ConfigCase& c = GetParam();
  const ConfigOutcome& want = c.expected;
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  options.limits = c.limits;
  const CompileResult result = Compile(c.Text(), options);
  const std::string all = Describe(result.diagnostics);

  EXPECT_EQ(result.status, want.status) << all;
  if (!want.severity) {
    EXPECT_THAT(result.diagnostics, IsEmpty());
  } else {
    if (want.only_diagnostic) {
      EXPECT_THAT(result.diagnostics, SizeIs(1)) << all;
    }
    EXPECT_THAT(
        result.diagnostics,
        Contains(AllOf(
            IsDiagnostic(*want.severity, want.field, want.message),
            Field("code", &Diagnostic::code, want.code),
            Field("object", &Diagnostic::object, want.object),
            Field("position", &Diagnostic::position,
                  want.position.known() ? Matcher<SourcePosition>(want.position)
                                        : Matcher<SourcePosition>(_)))))
        << all;
  }
  EXPECT_EQ(result.table.route_count(), want.routes) << all;
  for (const Probe& probe : want.probes) {
    const MatchResult m = result.table.Match("h.example.com", probe.path);
    EXPECT_EQ(m.matched() ? m.destination()->service : "", probe.service)
        << probe.path;
  }
}

// ---------------------------------------------------------------------------
// Requests, against kRequestTable (routes on host httpbin.example.com:
// /status/* → httpbin, Prefix /a/b/ → ab, Exact /a → a, /v1.* → v1; host
// *.example.com: Prefix / → wild; any other host: Exact /any/%41 → any).

constexpr PathNormalization kModes[] = {
    PathNormalization::kNone, PathNormalization::kBase,
    PathNormalization::kMergeSlashes,
    PathNormalization::kDecodeAndMergeSlashes};

struct Answer {
  MatchStatus status;
  std::string service;  // When matched.
};
Answer Served(std::string service) {
  return {MatchStatus::kMatched, std::move(service)};
}
const Answer kNoRoute = {MatchStatus::kNoRoute, ""};
const Answer kInvalidHost = {MatchStatus::kInvalidHost, ""};
const Answer kInvalidPath = {MatchStatus::kInvalidPath, ""};
const Answer kPathTooLong = {MatchStatus::kPathTooLong, ""};

struct RequestCase {
  std::string name;
  std::string host;
  std::string path;
  // One answer per mode of kModes, or one for all of them.
  std::vector<Answer> answers;

  const Answer& AnswerIn(size_t mode) const {
    return answers.size() == 1 ? answers[0] : answers[mode];
  }
};

constexpr std::string_view kHost = "httpbin.example.com";

std::string Repeated(std::string_view piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out += piece;
  return out;
}

std::vector<RequestCase> RequestCases() {
  const std::string host(kHost);
  // Modes in the order of kModes: NONE, BASE, MERGE_SLASHES,
  // DECODE_AND_MERGE_SLASHES.
  return {
      // Dot segments never climb above the root, and are left alone when
      // normalisation is off.
      {"DotDotAboveRoot",
       host,
       "/../../a",
       {kNoRoute, Served("a"), Served("a"), Served("a")}},
      {"EncodedDotDotAboveRoot",
       host,
       "/%2e%2E/%2E./a",
       {kNoRoute, Served("a"), Served("a"), Served("a")}},
      // Escaped slashes and backslashes are data unless the mode decodes them.
      {"EncodedSlash",
       host,
       "/a%2Fb/x",
       {kNoRoute, kNoRoute, kNoRoute, Served("ab")}},
      {"EncodedSlashLowercase",
       host,
       "/a%2fb/x",
       {kNoRoute, kNoRoute, kNoRoute, Served("ab")}},
      {"EncodedBackslash",
       host,
       "/a%5Cb/x",
       {kNoRoute, kNoRoute, kNoRoute, Served("ab")}},
      {"EncodedSlashClimbing",
       host,
       "/x/..%2F..%2Fa",
       {kNoRoute, kNoRoute, kNoRoute, Served("a")}},
      {"Backslash",
       host,
       "/a\\b\\x",
       {kNoRoute, Served("ab"), Served("ab"), Served("ab")}},
      {"DoubleSlash",
       host,
       "/a//b/x",
       {kNoRoute, kNoRoute, Served("ab"), Served("ab")}},
      // Escapes that are refused in every mode.
      // %00 is refused by every normalising mode; without normalisation
      // the path is matched as it came.
      {"EncodedNul",
       host,
       "/a%00",
       {kNoRoute, kInvalidPath, kInvalidPath, kInvalidPath}},
      {"EncodedNulAfterAStrayPercent",
       host,
       "/a/AAAAA%%0000/x",
       {kNoRoute, kInvalidPath, kInvalidPath, kInvalidPath}},
      // A `%` that starts no escape is kept as written, as Envoy keeps it:
      // such a path is data, never an error.
      {"BadEscapeNotHex", host, "/a%zz", {kNoRoute}},
      {"BadEscapeTruncated", host, "/a%4", {kNoRoute}},
      {"BadEscapeAtEnd", host, "/a%", {kNoRoute}},
      {"StrayPercentUnderAPrefix", host, "/a/b/%zz", {Served("ab")}},
      // Escapes of unreserved characters are decoded; other escapes kept.
      {"UnreservedEscapes",
       host,
       "/%61",
       {kNoRoute, Served("a"), Served("a"), Served("a")}},
      {"UnreservedEscapesSpellingAPrefix",
       host,
       "/%61/%62/c",
       {kNoRoute, Served("ab"), Served("ab"), Served("ab")}},
      // Chromium's nested-escape rule: what decoding completes next to a
      // stray `%` never becomes an escape (%%30%30 is not %00, %%36%31 not
      // `a`).
      {"NestedEscapeIsNotNul", host, "/a%%30%30", {kNoRoute}},
      {"NestedEscapeIsNotALetter", host, "/%%36%31", {kNoRoute}},
      // Bytes BASE escapes: quotes, angle brackets, braces, bytes >= 0x80.
      {"UnsafeBytesEscaped", host, "/a/b/\"<>^`{|}\xe9", {Served("ab")}},
      // Decoded once only: %252e is "%2e" text, never a dot.
      {"DoubleEncodedDotDot", host, "/x/%252e%252e/a", {kNoRoute}},
      {"DoubleEncodedSlash", host, "/a%252Fb/x", {kNoRoute}},
      // Overlong UTF-8 for '.' and '/' is bytes, never a dot or a slash.
      {"OverlongUtf8Escaped", host, "/x/%c0%ae%c0%ae/a", {kNoRoute}},
      {"OverlongUtf8Raw", host, "/x/\xc0\xae\xc0\xae/a", {kNoRoute}},
      {"OverlongUtf8Slash",
       host,
       "/a\xc0\xaf"
       "b/x",
       {kNoRoute}},
      // Query and fragment are not part of the path.
      {"Query", host, "/a?x=/a/b/c", {Served("a")}},
      {"Fragment", host, "/a#/../status/1", {Served("a")}},
      {"QueryWithDotDot", host, "/status/1?/../../a", {Served("httpbin")}},
      // Paths that are not absolute, or hold bytes no path may hold.
      {"EmptyPath", host, "", {kInvalidPath}},
      {"RelativePath", host, "a/b", {kInvalidPath}},
      {"AsteriskForm", host, "*", {kInvalidPath}},
      {"AbsoluteForm", host, "http://h/a", {kInvalidPath}},
      {"PathWithNul", host, std::string("/a\0b", 4), {kInvalidPath}},
      {"PathWithNewline", host, "/a\nb", {kInvalidPath}},
      {"PathWithCarriageReturn", host, "/a\rb", {kInvalidPath}},
      {"PathWithTab", host, "/a\tb", {kInvalidPath}},
      {"PathWithSpace", host, "/a b", {kInvalidPath}},
      {"PathWithDelete", host, "/a\x7f", {kInvalidPath}},
      // Size: refused by the limit, or matched in time linear in the path.
      {"OneMebibytePath",
       host,
       "/a/b/" + std::string(1 << 20, 'x'),
       {kPathTooLong}},
      {"TenThousandSegments",
       host,
       "/a/b" + Repeated("/s", 10000),
       {Served("ab")}},
      {"TenThousandDotDotSegments",
       host,
       Repeated("/x/..", 10000) + "/a",
       {kNoRoute, Served("a"), Served("a"), Served("a")}},
      {"TenThousandSlashes",
       host,
       "/a" + std::string(10000, '/') + "b/c",
       {kNoRoute, kNoRoute, Served("ab"), Served("ab")}},
      // Hosts: case, port and one trailing dot are ignored; bytes no host
      // may hold are refused.
      {"HostUppercaseWithPort",
       "HTTPBIN.Example.COM:8080",
       "/a",
       {Served("a")}},
      {"HostTrailingDot", "httpbin.example.com.", "/a", {Served("a")}},
      {"HostTwoTrailingDots", "httpbin.example.com..", "/a", {kNoRoute}},
      {"HostWildcardMatch", "x.y.example.com", "/q", {Served("wild")}},
      {"HostWithSpace", "httpbin .example.com", "/a", {kInvalidHost}},
      {"HostWithTab", "httpbin.example.com\t", "/a", {kInvalidHost}},
      {"HostWithNul",
       std::string("httpbin.example.com\0.evil", 25),
       "/a",
       {kInvalidHost}},
      {"HostWithControlByte", "httpbin\x01.example.com", "/a", {kInvalidHost}},
      {"HostWithCarriageReturn", "httpbin.example.com\r", "/a", {kInvalidHost}},
      {"HostWithDelete", "httpbin.example.com\x7f", "/a", {kInvalidHost}},
      // An unreserved escape is decoded once normalising: /any/%41 is
      // /any/A.
      {"Ipv6HostWithPort",
       "[2001:DB8::1]:8443",
       "/any/%41",
       {kNoRoute, Served("any"), Served("any"), Served("any")}},
      {"Ipv6HostWithoutPort",
       "[::1]",
       "/any/%41",
       {kNoRoute, Served("any"), Served("any"), Served("any")}},
      {"EmptyHost",
       "",
       "/any/%41",
       {kNoRoute, Served("any"), Served("any"), Served("any")}},
      {"NonUtf8Host", "\xff\xfe.example.com", "/q", {Served("wild")}},
  };
}

void PrintTo(const RequestCase& c, std::ostream* os) { *os << c.name; }

class BadRequestTest : public ::testing::TestWithParam<RequestCase> {
 protected:
  static const RouteTable& TableIn(size_t mode) {
    static const std::vector<RouteTable> tables = [] {
      std::vector<RouteTable> out;
      for (PathNormalization m : kModes) {
        CompileOptions options;
        options.path_normalization = m;
        CompileResult compiled = Compile(kRequestTable, options);
        EXPECT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
        out.push_back(compiled.table);
      }
      return out;
    }();
    return tables[mode];
  }
};

TEST_P(BadRequestTest, GetsItsCataloguedAnswerInEveryMode) {
  const RequestCase& c = GetParam();
  ASSERT_TRUE(c.answers.size() == 1 || c.answers.size() == 4);
  for (size_t mode = 0; mode < 4; ++mode) {
    SCOPED_TRACE(ToString(kModes[mode]));
    const Answer& want = c.AnswerIn(mode);
    const MatchResult got = TableIn(mode).Match(c.host, c.path);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.matched() ? got.destination()->service : "", want.service);
    // The reference scan agrees, bad input or not.
    const MatchResult linear = TableIn(mode).MatchLinear(c.host, c.path);
    EXPECT_EQ(linear.status, got.status);
    EXPECT_EQ(linear.route, got.route);
  }
}

// ---------------------------------------------------------------------------
// C calls with arguments that cannot be used: each returns INGRESSKIT_EINVAL
// with a message naming the argument, writes no output and leaks nothing.
// Freeing NULL is a no-op; a double free from C is undefined behaviour, as
// for free(3) — the Python package guards against it (its tests).

struct CallCase {
  std::string name;
  std::function<int(ingresskit_error_t*)> call;
  std::string message;
};

// A table and a router that are fine, for the calls whose other arguments
// are not.
ingresskit_table_t* GoodTable() {
  static ingresskit_table_t* table = [] {
    ingresskit_table_t* t = nullptr;
    EXPECT_EQ(
        ingresskit_table_compile(kRequestTable.data(), kRequestTable.size(),
                                 nullptr, &t, nullptr),
        INGRESSKIT_OK);
    return t;
  }();
  return table;
}
ingresskit_router_t* GoodRouter() {
  static ingresskit_router_t* router = [] {
    ingresskit_router_t* r = nullptr;
    EXPECT_EQ(ingresskit_router_new(nullptr, &r, nullptr), INGRESSKIT_OK);
    return r;
  }();
  return router;
}

std::vector<CallCase> CallCases() {
  // Outputs the calls must leave alone when they refuse.
  static ingresskit_table_t* table_out;
  static ingresskit_match_t match;
  static ingresskit_match_t matches[2] = {INGRESSKIT_MATCH_INIT,
                                          INGRESSKIT_MATCH_INIT};
  static ingresskit_diagnostic_t diagnostic;
  static char* text_out;
  static size_t text_len;
  static int64_t ids[1];
  static const size_t lengths[2] = {1, 1};
  static const ingresskit_request_t requests[1] = {{"h", 1, "/", 1}};
  using E = ingresskit_error_t*;
  auto* t = GoodTable();
  auto* r = GoodRouter();
  match = INGRESSKIT_MATCH_INIT;
  return {
      // NULL handles.
      {"TableMatchOnNullTable",
       [](E e) {
         return ingresskit_table_match(nullptr, "h", 1, "/", 1, &match, e);
       },
       "table is NULL"},
      {"TableMatchBatchOnNullTable",
       [](E e) {
         return ingresskit_table_match_batch(nullptr, requests, 1, matches, e);
       },
       "table is NULL"},
      {"TableMatchPackedOnNullTable",
       [](E e) {
         return ingresskit_table_match_packed(nullptr, "h/", 2, lengths, 1, ids,
                                              e);
       },
       "table is NULL"},
      {"TableRouteOnNullTable",
       [](E e) { return ingresskit_table_route(nullptr, 0, &match, e); },
       "table is NULL"},
      {"TableDiagnosticOnNullTable",
       [](E e) {
         return ingresskit_table_diagnostic(nullptr, 0, &diagnostic, e);
       },
       "table or out is NULL"},
      {"TableGenerateOnNullTable",
       [](E e) {
         return ingresskit_table_generate(nullptr, 0, &text_out, &text_len, e);
       },
       "table, out or out_len is NULL"},
      {"RouterUpdateOnNullRouter",
       [](E e) { return ingresskit_router_update(nullptr, "", 0, e); },
       "router is NULL"},
      {"RouterAcquireOnNullRouter",
       [](E e) {
         return ingresskit_router_acquire(nullptr, &table_out, nullptr, e);
       },
       "router or table is NULL"},
      {"RouterMatchOnNullRouter",
       [](E e) {
         return ingresskit_router_match(nullptr, "h", 1, "/", 1, &table_out,
                                        nullptr, &match, e);
       },
       "router or table is NULL"},
      // NULL outputs.
      {"TableCompileToNullOut",
       [](E e) { return ingresskit_table_compile("", 0, nullptr, nullptr, e); },
       "out is NULL"},
      {"TableMatchToNullOut",
       [t](E e) {
         return ingresskit_table_match(t, "h", 1, "/", 1, nullptr, e);
       },
       "out is NULL"},
      {"TableMatchBatchToNullOut",
       [t](E e) {
         return ingresskit_table_match_batch(t, requests, 1, nullptr, e);
       },
       "requests or out is NULL"},
      {"TableMatchPackedToNullIds",
       [t](E e) {
         return ingresskit_table_match_packed(t, "h/", 2, lengths, 1, nullptr,
                                              e);
       },
       "lengths or route_ids is NULL"},
      {"TableRouteToNullOut",
       [t](E e) { return ingresskit_table_route(t, 0, nullptr, e); },
       "out is NULL"},
      {"TableDiagnosticToNullOut",
       [t](E e) { return ingresskit_table_diagnostic(t, 0, nullptr, e); },
       "table or out is NULL"},
      {"TableGenerateToNullOut",
       [t](E e) {
         return ingresskit_table_generate(t, 0, nullptr, &text_len, e);
       },
       "table, out or out_len is NULL"},
      {"TableGenerateToNullLength",
       [t](E e) {
         return ingresskit_table_generate(t, 0, &text_out, nullptr, e);
       },
       "table, out or out_len is NULL"},
      {"RouterNewToNullOut",
       [](E e) { return ingresskit_router_new(nullptr, nullptr, e); },
       "out is NULL"},
      {"RouterAcquireToNullTable",
       [r](E e) { return ingresskit_router_acquire(r, nullptr, nullptr, e); },
       "router or table is NULL"},
      {"RouterMatchToNullTable",
       [r](E e) {
         return ingresskit_router_match(r, "h", 1, "/", 1, nullptr, nullptr,
                                        &match, e);
       },
       "router or table is NULL"},
      {"RouterMatchToNullOut",
       [r](E e) {
         return ingresskit_router_match(r, "h", 1, "/", 1, &table_out, nullptr,
                                        nullptr, e);
       },
       "out is NULL"},
      // NULL text with a length.
      {"TableCompileNullTextWithLength",
       [](E e) {
         return ingresskit_table_compile(nullptr, 5, nullptr, &table_out, e);
       },
       "text is NULL but len is not 0"},
      {"RouterUpdateNullTextWithLength",
       [r](E e) { return ingresskit_router_update(r, nullptr, 5, e); },
       "text is NULL but len is not 0"},
      {"TableMatchNullHostWithLength",
       [t](E e) {
         return ingresskit_table_match(t, nullptr, 3, "/", 1, &match, e);
       },
       "host or path is NULL with a non-zero length"},
      {"TableMatchNullPathWithLength",
       [t](E e) {
         return ingresskit_table_match(t, "h", 1, nullptr, 3, &match, e);
       },
       "host or path is NULL with a non-zero length"},
      {"TableNormalizePathNullPathWithLength",
       [t](E e) {
         char buf[4];
         size_t len = 0;
         return ingresskit_table_normalize_path(t, nullptr, 3, buf, 4, &len, e);
       },
       "path or buf is NULL with a non-zero length"},
      {"TableNormalizePathNullOutLen",
       [t](E e) {
         char buf[4];
         return ingresskit_table_normalize_path(t, "/", 1, buf, 4, nullptr, e);
       },
       "out_len is NULL"},
      {"TableMatchBatchNullPathWithLength",
       [t](E e) {
         const ingresskit_request_t bad[2] = {{"h", 1, "/", 1},
                                              {"h", 1, nullptr, 2}};
         return ingresskit_table_match_batch(t, bad, 2, matches, e);
       },
       "requests[1]"},
      {"TableMatchPackedNullDataWithLength",
       [t](E e) {
         return ingresskit_table_match_packed(t, nullptr, 2, lengths, 1, ids,
                                              e);
       },
       "data is NULL but data_len is not 0"},
      {"TableMatchPackedLengthsPastTheData",
       [t](E e) {
         return ingresskit_table_match_packed(t, "h/", 1, lengths, 1, ids, e);
       },
       "data_len"},
      {"RouterMatchNullPathWithLength",
       [r](E e) {
         return ingresskit_router_match(r, "h", 1, nullptr, 3, &table_out,
                                        nullptr, &match, e);
       },
       "host or path is NULL with a non-zero length"},
      // Out of range.
      {"TableDiagnosticPastTheCount",
       [t](E e) {
         return ingresskit_table_diagnostic(t, 1000, &diagnostic, e);
       },
       "is not below the count"},
      {"TableRouteWithUnknownId",
       [t](E e) { return ingresskit_table_route(t, 1u << 30, &match, e); },
       "no route has id"},
      {"TableGenerateUnknownFormat",
       [t](E e) {
         return ingresskit_table_generate(t, 99, &text_out, &text_len, e);
       },
       "unknown format 99"},
      {"TableMatchUnversionedOut",
       [t](E e) {
         match.version = 0;
         const int rc = ingresskit_table_match(t, "h", 1, "/", 1, &match, e);
         match = INGRESSKIT_MATCH_INIT;
         return rc;
       },
       "INGRESSKIT_MATCH_INIT"},
  };
}

void PrintTo(const CallCase& c, std::ostream* os) { *os << c.name; }

class BadCallTest : public ::testing::TestWithParam<CallCase> {};

TEST_P(BadCallTest, IsRefusedNamingTheArgument) {
  const CallCase& c = GetParam();
  ingresskit_error_t err = {};
  const uint64_t version = ingresskit_router_version(GoodRouter());
  EXPECT_EQ(c.call(&err), INGRESSKIT_EINVAL);
  EXPECT_EQ(err.code, INGRESSKIT_EINVAL);
  EXPECT_THAT(std::string(err.message), HasSubstr(c.message));
  // Without an error struct, the same status.
  EXPECT_EQ(c.call(nullptr), INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_router_version(GoodRouter()), version);
}

TEST(BadCallTest, FreeingNullIsANoOp) {
  ingresskit_free(nullptr);
  ingresskit_table_free(nullptr);
  ingresskit_router_free(nullptr);
  EXPECT_EQ(ingresskit_table_route_count(nullptr), 0u);
  EXPECT_EQ(ingresskit_table_diagnostic_count(nullptr), 0u);
  EXPECT_EQ(ingresskit_router_version(nullptr), 0u);
}

// ---------------------------------------------------------------------------
// The fuzz corpora hold every input above, as the fuzzers read them.

// libFuzzer reads at most this much of a corpus file by default; bigger
// inputs (the size limits' cases) are catalogued here only.
constexpr size_t kMaxCorpusBytes = 1 << 20;

const std::filesystem::path kCorpus = INGRESSKIT_FUZZ_CORPUS_DIR;

// fuzz_request reads: the mode's byte, the host, '\n', the path.
std::string RequestFuzzInput(const RequestCase& c, size_t mode) {
  return std::string(1, static_cast<char>(kModes[mode])) + c.host + "\n" +
         c.path;
}

// The mode the corpus file uses: the first whose answer differs from NONE,
// so the fuzzer starts where normalisation matters.
size_t CorpusMode(const RequestCase& c) {
  for (size_t mode = 1; mode < c.answers.size(); ++mode) {
    if (c.answers[mode].status != c.answers[0].status ||
        c.answers[mode].service != c.answers[0].service) {
      return mode;
    }
  }
  return 1;  // BASE, Istio's default.
}

struct CorpusEntry {
  std::filesystem::path file;
  std::string bytes;
};

// The corpus files the catalogue makes, and the cases too big to be one.
struct CatalogueCorpus {
  std::vector<CorpusEntry> files;
  std::vector<std::string> left_out;

  CatalogueCorpus() {
    for (const ConfigCase& c : ConfigCases()) {
      Add(c.name, "parse", c.Text());
    }
    for (const RequestCase& c : RequestCases()) {
      // fuzz_request splits host and path at the first newline.
      EXPECT_EQ(c.host.find('\n'), std::string::npos) << c.name;
      Add(c.name, "request", RequestFuzzInput(c, CorpusMode(c)));
    }
  }

 private:
  void Add(const std::string& name, std::string_view fuzzer,
           std::string bytes) {
    if (bytes.size() > kMaxCorpusBytes) {
      left_out.push_back(name);
    } else {
      files.push_back(
          {kCorpus / fuzzer / ("catalogue-" + name), std::move(bytes)});
    }
  }
};

TEST(CatalogueTest, EveryInputIsInItsFuzzCorpus) {
  const char* write = std::getenv("INGRESSKIT_WRITE_CORPUS");
  const bool rewrite = write != nullptr && std::string_view(write) == "1";
  for (const CorpusEntry& entry : CatalogueCorpus().files) {
    if (rewrite) {
      std::ofstream(entry.file, std::ios::binary | std::ios::trunc)
          << entry.bytes;
    }
    std::ifstream in(entry.file, std::ios::binary);
    std::string held((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
    EXPECT_TRUE(in.is_open() && held == entry.bytes)
        << entry.file
        << " is missing or differs from the catalogue; run "
           "this test with INGRESSKIT_WRITE_CORPUS=1 to rewrite it";
  }
}

TEST(CatalogueTest, OnlyInputsOverTheSizeCapStayOutOfTheCorpus) {
  EXPECT_THAT(CatalogueCorpus().left_out,
              ::testing::UnorderedElementsAre(
                  "DocumentOverSizeLimit", "HundredThousandRulesInOneIngress",
                  "OneMebibytePath"));
}

template <typename Case>
std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadConfigTest,
                         ::testing::ValuesIn(ConfigCases()),
                         CaseName<ConfigCase>);
INSTANTIATE_TEST_SUITE_P(Catalogue, BadRequestTest,
                         ::testing::ValuesIn(RequestCases()),
                         CaseName<RequestCase>);
INSTANTIATE_TEST_SUITE_P(Catalogue, BadCallTest,
                         ::testing::ValuesIn(CallCases()), CaseName<CallCase>);

}  // namespace
}  // namespace ingresskit
