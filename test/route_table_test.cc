// RouteTable and Compile(): what a proxy asking "which backend?" relies on.
#include "ingresskit/route_table.h"

#include "builtin_example.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::testing::HasSubstr;
using ::testing::SizeIs;

// The Istio task's Ingress, as the CLI has it built in: these tests are
// also the proof that the built-in example routes as the task says.
constexpr std::string_view kHttpbin = cli::kBuiltinExample;

RouteTable MustCompile(std::string_view text, CompileOptions options = {}) {
  CompileResult result = Compile(text, options);
  EXPECT_TRUE(result.ok()) << Describe(result.diagnostics);
  return result.table;
}

// A v1 Ingress `name` with one rule per (host, path, type, service).
std::string IngressYaml(std::string_view name,
                        std::vector<std::array<std::string, 4>> rules,
                        std::string_view spec_extra = "") {
  testing::TestIngress ingress;
  ingress.name = std::string(name);
  ingress.spec = std::string(spec_extra);
  for (const auto& [host, path, type, service] : rules) {
    ingress.rules.push_back(
        testing::TestRule{host.empty() ? "" : testing::Quoted(host),
                          {testing::TestPath{testing::Quoted(path), type,
                                             testing::ServiceBackend(service)}},
                          ""});
  }
  return testing::Yaml(ingress) + "---\n";
}

CompileOptions Default() {
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  return options;
}

std::string ServiceOf(const MatchResult& m) {
  return m.matched() ? m.route->destination.service
                     : "<" + std::string(ToString(m.status)) + ">";
}

TEST(RouteTableTest, IstioTaskExampleRoutesStatusAndRefusesHeaders) {
  RouteTable table = MustCompile(kHttpbin);
  MatchResult status = table.Match("httpbin.example.com", "/status/200");
  ASSERT_TRUE(status.matched());
  EXPECT_EQ(status.destination()->host, "httpbin.default.svc.cluster.local");
  EXPECT_EQ(status.destination()->port, 8000u);
  EXPECT_EQ(status.destination()->cluster,
            "outbound|8000||httpbin.default.svc.cluster.local");
  EXPECT_EQ(status.route_index, 0u);
  ASSERT_NE(status.virtual_service, nullptr);
  EXPECT_EQ(status.virtual_service->host, "httpbin.example.com");
  EXPECT_EQ(status.route->origin.ingress_name, "ingress");
  EXPECT_EQ(status.route->origin.path, "/status/*");

  MatchResult headers = table.Match("httpbin.example.com", "/headers");
  EXPECT_EQ(headers.status, MatchStatus::kNoRoute);
  EXPECT_EQ(headers.route, nullptr);
  EXPECT_EQ(headers.destination(), nullptr);
  EXPECT_EQ(table.Match("other.example.com", "/status/200").status,
            MatchStatus::kNoRoute);
}

TEST(RouteTableTest, StrictControllerModeIsTheDefault) {
  std::string text = testing::ReplaceOnce(
      std::string(kHttpbin), "ingress.class: istio", "ingress.class: nginx");
  CompileResult result = Compile(text);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.table.route_count(), 0u);
  EXPECT_THAT(result.diagnostics.back().message, HasSubstr("not served"));
}

TEST(RouteTableTest, AnEmptyTableMatchesNothing) {
  RouteTable table;
  EXPECT_EQ(table.Match("a.com", "/").status, MatchStatus::kNoRoute);
  EXPECT_EQ(table.route_count(), 0u);
  EXPECT_EQ(table.config(), GatewayConfig{});
}

TEST(RouteTableTest, CopiesShareOneTableAndOutliveTheOriginal) {
  MatchResult m;
  RouteTable copy;
  {
    RouteTable table = MustCompile(kHttpbin);
    copy = table;
    m = copy.Match("httpbin.example.com", "/status/1");
  }
  ASSERT_TRUE(m.matched());
  EXPECT_EQ(m.destination()->service, "httpbin");  // Still valid.
  RouteTable moved = std::move(copy);
  EXPECT_TRUE(moved.Match("httpbin.example.com", "/status/1").matched());
  EXPECT_EQ(copy.Match("httpbin.example.com", "/status/1").status,  // NOLINT
            MatchStatus::kNoRoute);
}

TEST(RouteTableTest, BadRequestsGetAnErrorStatusNotARoute) {
  RouteTable table =
      MustCompile(IngressYaml("ing", {{"", "/", "Prefix", "all"}}), Default());
  EXPECT_TRUE(table.Match("a.com", "/x").matched());
  EXPECT_EQ(table.Match("a b.com", "/").status, MatchStatus::kInvalidHost);
  EXPECT_EQ(table.Match(std::string_view("a\0.com", 6), "/").status,
            MatchStatus::kInvalidHost);
  EXPECT_EQ(table.Match("a.com", "x").status, MatchStatus::kInvalidPath);
  EXPECT_EQ(table.Match("a.com", "/%00").status, MatchStatus::kInvalidPath);
  EXPECT_TRUE(table.Match("a.com", "/%zz").matched()) << "a stray % is data";
  EXPECT_EQ(table.Match("a.com", "/" + std::string(70000, 'a')).status,
            MatchStatus::kPathTooLong);
  EXPECT_EQ(ToString(MatchStatus::kPathTooLong), "path too long");
}

TEST(RouteTableTest, HostSelectionExactThenLongestWildcardThenAny) {
  RouteTable table = MustCompile(
      IngressYaml("ing", {{"a.b.example.com", "/", "Prefix", "exact"},
                          {"*.b.example.com", "/", "Prefix", "long"},
                          {"*.example.com", "/", "Prefix", "short"},
                          {"", "/", "Prefix", "any"}}),
      Default());
  EXPECT_EQ(ServiceOf(table.Match("a.b.example.com", "/")), "exact");
  EXPECT_EQ(ServiceOf(table.Match("x.b.example.com", "/")), "long");
  EXPECT_EQ(ServiceOf(table.Match("x.y.b.example.com", "/")), "long");
  EXPECT_EQ(ServiceOf(table.Match("b.example.com", "/")), "short");
  EXPECT_EQ(ServiceOf(table.Match("example.com", "/")), "any");
  EXPECT_EQ(ServiceOf(table.Match("A.B.Example.COM.:80", "/")), "exact");
}

TEST(RouteTableTest, NoFallbackToALessSpecificHost) {
  RouteTable table =
      MustCompile(IngressYaml("ing", {{"a.example.com", "/a", "Prefix", "a"},
                                      {"*.example.com", "/w", "Prefix", "w"},
                                      {"", "/", "Prefix", "any"}}),
                  Default());
  EXPECT_EQ(table.Match("a.example.com", "/w").status, MatchStatus::kNoRoute);
  EXPECT_EQ(table.Match("x.example.com", "/a").status, MatchStatus::kNoRoute);
  EXPECT_EQ(ServiceOf(table.Match("other.org", "/a")), "any");
}

TEST(RouteTableTest, KubernetesWildcardsCoverOneLabel) {
  CompileOptions options = Default();
  options.semantics = Semantics::kKubernetes;
  RouteTable table = MustCompile(
      IngressYaml("ing", {{"*.example.com", "/", "Prefix", "w"}}), options);
  EXPECT_EQ(ServiceOf(table.Match("a.example.com", "/")), "w");
  EXPECT_EQ(table.Match("a.b.example.com", "/").status, MatchStatus::kNoRoute);
}

TEST(RouteTableTest, KubernetesDefaultBackendServesWhatNothingElseMatches) {
  CompileOptions options = Default();
  options.semantics = Semantics::kKubernetes;
  RouteTable table = MustCompile(
      IngressYaml("ing", {{"a.example.com", "/a", "Prefix", "a"}},
                  "  defaultBackend: {service: {name: fallback, port: {number: "
                  "81}}}\n"),
      options);
  EXPECT_EQ(ServiceOf(table.Match("a.example.com", "/a/x")), "a");
  for (auto [host, path] :
       {std::pair{"a.example.com", "/b"}, std::pair{"other.org", "/a"}}) {
    MatchResult m = table.Match(host, path);
    ASSERT_TRUE(m.matched()) << host << path;
    EXPECT_EQ(m.destination()->service, "fallback");
    EXPECT_EQ(m.destination()->port, 81u);
    EXPECT_EQ(m.virtual_service, nullptr);
    EXPECT_TRUE(m.route->origin.is_default_backend);
  }
  // A request the gateway cannot read is refused, not defaulted.
  EXPECT_EQ(table.Match("other.org", "a").status, MatchStatus::kInvalidPath);
}

TEST(RouteTableTest, PrefixesMatchOnSegmentBoundaries) {
  RouteTable table = MustCompile(
      IngressYaml("ing", {{"", "/foo/", "Prefix", "foo"},
                          {"", "/v1.*", "ImplementationSpecific", "v1"}}),
      Default());
  for (std::string_view path : {"/foo", "/foo/", "/foo/bar"}) {
    EXPECT_EQ(ServiceOf(table.Match("h", path)), "foo") << path;
  }
  EXPECT_EQ(table.Match("h", "/foobar").status, MatchStatus::kNoRoute);
  EXPECT_EQ(ServiceOf(table.Match("h", "/v1/x")), "v1");
  EXPECT_EQ(table.Match("h", "/v1x").status, MatchStatus::kNoRoute);
}

// Keys and request paths well past 63 bytes, where the table stops
// keeping one length bit per byte count and hashes whole words: every
// answer agrees with trying the routes in order.
TEST(RouteTableTest, LongPathsMatchLikeShortOnes) {
  std::string segment = "/seg";
  std::vector<std::string> chain;  // /seg0, /seg0/seg1, ... up to ~150 bytes
  std::string path;
  for (int i = 0; i < 24; ++i) {
    path += segment + std::to_string(i);
    chain.push_back(path);
  }
  for (GlobPrefix glob : {GlobPrefix::kPathSeparated, GlobPrefix::kString}) {
    std::vector<std::array<std::string, 4>> rules;
    for (size_t i = 0; i < chain.size(); ++i) {
      const std::string name = "s" + std::to_string(i);
      switch (i % 3) {
        case 0:
          rules.push_back({"h", chain[i], "Prefix", name});
          break;
        case 1:
          rules.push_back({"h", chain[i], "Exact", name});
          break;
        default:
          rules.push_back(
              {"h", chain[i] + ".*", "ImplementationSpecific", name});
      }
    }
    CompileOptions options = Default();
    options.glob_prefix = glob;
    RouteTable table = MustCompile(IngressYaml("ing", rules), options);
    size_t matched = 0;
    for (const std::string& key : chain) {
      for (std::string request :
           {key, key + "/", key + "/x", key + "x",
            key.substr(0, key.size() - 1),
            key + "/tail/that/is/long/enough/to/cross/another/word"}) {
        MatchResult fast = table.Match("h", request);
        MatchResult slow = table.MatchLinear("h", request);
        matched += fast.matched();
        ASSERT_EQ(fast.route, slow.route) << ToString(glob) << " " << request;
      }
    }
    EXPECT_GT(matched, chain.size() * 3) << ToString(glob);
  }
}

// The path scan passes over plain 16-byte runs at once; whatever needs
// normalising must be found at any offset, including across a run's edge.
TEST(RouteTableTest, NormalisationFindsDotsEscapesAndSlashesAtAnyOffset) {
  RouteTable base = MustCompile(kHttpbin);
  CompileOptions merging;
  merging.path_normalization = PathNormalization::kMergeSlashes;
  RouteTable merge = MustCompile(kHttpbin, merging);
  CompileOptions none;
  none.path_normalization = PathNormalization::kNone;
  RouteTable raw = MustCompile(kHttpbin, none);
  const std::string host = "httpbin.example.com";
  for (size_t pad = 0; pad < 40; ++pad) {
    const std::string x(pad, 'x');
    for (std::string dotted :
         {"/" + x + "/../status/" + x, "/" + x + "/%2e%2e/status/" + x,
          "/" + x + "/./.././status/" + x}) {
      EXPECT_TRUE(base.Match(host, dotted).matched()) << dotted;
      EXPECT_FALSE(raw.Match(host, dotted).matched()) << dotted;
    }
    const std::string doubled = "/status/" + x + "//1";
    EXPECT_EQ(merge.Match(host, doubled).route,
              merge.Match(host, "/status/" + x + "/1").route)
        << doubled;
    // A query is never normalised into the path: `/../` in it changes
    // nothing.
    const std::string query = "/status/" + x + "?q=/../../" + x;
    EXPECT_TRUE(base.Match(host, query).matched()) << query;
    EXPECT_FALSE(
        base.Match(host, "/headers/" + x + "?q=/../status/1").matched())
        << pad;
    const std::string bad = "/status/" + x + "\x01" + x;
    EXPECT_EQ(base.Match(host, bad).status, MatchStatus::kInvalidPath) << pad;
    const std::string nul = "/status/" + x + "%00";
    EXPECT_EQ(base.Match(host, nul).status, MatchStatus::kInvalidPath) << pad;
    const std::string escaped = "/st%61tus/" + x + "%41";
    EXPECT_TRUE(base.Match(host, escaped).matched()) << escaped;
    EXPECT_FALSE(raw.Match(host, escaped).matched()) << escaped;
  }
}

TEST(RouteTableTest, StringGlobPrefixMatchesWithinASegment) {
  CompileOptions options = Default();
  options.glob_prefix = GlobPrefix::kString;
  RouteTable table = MustCompile(
      IngressYaml("ing", {{"", "/foo.*", "ImplementationSpecific", "dot"},
                          {"", "/bar/*", "ImplementationSpecific", "slash"}}),
      options);
  EXPECT_EQ(ServiceOf(table.Match("h", "/foobar")), "dot");
  EXPECT_EQ(ServiceOf(table.Match("h", "/bar/x")), "slash");
  EXPECT_EQ(table.Match("h", "/bar").status, MatchStatus::kNoRoute);
}

TEST(RouteTableTest, RequestPathsAreNormalisedPerOption) {
  RouteTable base = MustCompile(kHttpbin);
  EXPECT_TRUE(base.Match("httpbin.example.com", "/x/../status/1").matched());
  EXPECT_TRUE(base.Match("httpbin.example.com", "/status/1?a=b").matched());
  CompileOptions none;
  none.path_normalization = PathNormalization::kNone;
  RouteTable raw = MustCompile(kHttpbin, none);
  EXPECT_FALSE(raw.Match("httpbin.example.com", "/x/../status/1").matched());
}

TEST(RouteTableTest, CompileFailuresKeepNothing) {
  CompileResult syntax = Compile("{oops");
  EXPECT_EQ(syntax.status, ErrorCode::kSyntax);
  EXPECT_EQ(syntax.table.route_count(), 0u);
  EXPECT_THAT(syntax.diagnostics, SizeIs(1));

  CompileOptions strict;
  strict.strict = true;
  std::string bad = testing::ReplaceOnce(std::string(kHttpbin),
                                         "servicePort: 8000", "servicePort: 0");
  EXPECT_EQ(Compile(bad, strict).status, ErrorCode::kValidation);
  CompileResult lenient = Compile(bad);
  EXPECT_TRUE(lenient.ok());
  EXPECT_EQ(lenient.table.route_count(), 0u);
}

TEST(RouteTableTest, CompilesFromResourcesAndFromAnIrBuiltByHand) {
  GatewayConfig config;
  VirtualService& vs = config.virtual_services.emplace_back();
  vs.host = "hand.example.com";
  HttpRoute& route = vs.routes.emplace_back();
  route.match = RouteMatch{RouteMatchType::kExact, "/x"};
  route.destination.service = "hand";
  CompileResult from_ir = Compile(config);
  ASSERT_TRUE(from_ir.ok());
  EXPECT_EQ(ServiceOf(from_ir.table.Match("hand.example.com", "/x")), "hand");
  EXPECT_EQ(from_ir.table.config(), config);
  EXPECT_EQ(from_ir.table.route_count(), 1u);
  EXPECT_GT(from_ir.table.memory_bytes(), sizeof(HttpRoute));

  ResourceSet set = testing::ParseClean(kHttpbin);
  CompileResult from_set = Compile(set);
  EXPECT_TRUE(
      from_set.table.Match("httpbin.example.com", "/status/").matched());
  EXPECT_EQ(from_set.table.options().path_normalization,
            PathNormalization::kBase);
}

// Hosts of 16 bytes and more are vetted 16 bytes at a time; upper case,
// ports, trailing dots and refused bytes count at every offset.
TEST(RouteTableTest, HostNormalisationFindsCaseAndPortsAtAnyOffset) {
  const std::string host = "a-rather-long-host-name.example.com";
  RouteTable table = MustCompile(
      IngressYaml("ing", {{host, "/", "Prefix", "svc"}}), Default());
  ASSERT_EQ(ServiceOf(table.Match(host, "/")), "svc");
  for (size_t at = 0; at < host.size(); ++at) {
    std::string upper = host;
    upper[at] = static_cast<char>(std::toupper(upper[at]));
    EXPECT_EQ(ServiceOf(table.Match(upper, "/")), "svc") << upper;
    std::string bad = host;
    bad[at] = '\t';
    EXPECT_EQ(table.Match(bad, "/").status, MatchStatus::kInvalidHost) << at;
    bad[at] = '\x7f';
    EXPECT_EQ(table.Match(bad, "/").status, MatchStatus::kInvalidHost) << at;
    std::string cut = host.substr(0, at + 1);
    if (cut.size() >= 16 && cut != host) {
      EXPECT_EQ(table.Match(cut + ":8080", "/").status, MatchStatus::kNoRoute)
          << cut;
    }
  }
  EXPECT_EQ(ServiceOf(table.Match(host + ".", "/")), "svc");
  EXPECT_EQ(ServiceOf(table.Match(host + ":8080", "/")), "svc");
  EXPECT_EQ(ServiceOf(table.Match(host + ".:443", "/")), "svc");
}

// An IR built by hand need not order routes as Istio does: a shorter
// prefix listed first still wins, however deep the request.
TEST(RouteTableTest, HandBuiltOrderIsFirstMatchEvenWhenShorterPrefixesLead) {
  GatewayConfig config;
  VirtualService& vs = config.virtual_services.emplace_back();
  vs.host = "hand.example.com";
  for (std::string_view prefix : {"/a", "/a/b", "/a/b/c"}) {
    HttpRoute& route = vs.routes.emplace_back();
    route.match = RouteMatch{RouteMatchType::kPrefix, std::string(prefix)};
    route.destination.service = std::string(prefix);
  }
  HttpRoute& exact = vs.routes.emplace_back();
  exact.match = RouteMatch{RouteMatchType::kExact, "/a/b/c/d"};
  exact.destination.service = "exact";
  CompileResult compiled = Compile(config);
  ASSERT_TRUE(compiled.ok());
  std::string deep = "/a/b/c/d";
  for (int i = 0; i < 40; ++i) deep += "/x";
  for (const std::string& path :
       std::vector<std::string>{"/a", "/a/b", "/a/b/c", "/a/b/c/d", deep}) {
    EXPECT_EQ(ServiceOf(compiled.table.Match("hand.example.com", path)), "/a")
        << path;
  }
}

TEST(RouteTableTest, RouteIdsNumberEveryRouteOnce) {
  CompileOptions options = Default();
  options.semantics = Semantics::kKubernetes;
  RouteTable table = MustCompile(
      IngressYaml("ing",
                  {{"a.example.com", "/a", "Prefix", "a"},
                   {"a.example.com", "/b", "Exact", "b"},
                   {"z.example.com", "/z", "Prefix", "z"}},
                  "  defaultBackend: {service: {name: fallback, port: {number: "
                  "81}}}\n"),
      options);
  ASSERT_EQ(table.route_count(), 3u);
  uint64_t id = 0;
  for (const VirtualService& vs : table.config().virtual_services) {
    for (const HttpRoute& route : vs.routes) {
      MatchResult m = table.RouteById(id);
      ASSERT_TRUE(m.matched());
      EXPECT_EQ(m.route, &route);
      EXPECT_EQ(m.virtual_service, &vs);
      EXPECT_EQ(table.RouteId(m), id);
      ++id;
    }
  }
  MatchResult z = table.Match("z.example.com", "/z/1");
  EXPECT_EQ(table.RouteId(z), 2u);
  MatchResult fallback = table.Match("other.org", "/");
  EXPECT_EQ(table.RouteId(fallback), 3u) << "the default backend comes last";
  EXPECT_EQ(table.RouteById(3).route, fallback.route);
  EXPECT_EQ(table.RouteById(4).status, MatchStatus::kNoRoute);
  EXPECT_EQ(RouteTable().RouteById(0).status, MatchStatus::kNoRoute);
}

TEST(RouteTableTest, LinearMatcherGivesTheSameAnswers) {
  RouteTable table = MustCompile(kHttpbin);
  for (std::string_view path : {"/status/200", "/headers", "/status", "/"}) {
    MatchResult fast = table.Match("httpbin.example.com", path);
    MatchResult linear = table.MatchLinear("httpbin.example.com", path);
    EXPECT_EQ(fast.status, linear.status);
    EXPECT_EQ(fast.route, linear.route);
  }
}

}  // namespace
}  // namespace ingresskit
