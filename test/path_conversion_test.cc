// The legacy glob rule and route order on their own, including the forms
// the API server never lets through (they can still be built by hand).
#include "convert/path_conversion.h"

#include "gtest/gtest.h"

namespace ingresskit::convert_internal {
namespace {

TEST(PathConversionTest, BareGlobsAreCatchAlls) {
  for (std::string_view path : {"", "*", "/*", ".*"}) {
    for (GlobPrefix glob : {GlobPrefix::kPathSeparated, GlobPrefix::kString}) {
      RouteMatch m = ConvertPath(path, PathType::kImplementationSpecific, glob);
      EXPECT_EQ(m.type, RouteMatchType::kAny) << path;
      EXPECT_TRUE(m.IsCatchAll());
    }
  }
}

TEST(PathConversionTest, DotStarBeforeSlashStar) {
  // `/a/.*` ends with `.*`: strip that, keep the slash.
  EXPECT_EQ(ConvertPath("/a/.*", PathType::kUnset, GlobPrefix::kPathSeparated),
            (RouteMatch{RouteMatchType::kPrefix, "/a/"}));
  EXPECT_EQ(ConvertPath("/a/.*", PathType::kUnset, GlobPrefix::kString),
            (RouteMatch{RouteMatchType::kStringPrefix, "/a/"}));
  EXPECT_EQ(ConvertPath("/.*", PathType::kUnset, GlobPrefix::kPathSeparated),
            (RouteMatch{RouteMatchType::kPrefix, "/"}));
  EXPECT_TRUE(
      ConvertPath("/.*", PathType::kUnset, GlobPrefix::kString).IsCatchAll());
}

TEST(PathConversionTest, ExactAndPrefixIgnoreGlobCharacters) {
  EXPECT_EQ(ConvertPath("/a/*", PathType::kExact, GlobPrefix::kString),
            (RouteMatch{RouteMatchType::kExact, "/a/*"}));
  EXPECT_EQ(ConvertPath("/a.*", PathType::kPrefix, GlobPrefix::kString),
            (RouteMatch{RouteMatchType::kPrefix, "/a.*"}));
}

TEST(PathConversionTest, IstioOrderIsLengthThenExact) {
  RouteMatch exact{RouteMatchType::kExact, "/ab"};
  RouteMatch prefix{RouteMatchType::kPrefix, "/ab"};
  RouteMatch longer{RouteMatchType::kPrefix, "/abc"};
  RouteMatch any{RouteMatchType::kAny, ""};
  EXPECT_TRUE(MatchBefore(exact, prefix, Semantics::kIstio));
  EXPECT_FALSE(MatchBefore(prefix, exact, Semantics::kIstio));
  EXPECT_TRUE(MatchBefore(longer, exact, Semantics::kIstio));
  EXPECT_TRUE(MatchBefore(prefix, any, Semantics::kIstio));
  EXPECT_FALSE(MatchBefore(prefix, prefix, Semantics::kIstio));
}

TEST(PathConversionTest, KubernetesOrderIgnoresTheTrailingSlashOfPrefixes) {
  RouteMatch slash{RouteMatchType::kPrefix, "/ab/"};
  RouteMatch exact{RouteMatchType::kExact, "/ab"};
  RouteMatch plain{RouteMatchType::kPrefix, "/ab"};
  // Istio: `/ab/` is longer and goes first; Kubernetes: both measure 3.
  EXPECT_TRUE(MatchBefore(slash, exact, Semantics::kIstio));
  EXPECT_TRUE(MatchBefore(exact, slash, Semantics::kKubernetes));
  EXPECT_TRUE(MatchBefore(slash, plain, Semantics::kKubernetes));
}

}  // namespace
}  // namespace ingresskit::convert_internal
