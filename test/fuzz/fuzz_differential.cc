// Differential fuzzer: the bytes choose an Ingress set, the compile
// options and requests near its routes; the indexed table and the
// first-match scan over the same routes must give the same answer to every
// request. Any disagreement aborts: it would be a silently wrong route.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "ingresskit/route_table.h"
#include "random_ingress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ingresskit;
  testing::RandomIngress choose(
      std::string_view(reinterpret_cast<const char*>(data), size));
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  options.semantics =
      choose.Chance(50) ? Semantics::kIstio : Semantics::kKubernetes;
  options.glob_prefix =
      choose.Chance(50) ? GlobPrefix::kPathSeparated : GlobPrefix::kString;
  CompileResult compiled =
      Compile(choose.Resources(1 + choose.Pick(6)), options);
  if (!compiled.ok()) return 0;
  const RouteTable& table = compiled.table;
  for (int i = 0; i < 64 && !choose.exhausted(); ++i) {
    auto [host, path] = choose.Request(table.config());
    const MatchResult fast = table.Match(host, path);
    const MatchResult slow = table.MatchLinear(host, path);
    if (fast.status != slow.status || fast.route != slow.route) {
      std::fprintf(stderr, "disagree on %s %s\n", host.c_str(), path.c_str());
      std::abort();
    }
  }
  return 0;
}
