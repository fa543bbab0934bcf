// Diff(): exact, and every example decided as printed.
#include "ingresskit/diff.h"

#include <string>
#include <vector>

#include "ingress_specs.h"
#include "ingresskit/explain.h"
#include "random_ingress.h"
#include "rapidjson/document.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using testing::Spec;
using testing::Table;

std::string Service(const ClassOutcome& o) {
  return o.route == nullptr ? "404" : o.route->destination.service;
}

// Each table decides each example of each change as the change says.
void ExpectExamplesDecidedAsPrinted(const DiffResult& diff) {
  for (const RequestChange& c : diff.changes) {
    ASSERT_FALSE(c.paths.empty());
    for (const std::string& path : c.paths) {
      EXPECT_EQ(diff.old_table.Match(c.host, path).route, c.old_decision.route)
          << c.host << path;
      EXPECT_EQ(diff.new_table.Match(c.host, path).route, c.new_decision.route)
          << c.host << path;
    }
  }
}

const std::vector<Spec> kOld = {{"api", "foo.com", {"Prefix /api api-v1"}}};

TEST(DiffTest, AnAddedPrefixReroutesItsPathsAndNothingElse) {
  const DiffResult diff = Diff(
      Table(kOld), Table({{"api",
                           "foo.com",
                           {"Prefix /api api-v1", "Prefix /api/v2 api-v2"}}}));
  EXPECT_TRUE(diff.complete);
  ASSERT_EQ(diff.changes.size(), 1u);
  const RequestChange& c = diff.changes[0];
  EXPECT_EQ(c.kind, ChangeKind::kRerouted);
  EXPECT_EQ(c.host, "foo.com");
  EXPECT_EQ(c.host_class, "exact");
  EXPECT_EQ(c.path_key, "/api/v2");
  EXPECT_EQ(c.paths,
            (std::vector<std::string>{"/api/v2", "/api/v2/", "/api/v2/ik0"}));
  EXPECT_EQ(c.path_words, "/api/v2 and every path under /api/v2/");
  EXPECT_EQ(Service(c.old_decision), "api-v1");
  EXPECT_EQ(Service(c.new_decision), "api-v2");
  ExpectExamplesDecidedAsPrinted(diff);
  // /api/v20 continues /api/v2 character-wise only: unchanged.
  EXPECT_EQ(
      diff.new_table.Match("foo.com", "/api/v20").route->destination.service,
      "api-v1");
}

TEST(DiffTest, IdenticalConfigurationsDifferNowhere) {
  const DiffResult diff = Diff(Table(kOld), Table(kOld));
  EXPECT_TRUE(diff.changes.empty());
  EXPECT_TRUE(diff.complete);
  EXPECT_GT(diff.classes, 0u);
}

TEST(DiffTest, ANarrowedHostLeavesOtherHostsUnrouted) {
  const DiffResult diff =
      Diff(Table({{"web", "", {"Prefix / web"}}}),
           Table({{"web", "www.foo.com", {"Prefix / web"}}}), {.all = true});
  // www.foo.com is still served by the same Ingress path.
  ASSERT_EQ(diff.changes.size(), 1u);
  EXPECT_EQ(diff.changes[0].kind, ChangeKind::kNow404);
  EXPECT_EQ(diff.changes[0].host_class, "other");
  EXPECT_EQ(diff.changes[0].host, "ik0.invalid");
  EXPECT_EQ(diff.changes[0].path_words, "every path");
  ExpectExamplesDecidedAsPrinted(diff);
}

TEST(DiffTest, APathMovedToAnotherIngressShowsWithAll) {
  const RouteTable before = Table({{"a", "foo.com", {"Prefix /x svc"}}});
  const RouteTable after = Table({{"b", "foo.com", {"Prefix /x svc"}}});
  EXPECT_TRUE(Diff(before, after).changes.empty());
  const DiffResult all = Diff(before, after, {.all = true});
  ASSERT_EQ(all.changes.size(), 1u);
  EXPECT_EQ(all.changes[0].kind, ChangeKind::kSameBackendOtherRoute);
  EXPECT_EQ(all.changes[0].path_words, "/x and every path under /x/");
  ExpectExamplesDecidedAsPrinted(all);
}

TEST(DiffTest, IstioAndTheSpecDifferOnDeepSubdomainsOfAWildcard) {
  const std::vector<Spec> specs = {{"wild", "*.foo.com", {"Prefix / wild"}},
                                   {"bar", "bar.foo.com", {"Prefix / bar"}}};
  const DiffResult diff =
      Diff(Table(specs), Table(specs, Semantics::kKubernetes));
  ASSERT_EQ(diff.changes.size(), 1u);
  const RequestChange& c = diff.changes[0];
  EXPECT_EQ(c.kind, ChangeKind::kNow404);
  EXPECT_EQ(c.host_class, "wildcard_labels");
  EXPECT_EQ(c.host_pattern, "*.foo.com");
  EXPECT_EQ(c.host, "ik0.ik0.foo.com");
  EXPECT_EQ(Service(c.old_decision), "wild");
  ExpectExamplesDecidedAsPrinted(diff);
}

TEST(DiffTest, IstioTriesTheLongerPrefixBeforeAnEqualExactPath) {
  const std::vector<Spec> specs = {
      {"foo", "foo.com", {"Exact /foo exact", "Prefix /foo/ prefix"}}};
  const DiffResult diff =
      Diff(Table(specs), Table(specs, Semantics::kKubernetes));
  ASSERT_EQ(diff.changes.size(), 1u);
  EXPECT_EQ(diff.changes[0].paths, std::vector<std::string>{"/foo"});
  EXPECT_EQ(diff.changes[0].path_words, "exactly /foo");
  EXPECT_EQ(Service(diff.changes[0].old_decision), "prefix");
  EXPECT_EQ(Service(diff.changes[0].new_decision), "exact");
}

TEST(DiffTest, AFreshLabelAvoidsConfiguredOnes) {
  const DiffResult diff =
      Diff(Table({{"a", "ik0.foo.com", {"Prefix /ik0 a"}}}),
           Table({{"a", "ik0.foo.com", {"Prefix /ik0 b"}}}));
  ASSERT_EQ(diff.changes.size(), 1u);
  EXPECT_EQ(diff.changes[0].paths,
            (std::vector<std::string>{"/ik0", "/ik0/", "/ik0/ik1"}));
}

TEST(DiffTest, JsonCarriesTheSummaryAndBothDecisions) {
  const DiffResult diff = Diff(Table(kOld), Table({}));
  rapidjson::Document d;
  d.Parse(DiffJson(diff).c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_TRUE(d["complete"].GetBool());
  EXPECT_EQ(d["summary"]["changed"].GetUint(), 1u);
  EXPECT_EQ(d["summary"]["classes"].GetUint(), diff.classes);
  const auto& c = d["changes"][0];
  EXPECT_STREQ(c["kind"].GetString(), "now_404");
  EXPECT_STREQ(c["path"].GetString(), "/api");
  EXPECT_EQ(c["old"]["status"].GetInt(), 200);
  EXPECT_STREQ(c["old"]["route"]["ingress"].GetString(), "default/api");
  EXPECT_EQ(c["new"]["status"].GetInt(), 404);
  EXPECT_FALSE(c["new"].HasMember("route"));
  EXPECT_THAT(DiffText(diff), ::testing::HasSubstr("now_404  foo.com/api  "));
}

// The host class a request belongs to, as PartitionRequests names them.
std::pair<std::string, std::string> HostClassOf(const std::string& host,
                                                const DiffResult& diff) {
  std::string wildcard;
  for (const RouteTable* t : {&diff.old_table, &diff.new_table}) {
    for (const VirtualService& vs : t->config().virtual_services) {
      if (vs.host == host) return {"exact", host};
      if (vs.host.starts_with("*.") && host.ends_with(vs.host.substr(1)) &&
          host.size() > vs.host.size() - 1 &&
          vs.host.size() > wildcard.size()) {
        wildcard = vs.host;
      }
    }
  }
  if (wildcard.empty()) return {"other", ""};
  const std::string label = host.substr(0, host.size() - wildcard.size() + 1);
  return {
      label.find('.') == label.npos ? "wildcard_one_label" : "wildcard_labels",
      wildcard};
}

// On random pairs of Ingress sets (the second a change of the first), and
// on random sets under both semantics: every example is decided as
// printed, and every random request decided differently belongs to a
// change with that host class and those two decisions.
TEST(DiffTest, EveryRequestDecidedDifferentlyIsInAChange) {
  size_t differing = 0;
  for (int seed = 1; seed <= 40; ++seed) {
    testing::RandomIngress gen(static_cast<uint64_t>(seed));
    CompileOptions options;
    options.controller_mode = ControllerMode::kDefault;
    ResourceSet before = gen.Resources(1 + gen.Pick(8));
    ResourceSet after = before;
    after.ingresses.erase(after.ingresses.begin() +
                          static_cast<long>(gen.Pick(after.ingresses.size())));
    ResourceSet more = gen.Resources(1 + gen.Pick(3));
    for (Ingress& ing : more.ingresses) {
      ing.metadata.name += "-new";
      after.ingresses.push_back(ing);
    }
    CompileResult old_compiled = Compile(before, options);
    CompileOptions second = options;
    if (seed % 2 == 0) {  // Even seeds: one set, two semantics.
      after = before;
      second.semantics = Semantics::kKubernetes;
    }
    CompileResult new_compiled = Compile(after, second);
    ASSERT_TRUE(old_compiled.ok() && new_compiled.ok());
    const DiffResult diff =
        Diff(old_compiled.table, new_compiled.table, {.all = true});
    ExpectExamplesDecidedAsPrinted(diff);
    for (int i = 0; i < 400; ++i) {
      auto [host, path] = gen.Request(i % 2 ? old_compiled.table.config()
                                            : new_compiled.table.config());
      const MatchResult a = diff.old_table.Match(host, path);
      const MatchResult b = diff.new_table.Match(host, path);
      const auto valid = [](const MatchResult& m) {
        return m.status == MatchStatus::kMatched ||
               m.status == MatchStatus::kNoRoute;
      };
      if (a.route == b.route || !valid(a) || !valid(b)) continue;
      if (a.route != nullptr && b.route != nullptr &&
          a.route->origin == b.route->origin &&
          a.route->match == b.route->match &&
          a.route->destination.host == b.route->destination.host &&
          a.route->destination.port == b.route->destination.port) {
        continue;  // The same Ingress path in both: no change.
      }
      ++differing;
      const std::string normal = Explain(diff.old_table, host, path).host;
      const auto [kind, pattern] = HostClassOf(normal, diff);
      const bool listed = std::any_of(
          diff.changes.begin(), diff.changes.end(),
          [&](const RequestChange& c) {
            return c.host_class == kind && c.host_pattern == pattern &&
                   c.old_decision.route == a.route &&
                   c.new_decision.route == b.route;
          });
      EXPECT_TRUE(listed) << "seed " << seed << ": " << host << " " << path
                          << " (" << kind << " " << pattern << ")";
    }
  }
  EXPECT_GT(differing, 100u);
}

}  // namespace
}  // namespace ingresskit
