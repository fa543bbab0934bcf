// Hot reload under load: eight readers match through a Router while one
// writer swaps tables as fast as it can, with invalid updates mixed in.
// Every answer must come from one whole version, versions never go back,
// failed updates change nothing, and retired tables are freed.
//
// CI runs it for a few seconds, under ThreadSanitizer and under
// AddressSanitizer. INGRESSKIT_STRESS_SECONDS=60 makes it the soak run.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "ingresskit/route_table.h"
#include "table/compiled_table.h"
#include "versioned_table.h"

namespace ingresskit {
namespace {

// Resident memory in bytes (Linux), for the soak run's report.
size_t ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long pages = 0;
  unsigned long resident = 0;
  const int read = std::fscanf(f, "%lu %lu", &pages, &resident);
  std::fclose(f);
  return read == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

using ::ingresskit::testing::VersionedTableText;

double StressSeconds() {
  const char* env = std::getenv("INGRESSKIT_STRESS_SECONDS");
  return env != nullptr ? std::atof(env) : 3.0;
}

TEST(RouterStressTest, ReadersSeeWholeVersionsWhileTablesSwapThousandsOfTimes) {
  constexpr int kReaders = 8;
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  Router router(options);
  ASSERT_TRUE(router.Update(VersionedTableText(1)).ok());
  const int64_t tables_before = table_internal::CompiledTable::live_count();

  std::atomic<bool> done{false};
  std::atomic<uint64_t> answers{0};
  std::vector<std::string> failures(kReaders);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      uint64_t last_version = 0;
      uint64_t count = 0;
      auto fail = [&](std::string what) { failures[r] = std::move(what); };
      // Half the threads read through their own Router::Reader.
      std::optional<Router::Reader> reader;
      if (r % 2 == 1) reader.emplace(router);
      while (!done.load(std::memory_order_relaxed)) {
        // Through Router::Match (or the thread's Reader), as a proxy asks...
        RouterMatch m;
        if (reader) {
          m.result = reader->Match("a.com", "/x");
          m.table = reader->snapshot().table;
          m.version = reader->snapshot().version;
        } else {
          m = router.Match("a.com", "/x");
        }
        const std::string version = std::to_string(m.version);
        if (!m.result.matched() ||
            m.result.destination()->service != "svc" + version) {
          return fail("version " + version + " answered " +
                      (m.result.matched() ? m.result.destination()->service
                                          : "nothing"));
        }
        if (m.version < last_version) {
          return fail("version " + version + " after " +
                      std::to_string(last_version));
        }
        // ...and twice on one snapshot: both answers from its version.
        MatchResult only = m.table.Match("a.com", "/only" + version);
        if (!only.matched() ||
            only.destination()->service != "only" + version) {
          return fail("snapshot of version " + version +
                      " does not hold /only" + version);
        }
        last_version = m.version;
        ++count;
      }
      answers += count;
    });
  }

  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(StressSeconds());
  uint64_t updates = 0;
  uint64_t invalid = 0;
  int64_t most_tables = 0;
  // Resident memory once the process has warmed up, and at the end: the
  // soak run's evidence that nothing accumulates. (The rate is reported,
  // not asserted: speed is for benchmarks, and sanitizers slow compiling
  // tenfold.)
  size_t resident_warm = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (resident_warm == 0 &&
        std::chrono::steady_clock::now() - start > std::chrono::seconds(1)) {
      resident_warm = ResidentBytes();
    }
    const uint64_t version = router.version();
    if (updates % 10 == 9) {
      // Invalid updates, interleaved: the version and answers stay.
      ASSERT_FALSE(router.Update("{\"kind\": ").ok());
      ASSERT_FALSE(
          router.Update(VersionedTableText(version) + "  - bad: [").ok());
      ASSERT_EQ(router.version(), version);
      invalid += 2;
    }
    ASSERT_TRUE(router.Update(VersionedTableText(version + 1)).ok());
    ASSERT_EQ(router.version(), version + 1);
    ++updates;
    // Alive: the current table, plus what readers hold this instant.
    most_tables =
        std::max(most_tables, table_internal::CompiledTable::live_count());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  done = true;
  for (std::thread& t : readers) t.join();

  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  const double rate = static_cast<double>(updates) / seconds;
  RecordProperty("updates_per_second", static_cast<int>(rate));
  RecordProperty("answers", static_cast<int>(answers.load()));
  std::printf(
      "%.1f s: %.0f updates/s (%llu valid, %llu invalid), %llu "
      "answers, at most %lld tables alive, resident %.1f MiB after "
      "1 s and %.1f MiB at the end\n",
      seconds, rate, static_cast<unsigned long long>(updates),
      static_cast<unsigned long long>(invalid),
      static_cast<unsigned long long>(answers.load()),
      static_cast<long long>(most_tables),
      static_cast<double>(resident_warm) / (1 << 20),
      static_cast<double>(ResidentBytes()) / (1 << 20));
  EXPECT_GT(answers.load(), 1000u * kReaders);
  // Retired tables are freed: only the current one, and those readers
  // were holding at that instant, are ever alive.
  EXPECT_LE(most_tables, tables_before + kReaders + 1);
  EXPECT_EQ(table_internal::CompiledTable::live_count(), tables_before);
}

}  // namespace
}  // namespace ingresskit
