// RouteTable::Answer: what a proxy reads per request comes from the
// table's compact per-route record; it must say exactly what the IR says,
// for every route, the default backend included.
#include <filesystem>
#include <string>
#include <tuple>

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

// The lean answer is the full one's forwarding part.
void ExpectTargetIsTheAnswers(const RouteTable& table, const MatchResult& m) {
  const RouteAnswer a = table.Answer(m);
  const RouteTarget t = table.Target(m);
  ASSERT_TRUE(t.matched());
  EXPECT_EQ(t.route_id, a.route_id);
  EXPECT_EQ(t.cluster, a.cluster);
  EXPECT_EQ(t.destination, a.destination);
  EXPECT_EQ(t.port, a.port);
  EXPECT_EQ(t.endpoint_status, a.endpoint_status);
  ASSERT_EQ(t.endpoints.size(), a.endpoints.size());
  for (size_t i = 0; i < t.endpoints.size(); ++i) {
    EXPECT_EQ(t.endpoints[i], a.endpoints[i]);
  }
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
        ExpectTargetIsTheAnswers(table, table.RouteById(id));
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50u);
}

// The endpoints golden input: routes with and without endpoints.
RouteTable EndpointsGolden() {
  const fs::path input =
      fs::path(INGRESSKIT_TEST_DIR) / "golden" / "endpoints.in.yaml";
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  CompileResult compiled = Compile(ReadFileOrDie(input.string()), options);
  EXPECT_TRUE(compiled.ok());
  return compiled.table;
}

TEST(RouteAnswerTest, AMatchCarriesItsRouteIdAndAnUnmatchedOneAnswersNothing) {
  const RouteTable table = EndpointsGolden();
  const MatchResult m = table.Match("shop.example.com", "/v6/x");
  ExpectAnswerIsTheRoute(table, m);
  EXPECT_EQ(table.Answer(m).endpoints.size(), 2u);
  EXPECT_EQ(table.RouteById(m.route_id).route, m.route);
  const RouteAnswer none = table.Answer(table.Match("other.com", "/"));
  EXPECT_TRUE(none.cluster.empty());
  EXPECT_EQ(none.port, 0u);
}

TEST(RouteAnswerTest, TargetDecidesAsMatchInOneCall) {
  const RouteTable table = EndpointsGolden();
  const RouteTarget hit = table.Target("Shop.Example.com:80", "/v6/x?q=1");
  const MatchResult m = table.Match("shop.example.com", "/v6/x");
  ASSERT_TRUE(hit.matched());
  EXPECT_EQ(hit.route_id, m.route_id);
  EXPECT_EQ(hit.cluster, m.route->destination.cluster);
  EXPECT_EQ(hit.port, m.route->destination.port);
  EXPECT_EQ(hit.endpoints.size(), 2u);
  // A request no route serves, and one the gateway refuses, keep their
  // status and carry nothing else.
  for (auto [host, path, status] :
       {std::tuple{"other.com", "/", MatchStatus::kNoRoute},
        std::tuple{"shop.example.com", "no-slash", MatchStatus::kInvalidPath},
        std::tuple{"bad host", "/", MatchStatus::kInvalidHost}}) {
    const RouteTarget t = table.Target(host, path);
    EXPECT_EQ(t.status, status) << host << " " << path;
    EXPECT_EQ(t.status, table.Match(host, path).status);
    EXPECT_TRUE(t.cluster.empty());
    EXPECT_EQ(t.port, 0u);
    EXPECT_EQ(t.route_id, 0u);
  }
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
