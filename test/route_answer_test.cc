// RouteTable::Answer: what a proxy reads per request comes from the
// table's compact per-route record; it must say exactly what the IR says,
// for every route, the default backend included.
#include <filesystem>
#include <string>

#include "ingresskit/ingresskit.h"
#include "test_util.h"

namespace ingresskit {
namespace {

namespace fs = std::filesystem;
using ::ingresskit::testing::ReadFileOrDie;

void ExpectAnswerIsTheRoute(const RouteTable& table, const MatchResult& m) {
  ASSERT_TRUE(m.matched());
  const RouteAnswer a = table.Answer(m);
  const HttpRoute& r = *m.route;
  EXPECT_EQ(a.route_id, table.RouteId(m));
  EXPECT_EQ(a.destination, r.destination.host);
  EXPECT_EQ(a.cluster, r.destination.cluster);
  EXPECT_EQ(a.port, r.destination.port);
  EXPECT_EQ(a.service, r.destination.service);
  EXPECT_EQ(a.service_namespace, r.destination.namespace_name);
  EXPECT_EQ(a.ingress_name, r.origin.ingress_name);
  EXPECT_EQ(a.ingress_namespace, r.origin.ingress_namespace);
  EXPECT_EQ(a.path, r.origin.path);
  EXPECT_EQ(a.path_type, r.origin.path_type);
  EXPECT_EQ(a.is_default_backend, r.origin.is_default_backend);
  EXPECT_EQ(a.endpoint_status, r.destination.endpoint_status);
  ASSERT_EQ(a.endpoints.size(), r.destination.endpoints.size());
  for (size_t i = 0; i < a.endpoints.size(); ++i) {
    EXPECT_EQ(a.endpoints[i], r.destination.endpoints[i]);
  }
  EXPECT_EQ(a.virtual_host,
            m.virtual_service ? m.virtual_service->host : std::string());
}

TEST(RouteAnswerTest, EveryRouteOfEveryGoldenInputAnswersAsItsIr) {
  const fs::path dir = fs::path(INGRESSKIT_TEST_DIR) / "golden";
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.path().string().ends_with(".in.yaml")) continue;
    SCOPED_TRACE(entry.path().string());
    for (Semantics semantics : {Semantics::kIstio, Semantics::kKubernetes}) {
      CompileOptions options;
      options.controller_mode = ControllerMode::kDefault;
      options.semantics = semantics;
      CompileResult compiled =
          Compile(ReadFileOrDie(entry.path().string()), options);
      ASSERT_TRUE(compiled.ok());
      const RouteTable& table = compiled.table;
      const uint64_t ids =
          table.route_count() + (table.config().default_route ? 1 : 0);
      for (uint64_t id = 0; id < ids; ++id) {
        ExpectAnswerIsTheRoute(table, table.RouteById(id));
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50u);
}

TEST(RouteAnswerTest, AMatchCarriesItsRouteIdAndAnUnmatchedOneAnswersNothing) {
  const fs::path input =
      fs::path(INGRESSKIT_TEST_DIR) / "golden" / "endpoints.in.yaml";
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  CompileResult compiled = Compile(ReadFileOrDie(input.string()), options);
  ASSERT_TRUE(compiled.ok());
  const RouteTable& table = compiled.table;
  const MatchResult m = table.Match("shop.example.com", "/v6/x");
  ExpectAnswerIsTheRoute(table, m);
  EXPECT_EQ(table.Answer(m).endpoints.size(), 2u);
  EXPECT_EQ(table.RouteById(m.route_id).route, m.route);
  const RouteAnswer none = table.Answer(table.Match("other.com", "/"));
  EXPECT_TRUE(none.cluster.empty());
  EXPECT_EQ(none.port, 0u);
}

TEST(RouteAnswerTest, APathLongerThanARecordHoldsIsAnsweredWhole) {
  // Only possible with a raised limit: the record keeps 16-bit lengths.
  const std::string path = "/" + std::string(70000, 'p');
  ::ingresskit::testing::TestIngress ingress;
  ingress.metadata = "  annotations: {kubernetes.io/ingress.class: istio}\n";
  ::ingresskit::testing::TestRule rule;
  rule.host = "a.com";
  rule.paths.push_back({path, "Exact"});
  ingress.rules.push_back(rule);
  CompileOptions options;
  options.limits.max_path_bytes = 100000;
  options.limits.max_request_path_bytes = 100000;
  CompileResult compiled =
      Compile(::ingresskit::testing::Yaml(ingress), options);
  ASSERT_TRUE(compiled.ok());
  const MatchResult m = compiled.table.Match("a.com", path);
  ExpectAnswerIsTheRoute(compiled.table, m);
  EXPECT_EQ(compiled.table.Answer(m).path.size(), path.size());
}

}  // namespace
}  // namespace ingresskit
