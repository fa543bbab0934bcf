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

TEST(RouterTest, AReaderFollowsUpdatesAndKeepsItsTableUntilItsNextMatch) {
  Router router(Options());
  Router::Reader reader(router);
  EXPECT_EQ(reader.Current().version, 0u);
  EXPECT_FALSE(reader.Match("a.com", "/x").matched());

  ASSERT_TRUE(router.Update(VersionedTableText(1)).ok());
  MatchResult one = reader.Match("a.com", "/x");
  ASSERT_TRUE(one.matched());
  EXPECT_EQ(one.route->destination.service, "svc1");

  // An update does not take the Reader's table away from under `one`
  // (under ASan a freed table would be a use after free here)...
  ASSERT_TRUE(router.Update(VersionedTableText(2)).ok());
  EXPECT_EQ(one.route->destination.service, "svc1");
  // ...and its next match answers from the new one.
  MatchResult two = reader.Match("a.com", "/x");
  EXPECT_EQ(two.route->destination.service, "svc2");
  EXPECT_EQ(reader.snapshot().version, 2u);
  // A failed update changes nothing.
  EXPECT_FALSE(router.Update("kind: [").ok());
  EXPECT_EQ(reader.Match("a.com", "/x").route->destination.service, "svc2");
  EXPECT_EQ(reader.Current().version, 2u);
}

}  // namespace
}  // namespace ingresskit
