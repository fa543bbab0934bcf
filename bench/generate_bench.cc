// generate/<format>/<ingresses>: IR to text, what a control plane pays to
// publish the configuration.
#include <benchmark/benchmark.h>

#include "ingress_corpus.h"
#include "ingresskit/generate.h"
#include "ingresskit/route_table.h"

namespace ingresskit::bench {
namespace {

void BM_Generate(benchmark::State& state, OutputFormat format) {
  CorpusShape shape;
  shape.ingresses = static_cast<size_t>(state.range(0));
  std::string text = IngressYaml(shape);
  CompileOptions options;
  options.limits.max_document_bytes = text.size();
  CompileResult compiled = Compile(text, options);
  if (!compiled.ok() ||
      compiled.table.config().gateways.size() != shape.ingresses) {
    state.SkipWithError(
        "the corpus did not compile to one Gateway per Ingress");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    std::string out = Generate(compiled.table.config(), format);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["output_bytes"] = static_cast<double>(bytes);
  state.counters["ingresses"] = static_cast<double>(shape.ingresses);
}

BENCHMARK_CAPTURE(BM_Generate, istio_yaml, OutputFormat::kIstioYaml)
    ->Name("generate/istio")
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Generate, istio_json, OutputFormat::kIstioJson)
    ->Name("generate/istio-json")
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Generate, envoy, OutputFormat::kEnvoyJson)
    ->Name("generate/envoy")
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Generate, status, OutputFormat::kStatusJson)
    ->Name("generate/status")
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ingresskit::bench
