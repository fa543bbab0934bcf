// Request normalisation fuzzer: any bytes as a host and a path (split at
// the first NUL-free `\n`; the first byte picks the normalisation mode),
// against a table with exact, prefix, glob and wildcard routes. Matching
// must give a status, never a crash, and the indexed table and the
// first-match scan must agree.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingresskit/route_table.h"
#include "request_table.h"

namespace {

using namespace ingresskit;
using ingresskit::testing::kRequestTable;

const RouteTable& TableFor(PathNormalization mode) {
  static const RouteTable* tables[4] = {};
  const auto index = static_cast<size_t>(mode);
  if (tables[index] == nullptr) {
    CompileOptions options;
    options.path_normalization = mode;
    CompileResult compiled = Compile(kRequestTable, options);
    if (!compiled.ok()) std::abort();
    tables[index] = new RouteTable(compiled.table);
  }
  return *tables[index];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto mode = static_cast<PathNormalization>(data[0] % 4);
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t cut = rest.find('\n');
  const std::string_view host =
      cut == std::string_view::npos ? rest : rest.substr(0, cut);
  const std::string_view path =
      cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  const RouteTable& table = TableFor(mode);
  const MatchResult fast = table.Match(host, path);
  const MatchResult slow = table.MatchLinear(host, path);
  if (fast.status != slow.status || fast.route != slow.route) std::abort();
  if (fast.matched() != (fast.route != nullptr)) std::abort();
  return 0;
}
