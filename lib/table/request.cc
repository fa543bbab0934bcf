#include "table/request.h"

#include <cstring>

namespace ingresskit::table_internal {
namespace {

bool IsForbiddenByte(unsigned char c) { return c <= 0x20 || c == 0x7f; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// `%2e` or `%2E` at `s[i]`.
bool IsEncodedDot(std::string_view s, size_t i) {
  return i + 2 < s.size() && s[i] == '%' && s[i + 1] == '2' &&
         (s[i + 2] == 'e' || s[i + 2] == 'E');
}

// A segment that is `.` (dots == 1) or `..` (dots == 2), dots possibly
// percent-encoded as proxies decode them; 0 otherwise.
int DotSegment(std::string_view segment) {
  int dots = 0;
  size_t i = 0;
  while (i < segment.size()) {
    if (segment[i] == '.') {
      ++i;
    } else if (IsEncodedDot(segment, i)) {
      i += 3;
    } else {
      return 0;
    }
    if (++dots > 2) return 0;
  }
  return dots;
}

}  // namespace

MatchStatus NormalizeHost(std::string_view raw, size_t max_bytes,
                          Scratch<HostTag>& scratch, std::string_view& out) {
  if (raw.size() > max_bytes) return MatchStatus::kInvalidHost;
  bool has_upper = false;
  for (char c : raw) {
    unsigned char u = static_cast<unsigned char>(c);
    if (IsForbiddenByte(u)) return MatchStatus::kInvalidHost;
    has_upper |= (c >= 'A' && c <= 'Z');
  }
  std::string_view host = raw;
  if (!host.empty() && host.front() == '[') {
    // An IPv6 literal: only what follows `]` can be a port.
    size_t close = host.find(']');
    if (close != std::string_view::npos) {
      std::string_view rest = host.substr(close + 1);
      if (rest.empty() || (rest.front() == ':' && IsDigits(rest.substr(1)))) {
        host = host.substr(0, close + 1);
      }
    }
  } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos &&
                                             host.find(':') == colon &&
                                             IsDigits(host.substr(colon + 1))) {
    host = host.substr(0, colon);
  }
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (!has_upper) {
    out = host;
    return MatchStatus::kMatched;
  }
  char* buffer = scratch.Get(host.size());
  for (size_t i = 0; i < host.size(); ++i) {
    char c = host[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out = std::string_view(buffer, host.size());
  return MatchStatus::kMatched;
}

MatchStatus NormalizePath(std::string_view raw, PathNormalization mode,
                          size_t max_bytes, Scratch<PathTag>& scratch,
                          std::string_view& out) {
  std::string_view path = raw.substr(0, raw.find_first_of("?#"));
  if (path.size() > max_bytes) return MatchStatus::kPathTooLong;
  if (path.empty() || path.front() != '/') return MatchStatus::kInvalidPath;

  const bool decode = mode == PathNormalization::kDecodeAndMergeSlashes;
  const bool merge = mode == PathNormalization::kMergeSlashes || decode;
  bool needs_work = false;
  for (size_t i = 0; i < path.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(path[i]);
    if (IsForbiddenByte(c)) return MatchStatus::kInvalidPath;
    if (c == '%') {
      if (i + 2 >= path.size() || HexValue(path[i + 1]) < 0 ||
          HexValue(path[i + 2]) < 0) {
        return MatchStatus::kInvalidPath;
      }
      int value = HexValue(path[i + 1]) * 16 + HexValue(path[i + 2]);
      if (value == 0) return MatchStatus::kInvalidPath;
      needs_work |= value == '.' || (decode && (value == '/' || value == '\\'));
    } else if (c == '\\') {
      needs_work = true;
    } else if (c == '/' && i + 1 < path.size()) {
      needs_work |= path[i + 1] == '.' || path[i + 1] == '%' ||
                    (merge && path[i + 1] == '/');
    }
  }
  if (mode == PathNormalization::kNone || !needs_work) {
    out = path;
    return MatchStatus::kMatched;
  }

  // Decoding and backslashes first, into the scratch buffer...
  char* buffer = scratch.Get(path.size());
  size_t length = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (decode && c == '%') {
      int value = HexValue(path[i + 1]) * 16 + HexValue(path[i + 2]);
      if (value == '/' || value == '\\') {
        c = static_cast<char>(value);
        i += 2;
      }
    }
    buffer[length++] = c == '\\' ? '/' : c;
  }
  // ...then dot segments (and empty ones when merging) in place: the write
  // position never passes the read position.
  std::string_view work(buffer, length);
  size_t write = 0;
  size_t start = 1;  // The first segment begins after the leading `/`.
  while (true) {
    size_t end = work.find('/', start);
    bool last = end == std::string_view::npos;
    if (last) end = work.size();
    std::string_view segment = work.substr(start, end - start);
    int dots = DotSegment(segment);
    if (dots == 2 && write > 0) {
      while (write > 0 && buffer[--write] != '/') {
      }
    }
    if (dots > 0) {
      if (last) buffer[write++] = '/';
    } else if (!(merge && segment.empty() && !last)) {
      buffer[write++] = '/';
      std::memmove(buffer + write, segment.data(), segment.size());
      write += segment.size();
    }
    if (last) break;
    start = end + 1;
  }
  if (write == 0) buffer[write++] = '/';
  out = std::string_view(buffer, write);
  return MatchStatus::kMatched;
}

}  // namespace ingresskit::table_internal
