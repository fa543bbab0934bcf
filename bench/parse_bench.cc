// parse/<syntax>/<ingresses>: text to a validated ResourceSet, the cost a
// control plane pays on every configuration push.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "ingress_corpus.h"
#include "ingresskit/parse.h"

namespace ingresskit::bench {
namespace {

void RunParse(benchmark::State& state, const std::string& text,
              size_t expected_ingresses) {
  ParseOptions options;
  options.limits.max_document_bytes = text.size();
  // Refuse to time a parse that does not do the whole job.
  ParseResult check = Parse(text, options);
  if (!check.ok() || check.resources.ingresses.size() != expected_ingresses ||
      CountErrors(check.diagnostics) != 0) {
    state.SkipWithError("the generated corpus did not parse cleanly");
    return;
  }
  for (auto _ : state) {
    ParseResult result = Parse(text, options);
    benchmark::DoNotOptimize(result.resources.ingresses.data());
  }
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["ingresses"] = static_cast<double>(expected_ingresses);
  state.counters["bytes"] = static_cast<double>(text.size());
  // Inverted rate of (ingresses * 1e-9) per second: nanoseconds per Ingress.
  state.counters["ns_per_ingress"] =
      benchmark::Counter(static_cast<double>(expected_ingresses) * 1e-9,
                         benchmark::Counter::kIsIterationInvariantRate |
                             benchmark::Counter::kInvert);
}

void BM_ParseYaml(benchmark::State& state) {
  CorpusShape shape;
  shape.ingresses = static_cast<size_t>(state.range(0));
  RunParse(state, IngressYaml(shape), shape.ingresses);
}

void BM_ParseJson(benchmark::State& state) {
  CorpusShape shape;
  shape.ingresses = static_cast<size_t>(state.range(0));
  RunParse(state, IngressJson(shape), shape.ingresses);
}

BENCHMARK(BM_ParseYaml)
    ->Name("parse/yaml")
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseJson)
    ->Name("parse/json")
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ingresskit::bench
