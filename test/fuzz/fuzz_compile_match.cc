// Compile-and-match fuzzer: the bytes choose an Ingress set (through the
// model, so any shape the generator reaches, valid or not) and requests.
// Compiling, matching, route ids, the Router and every generator must
// hold up, and migration must prove itself.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingresskit/generate.h"
#include "ingresskit/migrate.h"
#include "ingresskit/route_table.h"
#include "random_ingress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ingresskit;
  testing::RandomIngress choose(
      std::string_view(reinterpret_cast<const char*>(data), size));
  CompileOptions options;
  options.controller_mode =
      choose.Chance(80) ? ControllerMode::kDefault : ControllerMode::kStrict;
  options.semantics =
      choose.Chance(50) ? Semantics::kIstio : Semantics::kKubernetes;
  options.strict = choose.Chance(10);
  options.path_normalization = static_cast<PathNormalization>(choose.Pick(4));
  ResourceSet resources = choose.Resources(1 + choose.Pick(5));
  Router router(options);
  CompileResult compiled = router.Update(resources);
  if (!compiled.ok()) {
    if (router.version() != 0) std::abort();  // A failed update kept nothing.
    return 0;
  }
  const RouteTable& table = compiled.table;
  for (int i = 0; i < 32 && !choose.exhausted(); ++i) {
    auto [host, path] = choose.Request(table.config());
    const MatchResult m = table.Match(host, path);
    if (m.matched()) {
      // A route id names the route it came from.
      const MatchResult back = table.RouteById(table.RouteId(m));
      if (back.route != m.route) std::abort();
    }
    if (router.Match(host, path).result.route != m.route) std::abort();
  }
  for (OutputFormat format :
       {OutputFormat::kIstioYaml, OutputFormat::kIstioJson,
        OutputFormat::kEnvoyJson, OutputFormat::kStatusJson,
        OutputFormat::kGatewayApiYaml}) {
    (void)Generate(table.config(), format);
  }
  // Migration to Gateway API is proved equivalent unless it had to leave
  // out a path the Gateway API schema refuses.
  // (One input in three: migrating compiles and diffs twice over.)
  if (options.semantics == Semantics::kIstio && choose.Chance(33)) {
    const MigrateResult migrated = Migrate(resources, options);
    if (!migrated.ok()) std::abort();  // The input compiled.
    bool refused = false;
    for (const Diagnostic& d : migrated.objects.diagnostics) {
      refused |= d.message.find("Gateway API refuses") != std::string::npos;
    }
    if (!refused && !migrated.equivalent()) std::abort();
  }
  return 0;
}
