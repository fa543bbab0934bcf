#include "table/request.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ingresskit::table_internal {
namespace {

// What a byte means to the scanners, so that ordinary bytes (nearly all of
// them) cost one table load and one branch.
enum ByteClass : uint8_t {
  kOrdinary = 0,
  kForbidden = 1,   // Whitespace, control bytes, NUL, DEL.
  kUpper = 2,       // A-Z (hosts are lower-cased).
  kColon = 3,       // Hosts: a port may follow.
  kPercent = 4,     // Paths: an escape.
  kBackslash = 5,   // Paths: a separator once normalised.
  kSlash = 6,       // Paths: a segment starts.
  kQueryStart = 7,  // Paths: `?` or `#` ends what is matched.
};

constexpr std::array<ByteClass, 256> MakeByteClasses() {
  std::array<ByteClass, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    if (c <= 0x20 || c == 0x7f) classes[c] = kForbidden;
    if (c >= 'A' && c <= 'Z') classes[c] = kUpper;
  }
  classes[':'] = kColon;
  classes['%'] = kPercent;
  classes['\\'] = kBackslash;
  classes['/'] = kSlash;
  classes['?'] = kQueryStart;
  classes['#'] = kQueryStart;
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClasses = MakeByteClasses();

ByteClass ClassOf(char c) {
  return kByteClasses[static_cast<unsigned char>(c)];
}

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

// Where the byte-at-a-time path scan has to start: requests are mostly
// plain segments, and 16 bytes with no byte of interest can be passed over
// in a few instructions. Of interest: bytes the scan refuses or that end
// the path, escapes, backslashes, dots (dot segments), and in merge modes
// a `/` following a `/`. The scan restarts one byte early, so a `/`
// passed over still sees what follows it.
size_t PlainPathBytes(std::string_view raw, bool merge) {
#if defined(__SSE2__)
  const char* p = raw.data();
  const size_t n = raw.size();
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i slash = _mm_set1_epi8('/');
  // Whether the 16 bytes at `at` hold a byte of interest, or (merging) a
  // `/` followed by `/`, which reads the byte after them too.
  auto interesting = [&](size_t at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
    __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);  // <= 0x20
    for (char c : {'\x7f', '%', '\\', '?', '#', '.'}) {
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
    }
    if (merge && at + 17 <= n) {
      const __m128i next =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at + 1));
      hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(v, slash),
                                            _mm_cmpeq_epi8(next, slash)));
    }
    return _mm_movemask_epi8(hit) != 0;
  };
  size_t i = 0;
  for (; i + 17 <= n; i += 16) {
    if (interesting(i)) return i == 0 ? 0 : i - 1;
  }
  // The rest, as the 16 bytes that end the path (merging: the 17, so the
  // last pair is seen); some were seen already, none is read out of range.
  if (n >= 17 && !interesting(n - 16) && !(merge && interesting(n - 17))) {
    return n;
  }
  return i == 0 ? 0 : i - 1;
#else
  (void)raw;
  (void)merge;
  return 0;
#endif
}

// True when the host needs no work beyond the trailing-dot check: no byte
// that is refused, upper case, or a `:`. Decided 16 bytes at a time.
bool IsPlainHost(std::string_view host) {
#if defined(__SSE2__)
  const size_t n = host.size();
  if (n < 16) return false;
  auto plain = [&](size_t at) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(host.data() + at));
    __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x20)), v);
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
    // A-Z: subtract 'A' and see what lands below 26, unsigned.
    const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8('A'));
    hit = _mm_or_si128(
        hit, _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8(25)), shifted));
    return _mm_movemask_epi8(hit) == 0;
  };
  for (size_t i = 0; i + 16 <= n; i += 16) {
    if (!plain(i)) return false;
  }
  return plain(n - 16);
#else
  (void)host;
  return false;
#endif
}

}  // namespace

MatchStatus NormalizeHost(std::string_view raw, size_t max_bytes,
                          Scratch<HostTag>& scratch, std::string_view& out) {
  if (raw.size() > max_bytes) return MatchStatus::kInvalidHost;
  if (IsPlainHost(raw)) {
    out = raw;
    if (out.back() == '.') out.remove_suffix(1);
    return MatchStatus::kMatched;
  }
  // One pass: refuse bad bytes, note upper case and where colons are.
  bool has_upper = false;
  size_t colons = 0;
  size_t last_colon = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    switch (ClassOf(raw[i])) {
      case kOrdinary:
        break;
      case kForbidden:
        return MatchStatus::kInvalidHost;
      case kUpper:
        has_upper = true;
        break;
      case kColon:
        ++colons;
        last_colon = i;
        break;
      default:
        break;
    }
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
  } else if (colons == 1 && IsDigits(host.substr(last_colon + 1))) {
    host = host.substr(0, last_colon);
  }
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (!has_upper) {
    out = host;
    return MatchStatus::kMatched;
  }
  char* buffer = scratch.Get(host.size());
  if (buffer == nullptr) return MatchStatus::kInvalidHost;
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
  if (raw.empty() || raw.front() != '/') return MatchStatus::kInvalidPath;
  const bool decode = mode == PathNormalization::kDecodeAndMergeSlashes;
  const bool merge = mode == PathNormalization::kMergeSlashes || decode;
  bool needs_work = false;
  // One pass: find where the query or fragment starts, refuse bad bytes and
  // escapes, and note whether normalisation has anything to do.
  std::string_view path = raw;
  for (size_t i = PlainPathBytes(raw, merge); i < raw.size(); ++i) {
    const ByteClass cls = ClassOf(raw[i]);
    if (cls == kOrdinary || cls == kUpper || cls == kColon) continue;
    if (cls == kQueryStart) {
      path = raw.substr(0, i);
      break;
    }
    if (i >= max_bytes) return MatchStatus::kPathTooLong;
    switch (cls) {
      case kForbidden:
        return MatchStatus::kInvalidPath;
      case kPercent: {
        if (i + 2 >= raw.size() || HexValue(raw[i + 1]) < 0 ||
            HexValue(raw[i + 2]) < 0) {
          return MatchStatus::kInvalidPath;
        }
        int value = HexValue(raw[i + 1]) * 16 + HexValue(raw[i + 2]);
        if (value == 0) return MatchStatus::kInvalidPath;
        needs_work |=
            value == '.' || (decode && (value == '/' || value == '\\'));
        break;
      }
      case kBackslash:
        needs_work = true;
        break;
      case kSlash:
        if (i + 1 < raw.size()) {
          const char next = raw[i + 1];
          needs_work |= next == '.' || next == '%' || (merge && next == '/');
        }
        break;
      default:
        break;
    }
  }
  if (path.size() > max_bytes) return MatchStatus::kPathTooLong;
  if (mode == PathNormalization::kNone || !needs_work) {
    out = path;
    return MatchStatus::kMatched;
  }

  // Decoding and backslashes first, into the scratch buffer...
  char* buffer = scratch.Get(path.size());
  if (buffer == nullptr) return MatchStatus::kPathTooLong;
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
