// The Kubernetes name grammars.
#include "validate/names.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ingresskit::validate_internal {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(NamesTest, Dns1123Label) {
  for (std::string_view ok : {"a", "web", "web-1", "1web", "0"}) {
    EXPECT_THAT(CheckDns1123Label(ok), IsEmpty()) << ok;
  }
  EXPECT_THAT(CheckDns1123Label(std::string(63, 'a')), IsEmpty());
  EXPECT_THAT(CheckDns1123Label(std::string(64, 'a')), HasSubstr("at most 63"));
  EXPECT_THAT(CheckDns1123Label(""), HasSubstr("empty"));
  EXPECT_THAT(CheckDns1123Label("a.b"), HasSubstr("\".\""));
  EXPECT_THAT(CheckDns1123Label("Web"), HasSubstr("lowercase"));
  EXPECT_THAT(CheckDns1123Label("web-"), HasSubstr("start and end"));
}

TEST(NamesTest, Dns1035LabelStartsWithALetter) {
  EXPECT_THAT(CheckDns1035Label("web"), IsEmpty());
  EXPECT_THAT(CheckDns1035Label("1web"),
              HasSubstr("start with a lowercase letter"));
}

TEST(NamesTest, Dns1123Subdomain) {
  EXPECT_THAT(CheckDns1123Subdomain("a.b-c.example.com"), IsEmpty());
  EXPECT_THAT(CheckDns1123Subdomain("a..b"), HasSubstr("empty label"));
  EXPECT_THAT(CheckDns1123Subdomain(".a"), HasSubstr("empty label"));
  EXPECT_THAT(CheckDns1123Subdomain("a.-b"), HasSubstr("start and end"));
  std::string at_limit = std::string(63, 'a') + "." + std::string(63, 'b') +
                         "." + std::string(63, 'c') + "." +
                         std::string(61, 'd');
  ASSERT_EQ(at_limit.size(), 253u);
  EXPECT_THAT(CheckDns1123Subdomain(at_limit), IsEmpty());
  EXPECT_THAT(CheckDns1123Subdomain(at_limit + "d"), HasSubstr("at most 253"));
}

TEST(NamesTest, WildcardSubdomain) {
  EXPECT_THAT(CheckWildcardDns1123Subdomain("*.example.com"), IsEmpty());
  EXPECT_THAT(CheckWildcardDns1123Subdomain("*.com"), IsEmpty());
  for (std::string_view bad :
       {"*", "*example.com", "a.*.com", "*.*.com", "*.Example.com"}) {
    EXPECT_THAT(CheckWildcardDns1123Subdomain(bad), HasSubstr("wildcard"))
        << bad;
  }
}

TEST(NamesTest, IanaServiceName) {
  for (std::string_view ok : {"http", "h2c", "grpc-web", "a1"}) {
    EXPECT_THAT(CheckIanaServiceName(ok), IsEmpty()) << ok;
  }
  EXPECT_THAT(CheckIanaServiceName("8080"), HasSubstr("at least one letter"));
  EXPECT_THAT(CheckIanaServiceName("abcdefghijklmnop"),
              HasSubstr("at most 15"));
  EXPECT_THAT(CheckIanaServiceName("a--b"), HasSubstr("--"));
  EXPECT_THAT(CheckIanaServiceName("-ab"), HasSubstr("start or end"));
  EXPECT_THAT(CheckIanaServiceName("a_b"), HasSubstr("only lowercase"));
}

TEST(NamesTest, DomainPrefixedPath) {
  EXPECT_THAT(CheckDomainPrefixedPath("istio.io/ingress-controller"),
              IsEmpty());
  EXPECT_THAT(CheckDomainPrefixedPath("k8s.io/a/b"), IsEmpty());
  for (std::string_view bad :
       {"", "istio", "/x", "istio.io/", "Istio.io/x", "istio.io/a b"}) {
    EXPECT_THAT(CheckDomainPrefixedPath(bad), HasSubstr("domain-prefixed"))
        << bad;
  }
}

TEST(NamesTest, IpAddresses) {
  for (std::string_view ip :
       {"192.0.2.1", "::1", "2001:db8::1", "[2001:db8::1]"}) {
    EXPECT_TRUE(IsIpAddress(ip)) << ip;
  }
  for (std::string_view name : {"example.com", "1.2.3", "999.1.1.1", ""}) {
    EXPECT_FALSE(IsIpAddress(name)) << name;
  }
}

TEST(NamesTest, IngressHostPointsOutCommonMistakes) {
  EXPECT_THAT(CheckIngressHost("a.example.com", true), IsEmpty());
  EXPECT_THAT(CheckIngressHost("*.example.com", true), IsEmpty());
  EXPECT_THAT(CheckIngressHost("10.0.0.1", true), HasSubstr("IP address"));
  EXPECT_THAT(CheckIngressHost("10.0.0.1", false), IsEmpty())
      << "TLS hosts are only checked as names, as the API server does";
  EXPECT_THAT(CheckIngressHost("a.example.com:443", true), HasSubstr("port"));
  EXPECT_THAT(CheckIngressHost("A.example.com", true), HasSubstr("lowercase"));
  EXPECT_THAT(CheckIngressHost("a.example.com.", true), HasSubstr("'.'"));
  EXPECT_THAT(CheckIngressHost("a\x01.com", true), HasSubstr("\\x01"));
}

}  // namespace
}  // namespace ingresskit::validate_internal
