// The conformance vectors (../shared/conformance/*.json, read in place):
// every case's resources must parse without errors into the objects they
// list. The routing half of the vectors is the route table's to pass.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ingresskit/parse.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::Describe;
using ::ingresskit::testing::ReadFileOrDie;

struct ConformanceCase {
  std::string suite;
  std::string name;
  std::string resources_json;  // The case's `resources`, a JSON array.
  size_t ingresses = 0;
  size_t ingress_classes = 0;
  size_t services = 0;
};

std::vector<std::filesystem::path> VectorFiles() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(INGRESSKIT_SHARED_DIR) / "conformance")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
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

TEST(ConformanceFilesTest, AllThreeSuitesArePresent) {
  std::vector<std::string> names;
  for (const auto& file : VectorFiles()) names.push_back(file.stem().string());
  EXPECT_THAT(names, ::testing::IsSupersetOf({"hosts", "istio", "paths"}));
  EXPECT_GE(LoadCases().size(), 50u);
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
