// The conformance vectors (../shared/conformance/*.json, and the vectors
// of semantics implemented since: ../shared/vectors/normalization.json;
// read in place): every case's resources parse without errors into the
// objects they list, and every request routes to the expected destination
// (or to none), through the fast table and through the linear reference
// matcher.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ingresskit/parse.h"
#include "ingresskit/route_table.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::ReadFileOrDie;

struct Request {
  std::string host;
  std::string path;
  std::optional<std::pair<std::string, uint32_t>> expect;  // destination, port
};

struct ConformanceCase {
  std::string suite;
  std::string name;
  std::string resources_json;  // The case's `resources`, a JSON array.
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<Request> requests;
  size_t ingresses = 0;
  size_t ingress_classes = 0;
  size_t services = 0;
};

// Vectors in ../shared/vectors/ that this build implements.
constexpr const char* kImplementedVectors[] = {"normalization.json",
                                               "gateway-api.json"};

std::vector<std::filesystem::path> VectorFiles() {
  const std::filesystem::path shared(INGRESSKIT_SHARED_DIR);
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(shared / "conformance")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const char* name : kImplementedVectors) {
    files.push_back(shared / "vectors" / name);
  }
  return files;
}

std::vector<ConformanceCase> LoadCases() {
  std::vector<ConformanceCase> cases;
  for (const auto& file : VectorFiles()) {
    rapidjson::Document doc;
    doc.Parse(ReadFileOrDie(file.string()).c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("cases")) {
      ADD_FAILURE() << file << " is not a conformance file";
      continue;
    }
    for (const auto& c : doc["cases"].GetArray()) {
      ConformanceCase out;
      out.suite = doc["suite"].GetString();
      out.name = c["name"].GetString();
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      c["resources"].Accept(writer);
      out.resources_json = buffer.GetString();
      for (const auto& option : c["options"].GetObject()) {
        out.options.emplace_back(
            option.name.GetString(),
            option.value.IsString()
                ? option.value.GetString()
                : (option.value.IsTrue() ? "true" : "false"));
      }
      for (const auto& q : c["requests"].GetArray()) {
        Request request{q["host"].GetString(), q["path"].GetString(), {}};
        if (!q["expect"].IsNull()) {
          request.expect.emplace(q["expect"]["destination"].GetString(),
                                 q["expect"]["port"].GetUint());
        }
        out.requests.push_back(std::move(request));
      }
      for (const auto& r : c["resources"].GetArray()) {
        std::string kind = r["kind"].GetString();
        out.ingresses += kind == "Ingress";
        out.ingress_classes += kind == "IngressClass";
        out.services += kind == "Service";
      }
      cases.push_back(std::move(out));
    }
  }
  return cases;
}

// Test listings and failures name the case rather than dump its bytes.
void PrintTo(const ConformanceCase& c, std::ostream* os) {
  *os << c.suite << "/" << c.name;
}

class ConformanceParseTest : public ::testing::TestWithParam<ConformanceCase> {
};

TEST_P(ConformanceParseTest, ResourcesParseWithoutErrors) {
  const ConformanceCase& c = GetParam();
  ParseOptions strict;
  strict.strict = true;
  ParseResult result = Parse(c.resources_json, strict);
  ASSERT_TRUE(result.ok()) << Describe(result.diagnostics);
  EXPECT_EQ(result.resources.ingresses.size(), c.ingresses);
  EXPECT_EQ(result.resources.ingress_classes.size(), c.ingress_classes);
  EXPECT_EQ(result.resources.services.size(), c.services);
}

std::string Describe(const MatchResult& m) {
  if (!m.matched()) return std::string(ToString(m.status));
  return m.route->destination.host + ":" +
         std::to_string(m.route->destination.port);
}

TEST_P(ConformanceParseTest, RequestsRouteAsExpected) {
  const ConformanceCase& c = GetParam();
  CompileOptions options;
  for (const auto& [key, value] : c.options) {
    ASSERT_EQ(SetOption(options, key, value), "");
  }
  CompileResult compiled = Compile(c.resources_json, options);
  ASSERT_TRUE(compiled.ok()) << Describe(compiled.diagnostics);
  EXPECT_EQ(CountErrors(compiled.diagnostics), 0u)
      << Describe(compiled.diagnostics);
  for (const Request& request : c.requests) {
    SCOPED_TRACE(request.host + " " + request.path);
    for (bool linear : {false, true}) {
      MatchResult m =
          linear ? compiled.table.MatchLinear(request.host, request.path)
                 : compiled.table.Match(request.host, request.path);
      if (request.expect) {
        ASSERT_TRUE(m.matched()) << (linear ? "linear: " : "") << Describe(m);
        EXPECT_EQ(m.route->destination.host, request.expect->first);
        EXPECT_EQ(m.route->destination.port, request.expect->second);
      } else {
        // null: nothing serves the request; a path the gateway refuses
        // (400) is not served either.
        EXPECT_THAT(m.status, ::testing::AnyOf(MatchStatus::kNoRoute,
                                               MatchStatus::kInvalidPath))
            << (linear ? "linear: " : "") << Describe(m);
      }
    }
  }
}

TEST(ConformanceFilesTest, AllThreeSuitesArePresent) {
  std::vector<std::string> names;
  for (const auto& file : VectorFiles()) names.push_back(file.stem().string());
  EXPECT_THAT(names, ::testing::IsSupersetOf(
                         {"hosts", "istio", "paths", "normalization"}));
  EXPECT_GE(LoadCases().size(), 59u);
}

std::string CaseName(const ::testing::TestParamInfo<ConformanceCase>& info) {
  std::string name = info.param.suite + "_" + info.param.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Vectors, ConformanceParseTest,
                         ::testing::ValuesIn(LoadCases()), CaseName);

}  // namespace
}  // namespace ingresskit
