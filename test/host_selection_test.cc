// Host selection by hash lookups against a scan of every host, on random
// host sets and requests, in both semantics.
#include <random>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "table/compiled_table.h"

namespace ingresskit::table_internal {
namespace {

constexpr std::string_view kLabels[] = {"a", "b", "c", "ab", "example", "com"};

std::string RandomName(std::mt19937_64& rng, size_t max_labels) {
  std::string name;
  size_t labels = 1 + rng() % max_labels;
  for (size_t i = 0; i < labels; ++i) {
    if (i) name += '.';
    name += kLabels[rng() % 6];
  }
  return name;
}

TEST(HostSelectionTest, HashLookupsAgreeWithScanningEveryHost) {
  size_t selected = 0;
  size_t requests = 0;
  for (Semantics semantics : {Semantics::kIstio, Semantics::kKubernetes}) {
    for (uint64_t seed = 1; seed <= 50; ++seed) {
      std::mt19937_64 rng(seed);
      GatewayConfig config;
      config.semantics = semantics;
      std::set<std::string> hosts;
      for (int i = 0; i < 12; ++i) {
        std::string name = RandomName(rng, 3);
        if (rng() % 3 == 0) name = "*." + name;
        if (rng() % 10 == 0) name.assign(1, '*');
        hosts.insert(name);
      }
      for (const std::string& host : hosts) {
        config.virtual_services.emplace_back().host = host;
      }
      CompiledTable table(config, CompileOptions{});
      for (int i = 0; i < 400; ++i) {
        std::string request = RandomName(rng, 5);
        ++requests;
        uint32_t fast = table.SelectHost(request);
        selected += fast != kNoHost;
        ASSERT_EQ(fast, table.SelectHostLinear(request))
            << "seed " << seed << " " << ToString(semantics) << " " << request;
      }
    }
  }
  EXPECT_GT(selected, requests / 3);
  EXPECT_LT(selected, requests);
}

}  // namespace
}  // namespace ingresskit::table_internal
