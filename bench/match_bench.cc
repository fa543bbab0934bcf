// match/<matcher>/<table>/<mix>: one iteration is one match, so time per
// iteration is nanoseconds per match. Matchers, over the same requests:
//   table   ingresskit's RouteTable (C++ API, RouteTable::Target)
//   capi    the same through the C ABI's lean call, ingresskit_table_target
//           (what the NGINX module calls per request)
//   capi-match  the C ABI's full answer, ingresskit_table_match
//   linear  the host's routes tried in order, as Envoy's route list works
//   regex   every route one RE2 regex, tried in order (Istio 1.11-1.13)
//   r3      libr3's radix tree per host, on the `-exact` tables (every
//           path Exact, where its semantics and Istio's coincide)
//   floor   one hash probe per request, in a map with one entry per route,
//           of the serving route's key (worked out before timing): the
//           least any design can do on a table of this size
//   floor-request  one hash lookup of the exact host+path request string
// Every matcher consumes the answer a proxy needs, the cluster's bytes
// and the port (Consume()), so none stops at a pointer it never follows.
// Before timing, each matcher's answers are checked against the linear
// reference on the request stream; a wrong answer aborts the run.
//
// router/match/<table>/threads:N: Router::Match from N threads at once,
// each its own share of the requests; items/s is the throughput.
// router/reader/<table>/threads:N: the same through a Router::Reader per
// thread.
//
// compile/<table>: JSON text to a RouteTable. update/<table>: a Router
// update (compile aside, swap).
//
// INGRESSKIT_BENCH_SMOKE=1 shrinks every table and request stream and
// checks every request: the suite's smoke run in ctest.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "baseline_matchers.h"
#include "ingresskit/c.h"
#include "ingresskit/model.h"
#include "ingresskit/parse.h"
#include "table_corpus.h"

namespace ingresskit::bench {
namespace {

bool Smoke() { return std::getenv("INGRESSKIT_BENCH_SMOKE") != nullptr; }

size_t RequestCount() { return Smoke() ? 4096 : size_t{1} << 20; }
size_t CheckedCount() { return Smoke() ? 4096 : 20000; }

struct TableSpec {
  std::string name;
  TableShape shape;
  TableShape smoke;
};

const std::vector<TableSpec>& Tables() {
  static const auto* tables = new std::vector<TableSpec>{
      {"T1", {100, 10, 1}, {10, 3, 1}},
      {"T2", {1000, 10, 2}, {20, 3, 2}},
      {"T3", {10000, 10, 3}, {30, 4, 3}},
      {"T4", {100000, 2, 4}, {40, 2, 4}},
      {"T5", {100000, 10, 5}, {50, 3, 5}},
      {"T6", {1, 10000, 6}, {1, 60, 6}},
      {"T1-exact", {100, 10, 1, true}, {10, 3, 1, true}},
      {"T3-exact", {10000, 10, 3, true}, {30, 4, 3, true}},
      {"T6-exact", {1, 10000, 6, true}, {1, 60, 6, true}},
  };
  return *tables;
}

// Everything built for one table, shared by all benchmarks on it and built
// on first use (so a filtered run builds only what it needs).
struct Fixture {
  ResourceSet resources;
  RouteTable table;
  std::string json;
  ingresskit_table_t* capi = nullptr;
  std::unique_ptr<RegexMatcher> regex;
  std::unique_ptr<R3Matcher> r3;
  std::map<Mix, RequestSet> requests;
  std::map<Mix, std::unique_ptr<RouteFloor>> floors;
  std::map<Mix, std::unique_ptr<RequestFloor>> request_floors;
  // The reference answers (linear scan) for the first requests of a mix.
  std::map<Mix, std::vector<std::string>> expected;
};

Fixture& Get(const TableSpec& spec) {
  static auto* fixtures = new std::map<std::string, std::unique_ptr<Fixture>>;
  auto& slot = (*fixtures)[spec.name];
  if (!slot) {
    slot = std::make_unique<Fixture>();
    slot->resources = MakeTable(Smoke() ? spec.smoke : spec.shape);
    CompileOptions options;
    options.limits.max_routes = 2000000;
    CompileResult compiled = Compile(slot->resources, options);
    if (!compiled.ok()) {
      std::fprintf(stderr, "%s did not compile\n", spec.name.c_str());
      std::abort();
    }
    slot->table = compiled.table;
  }
  return *slot;
}

const RequestSet& Requests(Fixture& f, const TableSpec& spec, Mix mix) {
  auto it = f.requests.find(mix);
  if (it == f.requests.end()) {
    it = f.requests
             .emplace(mix, MakeRequests(f.table, mix, RequestCount(),
                                        spec.shape.seed * 31 +
                                            static_cast<uint64_t>(mix)))
             .first;
  }
  return it->second;
}

ingresskit_table_t* Capi(Fixture& f) {
  if (f.capi == nullptr) {
    f.json = ToJson(f.resources, 0);
    ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
    options.max_document_bytes = f.json.size();
    options.max_routes = 2000000;
    if (ingresskit_table_compile(f.json.data(), f.json.size(), &options,
                                 &f.capi, nullptr) != INGRESSKIT_OK) {
      std::abort();
    }
  }
  return f.capi;
}

const RegexMatcher& Regex(Fixture& f) {
  if (!f.regex) f.regex = std::make_unique<RegexMatcher>(f.table.config());
  return *f.regex;
}

const R3Matcher& R3(Fixture& f) {
  if (!f.r3) f.r3 = std::make_unique<R3Matcher>(f.table.config());
  return *f.r3;
}

const RouteFloor& Floor(Fixture& f, Mix mix, const RequestSet& requests) {
  auto& slot = f.floors[mix];
  if (!slot) slot = std::make_unique<RouteFloor>(f.table, requests);
  return *slot;
}

const RequestFloor& FloorRequest(Fixture& f, Mix mix,
                                 const RequestSet& requests) {
  auto& slot = f.request_floors[mix];
  if (!slot) slot = std::make_unique<RequestFloor>(f.table, requests);
  return *slot;
}

// What every timed loop does with an answer: fold the cluster's first and
// last byte and the port into one number, as reading the cluster name to
// pick a connection pool would.
inline uint64_t Consume(std::string_view cluster, uint32_t port) {
  if (cluster.empty()) return 0;
  return static_cast<unsigned char>(cluster.front()) +
         static_cast<unsigned char>(cluster.back()) + port;
}
inline uint64_t Consume(const HttpRoute* route) {
  return route == nullptr
             ? 0
             : Consume(route->destination.cluster, route->destination.port);
}

enum class Matcher {
  kTable,
  kCapi,
  kCapiMatch,
  kLinear,
  kRegex,
  kR3,
  kFloor,
  kFloorRequest
};

std::string_view MatcherName(Matcher m) {
  switch (m) {
    case Matcher::kTable:
      return "table";
    case Matcher::kCapi:
      return "capi";
    case Matcher::kCapiMatch:
      return "capi-match";
    case Matcher::kLinear:
      return "linear";
    case Matcher::kRegex:
      return "regex";
    case Matcher::kR3:
      return "r3";
    case Matcher::kFloor:
      return "floor";
    case Matcher::kFloorRequest:
      return "floor-request";
  }
  return "";
}

// The cluster a matcher sends request `i` to ("" for none).
std::string_view ClusterOf(Fixture& f, Matcher matcher, Mix mix,
                           const RequestSet& requests, size_t i) {
  auto [host, path] = requests[i];
  const HttpRoute* route = nullptr;
  switch (matcher) {
    case Matcher::kTable:
      return f.table.Target(host, path).cluster;
    case Matcher::kLinear:
      route = f.table.MatchLinear(host, path).route;
      break;
    case Matcher::kRegex:
      route = Regex(f).Match(host, path);
      break;
    case Matcher::kR3:
      route = R3(f).Match(host, path);
      break;
    case Matcher::kFloor:
      return Floor(f, mix, requests).Match(i).cluster;
    case Matcher::kFloorRequest:
      route = FloorRequest(f, mix, requests).Match(i);
      break;
    case Matcher::kCapi: {
      ingresskit_target_t t = INGRESSKIT_TARGET_INIT;
      ingresskit_table_target(Capi(f), nullptr, 0, host.data(), host.size(),
                              path.data(), path.size(), &t, nullptr);
      return std::string_view(t.cluster ? t.cluster : "", t.cluster_len);
    }
    case Matcher::kCapiMatch: {
      ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
      ingresskit_table_match(Capi(f), host.data(), host.size(), path.data(),
                             path.size(), &m, nullptr);
      return std::string_view(m.cluster ? m.cluster : "", m.cluster_len);
    }
  }
  return route ? std::string_view(route->destination.cluster)
               : std::string_view();
}

// How many requests to check: all cheap matchers see many; the slow
// baselines (a scan or a regex per route) see enough to catch a mistake
// without the check outlasting the measurement.
size_t CheckCount(Matcher matcher, const RequestSet& requests) {
  size_t n = CheckedCount();
  if (!Smoke() && matcher == Matcher::kLinear) n = 1000;
  if (!Smoke() && matcher == Matcher::kRegex) n = 200;
  return std::min(n, requests.size());
}

void Check(Fixture& f, const std::string& id, Matcher matcher, Mix mix,
           const RequestSet& requests) {
  std::vector<std::string>& expected = f.expected[mix];
  const size_t n = CheckCount(matcher, requests);
  if (expected.size() < n) {
    const size_t want = std::min(CheckedCount(), requests.size());
    for (size_t i = expected.size(); i < want; ++i) {
      expected.emplace_back(ClusterOf(f, Matcher::kLinear, mix, requests, i));
    }
  }
  size_t matched = 0;
  for (size_t i = 0; i < n; ++i) {
    std::string_view got = ClusterOf(f, matcher, mix, requests, i);
    matched += !expected[i].empty();
    if (got != expected[i]) {
      auto [host, path] = requests[i];
      std::fprintf(stderr, "%s: wrong answer for %.*s %.*s: %.*s, not %s\n",
                   id.c_str(), static_cast<int>(host.size()), host.data(),
                   static_cast<int>(path.size()), path.data(),
                   static_cast<int>(got.size()), got.data(),
                   expected[i].c_str());
      std::abort();
    }
  }
  // A stream that matches too little would measure the wrong thing.
  if (matched < n / 2) {
    std::fprintf(stderr, "%s: only %zu of %zu requests matched\n", id.c_str(),
                 matched, n);
    std::abort();
  }
}

void RunMatch(benchmark::State& state, const TableSpec& spec, Matcher matcher,
              Mix mix, const std::string& id) {
  Fixture& f = Get(spec);
  const RequestSet& requests = Requests(f, spec, mix);
  Check(f, id, matcher, mix, requests);
  const size_t mask = requests.size() - 1;  // A power of two.
  size_t i = 0;
  switch (matcher) {
    case Matcher::kTable:
      for (auto _ : state) {
        const auto& [host, path] = requests[i++ & mask];
        // What a proxy reads: the target from the route's compact record.
        const RouteTarget target = f.table.Target(host, path);
        benchmark::DoNotOptimize(Consume(target.cluster, target.port));
      }
      break;
    case Matcher::kLinear:
      for (auto _ : state) {
        const auto& [host, path] = requests[i++ & mask];
        benchmark::DoNotOptimize(
            Consume(f.table.MatchLinear(host, path).route));
      }
      break;
    case Matcher::kCapi: {
      ingresskit_table_t* capi = Capi(f);
      ingresskit_target_t t = INGRESSKIT_TARGET_INIT;
      for (auto _ : state) {
        const auto& [host, path] = requests[i++ & mask];
        ingresskit_table_target(capi, nullptr, 0, host.data(), host.size(),
                                path.data(), path.size(), &t, nullptr);
        benchmark::DoNotOptimize(
            Consume(std::string_view(t.cluster, t.cluster_len), t.port));
      }
      break;
    }
    case Matcher::kCapiMatch: {
      ingresskit_table_t* capi = Capi(f);
      ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
      for (auto _ : state) {
        const auto& [host, path] = requests[i++ & mask];
        ingresskit_table_match(capi, host.data(), host.size(), path.data(),
                               path.size(), &m, nullptr);
        benchmark::DoNotOptimize(
            Consume(std::string_view(m.cluster, m.cluster_len), m.port));
      }
      break;
    }
    case Matcher::kRegex: {
      const RegexMatcher& regex = Regex(f);
      for (auto _ : state) {
        const auto& [host, path] = requests[i++ & mask];
        benchmark::DoNotOptimize(Consume(regex.Match(host, path)));
      }
      break;
    }
    case Matcher::kR3: {
      const R3Matcher& r3 = R3(f);
      for (auto _ : state) {
        const auto& [host, path] = requests[i++ & mask];
        benchmark::DoNotOptimize(Consume(r3.Match(host, path)));
      }
      break;
    }
    case Matcher::kFloor: {
      const RouteFloor& floor = Floor(f, mix, requests);
      for (auto _ : state) {
        const Answer answer = floor.Match(i++ & mask);
        benchmark::DoNotOptimize(Consume(answer.cluster, answer.port));
      }
      break;
    }
    case Matcher::kFloorRequest: {
      const RequestFloor& floor = FloorRequest(f, mix, requests);
      for (auto _ : state) {
        benchmark::DoNotOptimize(Consume(floor.Match(i++ & mask)));
      }
      break;
    }
  }
  state.counters["routes"] = static_cast<double>(f.table.route_count());
  state.counters["bytes_per_route"] =
      static_cast<double>(f.table.memory_bytes()) /
      static_cast<double>(f.table.route_count());
}

// Mixes whose requests only route once normalised, which the baselines
// without a normaliser (regex, r3, floor) cannot be checked on.
bool Normalises(Mix mix) { return mix == Mix::kMessy || mix == Mix::kEscaped; }

// What each matcher can reasonably be run on.
bool Runs(Matcher matcher, const TableSpec& spec, Mix mix) {
  const bool huge = spec.name == "T5";  // A million routes.
  const bool exact = spec.shape.exact_only;
  // The exact variants are there for r3: the others it shares the tables
  // with, for scale, are the reference and the two ends.
  if (exact && (matcher == Matcher::kCapi || matcher == Matcher::kCapiMatch ||
                matcher == Matcher::kRegex || mix == Mix::kDeep)) {
    return false;
  }
  switch (matcher) {
    case Matcher::kTable:
      return true;
    case Matcher::kCapi:
    case Matcher::kCapiMatch:
      return !huge || Smoke();
    case Matcher::kLinear:
      return !huge || Smoke();
    case Matcher::kRegex:  // A compiled RE2 per route: too big beyond T3.
      return !Normalises(mix) &&
             (Smoke() || (spec.name != "T4" && spec.name != "T5"));
    case Matcher::kR3:
      return exact && !Normalises(mix);
    case Matcher::kFloor:
    case Matcher::kFloorRequest:
      return !Normalises(mix);
  }
  return false;
}

void RunCompile(benchmark::State& state, const TableSpec& spec) {
  const std::string text =
      ToJson(MakeTable(Smoke() ? spec.smoke : spec.shape), 0);
  CompileOptions options;
  options.limits.max_document_bytes = text.size();
  size_t routes = 0;
  for (auto _ : state) {
    CompileResult compiled = Compile(text, options);
    if (!compiled.ok()) std::abort();
    routes = compiled.table.route_count();
  }
  state.counters["routes"] = static_cast<double>(routes);
  state.counters["text_bytes"] = static_cast<double>(text.size());
}

// compile/<table>/<phase>: where compile/<table>'s time goes. `parse`:
// text to resources; `convert`: resources to the IR; `index`: IR to the
// table. Each iteration also frees what it made, as a real update does.
enum class Phase { kParse, kConvert, kIndex };

void RunCompilePhase(benchmark::State& state, const TableSpec& spec,
                     Phase phase) {
  const ResourceSet resources = MakeTable(Smoke() ? spec.smoke : spec.shape);
  const std::string text = ToJson(resources, 0);
  CompileOptions options;
  options.limits.max_document_bytes = text.size();
  ParseOptions parse_options;
  parse_options.limits = options.limits;
  const GatewayConfig config = Convert(resources, options).config;
  for (auto _ : state) {
    switch (phase) {
      case Phase::kParse:
        benchmark::DoNotOptimize(Parse(text, parse_options).ok());
        break;
      case Phase::kConvert:
        benchmark::DoNotOptimize(Convert(resources, options).ok());
        break;
      case Phase::kIndex: {
        state.PauseTiming();
        GatewayConfig copy = config;
        state.ResumeTiming();
        benchmark::DoNotOptimize(Compile(std::move(copy), options).ok());
        break;
      }
    }
  }
}

void RunUpdate(benchmark::State& state, const TableSpec& spec) {
  Fixture& f = Get(spec);
  Router router;
  for (auto _ : state) {
    if (!router.Update(f.resources).ok()) std::abort();
  }
  state.counters["version"] = static_cast<double>(router.version());
}

// Router::Match from state.threads() threads on one Router: what a proxy
// with a worker per core does. Each thread walks its own part of the
// requests.
struct RouterFixture {
  Router router;
  const RequestSet* requests = nullptr;
};

// Built by whichever thread comes first; the others wait for it.
RouterFixture& GetRouter(const TableSpec& spec) {
  static std::mutex mutex;
  static auto* routers =
      new std::map<std::string, std::unique_ptr<RouterFixture>>;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = (*routers)[spec.name];
  if (!slot) {
    Fixture& f = Get(spec);
    slot = std::make_unique<RouterFixture>();
    slot->requests = &Requests(f, spec, Mix::kUniform);
    if (!slot->router.Update(f.resources).ok()) std::abort();
  }
  return *slot;
}

void RunRouterMatch(benchmark::State& state, const TableSpec& spec) {
  RouterFixture& fixture = GetRouter(spec);
  const RequestSet& requests = *fixture.requests;
  const size_t mask = requests.size() - 1;
  size_t i = static_cast<size_t>(state.thread_index()) * (mask + 1) /
             static_cast<size_t>(state.threads());
  for (auto _ : state) {
    const auto& [host, path] = requests[i++ & mask];
    benchmark::DoNotOptimize(
        Consume(fixture.router.Match(host, path).result.route));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The same through a Router::Reader per thread: a proxy's worker threads,
// each matching without writing memory the others read.
void RunRouterReader(benchmark::State& state, const TableSpec& spec) {
  RouterFixture& fixture = GetRouter(spec);
  const RequestSet& requests = *fixture.requests;
  Router::Reader reader(fixture.router);
  const size_t mask = requests.size() - 1;
  size_t i = static_cast<size_t>(state.thread_index()) * (mask + 1) /
             static_cast<size_t>(state.threads());
  for (auto _ : state) {
    const auto& [host, path] = requests[i++ & mask];
    const MatchResult m = reader.Match(host, path);
    const RouteAnswer answer = reader.snapshot().table.Answer(m);
    benchmark::DoNotOptimize(Consume(answer.cluster, answer.port));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// Compiles take up to a second: a run of a few of them, not the one that
// pays for the process's first touch of its memory, is what a control
// plane recompiling all day sees.
benchmark::internal::Benchmark* Slow(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMillisecond);
  if (!Smoke()) b->MinTime(1.0);
  return b;
}

const bool kRegistered = [] {
  for (const TableSpec& spec : Tables()) {
    if (spec.name == "T1" || spec.name == "T3" || spec.name == "T6") {
      Slow(benchmark::RegisterBenchmark(
          ("compile/" + spec.name).c_str(),
          [&spec](benchmark::State& s) { RunCompile(s, spec); }));
      for (auto [phase, name] : {std::pair{Phase::kParse, "parse"},
                                 std::pair{Phase::kConvert, "convert"},
                                 std::pair{Phase::kIndex, "index"}}) {
        Slow(benchmark::RegisterBenchmark(
            ("compile/" + spec.name + "/" + name).c_str(),
            [&spec, phase](benchmark::State& s) {
              RunCompilePhase(s, spec, phase);
            }));
      }
      Slow(benchmark::RegisterBenchmark(
          ("update/" + spec.name).c_str(),
          [&spec](benchmark::State& s) { RunUpdate(s, spec); }));
      benchmark::RegisterBenchmark(
          ("router/match/" + spec.name).c_str(),
          [&spec](benchmark::State& s) { RunRouterMatch(s, spec); })
          ->Threads(1)
          ->Threads(2)
          ->UseRealTime();
      benchmark::RegisterBenchmark(
          ("router/reader/" + spec.name).c_str(),
          [&spec](benchmark::State& s) { RunRouterReader(s, spec); })
          ->Threads(1)
          ->Threads(2)
          ->UseRealTime();
    }
    for (Mix mix : kMixes) {
      for (Matcher matcher :
           {Matcher::kTable, Matcher::kCapi, Matcher::kCapiMatch,
            Matcher::kLinear, Matcher::kRegex, Matcher::kR3, Matcher::kFloor,
            Matcher::kFloorRequest}) {
        if (!Runs(matcher, spec, mix)) continue;
        std::string id = "match/" + std::string(MatcherName(matcher)) + "/" +
                         spec.name + "/" + std::string(MixName(mix));
        benchmark::RegisterBenchmark(
            id.c_str(), [&spec, matcher, mix, id](benchmark::State& s) {
              RunMatch(s, spec, matcher, mix, id);
            });
      }
    }
  }
  return true;
}();

}  // namespace
}  // namespace ingresskit::bench
