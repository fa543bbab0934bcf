// Helpers shared by the test suites.
#ifndef INGRESSKIT_TEST_TEST_UTIL_H_
#define INGRESSKIT_TEST_TEST_UTIL_H_

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingresskit/ingresskit.h"

namespace ingresskit {

// Lets GoogleTest print diagnostics readably in failure messages.
inline void PrintTo(const Diagnostic& d, std::ostream* os) {
  *os << d.ToString();
}
inline void PrintTo(Severity severity, std::ostream* os) {
  *os << ToString(severity);
}
inline void PrintTo(ErrorCode code, std::ostream* os) { *os << ToString(code); }
inline void PrintTo(MatchStatus status, std::ostream* os) {
  *os << ToString(status);
}
inline void PrintTo(const SourcePosition& p, std::ostream* os) {
  *os << "line " << p.line << ", column " << p.column;
}

}  // namespace ingresskit

namespace ingresskit::testing {

inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A golden file must hold `actual` byte for byte; with
// INGRESSKIT_UPDATE_GOLDEN set it is rewritten instead (review the diff).
inline void CompareWithGolden(const std::string& path,
                              const std::string& actual) {
  if (std::getenv("INGRESSKIT_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing";
  std::ostringstream buffer;
  buffer << in.rdbuf();
  EXPECT_EQ(buffer.str(), actual) << path;
}

// Source positions say where text came from, not what it means; clear them
// to compare models read from different texts.
inline ResourceSet WithoutPositions(ResourceSet set) {
  for (Ingress& ingress : set.ingresses) {
    ingress.position = {};
    for (IngressRule& rule : ingress.spec.rules) {
      rule.position = {};
      if (!rule.http) continue;
      for (HttpIngressPath& path : rule.http->paths) path.position = {};
    }
  }
  for (IngressClass& c : set.ingress_classes) c.position = {};
  for (Service& s : set.services) s.position = {};
  for (EndpointSlice& e : set.endpoint_slices) e.position = {};
  for (Endpoints& e : set.endpoints) e.position = {};
  for (Secret& e : set.secrets) e.position = {};
  for (GatewayResource& g : set.gateways) {
    g.position = {};
    for (GatewayListener& l : g.spec.listeners) l.position = {};
  }
  for (HttpRouteResource& r : set.http_routes) {
    r.position = {};
    for (HttpRouteRule& rule : r.spec.rules) {
      rule.position = {};
      for (HttpRouteMatch& m : rule.matches) m.position = {};
    }
  }
  return set;
}

// One diagnostic a line, with its code, for failure messages.
inline std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false
    // positive) about `"[" + std::string(...)`.
    out += '[';
    out += ToString(d.code);
    out += "] ";
    out += d.ToString();
    out += '\n';
  }
  return out;
}

// The diagnostics of one severity.
inline std::vector<Diagnostic> OfSeverity(
    const std::vector<Diagnostic>& diagnostics, Severity severity) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == severity) out.push_back(d);
  }
  return out;
}

// Parses text that must be accepted with no error diagnostic.
inline ResourceSet ParseClean(std::string_view text,
                              const ParseOptions& options = {}) {
  ParseResult result = Parse(text, options);
  EXPECT_TRUE(result.ok()) << ToString(result.status) << "\n"
                           << Describe(result.diagnostics);
  EXPECT_EQ(CountErrors(result.diagnostics), 0u)
      << Describe(result.diagnostics);
  return result.resources;
}

// `text` with its one occurrence of `token` replaced by `value`. A token
// that is missing, or there more than once, fails the test (and `text`
// comes back unchanged) rather than throwing or editing the wrong place.
inline std::string ReplaceOnce(std::string text, std::string_view token,
                               std::string_view value) {
  const size_t at = text.find(token);
  if (at == std::string::npos) {
    ADD_FAILURE() << "ReplaceOnce: \"" << token << "\" is not in:\n" << text;
    return text;
  }
  if (text.find(token, at + 1) != std::string::npos) {
    ADD_FAILURE() << "ReplaceOnce: \"" << token
                  << "\" is there more than once in:\n"
                  << text;
    return text;
  }
  return text.replace(at, token.size(), value);
}

// ---- Test Ingresses as YAML ------------------------------------------------
// Every field is a YAML scalar or flow value written as given, so a test
// can spell exactly the text it means ("\"*.a.com\"", "/a\\tb"); Quoted()
// makes a double-quoted scalar of a plain string.

inline std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";  // A raw newline would fold into a space.
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A v1 service backend, as a flow mapping.
inline std::string ServiceBackend(std::string_view service,
                                  std::string_view port = "{number: 80}") {
  return "{service: {name: " + std::string(service) +
         ", port: " + std::string(port) + "}}";
}

struct TestPath {
  std::string path;
  std::string type = "Prefix";  // Empty: no pathType line.
  std::string backend = ServiceBackend("web");
};

struct TestRule {
  std::string host;  // Empty: no host (the rule serves `*`).
  std::vector<TestPath> paths;
  // When set, written as `paths: <paths_flow>` instead of `paths`.
  std::string paths_flow;
};

struct TestIngress {
  std::string name = "ing";
  std::string namespace_name;  // Empty: none (the default namespace).
  // More `metadata` fields, as lines indented by two spaces.
  std::string metadata;
  // More `spec` fields before `rules`, as lines indented by two spaces.
  std::string spec;
  std::vector<TestRule> rules;
  // More rules, as YAML lines (RuleYaml()), after `rules`.
  std::string rules_yaml;
};

// One rule's lines under `rules:`.
inline std::string RuleYaml(const TestRule& rule) {
  std::string out = "  - ";
  if (!rule.host.empty()) out += "host: " + rule.host + "\n    ";
  out += "http:\n";
  if (!rule.paths_flow.empty())
    return out + "      paths: " + rule.paths_flow + "\n";
  out += "      paths:\n";
  for (const TestPath& path : rule.paths) {
    out += "      - path: " + path.path + "\n";
    if (!path.type.empty()) out += "        pathType: " + path.type + "\n";
    out += "        backend: " + path.backend + "\n";
  }
  return out;
}

// A networking.k8s.io/v1 Ingress, one field a line, laid out so that line
// numbers are predictable: with no extra metadata or spec, the first
// rule's host is on line 6 and its first path entry on line 9 (pathType
// 10, backend 11). No document separator: join documents with "---\n".
inline std::string Yaml(const TestIngress& ingress) {
  std::string out = "apiVersion: networking.k8s.io/v1\nkind: Ingress\n";
  std::string ns = ingress.namespace_name.empty()
                       ? ""
                       : ", namespace: " + ingress.namespace_name;
  if (ingress.metadata.empty()) {
    out += "metadata: {name: " + ingress.name + ns + "}\n";
  } else {
    out += "metadata:\n  name: " + ingress.name + "\n";
    if (!ns.empty()) out += "  namespace: " + ingress.namespace_name + "\n";
    out += ingress.metadata;
  }
  out += "spec:\n" + ingress.spec + "  rules:\n";
  for (const TestRule& rule : ingress.rules) out += RuleYaml(rule);
  return out + ingress.rules_yaml;
}

MATCHER_P3(IsDiagnostic, severity, field, message_part, "") {
  return arg.severity == severity && arg.field == field &&
         arg.message.find(message_part) != std::string::npos;
}

}  // namespace ingresskit::testing

#endif  // INGRESSKIT_TEST_TEST_UTIL_H_
