// Helpers shared by the test suites.
#ifndef INGRESSKIT_TEST_TEST_UTIL_H_
#define INGRESSKIT_TEST_TEST_UTIL_H_

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
inline void PrintTo(ErrorCode code, std::ostream* os) {
  *os << ToString(code);
}
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
  return set;
}

// One diagnostic a line, with its code, for failure messages.
inline std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += "[" + std::string(ToString(d.code)) + "] " + d.ToString() + "\n";
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

MATCHER_P3(IsDiagnostic, severity, field, message_part, "") {
  return arg.severity == severity && arg.field == field &&
         arg.message.find(message_part) != std::string::npos;
}

}  // namespace ingresskit::testing

#endif  // INGRESSKIT_TEST_TEST_UTIL_H_
