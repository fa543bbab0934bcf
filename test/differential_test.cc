// The indexed table against the linear first-match scan (Envoy's way), on
// random Ingress sets and random requests: every answer must be the same
// route. Seeded, so a failure names the seed that reproduces it.
#include <string>
#include <vector>

#include "ingresskit/route_table.h"
#include "random_ingress.h"
#include "test_util.h"

namespace ingresskit {
namespace {

struct Variant {
  Semantics semantics;
  GlobPrefix glob;
  PathNormalization normalization;
};

TEST(DifferentialTest, IndexedTableAgreesWithLinearScan) {
  const Variant variants[] = {
      {Semantics::kIstio, GlobPrefix::kPathSeparated, PathNormalization::kBase},
      {Semantics::kIstio, GlobPrefix::kString, PathNormalization::kNone},
      {Semantics::kKubernetes, GlobPrefix::kPathSeparated,
       PathNormalization::kMergeSlashes},
      {Semantics::kKubernetes, GlobPrefix::kString,
       PathNormalization::kDecodeAndMergeSlashes},
  };
  constexpr int kSeeds = 40;
  constexpr int kRequestsPerTable = 800;
  size_t requests = 0;
  size_t matched = 0;
  for (const Variant& variant : variants) {
    for (int seed = 1; seed <= kSeeds; ++seed) {
      testing::RandomIngress gen(static_cast<uint64_t>(seed));
      CompileOptions options;
      options.semantics = variant.semantics;
      options.glob_prefix = variant.glob;
      options.path_normalization = variant.normalization;
      options.controller_mode = ControllerMode::kDefault;
      CompileResult compiled =
          Compile(gen.Resources(1 + gen.Pick(12)), options);
      ASSERT_TRUE(compiled.ok());
      const RouteTable& table = compiled.table;
      for (int i = 0; i < kRequestsPerTable; ++i) {
        auto [host, path] = gen.Request(table.config());
        MatchResult fast = table.Match(host, path);
        MatchResult linear = table.MatchLinear(host, path);
        ++requests;
        matched += fast.matched();
        ASSERT_EQ(fast.status, linear.status)
            << "seed " << seed << " semantics " << ToString(variant.semantics)
            << " glob " << ToString(variant.glob) << ": " << host << " "
            << path;
        ASSERT_EQ(fast.route, linear.route)
            << "seed " << seed << " semantics " << ToString(variant.semantics)
            << " glob " << ToString(variant.glob) << ": " << host << " " << path
            << " fast " << (fast.route ? fast.route->match.value : "none")
            << " linear "
            << (linear.route ? linear.route->match.value : "none");
        ASSERT_EQ(fast.route_index, linear.route_index);
      }
    }
  }
  EXPECT_GE(requests, 100000u);
  // The generator must exercise both outcomes, or the test proves little.
  EXPECT_GT(matched, requests / 4);
  EXPECT_LT(matched, requests * 95 / 100);
}

}  // namespace
}  // namespace ingresskit
