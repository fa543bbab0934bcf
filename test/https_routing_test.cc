// HTTPS routing as Istio does it (docs/semantics.md §5): each HTTPS server
// answers from its own route configuration, holding only the hosts whose
// first Ingress is the server's, so routes of another Ingress on the same
// host get 404 over HTTPS (istio/istio#24385) while HTTP serves them.
// Cases from Istio's pilot/pkg/networking/core/gateway_simulation_test.go
// TestIngress and the rule it encodes.
#include <string>
#include <vector>

#include "ingresskit/ingresskit.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;

struct Rule {
  std::string host;  // Empty: a host-less rule.
  std::string path;
  std::string type;
  std::string service;
};

// Ingress `name` in `default` created at `created`, with one tls entry
// when `secret` is set (hosts `tls_hosts`, a flow list, or none).
std::string IngressDoc(std::string_view name, std::string_view created,
                       std::vector<Rule> rules, std::string_view secret = "",
                       std::string_view tls_hosts = "") {
  std::string out =
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " +
      testing::Quoted(name) +  // `y` alone would read as a boolean.
      "\n  namespace: default\n  creationTimestamp: " + std::string(created) +
      "\n  annotations: {kubernetes.io/ingress.class: istio}\nspec:\n";
  if (!secret.empty()) {
    out += "  tls: [{" +
           (tls_hosts.empty() ? std::string()
                              : "hosts: " + std::string(tls_hosts) + ", ") +
           "secretName: " + std::string(secret) + "}]\n";
  }
  out += "  rules:\n";
  for (const Rule& r : rules) {
    out += "  - " + (r.host.empty() ? "" : "host: \"" + r.host + "\"\n    ") +
           "http: {paths: [{path: \"" + r.path + "\", pathType: " + r.type +
           ", backend: {service: {name: " + r.service +
           ", port: {number: 80}}}}]}\n";
  }
  return out + "---\n";
}

constexpr char kT1[] = "2024-01-01T00:00:00Z";
constexpr char kT2[] = "2024-06-01T00:00:00Z";

class HttpsRoutingTest : public ::testing::Test {
 protected:
  void Load(const std::string& text) {
    CompileResult compiled = Compile(text);
    ASSERT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
    table_ = compiled.table;
  }
  // The service an HTTPS request reaches, "404", or "handshake fails".
  std::string Https(std::string_view sni, std::string_view host,
                    std::string_view path) {
    TlsMatchResult m = table_.MatchTls(sni, host, path);
    if (m.server == nullptr) return "handshake fails";
    return m.result.matched() ? m.result.route->destination.service : "404";
  }
  std::string Http(std::string_view host, std::string_view path) {
    MatchResult m = table_.Match(host, path);
    return m.matched() ? m.route->destination.service : "404";
  }
  RouteTable table_;
};

TEST_F(HttpsRoutingTest, BasicServerAndHandshakeFailures) {
  Load(IngressDoc("web", kT1, {{"a.com", "/", "Prefix", "svc-a"}}, "a-cert",
                  "[a.com]"));
  EXPECT_EQ(Https("a.com", "a.com", "/x"), "svc-a");
  EXPECT_EQ(Https("b.com", "b.com", "/x"), "handshake fails");
  EXPECT_EQ(Https("", "a.com", "/x"), "handshake fails");
  EXPECT_EQ(Https("a.com", "b.com", "/x"), "404");
}

TEST_F(HttpsRoutingTest, ANewerIngressWithTlsGets404ForAnOlderOnesHost) {
  // istio/istio#24385: the host's VirtualService belongs to `old`, which
  // has no HTTPS server; new's server has no virtual host at all.
  Load(IngressDoc("old", kT1, {{"a.com", "/old", "Prefix", "svc-old"}}) +
       IngressDoc("new", kT2, {{"a.com", "/new", "Prefix", "svc-new"}}, "s",
                  "[a.com]"));
  EXPECT_EQ(Https("a.com", "a.com", "/new"), "404");
  EXPECT_EQ(Https("a.com", "a.com", "/old"), "404");
  EXPECT_EQ(Http("a.com", "/new"), "svc-new");
  EXPECT_EQ(Http("a.com", "/old"), "svc-old");
}

TEST_F(HttpsRoutingTest, SameTlsHostAlignedServesBoth) {
  Load(IngressDoc("alpha", kT1, {{"example.com", "/alpha", "Prefix", "alpha"}},
                  "alpha-cert", "[example.com]") +
       IngressDoc("beta", kT2, {{"example.com", "/beta", "Prefix", "beta"}},
                  "beta-cert", "[example.com]"));
  EXPECT_EQ(Https("example.com", "example.com", "/alpha"), "alpha");
  EXPECT_EQ(Https("example.com", "example.com", "/beta"), "beta");
}

TEST_F(HttpsRoutingTest, SameTlsHostMisalignedServesNeither) {
  // beta is older and owns the VirtualService; alpha's Gateway name sorts
  // first and wins the server: 404 for both over HTTPS.
  Load(IngressDoc("beta", kT1, {{"example.com", "/beta", "Prefix", "beta"}},
                  "beta-cert", "[example.com]") +
       IngressDoc("alpha", kT2, {{"example.com", "/alpha", "Prefix", "alpha"}},
                  "alpha-cert", "[example.com]"));
  EXPECT_EQ(Https("example.com", "example.com", "/alpha"), "404");
  EXPECT_EQ(Https("example.com", "example.com", "/beta"), "404");
  EXPECT_EQ(table_.MatchTls("example.com", "example.com", "/")
                .server->credential_name,
            "alpha-cert");
  EXPECT_EQ(Http("example.com", "/alpha"), "alpha");
  EXPECT_EQ(Http("example.com", "/beta"), "beta");
}

TEST_F(HttpsRoutingTest, APartiallyOverlappingServerIsDroppedWhole) {
  Load(IngressDoc("p", kT1, {{"a.com", "/", "Prefix", "svc-p"}}, "sp",
                  "[a.com]") +
       IngressDoc("q", kT2, {{"c.com", "/", "Prefix", "svc-q"}}, "sq",
                  "[a.com, c.com]"));
  EXPECT_EQ(Https("c.com", "c.com", "/"), "handshake fails");
  EXPECT_EQ(Https("a.com", "a.com", "/"), "svc-p");
  EXPECT_EQ(Https("a.com", "c.com", "/"), "404");
  EXPECT_EQ(Http("c.com", "/"), "svc-q");
}

TEST_F(HttpsRoutingTest, HostLessRulesMergeIntoTheServersHostsOverHttpsOnly) {
  Load(IngressDoc("x", kT1,
                  {{"a.com", "/a", "Exact", "svc-a"},
                   {"a.com", "/", "Prefix", "svc-a"},
                   {"", "/api", "Prefix", "svc-star"}},
                  "s", "[a.com]"));
  // Over HTTPS a.com's virtual host holds its own routes and the `*` ones,
  // the catch-all `/` moved last.
  EXPECT_EQ(Https("a.com", "a.com", "/api/v1"), "svc-star");
  EXPECT_EQ(Https("a.com", "a.com", "/a"), "svc-a");
  EXPECT_EQ(Https("a.com", "a.com", "/other"), "svc-a");
  EXPECT_EQ(Https("a.com", "other.com", "/api"), "404");
  EXPECT_EQ(Http("a.com", "/api/v1"), "svc-a");
  EXPECT_EQ(Http("other.com", "/api"), "svc-star");
}

TEST_F(HttpsRoutingTest, AnHttpsAnswerNamesItsRouteAsHttpDoes) {
  // The merged HTTPS virtual host orders routes differently from the
  // VirtualService they come from; route_index and the route id still
  // name the route in its VirtualService, so callers that cache by id
  // (the C ABI, Python) get the same route either way.
  Load(IngressDoc("x", kT1,
                  {{"a.com", "/a", "Exact", "svc-a"},
                   {"a.com", "/", "Prefix", "svc-a"},
                   {"", "/api", "Prefix", "svc-star"}},
                  "s", "[a.com]"));
  for (std::string_view path : {"/api/v1", "/a", "/other"}) {
    SCOPED_TRACE(path);
    MatchResult https = table_.MatchTls("a.com", "a.com", path).result;
    ASSERT_TRUE(https.matched());
    ASSERT_NE(https.virtual_service, nullptr);
    EXPECT_EQ(https.route,
              &https.virtual_service->routes.at(https.route_index));
    EXPECT_EQ(table_.RouteById(table_.RouteId(https)).route, https.route);
  }
}

TEST_F(HttpsRoutingTest, ATlsEntryWithoutHostsServesOnlyItsOwnIngressesHosts) {
  Load(IngressDoc("y", kT1, {{"b.com", "/", "Prefix", "svc-b"}}, "sy") +
       IngressDoc("z", kT2, {{"c.com", "/", "Prefix", "svc-z"}}));
  EXPECT_EQ(Https("", "b.com", "/"), "svc-b");
  EXPECT_EQ(Https("anything.org", "b.com", "/"), "svc-b");
  EXPECT_EQ(Https("", "c.com", "/"), "404");
  EXPECT_EQ(Http("c.com", "/"), "svc-z");
}

TEST_F(HttpsRoutingTest, WildcardAndExactServerNames) {
  Load(IngressDoc("w1", kT1, {{"a.ex.com", "/", "Prefix", "svc1"}}, "s1",
                  "[\"*.ex.com\"]") +
       IngressDoc("w2", kT2, {{"b.ex.com", "/", "Prefix", "svc2"}}, "s2",
                  "[b.ex.com]"));
  EXPECT_EQ(Https("b.ex.com", "b.ex.com", "/"), "svc2");
  EXPECT_EQ(Https("a.ex.com", "a.ex.com", "/"), "svc1");
  EXPECT_EQ(Https("x.y.ex.com", "x.y.ex.com", "/"), "404");
  EXPECT_EQ(Https("a.ex.com", "b.ex.com", "/"), "404");
  EXPECT_EQ(Https("ex.com", "ex.com", "/"), "handshake fails");
}

}  // namespace
}  // namespace ingresskit
