// ParseRouteTests(): a test file, in ingresskit's form or Envoy's
// router_check form, to RouteTests. Unknown keys are errors, so a typo in
// an expectation cannot silently make a test pass.
#include <algorithm>
#include <array>

#include "common/strings.h"
#include "ingresskit/route_tests.h"
#include "parse/readers.h"

namespace ingresskit {
namespace {

using internal::StrCat;
using parse_internal::JsonValue;
using parse_internal::SourceTree;

// Envoy's input fields that do not change an Ingress decision.
constexpr std::array<std::string_view, 8> kEnvoyInputsIgnored = {
    "method",
    "random_value",
    "ssl",
    "internal",
    "runtime",
    "additional_request_headers",
    "additional_response_headers",
    "dynamic_metadata"};

class TestReader {
 public:
  TestReader(const SourceTree& tree, std::string_view source,
             RouteTestsParseResult& out)
      : tree_(tree), source_(source), out_(out) {}

  void File(const JsonValue& root) {
    if (!root.IsObject() || !root.HasMember("tests") ||
        !root["tests"].IsArray()) {
      Error(root, "tests", "a test file is an object with a `tests` list");
      return;
    }
    const JsonValue& tests = root["tests"];
    if (tests.Empty()) Error(tests, "tests", "the list has no tests");
    for (rapidjson::SizeType i = 0; i < tests.Size(); ++i) {
      Test(tests[i], StrCat("tests[", i, "]"));
    }
  }

 private:
  void Error(const JsonValue& at, std::string field, std::string message) {
    Diagnostic d;
    d.code = ErrorCode::kValidation;
    d.field = std::move(field);
    d.position = tree_.PositionOf(at);
    d.source = std::string(source_);
    d.message = std::move(message);
    out_.diagnostics.push_back(std::move(d));
  }

  // Calls `each(key, value)` for every member but the tree's own.
  template <typename Each>
  void Members(const JsonValue& object, Each each) {
    for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
      if (SourceTree::IsPositionMember(it->name)) continue;
      each(std::string_view(it->name.GetString(), it->name.GetStringLength()),
           it->value);
    }
  }

  bool String(const JsonValue& v, const std::string& field, std::string& out) {
    if (!v.IsString()) {
      Error(v, field, "expected a string");
      return false;
    }
    out.assign(v.GetString(), v.GetStringLength());
    return true;
  }

  void Test(const JsonValue& t, const std::string& at) {
    if (!t.IsObject()) {
      Error(t, at, "a test is an object");
      return;
    }
    const size_t errors_before = out_.diagnostics.size();
    RouteTest test;
    test.position = tree_.PositionOf(t);
    test.name = at;
    const bool envoy = t.HasMember("input") || t.HasMember("validate") ||
                       t.HasMember("test_name");
    bool has_host = false, has_path = false, has_expect = false;
    Members(t, [&](std::string_view key, const JsonValue& v) {
      const std::string field = StrCat(at, ".", key);
      if (key == (envoy ? "test_name" : "name")) {
        String(v, field, test.name);
      } else if (!envoy && key == "host") {
        has_host = String(v, field, test.host);
      } else if (!envoy && key == "path") {
        has_path = String(v, field, test.path);
      } else if (!envoy && key == "expect") {
        has_expect = true;
        Expect(v, field, test.expect);
      } else if (envoy && key == "input") {
        Input(v, field, test, has_host, has_path);
      } else if (envoy && key == "validate") {
        has_expect = true;
        Validate(v, field, test.expect);
      } else {
        Error(v, field,
              envoy ? "unknown key: a router_check test has test_name, input "
                      "and validate"
                    : "unknown key: a test has name, host, path and expect");
      }
    });
    const std::string_view host_key = envoy ? "input.authority" : "host";
    const std::string_view path_key = envoy ? "input.path" : "path";
    if (!has_host) Error(t, StrCat(at, ".", host_key), "required");
    if (!has_path) Error(t, StrCat(at, ".", path_key), "required");
    if (!has_expect) {
      Error(t, StrCat(at, ".", envoy ? "validate" : "expect"),
            "required: what the test asserts");
    } else if (test.expect == RouteExpectation{} &&
               out_.diagnostics.size() == errors_before) {
      Error(t, StrCat(at, ".", envoy ? "validate" : "expect"),
            "asserts nothing");
    }
    out_.tests.push_back(std::move(test));
  }

  void Expect(const JsonValue& v, const std::string& at,
              RouteExpectation& expect) {
    if (!v.IsObject()) {
      Error(v, at, "expected an object");
      return;
    }
    Members(v, [&](std::string_view key, const JsonValue& value) {
      const std::string field = StrCat(at, ".", key);
      std::string s;
      if (key == "status") {
        if (!value.IsInt() ||
            (value.GetInt() != 200 && value.GetInt() != 404 &&
             value.GetInt() != 400 && value.GetInt() != 500)) {
          Error(value, field, "expected 200, 404, 500 or 400");
        } else {
          expect.status = value.GetInt();
        }
      } else if (key == "port") {
        if (!value.IsUint() || value.GetUint() == 0 ||
            value.GetUint() > 65535) {
          Error(value, field, "expected a port number, 1 to 65535");
        } else {
          expect.port = value.GetUint();
        }
      } else if (key == "destination" || key == "cluster" || key == "ingress") {
        if (!String(value, field, s)) return;
        (key == "destination" ? expect.destination
         : key == "cluster"   ? expect.cluster
                              : expect.ingress) = std::move(s);
      } else {
        Error(value, field,
              "unknown key: expect has status, destination, port, cluster "
              "and ingress");
      }
    });
  }

  void Input(const JsonValue& v, const std::string& at, RouteTest& test,
             bool& has_host, bool& has_path) {
    if (!v.IsObject()) {
      Error(v, at, "expected an object");
      return;
    }
    Members(v, [&](std::string_view key, const JsonValue& value) {
      const std::string field = StrCat(at, ".", key);
      if (key == "authority") {
        has_host = String(value, field, test.host);
      } else if (key == "path") {
        has_path = String(value, field, test.path);
      } else if (std::find(kEnvoyInputsIgnored.begin(),
                           kEnvoyInputsIgnored.end(),
                           key) == kEnvoyInputsIgnored.end()) {
        Error(value, field, "unknown input");
      }
    });
  }

  void Validate(const JsonValue& v, const std::string& at,
                RouteExpectation& expect) {
    if (!v.IsObject()) {
      Error(v, at, "expected an object");
      return;
    }
    Members(v, [&](std::string_view key, const JsonValue& value) {
      const std::string field = StrCat(at, ".", key);
      std::string cluster;
      if (key != "cluster_name") {
        Error(value, field,
              "not supported: ingresskit checks cluster_name (an Ingress "
              "decision has no rewrites, redirects or headers)");
      } else if (String(value, field, cluster)) {
        // "" asserts no route.
        if (cluster.empty()) {
          expect.status = 404;
        } else {
          expect.cluster = std::move(cluster);
        }
      }
    });
  }

  const SourceTree& tree_;
  std::string_view source_;
  RouteTestsParseResult& out_;
};

}  // namespace

RouteTestsParseResult ParseRouteTests(std::string_view text,
                                      std::string_view name) {
  RouteTestsParseResult out;
  SourceTree tree;
  Diagnostic error;
  if (!parse_internal::ReadTree(text, InputFormat::kAuto, Limits{}, tree,
                                error)) {
    error.source = std::string(name);
    out.status = error.code;
    out.diagnostics.push_back(std::move(error));
    return out;
  }
  if (tree.documents().size() != 1) {
    Diagnostic d;
    d.code = ErrorCode::kValidation;
    d.source = std::string(name);
    d.message = "a test file holds one document with a `tests` list";
    out.diagnostics.push_back(std::move(d));
  } else {
    TestReader(tree, name, out).File(*tree.documents()[0]);
  }
  if (CountErrors(out.diagnostics) > 0) {
    out.status = ErrorCode::kValidation;
    out.tests.clear();
  }
  return out;
}

}  // namespace ingresskit
