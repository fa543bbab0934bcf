// Request hosts and paths as the gateway sees them (docs/semantics.md §7).
#include "table/request.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace ingresskit::table_internal {
namespace {

struct Normalized {
  MatchStatus status;
  std::string value;
};

Normalized Host(std::string_view raw, size_t max = 65536) {
  Scratch<HostTag> scratch;
  std::string_view out;
  MatchStatus status = NormalizeHost(raw, max, scratch, out);
  return {status, std::string(out)};
}

Normalized Path(std::string_view raw,
                PathNormalization mode = PathNormalization::kBase,
                size_t max = 65536) {
  Scratch<PathTag> scratch;
  std::string_view out;
  MatchStatus status = NormalizePath(raw, mode, max, scratch, out);
  return {status, std::string(out)};
}

void ExpectHost(std::string_view raw, std::string_view expected) {
  Normalized n = Host(raw);
  EXPECT_EQ(n.status, MatchStatus::kMatched) << raw;
  EXPECT_EQ(n.value, expected) << raw;
}

void ExpectPath(std::string_view raw, PathNormalization mode,
                std::string_view expected) {
  Normalized n = Path(raw, mode);
  EXPECT_EQ(n.status, MatchStatus::kMatched) << raw;
  EXPECT_EQ(n.value, expected) << raw << " in " << ToString(mode);
}

TEST(RequestTest, HostIsLowerCasedWithoutPortOrTrailingDot) {
  ExpectHost("Foo.Example.COM", "foo.example.com");
  ExpectHost("foo.example.com:8080", "foo.example.com");
  ExpectHost("foo.example.com.", "foo.example.com");
  ExpectHost("FOO.example.com.:443", "foo.example.com");
  ExpectHost("foo.example.com..", "foo.example.com.");  // One dot only.
  ExpectHost("", "");
}

TEST(RequestTest, HostIpv6LiteralsKeepTheirColons) {
  ExpectHost("[2001:DB8::1]:8080", "[2001:db8::1]");
  ExpectHost("[::1]", "[::1]");
  ExpectHost("::1", "::1");                // Bare: no port can be told apart.
  ExpectHost("[::1]:http", "[::1]:http");  // Not a port: left alone.
  ExpectHost("host:", "host:");
}

TEST(RequestTest, HostWithWhitespaceControlBytesOrNulIsInvalid) {
  for (std::string_view bad :
       {std::string_view("a b.com"), std::string_view("a\tb.com"),
        std::string_view("a.com\r\n"), std::string_view("a\0b.com", 7),
        std::string_view("a\x7f.com")}) {
    EXPECT_EQ(Host(bad).status, MatchStatus::kInvalidHost);
  }
  EXPECT_EQ(Host("a.com", 4).status, MatchStatus::kInvalidHost);
}

TEST(RequestTest, LongHostsAreLowerCasedBeyondTheStackBuffer) {
  std::string host(kMatchStackPathBytes * 2, 'A');
  Normalized n = Host(host);
  EXPECT_EQ(n.value, std::string(kMatchStackPathBytes * 2, 'a'));
}

TEST(RequestTest, QueryAndFragmentAreNotMatched) {
  ExpectPath("/a?b=/c", PathNormalization::kNone, "/a");
  ExpectPath("/a#frag", PathNormalization::kNone, "/a");
  ExpectPath("/a/../b?x#y", PathNormalization::kBase, "/b");
  ExpectPath("/?", PathNormalization::kBase, "/");
}

TEST(RequestTest, PathMustBeAbsolute) {
  for (std::string_view bad : {"", "a", "*", "?x", "http://h/a"}) {
    EXPECT_EQ(Path(bad).status, MatchStatus::kInvalidPath) << bad;
  }
}

constexpr PathNormalization kModes[] = {
    PathNormalization::kNone, PathNormalization::kBase,
    PathNormalization::kMergeSlashes,
    PathNormalization::kDecodeAndMergeSlashes};

TEST(RequestTest, ControlBytesSpacesNulAndDeleteAreInvalidInEveryMode) {
  for (PathNormalization mode : kModes) {
    for (std::string_view bad :
         {std::string_view("/a b"), std::string_view("/a\tb"),
          std::string_view("/a\nb"), std::string_view("/a\0b", 4),
          std::string_view("/a\x01"), std::string_view("/a\x7f")}) {
      EXPECT_EQ(Path(bad, mode).status, MatchStatus::kInvalidPath)
          << ToString(mode) << " " << bad;
    }
  }
}

TEST(RequestTest, EncodedNulIsInvalidWhenNormalising) {
  for (PathNormalization mode : kModes) {
    const MatchStatus expected = mode == PathNormalization::kNone
                                     ? MatchStatus::kMatched
                                     : MatchStatus::kInvalidPath;
    for (std::string_view bad : {"/a%00", "/xyz/.%00../abc",
                                 "/xyz/%00.%00./abc", "/xyz/AAAAA%%0000/abc"}) {
      EXPECT_EQ(Path(bad, mode).status, expected)
          << ToString(mode) << " " << bad;
    }
  }
}

TEST(RequestTest, MalformedEscapesAreKeptAsWritten) {
  for (PathNormalization mode : kModes) {
    for (std::string_view path : {"/a%zz", "/a%4", "/a%", "/%%", "/a%g1/b"}) {
      ExpectPath(path, mode, path);
    }
  }
}

// Envoy's own canonicalisation cases (test/common/http/path_utility_test.cc)
// that apply to absolute paths.
TEST(RequestTest, BaseAgreesWithEnvoysCanonicalisationCases) {
  using enum PathNormalization;
  for (const auto& [in, out] :
       std::vector<std::pair<std::string_view, std::string_view>>{
           {"/xyz", "/xyz"},
           {"/x/y/z", "/x/y/z"},
           {"/a/b/../c", "/a/c"},
           {"/a/b/./c", "/a/b/c"},
           {"/a/b/../../../../c", "/c"},
           {"/a/..\\c", "/c"},
           {"/%c0%af", "/%c0%af"},
           {"/%5c%25", "/%5c%25"},
           {"/a/b/%2E%2E/c", "/a/c"},
           {"/a/b/%2E./c", "/a/c"},
           {"/a/b/%2E/c", "/a/b/c"},
           {"/../a/b", "/a/b"},
           {"/./a/b", "/a/b"},
           {"/A/B/C", "/A/B/C"},
           {"/a/b/%2e%2e/c", "/a/c"},
           {"/a/%2F%2f/c", "/a/%2F%2f/c"},
       }) {
    ExpectPath(in, kBase, out);
  }
}

TEST(RequestTest, BaseDecodesUnreservedEscapesAndKeepsTheRest) {
  using enum PathNormalization;
  ExpectPath("/st%61tus/200", kBase, "/status/200");
  ExpectPath("/%73%74%61%74%75%73", kBase, "/status");
  ExpectPath("/a%2Db%5Fc%7Ed%2Ee", kBase, "/a-b_c~d.e");
  ExpectPath("/%41%5a%30%39", kBase, "/AZ09");
  // Reserved and other characters stay escaped, their case kept.
  ExpectPath("/a%2fb%2Fc", kBase, "/a%2fb%2Fc");
  ExpectPath("/a%20b%3a%3F%23", kBase, "/a%20b%3a%3F%23");
  ExpectPath("/caf%c3%a9", kBase, "/caf%c3%a9");
  ExpectPath("/a%01", kBase, "/a%01");  // An escaped control byte is data.
}

TEST(RequestTest, BaseEscapesUnsafeBytesInUpperCase) {
  using enum PathNormalization;
  ExpectPath("/a\"b<c>d^e`f{g|h}i", kBase,
             "/a%22b%3Cc%3Ed%5Ee%60f%7Bg%7Ch%7Di");
  ExpectPath("/caf\xc3\xa9", kBase, "/caf%C3%A9");
  ExpectPath("/\xff\x80", kBase, "/%FF%80");
  // Characters allowed in a path are passed through.
  ExpectPath("/!$&'()*+,;=:@[]~", kBase, "/!$&'()*+,;=:@[]~");
  ExpectPath("/a\"b", kNone, "/a\"b");
}

TEST(RequestTest, BaseFollowsChromiumsNestedEscapeRule) {
  using enum PathNormalization;
  ExpectPath("/%%30%30", kBase, "/%2500");
  ExpectPath("/%%37%33", kBase, "/%2573");
  ExpectPath("/%%30", kBase, "/%0");  // Nothing follows to complete it.
  ExpectPath("/%3%30", kBase, "/%2530");
  ExpectPath("/%%3%30", kBase, "/%%2530");
  ExpectPath("/%z%30", kBase, "/%z0");    // Not hex: nothing to complete.
  ExpectPath("/%%300", kBase, "/%2500");  // The next byte completes it.
  ExpectPath("/%%34%31", kBase, "/%2541");
}

// Chromium remembers the last stray `%` by its position in the output, and
// a `..` that backs up over it does not forget it: a decoded character that
// later lands right after that position is checked against whatever bytes
// are there now. Envoy forwards what this gives, so ingresskit does too.
TEST(RequestTest, BaseKeepsChromiumsMemoryOfABackedUpStrayPercent) {
  using enum PathNormalization;
  // The stray `%` was at output offset 4; after `..` the decoded `c` lands
  // at 5 and the next input byte `b` at 6, both hex digits: offsets 5 and 6
  // become "25".
  ExpectPath("/%90%/../%2e%d5%63b%90", kBase, "/.%d525cb%90");
  // Here the remembered offset lies past the shorter output: nothing.
  ExpectPath("/%4%4%32%31\\..\\a/%45%25", kBase, "/a/E%25");
  // The rewrite can leave an escape of an unreserved character (`%52`,
  // `R`) that a second pass decodes: the one way normalising twice is not
  // normalising once (found by the request fuzzer).
  ExpectPath("/%90%/..2e/%%d%90%/../%2e%d5%63%5b%63b%91", kBase,
             "/%90%/..2e/.%d5c%525bcb%91");
  ExpectPath("/%90%/..2e/.%d5c%525bcb%91", kBase, "/%90%/..2e/.%d5cR5bcb%91");
}

TEST(RequestTest, PathLengthIsLimited) {
  std::string path = "/" + std::string(99, 'a');
  EXPECT_EQ(Path(path, PathNormalization::kBase, 100).status,
            MatchStatus::kMatched);
  path += "a";
  EXPECT_EQ(Path(path, PathNormalization::kBase, 100).status,
            MatchStatus::kPathTooLong);
  // The query does not count.
  EXPECT_EQ(
      Path("/a?" + std::string(200, 'q'), PathNormalization::kBase, 100).status,
      MatchStatus::kMatched);
}

TEST(RequestTest, NoneLeavesThePathAlone) {
  for (std::string_view path :
       {"/a/../b", "/a//b", "/a\\b", "/a/%2e%2e/b", "/a%2Fb"}) {
    ExpectPath(path, PathNormalization::kNone, path);
  }
}

TEST(RequestTest, BaseRemovesDotSegmentsAndTurnsBackslashes) {
  using enum PathNormalization;
  ExpectPath("/a/./b", kBase, "/a/b");
  ExpectPath("/a/b/../c", kBase, "/a/c");
  ExpectPath("/a/b/..", kBase, "/a/");
  ExpectPath("/a/.", kBase, "/a/");
  ExpectPath("/..", kBase, "/");
  ExpectPath("/../../a", kBase, "/a");     // Never above the root.
  ExpectPath("/a/%2e%2E/b", kBase, "/b");  // Encoded dots are dots.
  ExpectPath("/a/.%2e", kBase, "/");
  ExpectPath("/a\\b\\..\\c", kBase, "/a/c");
  ExpectPath("/a//b", kBase, "/a//b");  // Slashes are merged only on request.
  ExpectPath("/.well-known/x", kBase, "/.well-known/x");
  ExpectPath("/a/...", kBase, "/a/...");
  ExpectPath("/a%2Fb", kBase, "/a%2Fb");
}

TEST(RequestTest, MergeSlashesAlsoCollapsesRepeatedSlashes) {
  using enum PathNormalization;
  ExpectPath("//a///b//", kMergeSlashes, "/a/b/");
  // BASE first, then merging: `..` climbs one (empty) segment.
  ExpectPath("/a//../b", kMergeSlashes, "/a/b");
  ExpectPath("///", kMergeSlashes, "/");
  ExpectPath("/a%2F%2Fb", kMergeSlashes, "/a%2F%2Fb");
}

TEST(RequestTest, DecodeAndMergeSlashesDecodesEscapedSlashesFirst) {
  using enum PathNormalization;
  ExpectPath("/a%2Fb", kDecodeAndMergeSlashes, "/a/b");
  ExpectPath("/a%2f%2F%5cb", kDecodeAndMergeSlashes, "/a/b");
  ExpectPath("/a/b%2F..%2Fc", kDecodeAndMergeSlashes, "/a/c");
  ExpectPath("/a%252Fb", kDecodeAndMergeSlashes, "/a%252Fb");  // Once only.
  ExpectPath("/a%41", kDecodeAndMergeSlashes, "/aA");
  ExpectPath("/a%2F%2Fb%2f..%2Fc", kDecodeAndMergeSlashes, "/a/c");
}

TEST(RequestTest, LongPathsNormaliseBeyondTheStackBuffer) {
  std::string path;
  for (int i = 0; i < 2000; ++i) path += "/seg/./x/..";
  Normalized n = Path(path);
  EXPECT_EQ(n.status, MatchStatus::kMatched);
  std::string expected;
  for (int i = 0; i < 2000; ++i) expected += "/seg";
  EXPECT_EQ(n.value, expected + "/");
}

}  // namespace
}  // namespace ingresskit::table_internal
