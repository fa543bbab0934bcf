// match/<matcher>/<table>/<mix>: one iteration is one match, so the time
// per iteration is nanoseconds per match. `table` is the indexed
// RouteTable; `linear` the first-match scan over the host's routes that
// Envoy performs. Both answer the same requests, checked before timing.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "ingresskit/model.h"
#include "table_corpus.h"

namespace ingresskit::bench {
namespace {

constexpr size_t kRequests = size_t{1} << 20;
constexpr size_t kChecked = 20000;

struct Fixture {
  RouteTable table;
  RequestSet requests;
};

// Tables are built once per process and shared by every benchmark on them.
const Fixture& Get(const std::string& name, const TableShape& shape) {
  static auto* fixtures = new std::map<std::string, std::unique_ptr<Fixture>>;
  auto& slot = (*fixtures)[name];
  if (!slot) {
    slot = std::make_unique<Fixture>();
    CompileResult compiled = Compile(MakeTable(shape));
    if (!compiled.ok()) std::abort();
    slot->table = compiled.table;
    slot->requests = UniformRequests(slot->table, kRequests, shape.seed + 1);
  }
  return *slot;
}

// A wrong answer aborts: a fast wrong matcher is worth nothing.
bool Agree(const Fixture& f) {
  for (size_t i = 0; i < kChecked && i < f.requests.size(); ++i) {
    auto [host, path] = f.requests[i];
    MatchResult a = f.table.Match(host, path);
    MatchResult b = f.table.MatchLinear(host, path);
    if (a.route != b.route || !a.matched()) return false;
  }
  return true;
}

void RunMatch(benchmark::State& state, bool linear, const std::string& name,
              const TableShape& shape) {
  const Fixture& f = Get(name, shape);
  if (!Agree(f)) {
    state.SkipWithError("matchers disagree, or a request did not match");
    return;
  }
  size_t i = 0;
  const size_t mask = f.requests.size() - 1;
  for (auto _ : state) {
    const auto& [host, path] = f.requests[i++ & mask];
    MatchResult m =
        linear ? f.table.MatchLinear(host, path) : f.table.Match(host, path);
    benchmark::DoNotOptimize(m.route);
  }
  state.counters["routes"] = static_cast<double>(f.table.route_count());
  state.counters["bytes_per_route"] =
      static_cast<double>(f.table.memory_bytes()) /
      static_cast<double>(f.table.route_count());
}

// compile/<table>: the table's Ingresses as JSON text to a RouteTable.
void RunCompile(benchmark::State& state, const TableShape& shape) {
  const std::string text = ToJson(MakeTable(shape), 0);
  CompileOptions options;
  options.limits.max_document_bytes = text.size();
  size_t routes = 0;
  for (auto _ : state) {
    CompileResult compiled = Compile(text, options);
    if (!compiled.ok()) {
      state.SkipWithError("the corpus did not compile");
      return;
    }
    routes = compiled.table.route_count();
  }
  state.counters["routes"] = static_cast<double>(routes);
  state.counters["text_bytes"] = static_cast<double>(text.size());
}

// T1: 100 hosts x 10 paths; T3: 10,000 x 10 (100k routes); T6: one host
// with 10,000 paths.
const bool kRegistered = [] {
  const std::pair<std::string, TableShape> tables[] = {
      {"T1", TableShape{100, 10, 1}},
      {"T3", TableShape{10000, 10, 3}},
      {"T6", TableShape{1, 10000, 6}},
  };
  for (const auto& [name, shape] : tables) {
    benchmark::RegisterBenchmark(
        ("compile/" + name).c_str(),
        [shape = shape](benchmark::State& state) { RunCompile(state, shape); })
        ->Unit(benchmark::kMillisecond);
    for (bool linear : {false, true}) {
      std::string id = std::string("match/") + (linear ? "linear" : "table") +
                       "/" + name + "/uniform";
      benchmark::RegisterBenchmark(
          id.c_str(),
          [linear, name = name, shape = shape](benchmark::State& state) {
            RunMatch(state, linear, name, shape);
          });
    }
  }
  return true;
}();

}  // namespace
}  // namespace ingresskit::bench
