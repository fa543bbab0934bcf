// How diagnostics read when printed, and counting errors.
#include "ingresskit/diagnostics.h"

#include "gtest/gtest.h"

namespace ingresskit {
namespace {

TEST(DiagnosticsTest, ToStringNamesObjectFieldAndPosition) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.object = "Ingress default/web";
  d.field = "spec.rules[0].host";
  d.position = {7, 13};
  d.message = "must be lowercase";
  EXPECT_EQ(d.ToString(),
            "error: Ingress default/web: spec.rules[0].host (line 7, column "
            "13): must be lowercase");
  d.position = {};
  EXPECT_EQ(
      d.ToString(),
      "error: Ingress default/web: spec.rules[0].host: must be lowercase");
  d.field.clear();
  d.severity = Severity::kWarning;
  EXPECT_EQ(d.ToString(), "warning: Ingress default/web: must be lowercase");
}

TEST(DiagnosticsTest, ToStringOfATextErrorGivesTheOffset) {
  Diagnostic d;
  d.code = ErrorCode::kSyntax;
  d.offset = 42;
  d.message = "malformed JSON";
  EXPECT_EQ(d.ToString(), "error: (byte 42): malformed JSON");
  d.severity = Severity::kInfo;
  d.position = {2, 1};
  EXPECT_EQ(d.ToString(), "info: (line 2, column 1): malformed JSON");
}

TEST(DiagnosticsTest, NamesOfSeveritiesAndCodes) {
  EXPECT_EQ(ToString(Severity::kInfo), "info");
  EXPECT_EQ(ToString(ErrorCode::kOk), "ok");
  EXPECT_EQ(ToString(ErrorCode::kSyntax), "syntax error");
  EXPECT_EQ(ToString(ErrorCode::kLimit), "limit exceeded");
  EXPECT_EQ(ToString(ErrorCode::kInvalidArgument), "invalid argument");
  EXPECT_EQ(ToString(ErrorCode::kValidation), "validation error");
  EXPECT_EQ(ToString(ErrorCode::kUnsupported), "unsupported");
  EXPECT_EQ(ToString(ErrorCode::kInternal), "internal error");
}

TEST(DiagnosticsTest, CountErrorsIgnoresWarningsAndInfos) {
  std::vector<Diagnostic> list(4);
  list[1].severity = Severity::kWarning;
  list[2].severity = Severity::kInfo;
  EXPECT_EQ(CountErrors(list), 2u);
  EXPECT_EQ(CountErrors({}), 0u);
}

}  // namespace
}  // namespace ingresskit
