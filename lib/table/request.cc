#include "table/request.h"

#include <array>
#include <cstring>

#include "common/path_chars.h"
#include "common/short_load.h"

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
  kEscaped = 8,     // Paths: written as %XY by BASE (", <, >, ^, `, {, |,
                    // }, and every byte from 0x80 up).
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
  for (int c = 0; c < 256; ++c) {
    if (internal::kEscapedByPath[c]) classes[c] = kEscaped;
  }
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClasses = MakeByteClasses();

ByteClass ClassOf(char c) {
  return kByteClasses[static_cast<unsigned char>(c)];
}

using internal::HexValue;

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The value of the escape `%XY` at `s[i]`, or -1 when `s[i]` does not
// start one (a stray `%`).
int EscapeAt(const char* s, size_t n, size_t i) {
  if (i + 2 >= n) return -1;
  const int high = HexValue(s[i + 1]);
  const int low = HexValue(s[i + 2]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// 1 for `.` at `s[i]`, 3 for `%2e`/`%2E`, 0 otherwise.
size_t DotAt(const char* s, size_t n, size_t i) {
  if (s[i] == '.') return 1;
  if (s[i] == '%' && i + 2 < n && s[i + 1] == '2' &&
      (s[i + 2] == 'e' || s[i + 2] == 'E')) {
    return 3;
  }
  return 0;
}

bool IsSeparator(char c) { return c == '/' || c == '\\'; }

constexpr char kUpperHex[] = "0123456789ABCDEF";

// Chromium's nested-escape rule. `out` (length `len`) ends with a
// character just decoded, and the stray `%` at `stray` is one or two bytes
// before it. If that `%` and the two bytes after it now read as an escape
// (the second of them being the next input byte, `in[next]`, when only one
// byte follows the `%`), the `%` is written `%25` instead. Returns the new
// length; the next input byte, peeked at, is still to be read.
size_t FixNestedEscape(const char* in, size_t n, size_t next, size_t stray,
                       char* out, size_t len) {
  const char decoded = out[len - 1];
  const bool peek = stray == len - 2;
  size_t end = len;
  if (peek) {
    if (next == n) return len;
    out[end++] = in[next];  // Looked at, not consumed.
  }
  // The `%` and two bytes must lie within the output; Chromium keeps
  // `stray` even after a `..` backs up over it (and then, as here, looks at
  // whatever now follows that position).
  if (stray + 3 > end || HexValue(out[stray + 1]) < 0 ||
      HexValue(out[stray + 2]) < 0) {
    return len;
  }
  // "%" X c  ->  "%25" X c;  "%" c (peeking at N)  ->  "%25" c.
  len = end;
  if (!peek) out[len++] = out[stray + 1];
  out[stray + 1] = '2';
  out[stray + 2] = '5';
  out[len++] = decoded;
  return len;
}

// Envoy's path canonicaliser (its copy of Chromium's url_canon_path.cc,
// as DESIGN §4 and docs/semantics.md §7 pin it), from `in` (n bytes,
// starting with `/`, no query) into `out`, which has room for the bound
// NormalizePath works out. Returns the output length, or -1 for a path
// the gateway refuses (`%00`).
//
// Byte by byte: `\` is `/`; a dot segment (`.` or `%2e`, once or twice,
// right after a `/` and followed by a separator or the end) is resolved,
// never above the root; an escape of an unreserved character is decoded,
// any other escape kept as written; a `%` that starts no escape is kept,
// remembered as stray; bytes that must be escaped are written as %XY.
// When a decoded character lands within two bytes of a stray `%` and
// would complete it into an escape, that `%` becomes `%25` (Chromium's
// nested-escape rule: `%%30%30` must not turn into `%00`).
ptrdiff_t Canonicalize(const char* in, size_t n, char* out) {
  size_t len = 0;
  // Output index of the last stray `%`; far below any index at first.
  ptrdiff_t stray = -16;
  size_t i = 0;
  while (i < n) {
    const char c = in[i];
    if (const size_t dot = DotAt(in, n, i)) {
      if (len > 0 && out[len - 1] == '/') {
        const size_t after = i + dot;
        if (after == n) break;  // `/.` at the end: the `/` stays.
        if (IsSeparator(in[after])) {
          i = after + 1;  // `./`: nothing.
          continue;
        }
        if (const size_t dot2 = DotAt(in, n, after)) {
          const size_t after2 = after + dot2;
          if (after2 == n || IsSeparator(in[after2])) {
            // `..`: back to the previous `/`, never above the first.
            if (len > 1) {
              size_t back = len - 2;
              while (back > 0 && out[back] != '/') --back;
              len = back + 1;
            }
            i = after2 == n ? n : after2 + 1;
            continue;
          }
        }
      }
      out[len++] = '.';
      i += dot;
      continue;
    }
    const ByteClass cls = ClassOf(c);
    if (cls == kBackslash) {
      out[len++] = '/';
      ++i;
    } else if (cls == kPercent) {
      const int value = EscapeAt(in, n, i);
      if (value < 0) {
        stray = static_cast<ptrdiff_t>(len);
        out[len++] = '%';
        ++i;
        continue;
      }
      if (value == 0) return -1;
      i += 3;
      if (!internal::kDecodedInPath[value]) {
        std::memcpy(out + len, in + i - 3, 3);  // Kept as written.
        len += 3;
        continue;
      }
      out[len++] = static_cast<char>(value);
      if (stray >= static_cast<ptrdiff_t>(len) - 3) {
        len = FixNestedEscape(in, n, i, static_cast<size_t>(stray), out, len);
      }
    } else if (cls == kEscaped) {
      const auto byte = static_cast<unsigned char>(c);
      out[len++] = '%';
      out[len++] = kUpperHex[byte >> 4];
      out[len++] = kUpperHex[byte & 15];
      ++i;
    } else {
      out[len++] = c;
      ++i;
    }
  }
  return static_cast<ptrdiff_t>(len);
}

// Where the byte-at-a-time path scan has to start: requests are mostly
// plain segments, and 16 bytes with no byte of interest can be passed over
// in a few instructions. Of interest: bytes the scan refuses or that end
// the path, escapes, bytes BASE escapes, backslashes, dots (dot segments),
// and in merge modes a `/` following a `/`. The scan restarts one byte early,
// so a `/` passed over still sees what follows it.
size_t PlainPathBytes(std::string_view raw, bool merge) {
#if defined(__SSE2__)
  const char* p = raw.data();
  const size_t n = raw.size();
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i slash = _mm_set1_epi8('/');
  const __m128i top = _mm_set1_epi8(0x7b);
  const __m128i one = _mm_set1_epi8(1);
  const __m128i two = _mm_set1_epi8(2);
  const __m128i quote_hash = _mm_set1_epi8(0x23);  // '"' | 1 == '#'
  const __m128i angles = _mm_set1_epi8(0x3e);      // '<' | 2 == '>'
  const __m128i backslash = _mm_set1_epi8(0x5e);   // '\\' | 2 == '^'
  // The lanes of `v` holding a byte of interest.
  auto of_interest = [&](__m128i v) {
    __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);  // <= 0x20
    // >= 0x7b: { | } DEL and every byte from 0x80 up (and `~`, which is
    // merely passed to the byte-at-a-time scan).
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_max_epu8(v, top), v));
    // Pairs one bit apart, one compare each: " #, < >, \ ^.
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_or_si128(v, one), quote_hash));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_or_si128(v, two), angles));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_or_si128(v, two), backslash));
    for (char c : {'%', '?', '.', '`'}) {
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
    }
    return hit;
  };
  if (n >= 8 && n <= 16) {
    // One vector: the first and last eight bytes. Merging, adjacent `/`
    // lanes are adjacent bytes, except lanes 7 and 8 when n < 16, which
    // can only make a plain path look interesting (a slower scan, never a
    // wrong one).
    const __m128i v = internal::LoadShort(p, n);
    if (_mm_movemask_epi8(of_interest(v)) != 0) return 0;
    if (merge) {
      const auto slashes =
          static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, slash)));
      if ((slashes & (slashes >> 1)) != 0) return 0;
    }
    return n;
  }
  // Whether the 16 bytes at `at` hold a byte of interest, or (merging) a
  // `/` followed by `/`, which reads the byte after them too.
  auto interesting = [&](size_t at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
    __m128i hit = of_interest(v);
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
  if (n < 8) return false;
  auto plain = [&](__m128i v) {
    __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x20)), v);
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
    hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
    // A-Z: subtract 'A' and see what lands below 26, unsigned.
    const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8('A'));
    hit = _mm_or_si128(
        hit, _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8(25)), shifted));
    return _mm_movemask_epi8(hit) == 0;
  };
  if (n <= 16) return plain(internal::LoadShort(host.data(), n));
  auto at = [&](size_t i) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(host.data() + i));
  };
  for (size_t i = 0; i + 16 <= n; i += 16) {
    if (!plain(at(i))) return false;
  }
  return plain(at(n - 16));
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
  const bool canonical = mode != PathNormalization::kNone;
  bool needs_work = false;
  // Bytes the canonical path may have beyond the input's: an escaped byte
  // and a stray `%` (which may become `%25`) grow by two each.
  size_t growth = 0;
  // One pass: find where the query or fragment starts, refuse what the
  // gateway refuses, and note whether normalisation has anything to do.
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
        const int value = EscapeAt(raw.data(), raw.size(), i);
        if (value < 0) {
          growth += 2;
          break;
        }
        if (value == 0 && canonical) return MatchStatus::kInvalidPath;
        needs_work |= internal::kDecodedInPath[value] ||
                      (decode && (value == '/' || value == '\\'));
        i += 2;
        break;
      }
      case kEscaped:
        needs_work = true;
        growth += 2;
        break;
      case kBackslash:
        needs_work = true;
        break;
      case kSlash:
        if (i + 1 < raw.size()) {
          const char next = raw[i + 1];
          needs_work |= next == '.' || (merge && next == '/');
        }
        break;
      default:
        break;
    }
  }
  if (path.size() > max_bytes) return MatchStatus::kPathTooLong;
  if (!canonical || !needs_work) {
    out = path;
    return MatchStatus::kMatched;
  }

  // The canonical path goes to the front of the scratch buffer; with
  // DECODE_AND_MERGE_SLASHES, the input with %2F and %5C decoded (Envoy's
  // UNESCAPE_AND_FORWARD, applied first) sits behind it.
  const size_t bound = path.size() + growth;
  char* buffer = scratch.Get(bound + (decode ? path.size() : 0));
  if (buffer == nullptr) return MatchStatus::kPathTooLong;
  const char* in = path.data();
  size_t n = path.size();
  if (decode) {
    char* decoded = buffer + bound;
    size_t length = 0;
    for (size_t i = 0; i < n; ++i) {
      const int value = in[i] == '%' ? EscapeAt(in, n, i) : -1;
      if (value == '/' || value == '\\') {
        decoded[length++] = static_cast<char>(value);
        i += 2;
      } else {
        decoded[length++] = in[i];
      }
    }
    in = decoded;
    n = length;
  }
  const ptrdiff_t canonical_length = Canonicalize(in, n, buffer);
  if (canonical_length < 0) return MatchStatus::kInvalidPath;
  size_t length = static_cast<size_t>(canonical_length);
  if (merge) {
    size_t write = 0;
    for (size_t i = 0; i < length; ++i) {
      if (buffer[i] == '/' && write > 0 && buffer[write - 1] == '/') continue;
      buffer[write++] = buffer[i];
    }
    length = write;
  }
  out = std::string_view(buffer, length);
  return MatchStatus::kMatched;
}

}  // namespace ingresskit::table_internal
