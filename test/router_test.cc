// Router: hot reload with last-known-good, and lock-free readers that always
// see one whole table (run under ThreadSanitizer in CI).
#include <atomic>
#include <thread>
#include <vector>

#include "ingresskit/route_table.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::testing::HasSubstr;

// Version `n`'s table sends every path of every host to service `svc<n>`
// and `/only<n>` to `only<n>`: an answer mixing two tables would show.
std::string TableText(uint64_t n) {
  std::string s = std::to_string(n);
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
         "metadata: {name: gen" +
         s +
         "}\nspec:\n  rules:\n  - http:\n"
         "      paths:\n"
         "      - {path: /, pathType: Prefix, backend: {service: {name: svc" +
         s +
         ", port: {number: 80}}}}\n"
         "      - {path: /only" +
         s +
         ", pathType: Exact, backend: {service: "
         "{name: only" +
         s + ", port: {number: 80}}}}\n";
}

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
  ASSERT_TRUE(router.Update(TableText(1)).ok());
  EXPECT_EQ(router.version(), 1u);
  RouterMatch m = router.Match("a.com", "/x");
  EXPECT_EQ(m.version, 1u);
  EXPECT_EQ(m.result.destination()->service, "svc1");

  ResourceSet set = testing::ParseClean(TableText(2));
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
  ASSERT_TRUE(router.Update(TableText(7)).ok());
  CompileResult bad = router.Update("apiVersion: v1\nkind: [");
  EXPECT_EQ(bad.status, ErrorCode::kSyntax);
  EXPECT_THAT(bad.diagnostics.at(0).message, HasSubstr("malformed YAML"));
  EXPECT_EQ(router.version(), 1u);
  EXPECT_EQ(router.Match("a.com", "/").result.destination()->service, "svc7");

  CompileOptions strict = Options();
  strict.strict = true;
  Router strict_router(strict);
  ASSERT_TRUE(strict_router.Update(TableText(1)).ok());
  std::string invalid = TableText(2);
  invalid.replace(invalid.find("number: 80"), 10, "number: 0");
  EXPECT_EQ(strict_router.Update(invalid).status, ErrorCode::kValidation);
  EXPECT_EQ(strict_router.version(), 1u);
}

TEST(RouterTest, ReadersSeeWholeVersionsWhileAWriterSwaps) {
  constexpr int kReaders = 4;
  constexpr uint64_t kUpdates = 300;
  Router router(Options());
  ASSERT_TRUE(router.Update(TableText(1)).ok());
  // Compile every text first so the writer swaps as fast as it can.
  std::vector<std::string> texts;
  for (uint64_t n = 2; n <= kUpdates + 1; ++n) texts.push_back(TableText(n));

  std::atomic<bool> done{false};
  std::atomic<uint64_t> answers{0};
  std::vector<std::string> failures(kReaders);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      uint64_t last_version = 0;
      uint64_t count = 0;
      while (!done.load(std::memory_order_relaxed) || count < 1000) {
        RouterMatch m = router.Match("a.com", "/x");
        // Table n (version n) routes to svc<n>.
        std::string expected = "svc" + std::to_string(m.version);
        if (!m.result.matched() ||
            m.result.destination()->service != expected ||
            m.version < last_version) {
          failures[r] = "version " + std::to_string(m.version) + " answered " +
                        (m.result.matched() ? m.result.destination()->service
                                            : "nothing") +
                        " after version " + std::to_string(last_version);
          return;
        }
        last_version = m.version;
        ++count;
      }
      answers += count;
    });
  }
  for (uint64_t n = 0; n < kUpdates; ++n) {
    ASSERT_TRUE(router.Update(texts[n]).ok());
    if (n % 10 == 0) {
      // Invalid updates interleaved: neither version nor answers change.
      uint64_t before = router.version();
      EXPECT_FALSE(router.Update("{\"kind\": ").ok());
      EXPECT_EQ(router.version(), before);
    }
  }
  done = true;
  for (std::thread& t : readers) t.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  EXPECT_EQ(router.version(), kUpdates + 1);
  EXPECT_GE(answers.load(), 1000u * kReaders);
}

}  // namespace
}  // namespace ingresskit
