// The generated Envoy RouteConfiguration routes as the table does: read the
// JSON back, pick the virtual host and the first matching route the way
// Envoy does, and compare with RouteTable::Match on random Ingress sets.
#include <algorithm>
#include <string>

#include "ingresskit/generate.h"
#include "ingresskit/route_table.h"
#include "random_ingress.h"
#include "rapidjson/document.h"
#include "test_util.h"

namespace ingresskit {
namespace {

std::string_view Str(const rapidjson::Value& v) {
  return std::string_view(v.GetString(), v.GetStringLength());
}

// Envoy's choice on an already normalised host and path: the virtual host
// by exact domain, else the longest `*.suffix`, else `*`; then the first
// route whose match accepts the path. Returns the cluster, or "" for 404.
std::string EnvoyRoute(const rapidjson::Value& route_config,
                       std::string_view host, std::string_view path) {
  const rapidjson::Value* chosen = nullptr;
  size_t best_suffix = 0;
  const rapidjson::Value* any = nullptr;
  for (const auto& vh : route_config["virtual_hosts"].GetArray()) {
    for (const auto& d : vh["domains"].GetArray()) {
      std::string_view domain = Str(d);
      if (domain == host) {
        chosen = &vh;
        best_suffix = SIZE_MAX;
      } else if (domain == "*") {
        any = &vh;
      } else if (domain.starts_with("*.") && !domain.ends_with(":*")) {
        std::string_view suffix = domain.substr(1);
        if (host.size() > suffix.size() && host.ends_with(suffix) &&
            suffix.size() > best_suffix) {
          chosen = &vh;
          best_suffix = suffix.size();
        }
      }
    }
  }
  if (chosen == nullptr) chosen = any;
  if (chosen == nullptr) return "";
  for (const auto& route : (*chosen)["routes"].GetArray()) {
    const rapidjson::Value& match = route["match"];
    EXPECT_TRUE(match["case_sensitive"].GetBool());
    bool hit = false;
    if (match.HasMember("path")) {
      hit = path == Str(match["path"]);
    } else if (match.HasMember("prefix")) {
      hit = path.starts_with(Str(match["prefix"]));
    } else if (match.HasMember("path_separated_prefix")) {
      std::string_view p = Str(match["path_separated_prefix"]);
      EXPECT_FALSE(p.ends_with('/')) << p;
      hit = path.starts_with(p) &&
            (path.size() == p.size() || path[p.size()] == '/');
    } else {
      ADD_FAILURE() << "route without a known match";
    }
    if (hit) return std::string(Str(route["route"]["cluster"]));
  }
  return "";
}

TEST(EnvoyRoundTripTest, GeneratedRoutesSendRequestsWhereTheTableDoes) {
  size_t compared = 0;
  size_t routed = 0;
  for (GlobPrefix glob : {GlobPrefix::kPathSeparated, GlobPrefix::kString}) {
    for (uint64_t seed = 1; seed <= 60; ++seed) {
      testing::RandomIngress gen(seed);
      CompileOptions options;
      options.controller_mode = ControllerMode::kDefault;
      options.glob_prefix = glob;
      options.path_normalization = PathNormalization::kNone;
      CompileResult compiled =
          Compile(gen.Resources(1 + gen.Pick(10)), options);
      ASSERT_TRUE(compiled.ok());
      rapidjson::Document envoy;
      envoy.Parse(
          Generate(compiled.table.config(), OutputFormat::kEnvoyJson).c_str());
      ASSERT_FALSE(envoy.HasParseError());
      ASSERT_TRUE(envoy.IsArray());
      const rapidjson::Value& http = envoy[0];
      ASSERT_EQ(Str(http["name"]), "http.80");
      for (int i = 0; i < 500; ++i) {
        auto [host, path] = gen.Request(compiled.table.config());
        // Compare routing, not request normalisation: keep requests that
        // need none beyond case and port.
        if (path.find("/.") != std::string::npos ||
            path.find("//") != std::string::npos ||
            path.find('?') != std::string::npos ||
            path.find('%') != std::string::npos || host.ends_with('.')) {
          continue;
        }
        std::string bare = host.substr(0, host.find(':'));
        std::transform(bare.begin(), bare.end(), bare.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        MatchResult m = compiled.table.Match(host, path);
        std::string expected = m.matched() ? m.route->destination.cluster : "";
        ASSERT_EQ(EnvoyRoute(http, bare, path), expected)
            << "seed " << seed << " glob " << ToString(glob) << ": " << host
            << " " << path;
        ++compared;
        routed += m.matched();
      }
    }
  }
  EXPECT_GT(compared, 20000u);
  EXPECT_GT(routed, compared / 4);
}

TEST(EnvoyRoundTripTest, HttpsServersGetTheirGatewaysVirtualHosts) {
  CompileResult compiled = Compile(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: secure, namespace: web}
spec:
  tls:
  - {hosts: [a.example.com], secretName: a-cert}
  rules:
  - host: a.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}
  - host: b.example.com
    http: {paths: [{path: /b/, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}
)",
                                   [] {
                                     CompileOptions o;
                                     o.controller_mode =
                                         ControllerMode::kDefault;
                                     return o;
                                   }());
  ASSERT_TRUE(compiled.ok());
  rapidjson::Document envoy;
  envoy.Parse(
      Generate(compiled.table.config(), OutputFormat::kEnvoyJson).c_str());
  ASSERT_EQ(envoy.Size(), 2u);
  EXPECT_EQ(Str(envoy[1]["name"]),
            "https.443.https-443-ingress-secure-web-0.secure-istio-"
            "autogenerated-k8s-ingress-web.istio-system");
  ASSERT_EQ(envoy[1]["virtual_hosts"].Size(), 1u);
  const rapidjson::Value& vh = envoy[1]["virtual_hosts"][0];
  EXPECT_EQ(Str(vh["name"]), "a.example.com:443");
  EXPECT_EQ(Str(vh["domains"][1]), "a.example.com:*");
  const rapidjson::Value& b_route = envoy[0]["virtual_hosts"][1]["routes"][0];
  EXPECT_EQ(Str(b_route["match"]["path_separated_prefix"]), "/b");
  EXPECT_EQ(Str(b_route["route"]["cluster"]),
            "outbound|80||b.web.svc.cluster.local");
  EXPECT_EQ(Str(envoy[0]["virtual_hosts"][0]["routes"][0]["match"]["prefix"]),
            "/");
}

}  // namespace
}  // namespace ingresskit
