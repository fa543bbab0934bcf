// Request hosts and paths as the gateway sees them (docs/semantics.md §7).
#include "table/request.h"

#include <string>

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

TEST(RequestTest, ControlBytesNulAndBadEscapesAreInvalidInEveryMode) {
  for (PathNormalization mode :
       {PathNormalization::kNone, PathNormalization::kBase,
        PathNormalization::kMergeSlashes,
        PathNormalization::kDecodeAndMergeSlashes}) {
    for (std::string_view bad :
         {std::string_view("/a b"), std::string_view("/a\tb"),
          std::string_view("/a\nb"), std::string_view("/a\0b", 4),
          std::string_view("/a%00"), std::string_view("/a%zz"),
          std::string_view("/a%4"), std::string_view("/a%"),
          std::string_view("/a\x7f")}) {
      EXPECT_EQ(Path(bad, mode).status, MatchStatus::kInvalidPath)
          << ToString(mode) << " " << bad;
    }
  }
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
  ExpectPath("/a//../b", kMergeSlashes, "/b");
  ExpectPath("///", kMergeSlashes, "/");
  ExpectPath("/a%2F%2Fb", kMergeSlashes, "/a%2F%2Fb");
}

TEST(RequestTest, DecodeAndMergeSlashesDecodesEscapedSlashesFirst) {
  using enum PathNormalization;
  ExpectPath("/a%2Fb", kDecodeAndMergeSlashes, "/a/b");
  ExpectPath("/a%2f%2F%5cb", kDecodeAndMergeSlashes, "/a/b");
  ExpectPath("/a/b%2F..%2Fc", kDecodeAndMergeSlashes, "/a/c");
  ExpectPath("/a%252Fb", kDecodeAndMergeSlashes, "/a%252Fb");  // Once only.
  ExpectPath("/a%41", kDecodeAndMergeSlashes, "/a%41");
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
