// Several named inputs compiled as one (Compile(std::span<const Source>)):
// each diagnostic names the file it is about, with lines counted from that
// file's start, as a proxy watching files must report them.
#include <string>
#include <vector>

#include "ingresskit/ingresskit.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::TestIngress;
using ::ingresskit::testing::TestRule;
using ::ingresskit::testing::Yaml;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;

std::string IngressFor(std::string name, std::string host,
                       std::string spec = "") {
  TestIngress ingress;
  ingress.name = std::move(name);
  ingress.metadata = "  annotations: {kubernetes.io/ingress.class: istio}\n";
  ingress.spec = std::move(spec);
  TestRule rule;
  rule.host = std::move(host);
  rule.paths.push_back({"/"});
  ingress.rules.push_back(rule);
  return Yaml(ingress);
}

TEST(SourcesTest, ObjectsOfEveryFileAreCompiledTogether) {
  const std::string a = IngressFor("a", "a.com");
  const std::string b = IngressFor("b", "b.com");
  const std::vector<Source> sources = {{"a.yaml", a}, {"b.yaml", b}};
  CompileResult compiled = Compile(sources);
  ASSERT_TRUE(compiled.ok());
  EXPECT_TRUE(compiled.table.Match("a.com", "/").matched());
  EXPECT_TRUE(compiled.table.Match("b.com", "/").matched());
  EXPECT_EQ(Parse(sources).resources.ingresses.size(), 2u);
}

TEST(SourcesTest, DiagnosticsNameTheirFileAndItsLine) {
  const std::string good = IngressFor("a", "a.com");
  // Line 8 of its own file holds the bad host (metadata takes three).
  const std::string bad = IngressFor("b", "Bad.com");
  const std::vector<Source> sources = {{"good.yaml", good}, {"bad.yaml", bad}};
  CompileResult compiled = Compile(sources);
  ASSERT_TRUE(compiled.ok());
  EXPECT_THAT(compiled.diagnostics,
              Contains(AllOf(Field(&Diagnostic::source, "bad.yaml"),
                             Field(&Diagnostic::field, "spec.rules[0].host"))));
  for (const Diagnostic& d : compiled.diagnostics) {
    if (d.source == "bad.yaml" && d.field == "spec.rules[0].host") {
      EXPECT_EQ(d.position.line, 8u);
      EXPECT_THAT(d.ToCompilerStyle(),
                  HasSubstr("bad.yaml:8: error: Ingress default/b "
                            "spec.rules[0].host: "));
    }
  }
}

TEST(SourcesTest, ConversionDiagnosticsNameTheFileOfTheirObject) {
  // The TLS warning comes from conversion, after the files were joined.
  const std::string a = IngressFor("a", "a.com");
  const std::string b =
      IngressFor("b", "b.com", "  tls: [{hosts: [b.com], secretName: s}]\n");
  const std::string secret =
      "apiVersion: v1\nkind: Secret\nmetadata: {name: other, namespace: "
      "istio-system}\ntype: Opaque\nstringData: {cert: c, key: k}\n";
  const std::vector<Source> sources = {
      {"a.yaml", a}, {"b.yaml", b}, {"secrets.yaml", secret}};
  CompileResult compiled = Compile(sources);
  ASSERT_TRUE(compiled.ok());
  EXPECT_THAT(compiled.diagnostics,
              Contains(AllOf(Field(&Diagnostic::source, "b.yaml"),
                             Field(&Diagnostic::field, "spec.tls[0]"))));
}

TEST(SourcesTest, ABrokenFileFailsTheWholeAndSaysWhere) {
  const std::string good = IngressFor("a", "a.com");
  const std::string broken = "kind: Ingress\nmetadata: {name: x\n";
  const std::vector<Source> sources = {{"good.yaml", good},
                                       {"broken.yaml", broken}};
  CompileResult compiled = Compile(sources);
  EXPECT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status, ErrorCode::kSyntax);
  ASSERT_FALSE(compiled.diagnostics.empty());
  EXPECT_EQ(compiled.diagnostics[0].source, "broken.yaml");
  EXPECT_THAT(compiled.diagnostics[0].ToCompilerStyle(),
              HasSubstr("broken.yaml:"));
  Router router;
  EXPECT_FALSE(router.Update(sources).ok());
  EXPECT_EQ(router.version(), 0u);
}

TEST(SourcesTest, StrictFailsOnAnyErrorInAnyFile) {
  const std::string good = IngressFor("a", "a.com");
  const std::string bad = IngressFor("b", "Bad.com");
  CompileOptions options;
  options.strict = true;
  const std::vector<Source> sources = {{"good.yaml", good}, {"bad.yaml", bad}};
  CompileResult compiled = Compile(sources, options);
  EXPECT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.diagnostics.at(0).source, "bad.yaml");
}

}  // namespace
}  // namespace ingresskit
