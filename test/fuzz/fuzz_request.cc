// Request normalisation fuzzer: any bytes as a host and a path (split at
// the first NUL-free `\n`; the first byte picks the normalisation mode),
// against a table with exact, prefix, glob and wildcard routes. Matching
// must give a status, never a crash, and the indexed table and the
// first-match scan must agree; the normalised path must be what routing
// used, and normalising it again must change nothing.
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

  // The normalised path is what Match() routed on, and normalising it
  // again changes nothing: a proxy that forwards it to another Envoy gets
  // the same decision there.
  std::string once(MaxNormalizedPathBytes(path.size()), '\0');
  const NormalizedPath first = table.NormalizePath(path, once);
  const bool refused = fast.status == MatchStatus::kInvalidPath ||
                       fast.status == MatchStatus::kPathTooLong;
  if (first.ok() == refused && fast.status != MatchStatus::kInvalidHost) {
    std::abort();
  }
  if (!first.ok() || first.length > once.size()) return 0;
  once.resize(first.length);
  // (A path near the length limit can grow past it once escaped.)
  if (mode != PathNormalization::kNone &&
      once.size() <= table.options().limits.max_request_path_bytes) {
    std::string twice(MaxNormalizedPathBytes(once.size()), '\0');
    const NormalizedPath second = table.NormalizePath(once, twice);
    if (!second.ok() || twice.substr(0, second.length) != once) std::abort();
  }
  return 0;
}
