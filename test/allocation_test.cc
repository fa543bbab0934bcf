// Matching allocates nothing: a counting global operator new watches every
// heap allocation this binary makes while it matches.
#include <atomic>
#include <cstdlib>
#include <new>

#include "gtest/gtest.h"
#include "ingresskit/route_table.h"

namespace {
std::atomic<bool> counting{false};
std::atomic<size_t> allocations{0};
}  // namespace

void* operator new(size_t size) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace ingresskit {
namespace {

TEST(AllocationTest, MatchingAllocatesNothing) {
  CompileOptions options;
  options.controller_mode = ControllerMode::kDefault;
  options.path_normalization = PathNormalization::kMergeSlashes;
  CompileResult compiled = Compile(R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a}
spec:
  rules:
  - host: "*.example.com"
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
      - {path: /api/v1/users, pathType: Exact, backend: {service: {name: b, port: {number: 80}}}}
  - http:
      paths:
      - {path: /static/*, pathType: ImplementationSpecific, backend: {service: {name: c, port: {number: 80}}}}
)",
                                   options);
  ASSERT_TRUE(compiled.ok());
  const RouteTable& table = compiled.table;
  const std::string long_path = "/api/" + std::string(10000, 'x');
  size_t matched = 0;
  counting = true;
  for (int i = 0; i < 1000; ++i) {
    matched += table.Match("Shop.Example.COM:443", "/api/v1/users").matched();
    matched += table.Match("x.example.com", "//api/./v1/../v2?q").matched();
    matched += table.Match("other.org", "/static/css/a.css").matched();
    matched += table.Match("nobody.org", "/nothing").matched();
    matched += table.MatchLinear("a.example.com", "/api/x").matched();
    // Escapes decoded and bytes escaped on the way.
    matched += table.Match("x.example.com", "/%61pi/caf\xc3\xa9/%zz").matched();
    char buffer[64];
    matched += table.NormalizePath("/%61pi/./x", buffer).ok();
    // Reading the answer, as a proxy does, allocates nothing either.
    matched += table.Answer(table.Match("a.example.com", "/api/x")).port > 0;
    matched += table.Target("A.example.com", "/api/./x?y").port > 0;
  }
  counting = false;
  EXPECT_EQ(matched, 8000u);
  EXPECT_EQ(allocations.load(), 0u);

  // Paths beyond the stack buffer use one per-thread buffer, grown once.
  table.Match("a.example.com", long_path);
  allocations = 0;
  counting = true;
  for (int i = 0; i < 100; ++i) table.Match("a.example.com", long_path);
  counting = false;
  EXPECT_EQ(allocations.load(), 0u);
}

}  // namespace
}  // namespace ingresskit
