// Route tests: both file forms, their errors, results with hints, and
// coverage that counts passing tests only.
#include "ingresskit/route_tests.h"

#include <string>
#include <vector>

#include "ingress_specs.h"
#include "rapidjson/document.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::testing::HasSubstr;
using testing::Spec;
using testing::Table;

const std::vector<Spec>& kFoo = testing::kFooRoutes;

RouteExpectation Status404() {
  RouteExpectation e;
  e.status = 404;
  return e;
}

std::vector<RouteTest> Tests(std::string_view text) {
  RouteTestsParseResult parsed = ParseRouteTests(text, "tests.yaml");
  EXPECT_TRUE(parsed.ok()) << (parsed.diagnostics.empty()
                                   ? ""
                                   : parsed.diagnostics[0].ToString());
  return parsed.tests;
}

TEST(RouteTestsTest, ReadsIngresskitsForm) {
  const std::vector<RouteTest> tests = Tests(R"(
tests:
- name: health
  host: foo.com
  path: /api/health
  expect: {status: 200, destination: h.default.svc.cluster.local, port: 80,
           cluster: "outbound|80||h.default.svc.cluster.local",
           ingress: default/foo}
- {name: none, host: bar.com, path: /, expect: {status: 404}}
)");
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[0].name, "health");
  EXPECT_EQ(tests[0].host, "foo.com");
  EXPECT_EQ(tests[0].expect.status, 200);
  EXPECT_EQ(tests[0].expect.port, 80u);
  EXPECT_EQ(tests[0].expect.ingress, "default/foo");
  EXPECT_EQ(tests[0].position.line, 3u);
  EXPECT_EQ(tests[1].expect, Status404());
}

TEST(RouteTestsTest, ReadsEnvoysRouterCheckFormUnchanged) {
  const std::vector<RouteTest> tests = Tests(R"({"tests": [
    {"test_name": "a", "input": {"authority": "foo.com", "path": "/api",
     "method": "GET", "ssl": true,
     "additional_request_headers": [{"key": "x", "value": "y"}]},
     "validate": {"cluster_name": "outbound|80||api.default.svc.cluster.local"}},
    {"test_name": "b", "input": {"authority": "bar.com", "path": "/",
     "method": "GET"}, "validate": {"cluster_name": ""}}]})");
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[0].name, "a");
  EXPECT_EQ(tests[0].path, "/api");
  EXPECT_EQ(tests[0].expect.cluster,
            "outbound|80||api.default.svc.cluster.local");
  EXPECT_EQ(tests[1].expect, Status404());
}

TEST(RouteTestsTest, MalformedTestsAreErrorsNamingTheField) {
  const RouteTestsParseResult parsed = ParseRouteTests(R"(tests:
- name: typo
  host: foo.com
  path: /
  expect: {destinaton: web}
- name: no path
  host: foo.com
  expect: {status: 200}
- test_name: envoy
  input: {authority: foo.com, path: /}
  validate: {path_rewrite: /x}
- {name: bad port, host: a, path: /, expect: {port: 70000}}
)",
                                                       "tests.yaml");
  EXPECT_FALSE(parsed.ok());
  EXPECT_TRUE(parsed.tests.empty());
  std::vector<std::string> fields;
  for (const Diagnostic& d : parsed.diagnostics) {
    fields.push_back(d.field);
    EXPECT_EQ(d.source, "tests.yaml");
    EXPECT_TRUE(d.position.known()) << d.field;
  }
  EXPECT_EQ(fields,
            (std::vector<std::string>{
                "tests[0].expect.destinaton", "tests[1].path",
                "tests[2].validate.path_rewrite", "tests[3].expect.port"}));
  EXPECT_THAT(parsed.diagnostics[2].message, HasSubstr("cluster_name"));
  EXPECT_THAT(ParseRouteTests("tests: [{host: a, path: /, expect: {}}]")
                  .diagnostics[0]
                  .message,
              HasSubstr("asserts nothing"));
  EXPECT_FALSE(ParseRouteTests("tests: [").ok());
  EXPECT_FALSE(ParseRouteTests("routes: []").ok());
  EXPECT_FALSE(ParseRouteTests("tests: []").ok());
}

TEST(RouteTestsTest, CoverageCountsRoutesThatServedAPassingTest) {
  const RouteTestReport report = RunRouteTests(Table(kFoo), Tests(R"(tests:
- {name: health, host: foo.com, path: /api/health,
   expect: {destination: health.default.svc.cluster.local}}
- {name: users, host: foo.com, path: /api/v1/users,
   expect: {destination: api.default.svc.cluster.local}}
)"));
  EXPECT_EQ(report.passed, 2u);
  EXPECT_EQ(report.failed, 0u);
  EXPECT_EQ(report.coverage.routes, 3u);
  EXPECT_EQ(report.coverage.covered, 2u);
  EXPECT_NEAR(report.coverage.percent, 66.67, 0.01);
  ASSERT_EQ(report.coverage.missing.size(), 1u);
  EXPECT_EQ(report.coverage.missing[0].host, "foo.com");
  EXPECT_EQ(report.coverage.missing[0].route->destination.service, "web");
}

TEST(RouteTestsTest, AFailureShowsExpectedActualAndWhy) {
  const RouteTestReport report = RunRouteTests(Table(kFoo), Tests(R"(tests:
- {name: apix, host: foo.com, path: /apix,
   expect: {destination: api.default.svc.cluster.local, port: 80}}
- {name: unknown, host: bar.com, path: /, expect: {status: 200, port: 80}}
)"));
  EXPECT_EQ(report.failed, 2u);
  const RouteTestResult& apix = report.results[0];
  EXPECT_FALSE(apix.passed);
  ASSERT_EQ(apix.failures.size(), 1u);  // The port is right.
  EXPECT_EQ(apix.failures[0].field, "destination");
  EXPECT_EQ(apix.failures[0].expected, "api.default.svc.cluster.local");
  EXPECT_EQ(apix.failures[0].actual, "web.default.svc.cluster.local");
  EXPECT_THAT(apix.hint, HasSubstr("segment 'apix' is not 'api'"));
  const RouteTestResult& unknown = report.results[1];
  ASSERT_EQ(unknown.failures.size(), 2u);
  EXPECT_EQ(unknown.failures[0].actual, "404");
  EXPECT_EQ(unknown.failures[1].actual, "no route (404)");
  EXPECT_THAT(unknown.hint, HasSubstr("no virtual host serves bar.com"));
  // A failing test covers nothing, even the route it reached.
  EXPECT_EQ(report.coverage.covered, 0u);
  const std::string text = RouteTestReportText(report);
  EXPECT_THAT(text, HasSubstr("FAIL apix: foo.com /apix\n  destination: "
                              "expected api.default.svc.cluster.local, "
                              "actual web.default.svc.cluster.local\n"));
  EXPECT_THAT(text, HasSubstr("2 tests, 0 passed, 2 failed; route coverage "
                              "0.00% (0 of 3 routes)"));
}

TEST(RouteTestsTest, JsonHasTheSummaryResultsAndCoverage) {
  const RouteTestReport report = RunRouteTests(Table(kFoo), Tests(R"(tests:
- {name: ok, host: foo.com, path: /, expect: {status: 200}}
- {name: bad, host: foo.com, path: /, expect: {status: 404}}
)"));
  rapidjson::Document d;
  d.Parse(RouteTestReportJson(report).c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_EQ(d["summary"]["total"].GetUint(), 2u);
  EXPECT_EQ(d["summary"]["passed"].GetUint(), 1u);
  EXPECT_EQ(d["summary"]["failed"].GetUint(), 1u);
  EXPECT_EQ(d["results"].Size(), 2u);
  EXPECT_STREQ(d["results"][1]["failures"][0]["field"].GetString(), "status");
  EXPECT_STREQ(d["results"][0]["route"]["ingress"].GetString(), "default/foo");
  EXPECT_DOUBLE_EQ(d["coverage"]["percent"].GetDouble(), 33.33);
  EXPECT_EQ(d["coverage"]["missing"].Size(), 2u);
  d.Parse(RouteTestReportJson(report, /*only_failures=*/true).c_str());
  ASSERT_EQ(d["results"].Size(), 1u);
  EXPECT_STREQ(d["results"][0]["name"].GetString(), "bad");
}

}  // namespace
}  // namespace ingresskit
