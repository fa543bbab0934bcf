// Explain(): the decision retold step by step, and never another decision
// than Match()'s.
#include "ingresskit/explain.h"

#include <string>
#include <vector>

#include "ingress_specs.h"
#include "ingresskit/route_table.h"
#include "random_ingress.h"
#include "rapidjson/document.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::testing::HasSubstr;
using testing::Spec;
using testing::Table;

const std::vector<Spec>& kFoo = testing::kFooRoutes;

std::string Service(const ExplainedRoute& r) {
  return r.route->destination.service;
}

TEST(ExplainTest, TheLongestPrefixWinsAndTheShorterIsShadowed) {
  const RouteTable table = Table(kFoo);
  const Explanation e = Explain(table, "foo.com", "/api/users");
  ASSERT_EQ(e.routes.size(), 3u);
  EXPECT_EQ(Service(e.routes[0]), "health");
  EXPECT_EQ(e.routes[0].result, RouteResult::kNoMatch);
  EXPECT_EQ(e.routes[0].reason, "exact /api/health is not /api/users");
  EXPECT_EQ(Service(e.routes[1]), "api");
  EXPECT_EQ(e.routes[1].result, RouteResult::kMatch);
  EXPECT_EQ(e.routes[2].result, RouteResult::kNotEvaluated);
  EXPECT_TRUE(e.routes[2].would_match);
  EXPECT_EQ(e.winner, 1);
  ASSERT_EQ(e.shadowed, std::vector<size_t>{2});
  EXPECT_THAT(e.routes[2].reason, HasSubstr("longer paths first"));
  EXPECT_EQ(e.http_status, 200);
  EXPECT_EQ(e.served_by()->destination.service, "api");
}

TEST(ExplainTest, APrefixMatchesWholeSegmentsOnly) {
  const RouteTable table = Table(kFoo);
  const Explanation e = Explain(table, "foo.com", "/apix");
  EXPECT_EQ(e.routes[1].result, RouteResult::kNoMatch);
  EXPECT_EQ(e.routes[1].reason,
            "prefix /api does not match /apix: segment 'apix' is not 'api'");
  EXPECT_EQ(Service(e.routes[static_cast<size_t>(e.winner)]), "web");
  EXPECT_TRUE(e.shadowed.empty());
}

TEST(ExplainTest, AHostThatMatchedIsTheOnlyOneConsulted) {
  const RouteTable table =
      Table({{"a", "foo.com", {"Prefix /a a"}}, {"b", "", {"Prefix / def"}}});
  const Explanation e = Explain(table, "foo.com", "/b");
  ASSERT_NE(e.selected, nullptr);
  EXPECT_EQ(e.selected->host, "foo.com");
  EXPECT_EQ(e.http_status, 404);
  EXPECT_EQ(e.served_by(), nullptr);
  bool any_listed = false;
  for (const HostCandidate& c : e.candidates) {
    if (c.host != "*") continue;
    any_listed = true;
    EXPECT_EQ(c.result, HostResult::kNotConsulted);
    EXPECT_THAT(c.reason, HasSubstr("one virtual host"));
  }
  EXPECT_TRUE(any_listed);
  EXPECT_EQ(Explain(table, "bar.com", "/b").served_by()->destination.service,
            "def");
}

TEST(ExplainTest, AnExplanationKeepsItsTableAlive) {
  // The table is a temporary: the explanation's pointers must outlive it
  // (AddressSanitizer checks the reads).
  const Explanation e = Explain(Table(kFoo), "foo.com", "/api");
  ASSERT_NE(e.selected, nullptr);
  EXPECT_EQ(e.selected->host, "foo.com");
  EXPECT_EQ(e.served_by()->destination.service, "api");
  EXPECT_THAT(ExplanationJson(e), HasSubstr("\"selected\":\"foo.com\""));
}

TEST(ExplainTest, WildcardsCoverOneLabelOnlyUnderTheSpec) {
  const std::vector<Spec> specs = {{"w", "*.foo.com", {"Prefix / wild"}},
                                   {"b", "bar.foo.com", {"Prefix / bar"}}};
  const Explanation istio = Explain(Table(specs), "baz.bar.foo.com", "/");
  ASSERT_NE(istio.selected, nullptr);
  EXPECT_EQ(istio.selected->host, "*.foo.com");
  EXPECT_EQ(istio.served_by()->destination.service, "wild");
  const Explanation spec =
      Explain(Table(specs, Semantics::kKubernetes), "baz.bar.foo.com", "/");
  EXPECT_EQ(spec.selected, nullptr);
  EXPECT_EQ(spec.http_status, 404);
  ASSERT_EQ(spec.candidates.size(), 1u);
  EXPECT_EQ(spec.candidates[0].result, HostResult::kNoMatch);
  EXPECT_THAT(spec.candidates[0].reason, HasSubstr("one label"));
  // An exact host wins over the wildcard that also covers it.
  const Explanation exact = Explain(Table(specs), "bar.foo.com", "/");
  EXPECT_EQ(exact.selected->host, "bar.foo.com");
  EXPECT_EQ(exact.candidates.size(), 2u);
}

TEST(ExplainTest, SaysHowTheGatewayReadsTheRequest) {
  const Explanation e =
      Explain(Table(kFoo), "Foo.COM:8080", "/api/./users?x=1");
  EXPECT_EQ(e.host, "foo.com");
  EXPECT_EQ(e.path, "/api/users");
  EXPECT_THAT(e.steps,
              ::testing::ElementsAre(
                  "host lower-cased", "port :8080 dropped", "query dropped",
                  "path normalised (BASE: dot segments resolved)"));
  EXPECT_EQ(e.served_by()->destination.service, "api");

  const Explanation bad = Explain(Table(kFoo), "foo.com", "no-slash");
  EXPECT_EQ(bad.http_status, 400);
  EXPECT_EQ(bad.status, MatchStatus::kInvalidPath);
  EXPECT_FALSE(bad.invalid.empty());
  EXPECT_TRUE(bad.routes.empty());
}

TEST(ExplainTest, EqualMatchesKeepTheOlderIngressFirst) {
  const RouteTable table =
      Table({{"old", "foo.com", {"Prefix /api a"}, "2024-01-01T00:00:00Z"},
             {"new", "foo.com", {"Prefix /api b"}, "2024-06-01T00:00:00Z"}});
  const Explanation e = Explain(table, "foo.com", "/api");
  EXPECT_EQ(e.served_by()->destination.service, "a");
  ASSERT_EQ(e.shadowed.size(), 1u);
  EXPECT_THAT(e.routes[e.shadowed[0]].reason,
              HasSubstr("Ingress default/old comes first"));
}

TEST(ExplainTest, JsonCarriesEveryPartInTheDocumentedShape) {
  const RouteTable table = Table(kFoo);
  rapidjson::Document d;
  d.Parse(ExplanationJson(Explain(table, "foo.com", "/api/users")).c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_STREQ(d["semantics"].GetString(), "istio");
  EXPECT_STREQ(d["request"]["path"].GetString(), "/api/users");
  EXPECT_STREQ(d["normalized"]["path"].GetString(), "/api/users");
  EXPECT_STREQ(d["host_selection"]["selected"].GetString(), "foo.com");
  ASSERT_EQ(d["routes"].Size(), 3u);
  EXPECT_STREQ(d["routes"][1]["result"].GetString(), "match");
  EXPECT_STREQ(d["routes"][1]["route"]["ingress"].GetString(), "default/foo");
  EXPECT_STREQ(d["routes"][1]["route"]["path"].GetString(), "/api");
  EXPECT_STREQ(d["routes"][1]["route"]["pathType"].GetString(), "Prefix");
  EXPECT_STREQ(d["routes"][1]["route"]["match"]["type"].GetString(), "prefix");
  EXPECT_TRUE(d["routes"][2]["would_match"].GetBool());
  EXPECT_EQ(d["winner"]["order"].GetUint(), 1u);
  EXPECT_STREQ(d["winner"]["route"]["path"].GetString(), "/api");
  EXPECT_STREQ(d["shadowed"][0]["route"]["path"].GetString(), "/");
  EXPECT_EQ(d["decision"]["status"].GetInt(), 200);
  EXPECT_STREQ(d["decision"]["destination"].GetString(),
               "api.default.svc.cluster.local");
  EXPECT_EQ(d["decision"]["port"].GetUint(), 80u);

  d.Parse(ExplanationJson(Explain(table, "other.com", "/")).c_str());
  EXPECT_TRUE(d["winner"].IsNull());
  EXPECT_TRUE(d["host_selection"]["selected"].IsNull());
  EXPECT_EQ(d["decision"]["status"].GetInt(), 404);

  const std::string text = ExplanationText(Explain(table, "foo.com", "/apix"));
  EXPECT_THAT(text, HasSubstr("segment 'apix' is not 'api'"));
  EXPECT_THAT(text, HasSubstr("decision 200 -> web.default.svc.cluster.local"));
}

// The explanation's decision is Match()'s, on random Ingress sets and
// requests under every semantics, and every shadowed route matches.
TEST(ExplainTest, TheDecisionIsAlwaysMatchs) {
  size_t requests = 0;
  size_t shadowed = 0;
  for (Semantics semantics : {Semantics::kIstio, Semantics::kKubernetes}) {
    for (int seed = 1; seed <= 30; ++seed) {
      testing::RandomIngress gen(static_cast<uint64_t>(seed));
      CompileOptions options;
      options.semantics = semantics;
      options.controller_mode = ControllerMode::kDefault;
      CompileResult compiled =
          Compile(gen.Resources(1 + gen.Pick(12)), options);
      ASSERT_TRUE(compiled.ok());
      for (int i = 0; i < 300; ++i) {
        auto [host, path] = gen.Request(compiled.table.config());
        const MatchResult m = compiled.table.Match(host, path);
        const Explanation e = Explain(compiled.table, host, path);
        ++requests;
        ASSERT_EQ(e.status, m.status)
            << "seed " << seed << ": " << host << " " << path;
        ASSERT_EQ(e.served_by(), m.route)
            << "seed " << seed << ": " << host << " " << path;
        if (e.winner >= 0) {
          EXPECT_EQ(e.routes[static_cast<size_t>(e.winner)].order,
                    m.route_index);
        }
        for (size_t s : e.shadowed) {
          EXPECT_TRUE(e.routes[s].would_match);
          EXPECT_GT(s, static_cast<size_t>(e.winner));
        }
        shadowed += e.shadowed.size();
        EXPECT_EQ(e.http_status, m.matched()                         ? 200
                                 : m.status == MatchStatus::kNoRoute ? 404
                                                                     : 400);
      }
    }
  }
  EXPECT_EQ(requests, 2u * 30 * 300);
  EXPECT_GT(shadowed, 0u);
}

}  // namespace
}  // namespace ingresskit
