// Router: hot reload with last-known-good. Readers under load are
// router_stress_test's.
#include "ingresskit/route_table.h"
#include "test_util.h"
#include "versioned_table.h"

namespace ingresskit {
namespace {

using ::testing::HasSubstr;

using ::ingresskit::testing::VersionedTableText;

CompileOptions Options() {
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  return options;
}

TEST(RouterTest, StartsEmptyAtVersionZero) {
  Router router(Options());
  EXPECT_EQ(router.version(), 0u);
  RouterMatch m = router.Match("a.com", "/");
  EXPECT_EQ(m.version, 0u);
  EXPECT_EQ(m.result.status, MatchStatus::kNoRoute);
}

TEST(RouterTest, SuccessfulUpdatesSwapTheTableAndGrowTheVersion) {
  Router router(Options());
  ASSERT_TRUE(router.Update(VersionedTableText(1)).ok());
  EXPECT_EQ(router.version(), 1u);
  RouterMatch m = router.Match("a.com", "/x");
  EXPECT_EQ(m.version, 1u);
  EXPECT_EQ(m.result.destination()->service, "svc1");

  ResourceSet set = testing::ParseClean(VersionedTableText(2));
  ASSERT_TRUE(router.Update(set).ok());
  EXPECT_EQ(router.version(), 2u);
  EXPECT_EQ(router.Match("a.com", "/x").result.destination()->service, "svc2");
  // The answer from before stays readable: it holds its table.
  EXPECT_EQ(m.result.destination()->service, "svc1");
  EXPECT_EQ(router.Current().table.route_count(), 2u);
  EXPECT_EQ(router.options().controller_mode, ControllerMode::kDefault);
}

TEST(RouterTest, FailedUpdatesKeepTheLastKnownGoodTable) {
  Router router(Options());
  ASSERT_TRUE(router.Update(VersionedTableText(7)).ok());
  CompileResult bad = router.Update("apiVersion: v1\nkind: [");
  EXPECT_EQ(bad.status, ErrorCode::kSyntax);
  EXPECT_THAT(bad.diagnostics.at(0).message, HasSubstr("malformed YAML"));
  EXPECT_EQ(router.version(), 1u);
  EXPECT_EQ(router.Match("a.com", "/").result.destination()->service, "svc7");

  CompileOptions strict = Options();
  strict.strict = true;
  Router strict_router(strict);
  ASSERT_TRUE(strict_router.Update(VersionedTableText(1)).ok());
  std::string invalid = testing::ReplaceOnce(VersionedTableText(2),
                                             "name: svc2, port: {number: 80}",
                                             "name: svc2, port: {number: 0}");
  EXPECT_EQ(strict_router.Update(invalid).status, ErrorCode::kValidation);
  EXPECT_EQ(strict_router.version(), 1u);
}

}  // namespace
}  // namespace ingresskit
