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

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `%XY` naming an unreserved character (RFC 3986), which BASE decodes.
bool HasUnreservedEscape(std::string_view p) {
  for (size_t i = 0; i + 2 < p.size(); ++i) {
    if (p[i] != '%' || Hex(p[i + 1]) < 0 || Hex(p[i + 2]) < 0) continue;
    const int c = Hex(p[i + 1]) * 16 + Hex(p[i + 2]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      return true;
    }
  }
  return false;
}

// A `%` that starts no escape.
bool HasStrayPercent(std::string_view p) {
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '%' &&
        (i + 2 >= p.size() || Hex(p[i + 1]) < 0 || Hex(p[i + 2]) < 0)) {
      return true;
    }
  }
  return false;
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
  // (A path near the length limit can grow past it once escaped.) The one
  // exception: Chromium's memory of a stray `%` that `..` backed over can
  // leave an escape of an unreserved character, which a second pass
  // decodes (request_test pins it); that needs a stray `%` and a `..`.
  if (mode != PathNormalization::kNone &&
      once.size() <= table.options().limits.max_request_path_bytes) {
    std::string twice(MaxNormalizedPathBytes(once.size()), '\0');
    const NormalizedPath second = table.NormalizePath(once, twice);
    const bool same = second.ok() && twice.substr(0, second.length) == once;
    if (!same && !(HasUnreservedEscape(once) && HasStrayPercent(path) &&
                   path.find("..") != std::string_view::npos)) {
      std::abort();
    }
  }
  return 0;
}
