// The promises the C header makes about its structs and outputs: versioned
// structs are read and written only as far as the caller's version goes,
// unknown versions are refused by name, the _init() functions equal the
// _INIT macros, and a failed call writes none of its outputs.
#include <cstring>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingresskit/c.h"
#include "ingresskit/options.h"
#include "struct_versions.h"

namespace {

using ::testing::HasSubstr;

constexpr char kHttpbin[] =
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
    "metadata: {name: ingress, namespace: default,\n"
    "  annotations: {kubernetes.io/ingress.class: istio}}\n"
    "spec:\n  rules:\n  - host: httpbin.example.com\n    http:\n"
    "      paths:\n      - path: /status\n        pathType: Prefix\n"
    "        backend: {service: {name: httpbin, port: {number: 8000}}}\n";

// A table compiled from kHttpbin, freed at the end of the test.
class CapiContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(ingresskit_table_compile(kHttpbin, sizeof(kHttpbin) - 1, nullptr,
                                       &table_, nullptr),
              INGRESSKIT_OK);
  }
  void TearDown() override { ingresskit_table_free(table_); }

  ingresskit_table_t* table_ = nullptr;
  ingresskit_error_t err_{};
};

// Outputs are filled in place with a sentinel byte (a copy need not keep
// padding bytes), then checked byte by byte.
constexpr unsigned char kSentinel = 0x5A;

template <typename Struct>
void FillSentinel(Struct& s) {
  std::memset(static_cast<void*>(&s), kSentinel, sizeof(s));
}

// Every byte of `s` from `from` on is still the sentinel.
template <typename Struct>
bool Untouched(const Struct& s, size_t from = 0) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(&s);
  for (size_t i = from; i < sizeof(s); ++i) {
    if (bytes[i] != kSentinel) return false;
  }
  return true;
}

// A match struct of the current version, sentinel after its version.
void FillSentinelMatch(ingresskit_match_t& m) {
  FillSentinel(m);
  m.version = INGRESSKIT_MATCH_VERSION;
}
bool Untouched(const ingresskit_match_t& m) {
  return Untouched(m, sizeof(m.version));
}

// ---- Versioned structs, through a hand-made "version 2" ------------------

// What ingresskit_match_t might become: version 1 with one field appended.
struct MatchV2 {
  ingresskit_match_t v1;
  uint64_t appended;
};
// A library that knows both versions.
constexpr ingresskit::capi::StructVersions<2> kMatchV2Versions{
    "ingresskit_match_t",
    {INGRESSKIT_BYTES_THROUGH(MatchV2, v1.virtual_host_len),
     INGRESSKIT_BYTES_THROUGH(MatchV2, appended)}};

// A version-1 caller's struct with guard bytes where version 2 would go.
struct V1CallerBuffer {
  ingresskit_match_t match = INGRESSKIT_MATCH_INIT;
  unsigned char guard[sizeof(uint64_t) + 8];
};

TEST(StructVersionsTest, ANewerLibraryWritesOnlyTheCallersVersion) {
  MatchV2 answer{};
  answer.v1.version = 2;
  answer.v1.port = 8000;
  answer.v1.matched = 1;
  answer.appended = 0x1122334455667788u;

  V1CallerBuffer caller;
  std::memset(caller.guard, 0xAB, sizeof(caller.guard));
  auto* as_v2 = reinterpret_cast<MatchV2*>(&caller.match);
  ingresskit::capi::WriteVersioned(
      answer, as_v2, kMatchV2Versions.Bytes(caller.match.version));

  EXPECT_EQ(caller.match.version, 1u) << "the caller's version is kept";
  EXPECT_EQ(caller.match.port, 8000u);
  EXPECT_EQ(caller.match.matched, 1);
  for (unsigned char byte : caller.guard) ASSERT_EQ(byte, 0xAB);

  MatchV2 v2_caller{};
  v2_caller.v1.version = 2;
  ingresskit::capi::WriteVersioned(answer, &v2_caller,
                                   kMatchV2Versions.Bytes(2));
  EXPECT_EQ(v2_caller.appended, 0x1122334455667788u);
}

TEST(StructVersionsTest, ANewerLibraryReadsDefaultsForFieldsAnOldCallerLacks) {
  struct OptionsV2 {
    ingresskit_options_t v1;
    uint32_t appended;
  };
  constexpr ingresskit::capi::StructVersions<2> kVersions{
      "ingresskit_options_t",
      {INGRESSKIT_BYTES_THROUGH(OptionsV2, v1.max_nesting_depth),
       INGRESSKIT_BYTES_THROUGH(OptionsV2, appended)}};
  // A version-1 struct followed by bytes the library must not read.
  struct {
    ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
    uint32_t garbage = 0xDEADBEEF;
  } caller;
  caller.options.strict = 1;
  OptionsV2 defaults{};
  defaults.appended = 7;
  OptionsV2 read = ingresskit::capi::ReadVersioned(
      reinterpret_cast<const OptionsV2*>(&caller.options), defaults,
      kVersions.Bytes(caller.options.version));
  EXPECT_EQ(read.v1.strict, 1);
  EXPECT_EQ(read.appended, 7u);
}

TEST(StructVersionsTest, UnknownVersionsDefineNoBytes) {
  EXPECT_EQ(kMatchV2Versions.Bytes(0), 0u);
  EXPECT_EQ(kMatchV2Versions.Bytes(3), 0u);
  EXPECT_EQ(kMatchV2Versions.Bytes(1),
            INGRESSKIT_BYTES_THROUGH(ingresskit_match_t, virtual_host_len));
}

TEST_F(CapiContractTest, MatchRefusesAVersionTheLibraryDoesNotKnow) {
  for (uint32_t version : {0u, INGRESSKIT_MATCH_VERSION + 1u}) {
    ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
    m.version = version;
    EXPECT_EQ(ingresskit_table_match(table_, "httpbin.example.com", 19,
                                     "/status", 7, &m, &err_),
              INGRESSKIT_EINVAL);
    EXPECT_THAT(err_.message,
                HasSubstr("ingresskit_match_t.version " +
                          std::to_string(version) + " is not one"));
  }
}

TEST(CapiOptionsTest, CompileRefusesAnOptionsVersionTheLibraryDoesNotKnow) {
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  options.version = INGRESSKIT_OPTIONS_VERSION + 1;
  ingresskit_table_t* table = nullptr;
  ingresskit_error_t err{};
  EXPECT_EQ(ingresskit_table_compile(kHttpbin, sizeof(kHttpbin) - 1, &options,
                                     &table, &err),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(table, nullptr);
  EXPECT_THAT(err.message, HasSubstr("ingresskit_options_t.version 2"));
}

// ---- Initialisers ---------------------------------------------------------

TEST(CapiInitTest, OptionsInitEqualsTheMacro) {
  const ingresskit_options_t macro = INGRESSKIT_OPTIONS_INIT;
  ingresskit_options_t o;
  FillSentinel(o);
  ASSERT_EQ(ingresskit_options_init(&o, INGRESSKIT_OPTIONS_VERSION),
            INGRESSKIT_OK);
  auto fields = [](const ingresskit_options_t& x) {
    return std::vector<uint64_t>{
        x.version,
        static_cast<uint64_t>(x.semantics),
        static_cast<uint64_t>(x.controller_mode),
        static_cast<uint64_t>(x.glob_prefix),
        static_cast<uint64_t>(x.path_normalization),
        static_cast<uint64_t>(x.strict),
        reinterpret_cast<uintptr_t>(x.ingress_class),
        x.ingress_class_len,
        reinterpret_cast<uintptr_t>(x.domain_suffix),
        x.domain_suffix_len,
        reinterpret_cast<uintptr_t>(x.ingress_namespace),
        x.ingress_namespace_len,
        reinterpret_cast<uintptr_t>(x.ingress_selector),
        x.ingress_selector_len,
        reinterpret_cast<uintptr_t>(x.ingress_service),
        x.ingress_service_len,
        x.max_document_bytes,
        x.max_routes,
        x.max_path_bytes,
        x.max_request_path_bytes,
        x.max_nesting_depth};
  };
  EXPECT_EQ(fields(o), fields(macro));
}

TEST(CapiInitTest, MatchInitEqualsTheMacro) {
  const ingresskit_match_t macro = INGRESSKIT_MATCH_INIT;
  ingresskit_match_t m;
  FillSentinel(m);
  ASSERT_EQ(ingresskit_match_init(&m, INGRESSKIT_MATCH_VERSION), INGRESSKIT_OK);
  auto fields = [](const ingresskit_match_t& x) {
    return std::vector<uint64_t>{
        x.version,
        x.matched,
        x.is_default_backend,
        static_cast<uint64_t>(x.status),
        x.port,
        x.route_index,
        static_cast<uint64_t>(x.path_type),
        reinterpret_cast<uintptr_t>(x.destination),
        x.destination_len,
        reinterpret_cast<uintptr_t>(x.cluster),
        x.cluster_len,
        reinterpret_cast<uintptr_t>(x.service),
        x.service_len,
        reinterpret_cast<uintptr_t>(x.service_namespace),
        x.service_namespace_len,
        reinterpret_cast<uintptr_t>(x.ingress_name),
        x.ingress_name_len,
        reinterpret_cast<uintptr_t>(x.ingress_namespace),
        x.ingress_namespace_len,
        reinterpret_cast<uintptr_t>(x.path),
        x.path_len,
        reinterpret_cast<uintptr_t>(x.virtual_host),
        x.virtual_host_len};
  };
  EXPECT_EQ(fields(m), fields(macro));
}

TEST(CapiInitTest, InitRefusesNullAndUnknownVersionsAndWritesNothing) {
  ingresskit_match_t m;
  FillSentinel(m);
  EXPECT_EQ(ingresskit_match_init(&m, 0), INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_match_init(&m, INGRESSKIT_MATCH_VERSION + 1),
            INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(m, 0));
  EXPECT_EQ(ingresskit_match_init(nullptr, 1), INGRESSKIT_EINVAL);

  ingresskit_options_t o;
  FillSentinel(o);
  EXPECT_EQ(ingresskit_options_init(&o, INGRESSKIT_OPTIONS_VERSION + 1),
            INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(o));
  EXPECT_EQ(ingresskit_options_init(nullptr, 1), INGRESSKIT_EINVAL);
}

// ---- A failed call writes none of its outputs ---------------------------

TEST(CapiFailureTest, CompileLeavesOutAloneOnAParseError) {
  auto* sentinel = reinterpret_cast<ingresskit_table_t*>(0x1);
  ingresskit_table_t* table = sentinel;
  EXPECT_EQ(ingresskit_table_compile("{", 1, nullptr, &table, nullptr),
            INGRESSKIT_EPARSE);
  EXPECT_EQ(table, sentinel);
}

TEST_F(CapiContractTest, DiagnosticLeavesOutAloneForAnIndexPastTheEnd) {
  ingresskit_diagnostic_t d;
  FillSentinel(d);
  EXPECT_EQ(ingresskit_table_diagnostic(
                table_, ingresskit_table_diagnostic_count(table_), &d, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(d));
}

TEST_F(CapiContractTest, MatchLeavesOutAloneOnBadArguments) {
  ingresskit_match_t m;
  FillSentinelMatch(m);
  EXPECT_EQ(ingresskit_table_match(table_, nullptr, 3, "/", 1, &m, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(m));
}

TEST_F(CapiContractTest, BatchIsAllOrNothingForABadRequest) {
  const ingresskit_request_t requests[] = {
      {"httpbin.example.com", 19, "/status", 7},
      {"httpbin.example.com", 19, "/status/1", 9},
      {nullptr, 4, "/status", 7},  // Invalid: NULL with a length.
  };
  ingresskit_match_t out[3];
  for (ingresskit_match_t& m : out) FillSentinelMatch(m);
  EXPECT_EQ(ingresskit_table_match_batch(table_, requests, 3, out, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("requests[2]"));
  for (const ingresskit_match_t& m : out) EXPECT_TRUE(Untouched(m));
}

TEST_F(CapiContractTest, BatchIsAllOrNothingForABadOutVersion) {
  const ingresskit_request_t requests[] = {
      {"httpbin.example.com", 19, "/status", 7},
      {"httpbin.example.com", 19, "/status/1", 9},
  };
  ingresskit_match_t out[2];
  for (ingresskit_match_t& m : out) FillSentinelMatch(m);
  out[1].version = 0;
  EXPECT_EQ(ingresskit_table_match_batch(table_, requests, 2, out, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("out[1]: ingresskit_match_t.version 0"));
  EXPECT_TRUE(Untouched(out[0]));
}

TEST_F(CapiContractTest, RouteBatchGivesWhatOneRouteAtATimeGives) {
  const uint64_t ids[] = {0, 0};
  ingresskit_match_t full[2] = {INGRESSKIT_MATCH_INIT, INGRESSKIT_MATCH_INIT};
  ingresskit_target_t lean[2] = {INGRESSKIT_TARGET_INIT,
                                 INGRESSKIT_TARGET_INIT};
  ASSERT_EQ(ingresskit_table_route_batch(table_, ids, 2, full, lean, &err_),
            INGRESSKIT_OK)
      << err_.message;
  ingresskit_match_t one = INGRESSKIT_MATCH_INIT;
  ASSERT_EQ(ingresskit_table_route(table_, 0, &one, &err_), INGRESSKIT_OK);
  ingresskit_target_t target = INGRESSKIT_TARGET_INIT;
  ASSERT_EQ(ingresskit_table_target(table_, nullptr, 0, "httpbin.example.com",
                                    19, "/status/1", 9, &target, &err_),
            INGRESSKIT_OK);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(std::memcmp(&full[i], &one, sizeof(one)), 0) << i;
    EXPECT_EQ(lean[i].route_id, target.route_id);
    EXPECT_EQ(lean[i].cluster, target.cluster);
    EXPECT_EQ(lean[i].port, target.port);
    EXPECT_EQ(lean[i].endpoint_status, target.endpoint_status);
  }
  // Either array may be left out.
  EXPECT_EQ(ingresskit_table_route_batch(table_, ids, 2, nullptr, lean, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(ingresskit_table_route_batch(table_, ids, 2, full, nullptr, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(
      ingresskit_table_route_batch(table_, ids, 0, nullptr, nullptr, &err_),
      INGRESSKIT_OK);
}

TEST_F(CapiContractTest, RouteBatchIsAllOrNothing) {
  const uint64_t ids[] = {0, 1};  // kHttpbin has one route: id 1 is unknown.
  ingresskit_match_t full[2];
  ingresskit_target_t lean[2];
  for (ingresskit_match_t& m : full) FillSentinelMatch(m);
  for (ingresskit_target_t& t : lean) {
    FillSentinel(t);
    t.version = INGRESSKIT_TARGET_VERSION;
  }
  EXPECT_EQ(ingresskit_table_route_batch(table_, ids, 2, full, lean, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("route_ids[1]: no route has id 1"));
  lean[1].version = 0;
  const uint64_t good[] = {0, 0};
  EXPECT_EQ(ingresskit_table_route_batch(table_, good, 2, full, lean, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("targets[1]: ingresskit_target_t"));
  for (const ingresskit_match_t& m : full) EXPECT_TRUE(Untouched(m));
  EXPECT_TRUE(Untouched(lean[0], sizeof(lean[0].version)));
  EXPECT_EQ(
      ingresskit_table_route_batch(table_, good, 2, nullptr, nullptr, &err_),
      INGRESSKIT_EINVAL);
  EXPECT_EQ(
      ingresskit_table_route_batch(nullptr, good, 2, full, nullptr, &err_),
      INGRESSKIT_EINVAL);
}

TEST_F(CapiContractTest, BatchAnswersEveryRequestOnSuccess) {
  const ingresskit_request_t requests[] = {
      {"httpbin.example.com", 19, "/status", 7},
      {"httpbin.example.com", 19, "/headers", 8},
  };
  ingresskit_match_t out[2] = {INGRESSKIT_MATCH_INIT, INGRESSKIT_MATCH_INIT};
  ASSERT_EQ(ingresskit_table_match_batch(table_, requests, 2, out, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(out[0].matched, 1);
  EXPECT_EQ(out[0].port, 8000u);
  EXPECT_EQ(out[1].matched, 0);
  EXPECT_EQ(out[1].status, INGRESSKIT_MATCH_NO_ROUTE);
}

TEST_F(CapiContractTest, MatchIdGivesTheIdOfTheRouteItMatched) {
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  int64_t id = 99;
  ASSERT_EQ(ingresskit_table_match_id(table_, "httpbin.example.com", 19,
                                      "/status/200", 11, &m, &id, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(m.matched, 1);
  EXPECT_EQ(id, 0);
  ASSERT_EQ(ingresskit_table_match_id(table_, "httpbin.example.com", 19,
                                      "/headers", 8, &m, &id, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(m.status, INGRESSKIT_MATCH_NO_ROUTE);
  EXPECT_EQ(id, -1);
  // Bad arguments: nothing written.
  FillSentinelMatch(m);
  id = 99;
  EXPECT_EQ(
      ingresskit_table_match_id(table_, nullptr, 2, "/", 1, &m, &id, &err_),
      INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(m));
  EXPECT_EQ(id, 99);
  EXPECT_EQ(
      ingresskit_table_match_id(table_, "h", 1, "/", 1, &m, nullptr, &err_),
      INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(m));
}

TEST_F(CapiContractTest, RouteLeavesOutAloneForAnUnknownId) {
  ingresskit_match_t m;
  FillSentinelMatch(m);
  EXPECT_EQ(ingresskit_table_route(table_, 1000, &m, &err_), INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(m));
}

TEST_F(CapiContractTest, PackedLeavesRouteIdsAloneWhenLengthsDoNotAddUp) {
  constexpr char kData[] = "httpbin.example.com/statushttpbin.example.com/x";
  const size_t lengths[] = {19, 7, 19, 5};  // One byte too many in all.
  int64_t ids[2] = {42, 42};
  EXPECT_EQ(ingresskit_table_match_packed(table_, kData, sizeof(kData) - 2,
                                          lengths, 2, ids, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(ids[0], 42);
  EXPECT_EQ(ids[1], 42);
}

TEST_F(CapiContractTest, GenerateLeavesOutAloneForAnUnknownFormat) {
  char* out = reinterpret_cast<char*>(0x1);
  size_t out_len = 77;
  EXPECT_EQ(ingresskit_table_generate(table_, 99, &out, &out_len, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(out, reinterpret_cast<char*>(0x1));
  EXPECT_EQ(out_len, 77u);
}

TEST(CapiFailureTest, RouterNewLeavesOutAloneForBadOptions) {
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  options.semantics = 99;
  auto* sentinel = reinterpret_cast<ingresskit_router_t*>(0x1);
  ingresskit_router_t* router = sentinel;
  EXPECT_EQ(ingresskit_router_new(&options, &router, nullptr),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(router, sentinel);
}

TEST(CapiRouterTest, CommitReportsTheVersionItInstalledAndOnlyOnSuccess) {
  ingresskit_router_t* router = nullptr;
  ASSERT_EQ(ingresskit_router_new(nullptr, &router, nullptr), INGRESSKIT_OK);
  uint64_t version = 0;
  ASSERT_EQ(ingresskit_router_commit(router, kHttpbin, sizeof(kHttpbin) - 1,
                                     &version, nullptr),
            INGRESSKIT_OK);
  EXPECT_EQ(version, 1u);
  ASSERT_EQ(ingresskit_router_commit(router, kHttpbin, sizeof(kHttpbin) - 1,
                                     &version, nullptr),
            INGRESSKIT_OK);
  EXPECT_EQ(version, 2u);

  version = 42;
  ingresskit_error_t err{};
  EXPECT_EQ(ingresskit_router_commit(router, "{", 1, &version, &err),
            INGRESSKIT_EPARSE);
  EXPECT_EQ(version, 42u);
  EXPECT_EQ(ingresskit_router_version(router), 2u) << "last known good stays";
  ingresskit_router_free(router);
}

TEST(CapiRouterTest, MatchLeavesEveryOutputAloneOnBadArguments) {
  ingresskit_router_t* router = nullptr;
  ASSERT_EQ(ingresskit_router_new(nullptr, &router, nullptr), INGRESSKIT_OK);
  auto* sentinel = reinterpret_cast<ingresskit_table_t*>(0x1);
  ingresskit_table_t* table = sentinel;
  uint64_t version = 42;
  ingresskit_match_t m;
  FillSentinelMatch(m);
  EXPECT_EQ(ingresskit_router_match(router, nullptr, 1, "/", 1, &table,
                                    &version, &m, nullptr),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(table, sentinel);
  EXPECT_EQ(version, 42u);
  EXPECT_TRUE(Untouched(m));
  ingresskit_router_free(router);
}

TEST(CapiErrorTest, SuccessClearsTheErrorAndFailureFillsIt) {
  ingresskit_error_t err;
  std::memset(&err, 'x', sizeof(err));
  ingresskit_table_t* table = nullptr;
  ASSERT_EQ(ingresskit_table_compile(kHttpbin, sizeof(kHttpbin) - 1, nullptr,
                                     &table, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(err.code, INGRESSKIT_OK);
  EXPECT_STREQ(err.message, "");
  ingresskit_table_free(table);
}

// ---- Normalised paths ---------------------------------------------------

TEST_F(CapiContractTest, NormalizePathWritesThePathEnvoyForwards) {
  char buf[INGRESSKIT_NORMALIZED_PATH_MAX(22)];
  size_t len = 0;
  const std::string path = "/st%61tus/./x/../%7e?q=1";
  ASSERT_EQ(ingresskit_table_normalize_path(table_, path.data(), path.size(),
                                            buf, sizeof(buf), &len, &err_),
            INGRESSKIT_OK)
      << err_.message;
  EXPECT_EQ(std::string(buf, len), "/status/~");
}

TEST_F(CapiContractTest, NormalizePathRefusesWhatTheGatewayRefuses) {
  char buf[64];
  FillSentinel(buf);
  size_t len = 42;
  for (const std::string path : {"status", "/a%00", "/a\tb"}) {
    EXPECT_EQ(ingresskit_table_normalize_path(table_, path.data(), path.size(),
                                              buf, sizeof(buf), &len, &err_),
              INGRESSKIT_EBADPATH)
        << path;
  }
  EXPECT_THAT(err_.message, HasSubstr("invalid path"));
  EXPECT_EQ(len, 42u);
  EXPECT_TRUE(Untouched(buf));
}

TEST_F(CapiContractTest, NormalizePathSaysHowLargeABufferItNeeds) {
  char buf[8];
  FillSentinel(buf);
  size_t len = 42;
  const std::string path = "/caf\xc3\xa9/menu";  // 15 bytes once escaped.
  EXPECT_EQ(ingresskit_table_normalize_path(table_, path.data(), path.size(),
                                            buf, sizeof(buf), &len, &err_),
            INGRESSKIT_ERANGE);
  EXPECT_THAT(err_.message, HasSubstr("needs 15 bytes"));
  EXPECT_EQ(len, 42u);
  EXPECT_TRUE(Untouched(buf));
  EXPECT_STREQ(ingresskit_status_str(INGRESSKIT_ERANGE), "buffer too small");
}

// ---- Endpoints ------------------------------------------------------------

TEST(CapiEndpointsTest, ARoutesEndpointsAndTheirOutcome) {
  const std::string text = std::string(kHttpbin) + R"(---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: default}
spec: {ports: [{name: http, port: 8000}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: h1, namespace: default, labels: {kubernetes.io/service-name: httpbin}}
addressType: IPv6
endpoints: [{addresses: ["2001:db8::1"]}]
ports: [{name: http, port: 80}]
)";
  ingresskit_table_t* table = nullptr;
  ingresskit_error_t err{};
  ASSERT_EQ(
      ingresskit_table_compile(text.data(), text.size(), nullptr, &table, &err),
      INGRESSKIT_OK)
      << err.message;
  int32_t status = -1;
  size_t count = 0;
  ASSERT_EQ(ingresskit_table_route_endpoints(table, 0, &status, &count, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(status, INGRESSKIT_ENDPOINTS_READY);
  ASSERT_EQ(count, 1u);
  const char* data = nullptr;
  size_t len = 0;
  ASSERT_EQ(ingresskit_table_route_endpoint(table, 0, 0, &data, &len, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(std::string(data, len), "[2001:db8::1]:80");

  // Unknown ids and indexes are refused, outputs untouched.
  status = 42;
  EXPECT_EQ(ingresskit_table_route_endpoints(table, 7, &status, &count, &err),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(status, 42);
  EXPECT_EQ(ingresskit_table_route_endpoint(table, 0, 1, &data, &len, &err),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err.message, HasSubstr("index 1 is not below the count 1"));
  ingresskit_table_free(table);
}

TEST_F(CapiContractTest, WithoutEndpointDataTheOutcomeIsUnknown) {
  int32_t status = -1;
  size_t count = 7;
  ASSERT_EQ(ingresskit_table_route_endpoints(table_, 0, &status, &count, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(status, INGRESSKIT_ENDPOINTS_UNKNOWN);
  EXPECT_EQ(count, 0u);
}

// ---- TLS ------------------------------------------------------------------

TEST(CapiTlsTest, AServerNameGetsItsServerAndCertificate) {
  const std::string text =
      std::string(kHttpbin) +
      R"(  tls: [{hosts: [httpbin.example.com], secretName: httpbin-credential}]
---
apiVersion: v1
kind: Secret
metadata: {name: httpbin-credential, namespace: istio-system}
type: kubernetes.io/tls
stringData: {tls.crt: CERT, tls.key: KEY}
)";
  ingresskit_table_t* table = nullptr;
  ingresskit_error_t err{};
  ASSERT_EQ(
      ingresskit_table_compile(text.data(), text.size(), nullptr, &table, &err),
      INGRESSKIT_OK)
      << err.message;
  ingresskit_tls_t tls;
  ASSERT_EQ(ingresskit_tls_init(&tls, INGRESSKIT_TLS_VERSION), INGRESSKIT_OK);
  ASSERT_EQ(ingresskit_table_tls(table, "HTTPBIN.example.com", 19, &tls, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(tls.found, 1);
  EXPECT_EQ(tls.secret_found, 1);
  EXPECT_EQ(std::string(tls.server, tls.server_len),
            "https-443-ingress-ingress-default-0");
  EXPECT_EQ(std::string(tls.secret, tls.secret_len),
            "istio-system/httpbin-credential");
  EXPECT_EQ(std::string(tls.certificate, tls.certificate_len), "CERT");
  EXPECT_EQ(std::string(tls.private_key, tls.private_key_len), "KEY");

  ASSERT_EQ(ingresskit_table_tls(table, "other.org", 9, &tls, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(tls.found, 0);
  EXPECT_EQ(tls.private_key_len, 0u);

  tls.version = INGRESSKIT_TLS_VERSION + 1;
  EXPECT_EQ(ingresskit_table_tls(table, "", 0, &tls, &err), INGRESSKIT_EINVAL);
  EXPECT_THAT(err.message, HasSubstr("ingresskit_tls_t.version 2"));
  ingresskit_table_free(table);
}

// istio/istio#24385 through the C ABI: `old` owns host a.com's
// VirtualService; `new` adds a path and the HTTPS server for a.com.
constexpr char kTwoIngressesOneHost[] = R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: old, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z",
  annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.com
    http: {paths: [{path: /old, pathType: Prefix, backend: {service: {name: old, port: {number: 80}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: new, namespace: default, creationTimestamp: "2024-06-01T00:00:00Z",
  annotations: {kubernetes.io/ingress.class: istio}}
spec:
  tls: [{hosts: [a.com], secretName: a-cert}]
  rules:
  - host: a.com
    http: {paths: [{path: /new, pathType: Prefix, backend: {service: {name: new, port: {number: 80}}}}]}
  - host: b.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}
)";

class CapiTlsMatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(ingresskit_table_compile(kTwoIngressesOneHost,
                                       sizeof(kTwoIngressesOneHost) - 1,
                                       nullptr, &table_, &err_),
              INGRESSKIT_OK)
        << err_.message;
    ingresskit_match_init(&m_, INGRESSKIT_MATCH_VERSION);
  }
  void TearDown() override { ingresskit_table_free(table_); }
  int MatchTls(std::string_view sni, std::string_view host,
               std::string_view path) {
    return ingresskit_table_match_tls(table_, sni.data(), sni.size(),
                                      host.data(), host.size(), path.data(),
                                      path.size(), &m_, &id_, &err_);
  }
  std::string Service() const {
    return std::string(m_.service, m_.service_len);
  }

  ingresskit_table_t* table_ = nullptr;
  ingresskit_error_t err_{};
  ingresskit_match_t m_;
  int64_t id_ = 99;
};

TEST_F(CapiTlsMatchTest, HttpsAnswersAsTheServersRouteConfiguration) {
  // Plain HTTP routes both paths; HTTPS on a.com's server routes neither
  // (the host's VirtualService is bound to old's Gateway), and b.com,
  // new's own host, is not in that server's configuration either.
  ingresskit_match_t http = INGRESSKIT_MATCH_INIT;
  ASSERT_EQ(ingresskit_table_match(table_, "a.com", 5, "/new", 4, &http, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(http.matched, 1);
  ASSERT_EQ(MatchTls("a.com", "a.com", "/new"), INGRESSKIT_OK);
  EXPECT_EQ(m_.matched, 0);
  EXPECT_EQ(m_.status, INGRESSKIT_MATCH_NO_ROUTE);
  EXPECT_EQ(id_, -1);
  ASSERT_EQ(MatchTls("b.com", "b.com", "/"), INGRESSKIT_OK);
  EXPECT_EQ(m_.status, INGRESSKIT_MATCH_NO_TLS_SERVER);
  EXPECT_EQ(m_.matched, 0);
  EXPECT_EQ(id_, -1);
}

TEST_F(CapiTlsMatchTest, AMatchGivesTheRouteIdOfThatRoute) {
  const std::string text = std::string(kHttpbin) +
                           "  tls: [{hosts: [httpbin.example.com], "
                           "secretName: c}]\n";
  ingresskit_table_free(table_);
  ASSERT_EQ(ingresskit_table_compile(text.data(), text.size(), nullptr, &table_,
                                     &err_),
            INGRESSKIT_OK);
  ASSERT_EQ(
      MatchTls("httpbin.example.com", "httpbin.example.com:443", "/status/200"),
      INGRESSKIT_OK);
  ASSERT_EQ(m_.matched, 1);
  EXPECT_EQ(Service(), "httpbin");
  ASSERT_EQ(id_, 0);
  ingresskit_match_t by_id = INGRESSKIT_MATCH_INIT;
  ASSERT_EQ(ingresskit_table_route(table_, 0, &by_id, &err_), INGRESSKIT_OK);
  EXPECT_EQ(by_id.cluster, m_.cluster);
  // route_id may be NULL.
  EXPECT_EQ(ingresskit_table_match_tls(table_, "httpbin.example.com", 19,
                                       "httpbin.example.com", 19, "/status", 7,
                                       &m_, nullptr, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(m_.matched, 1);
}

TEST_F(CapiTlsMatchTest, BadArgumentsWriteNothing) {
  FillSentinelMatch(m_);
  id_ = 99;
  EXPECT_EQ(ingresskit_table_match_tls(table_, nullptr, 3, "a.com", 5, "/", 1,
                                       &m_, &id_, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("server_name, host or path is NULL"));
  EXPECT_TRUE(Untouched(m_));
  EXPECT_EQ(id_, 99);
  m_.version = INGRESSKIT_MATCH_VERSION + 1;
  EXPECT_EQ(ingresskit_table_match_tls(table_, "a.com", 5, "a.com", 5, "/", 1,
                                       &m_, &id_, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("ingresskit_match_t.version 2"));
  EXPECT_EQ(id_, 99);
  EXPECT_EQ(ingresskit_table_match_tls(nullptr, "a.com", 5, "a.com", 5, "/", 1,
                                       &m_, &id_, &err_),
            INGRESSKIT_EINVAL);
}

// ---- The lean answer -------------------------------------------------------

class CapiTargetTest : public CapiTlsMatchTest {
 protected:
  int Target(const char* sni, std::string_view host, std::string_view path) {
    return ingresskit_table_target(table_, sni, sni ? std::strlen(sni) : 0,
                                   host.data(), host.size(), path.data(),
                                   path.size(), &t_, &err_);
  }
  ingresskit_target_t t_ = INGRESSKIT_TARGET_INIT;
};

TEST_F(CapiTargetTest, DecidesAsTheFullMatchOverHttpAndTls) {
  const std::pair<const char*, const char*> requests[] = {
      {"a.com", "/new"}, {"A.com:80", "/old/x?q"}, {"b.com", "/"},
      {"c.com", "/"},    {"a.com", "no-slash"},    {"a com", "/"},
      {"b.com", "/%00"}};
  for (const char* sni :
       {static_cast<const char*>(nullptr), "a.com", "b.com", ""}) {
    for (auto [host, path] : requests) {
      SCOPED_TRACE(std::string(sni ? sni : "(http)") + " " + host + path);
      ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
      int64_t id = 99;
      ASSERT_EQ(
          sni == nullptr
              ? ingresskit_table_match_id(table_, host, strlen(host), path,
                                          strlen(path), &m, &id, &err_)
              : ingresskit_table_match_tls(table_, sni, strlen(sni), host,
                                           strlen(host), path, strlen(path), &m,
                                           &id, &err_),
          INGRESSKIT_OK);
      ASSERT_EQ(Target(sni, host, path), INGRESSKIT_OK) << err_.message;
      EXPECT_EQ(t_.version, INGRESSKIT_TARGET_VERSION);
      EXPECT_EQ(t_.status, m.status);
      EXPECT_EQ(t_.route_id, id);
      EXPECT_EQ(t_.port, m.port);
      EXPECT_EQ(std::string_view(t_.cluster ? t_.cluster : "", t_.cluster_len),
                std::string_view(m.cluster ? m.cluster : "", m.cluster_len));
      EXPECT_EQ(std::string_view(t_.destination ? t_.destination : "",
                                 t_.destination_len),
                std::string_view(m.destination ? m.destination : "",
                                 m.destination_len));
      if (m.matched) {
        int32_t status = -1;
        size_t count = 99;
        ASSERT_EQ(
            ingresskit_table_route_endpoints(table_, static_cast<uint64_t>(id),
                                             &status, &count, &err_),
            INGRESSKIT_OK);
        EXPECT_EQ(t_.endpoint_status, status);
        EXPECT_EQ(t_.endpoint_count, count);
      }
    }
  }
}

TEST_F(CapiTargetTest, AnUnmatchedRequestClearsWhatAMatchWrote) {
  ASSERT_EQ(Target(nullptr, "a.com", "/new"), INGRESSKIT_OK);
  ASSERT_EQ(t_.status, INGRESSKIT_MATCH_MATCHED);
  ASSERT_EQ(Target(nullptr, "c.com", "/"), INGRESSKIT_OK);
  EXPECT_EQ(t_.status, INGRESSKIT_MATCH_NO_ROUTE);
  EXPECT_EQ(t_.route_id, -1);
  EXPECT_EQ(t_.cluster, nullptr);
  EXPECT_EQ(t_.destination_len, 0u);
  EXPECT_EQ(t_.port, 0u);
  EXPECT_EQ(t_.endpoint_count, 0u);
}

TEST_F(CapiTargetTest, BadArgumentsWriteNothing) {
  FillSentinel(t_);
  t_.version = INGRESSKIT_TARGET_VERSION;
  EXPECT_EQ(ingresskit_table_target(table_, nullptr, 0, nullptr, 3, "/", 1, &t_,
                                    &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("host or path is NULL"));
  EXPECT_TRUE(Untouched(t_, sizeof(t_.version)));
  EXPECT_EQ(ingresskit_table_target(nullptr, nullptr, 0, "a.com", 5, "/", 1,
                                    &t_, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_table_target(table_, nullptr, 0, "a.com", 5, "/", 1,
                                    nullptr, &err_),
            INGRESSKIT_EINVAL);
  t_.version = INGRESSKIT_TARGET_VERSION + 1;
  EXPECT_EQ(ingresskit_table_target(table_, nullptr, 0, "a.com", 5, "/", 1, &t_,
                                    &err_),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err_.message, HasSubstr("ingresskit_target_t.version 2"));
  EXPECT_TRUE(Untouched(t_, sizeof(t_.version)));
  EXPECT_EQ(ingresskit_target_init(&t_, 0), INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_target_init(nullptr, 1), INGRESSKIT_EINVAL);
  EXPECT_TRUE(Untouched(t_, sizeof(t_.version)));
}

TEST(StructVersionsTest, WriteFieldsWritesOnlyTheCallersVersion) {
  struct V2 {
    ingresskit_target_t v1;
    uint64_t appended;
  };
  constexpr ingresskit::capi::StructVersions<2> kVersions{
      "ingresskit_target_t",
      {INGRESSKIT_BYTES_THROUGH(V2, v1.destination_len),
       INGRESSKIT_BYTES_THROUGH(V2, appended)}};
  auto fill = [](V2& o) {
    o.v1.port = 443;
    o.appended = 7;
  };
  struct {
    ingresskit_target_t target = INGRESSKIT_TARGET_INIT;
    unsigned char guard[16];
  } v1_caller;
  std::memset(v1_caller.guard, 0xAB, sizeof(v1_caller.guard));
  ingresskit::capi::WriteFields(reinterpret_cast<V2*>(&v1_caller.target),
                                kVersions.Bytes(1), fill);
  EXPECT_EQ(v1_caller.target.version, 1u);
  EXPECT_EQ(v1_caller.target.port, 443u);
  for (unsigned char byte : v1_caller.guard) ASSERT_EQ(byte, 0xAB);
  V2 v2_caller{};
  v2_caller.v1.version = 2;
  ingresskit::capi::WriteFields(&v2_caller, kVersions.Bytes(2), fill);
  EXPECT_EQ(v2_caller.v1.version, 2u);
  EXPECT_EQ(v2_caller.appended, 7u);
}

// ---- Explain ----------------------------------------------------------------

TEST_F(CapiContractTest, ExplainIsJsonWithTheMatchsDecision) {
  char* out = nullptr;
  size_t len = 0;
  ASSERT_EQ(ingresskit_table_explain(table_, "httpbin.example.com", 19,
                                     "/status/418", 11, &out, &len, &err_),
            INGRESSKIT_OK)
      << err_.message;
  const std::string json(out, len);
  EXPECT_EQ(out[len], '\0');
  ingresskit_free(out);
  EXPECT_THAT(json, HasSubstr("\"winner\":{\"order\":0,"));
  EXPECT_THAT(json, HasSubstr("\"decision\":{\"status\":200,"
                              "\"destination\":\"httpbin.default.svc."
                              "cluster.local\",\"port\":8000"));
}

TEST_F(CapiContractTest, ExplainWritesNothingOnBadArguments) {
  char* out = reinterpret_cast<char*>(0x1);
  size_t len = 77;
  EXPECT_EQ(
      ingresskit_table_explain(table_, nullptr, 3, "/", 1, &out, &len, &err_),
      INGRESSKIT_EINVAL);
  EXPECT_EQ(
      ingresskit_table_explain(nullptr, "a", 1, "/", 1, &out, &len, &err_),
      INGRESSKIT_EINVAL);
  EXPECT_EQ(
      ingresskit_table_explain(table_, "a", 1, "/", 1, nullptr, &len, &err_),
      INGRESSKIT_EINVAL);
  EXPECT_EQ(out, reinterpret_cast<char*>(0x1));
  EXPECT_EQ(len, 77u);
}

// ---- Lint, diff, route tests -----------------------------------------------

std::string TakeJson(char* out, size_t len) {
  std::string json(out, len);
  EXPECT_EQ(out[len], '\0');
  ingresskit_free(out);
  return json;
}

TEST_F(CapiContractTest, LintFindsWhatTheCliFinds) {
  constexpr char kDuplicate[] = R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a, namespace: default, annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: foo.com
    http:
      paths:
      - {path: /docs, pathType: Prefix, backend: {service: {name: docs, port: {number: 80}}}}
      - {path: /docs/, pathType: Prefix, backend: {service: {name: docs2, port: {number: 80}}}}
)";
  const ingresskit_source_t source = {"a.yaml", 6, kDuplicate,
                                      sizeof(kDuplicate) - 1};
  char* out = nullptr;
  size_t len = 0;
  ASSERT_EQ(ingresskit_lint(&source, 1, nullptr, &out, &len, &err_),
            INGRESSKIT_OK)
      << err_.message;
  const std::string json = TakeJson(out, len);
  EXPECT_THAT(json, HasSubstr("{\"code\":\"duplicate-route\",\"severity\":"
                              "\"warning\",\"object\":\"Ingress default/a\","
                              "\"field\":\"spec.rules[0].http.paths[0].path\","
                              "\"line\":10,\"source\":\"a.yaml\""));
  // No findings is an empty array.
  const ingresskit_source_t clean = {"h.yaml", 6, kHttpbin,
                                     sizeof(kHttpbin) - 1};
  ASSERT_EQ(ingresskit_lint(&clean, 1, nullptr, &out, &len, &err_),
            INGRESSKIT_OK);
  EXPECT_EQ(TakeJson(out, len), "[]");
}

TEST_F(CapiContractTest, LintOfInputThatDoesNotParseFailsAndWritesNothing) {
  const ingresskit_source_t bad = {"bad.yaml", 8, "kind: [", 7};
  char* out = reinterpret_cast<char*>(0x1);
  size_t len = 77;
  EXPECT_EQ(ingresskit_lint(&bad, 1, nullptr, &out, &len, &err_),
            INGRESSKIT_EPARSE);
  EXPECT_THAT(err_.message, HasSubstr("bad.yaml:"));
  EXPECT_EQ(ingresskit_lint(nullptr, 1, nullptr, &out, &len, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_lint(&bad, 1, nullptr, nullptr, &len, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(out, reinterpret_cast<char*>(0x1));
  EXPECT_EQ(len, 77u);
}

TEST_F(CapiContractTest, DiffListsChangedRequests) {
  ingresskit_table_t* empty = nullptr;
  ASSERT_EQ(ingresskit_table_compile("", 0, nullptr, &empty, &err_),
            INGRESSKIT_OK);
  char* out = nullptr;
  size_t len = 0;
  ASSERT_EQ(ingresskit_diff(table_, empty, 0, &out, &len, &err_), INGRESSKIT_OK)
      << err_.message;
  const std::string json = TakeJson(out, len);
  EXPECT_THAT(json, HasSubstr("\"complete\":true"));
  EXPECT_THAT(json, HasSubstr("\"kind\":\"now_404\",\"host\":\"httpbin."
                              "example.com\",\"path\":\"/status\""));
  ASSERT_EQ(
      ingresskit_diff(table_, table_, INGRESSKIT_DIFF_ALL, &out, &len, &err_),
      INGRESSKIT_OK);
  EXPECT_THAT(TakeJson(out, len), HasSubstr("\"changed\":0"));
  // Bad arguments: nothing written.
  out = reinterpret_cast<char*>(0x1);
  len = 77;
  EXPECT_EQ(ingresskit_diff(table_, empty, 4, &out, &len, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_diff(nullptr, empty, 0, &out, &len, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_diff(table_, empty, 0, &out, nullptr, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(out, reinterpret_cast<char*>(0x1));
  EXPECT_EQ(len, 77u);
  ingresskit_table_free(empty);
}

TEST_F(CapiContractTest, RouteTestsReportResultsAndCoverage) {
  constexpr char kTests[] = R"(tests:
- {name: status, host: httpbin.example.com, path: /status/200,
   expect: {destination: httpbin.default.svc.cluster.local, port: 8000}}
- {name: headers, host: httpbin.example.com, path: /headers,
   expect: {status: 200}}
)";
  char* out = nullptr;
  size_t len = 0;
  ASSERT_EQ(ingresskit_table_test(table_, kTests, sizeof(kTests) - 1, &out,
                                  &len, &err_),
            INGRESSKIT_OK)
      << err_.message;
  const std::string json = TakeJson(out, len);
  EXPECT_THAT(json, HasSubstr("\"summary\":{\"total\":2,\"passed\":1,"
                              "\"failed\":1}"));
  EXPECT_THAT(json, HasSubstr("\"coverage\":{\"routes\":1,\"covered\":1,"));
  // A malformed file names the test and field; nothing written.
  out = reinterpret_cast<char*>(0x1);
  len = 77;
  EXPECT_EQ(ingresskit_table_test(table_, "tests: [{host: a}]", 18, &out, &len,
                                  &err_),
            INGRESSKIT_EVALIDATION);
  EXPECT_THAT(err_.message, HasSubstr("tests[0].path"));
  EXPECT_EQ(ingresskit_table_test(nullptr, "", 0, &out, &len, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(ingresskit_table_test(table_, nullptr, 3, &out, &len, &err_),
            INGRESSKIT_EINVAL);
  EXPECT_EQ(out, reinterpret_cast<char*>(0x1));
  EXPECT_EQ(len, 77u);
}

// ---- Gateway API
// --------------------------------------------------------------

TEST(CapiGatewayApiTest, AnUnresolvedBackendHasItsOwnStatus) {
  constexpr char kRoutes[] = R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: web, port: 9999}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
)";
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  options.semantics = INGRESSKIT_SEMANTICS_GATEWAY_API;
  ingresskit_table_t* table = nullptr;
  ingresskit_error_t err = {};
  ASSERT_EQ(ingresskit_table_compile(kRoutes, sizeof(kRoutes) - 1, &options,
                                     &table, &err),
            INGRESSKIT_OK)
      << err.message;
  ingresskit_match_t m = INGRESSKIT_MATCH_INIT;
  ASSERT_EQ(ingresskit_table_match(table, "a.com", 5, "/", 1, &m, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(m.status, INGRESSKIT_MATCH_BACKEND_UNRESOLVED);
  EXPECT_EQ(m.matched, 0);
  ingresskit_target_t t = INGRESSKIT_TARGET_INIT;
  ASSERT_EQ(
      ingresskit_table_target(table, nullptr, 0, "a.com", 5, "/", 1, &t, &err),
      INGRESSKIT_OK);
  EXPECT_EQ(t.status, INGRESSKIT_MATCH_BACKEND_UNRESOLVED);
  EXPECT_EQ(t.route_id, -1);
  ingresskit_table_free(table);
  options.semantics = 3;  // Past the last semantics.
  EXPECT_EQ(ingresskit_table_compile(kRoutes, sizeof(kRoutes) - 1, &options,
                                     &table, &err),
            INGRESSKIT_EINVAL);
}

// ---- Named sources --------------------------------------------------------

TEST(CapiSourcesTest, ACompiledSetOfFilesNamesTheFileOfEachDiagnostic) {
  const std::string good = kHttpbin;
  std::string bad = kHttpbin;
  bad.replace(bad.find("name: ingress"), 13, "name: other");
  bad.replace(bad.find("httpbin.example.com"), 19, "Bad.example.com");
  const ingresskit_source_t sources[] = {
      {"good.yaml", 9, good.data(), good.size()},
      {"bad.yaml", 8, bad.data(), bad.size()}};
  ingresskit_table_t* table = nullptr;
  ingresskit_error_t err{};
  ASSERT_EQ(ingresskit_table_compile_sources(sources, 2, nullptr, &table, &err),
            INGRESSKIT_OK)
      << err.message;
  ASSERT_EQ(ingresskit_table_diagnostic_count(table), 1u);
  const char* name = nullptr;
  size_t len = 0;
  ASSERT_EQ(ingresskit_table_diagnostic_source(table, 0, &name, &len, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(std::string(name, len), "bad.yaml");
  EXPECT_EQ(ingresskit_table_diagnostic_source(table, 1, &name, &len, &err),
            INGRESSKIT_EINVAL);
  ingresskit_table_free(table);

  // Strict: the failure says where, compiler style.
  ingresskit_options_t strict = INGRESSKIT_OPTIONS_INIT;
  strict.strict = 1;
  table = nullptr;
  EXPECT_EQ(ingresskit_table_compile_sources(sources, 2, &strict, &table, &err),
            INGRESSKIT_EVALIDATION);
  EXPECT_EQ(table, nullptr);
  EXPECT_THAT(err.message, HasSubstr("bad.yaml:7: error: Ingress default/other "
                                     "spec.rules[0].host: "));
}

TEST(CapiSourcesTest, ARouterUpdateFromFilesKeepsTheLastGoodTableOnFailure) {
  ingresskit_router_t* router = nullptr;
  ASSERT_EQ(ingresskit_router_new(nullptr, &router, nullptr), INGRESSKIT_OK);
  const ingresskit_source_t good[] = {
      {"a.yaml", 6, kHttpbin, sizeof(kHttpbin) - 1}};
  uint64_t version = 0;
  ingresskit_error_t err{};
  ASSERT_EQ(ingresskit_router_update_sources(router, good, 1, &version, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(version, 1u);
  const ingresskit_source_t broken[] = {
      {"a.yaml", 6, kHttpbin, sizeof(kHttpbin) - 1},
      {"b.yaml", 6, "kind: [", 7}};
  version = 42;
  EXPECT_EQ(ingresskit_router_update_sources(router, broken, 2, &version, &err),
            INGRESSKIT_EPARSE);
  EXPECT_THAT(err.message, HasSubstr("b.yaml:2: error: malformed YAML"));
  EXPECT_EQ(version, 42u);
  EXPECT_EQ(ingresskit_router_version(router), 1u);
  ingresskit_router_free(router);
}

TEST(CapiSourcesTest, BadSourcesAreRefusedByIndexAndWriteNothing) {
  ingresskit_table_t* table = reinterpret_cast<ingresskit_table_t*>(0x1);
  const ingresskit_source_t sources[] = {{"a.yaml", 6, kHttpbin, 3},
                                         {nullptr, 3, "x", 1}};
  ingresskit_error_t err{};
  EXPECT_EQ(ingresskit_table_compile_sources(sources, 2, nullptr, &table, &err),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err.message, HasSubstr("sources[1]"));
  EXPECT_EQ(table, reinterpret_cast<ingresskit_table_t*>(0x1));
  EXPECT_EQ(ingresskit_table_compile_sources(nullptr, 1, nullptr, &table, &err),
            INGRESSKIT_EINVAL);
  // No sources at all is an empty configuration, as empty text is.
  table = nullptr;
  ASSERT_EQ(ingresskit_table_compile_sources(nullptr, 0, nullptr, &table, &err),
            INGRESSKIT_OK);
  EXPECT_EQ(ingresskit_table_route_count(table), 0u);
  ingresskit_table_free(table);
}

// ---- Options by name --------------------------------------------------

TEST(CapiOptionsTest, EveryCompileOptionCanBeSetByName) {
  const ingresskit::CompileOptions defaults;
  for (const ingresskit::OptionSpec& spec : ingresskit::CompileOptionSpecs()) {
    ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
    const std::string value = *ingresskit::GetOption(defaults, spec.name);
    ingresskit_error_t err{};
    EXPECT_EQ(
        ingresskit_options_set(&options, spec.name.data(), spec.name.size(),
                               value.data(), value.size(), &err),
        INGRESSKIT_OK)
        << spec.name << ": " << err.message;
  }
}

TEST(CapiOptionsTest, SetWritesTheFieldOfThatName) {
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  const std::string mode = "OFF", cls = "nginx", routes = "12";
  ASSERT_EQ(ingresskit_options_set(&options, "controller_mode", 15, mode.data(),
                                   mode.size(), nullptr),
            INGRESSKIT_OK);
  ASSERT_EQ(ingresskit_options_set(&options, "ingress_class", 13, cls.data(),
                                   cls.size(), nullptr),
            INGRESSKIT_OK);
  ASSERT_EQ(ingresskit_options_set(&options, "max_routes", 10, routes.data(),
                                   routes.size(), nullptr),
            INGRESSKIT_OK);
  EXPECT_EQ(options.controller_mode, INGRESSKIT_CONTROLLER_OFF);
  EXPECT_EQ(options.ingress_class, cls.data()) << "points at the caller's";
  EXPECT_EQ(options.ingress_class_len, 5u);
  EXPECT_EQ(options.max_routes, 12u);
}

TEST(CapiOptionsTest, SetRefusesUnknownNamesAndBadValuesByName) {
  ingresskit_options_t options;
  FillSentinel(options);
  options.version = INGRESSKIT_OPTIONS_VERSION;
  ingresskit_error_t err{};
  EXPECT_EQ(ingresskit_options_set(&options, "colour", 6, "blue", 4, &err),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err.message, HasSubstr("unknown option \"colour\""));
  EXPECT_EQ(ingresskit_options_set(&options, "semantics", 9, "envoy", 5, &err),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err.message, HasSubstr("option semantics: unknown value"));
  EXPECT_EQ(ingresskit_options_set(&options, "max_routes", 10, "-1", 2, &err),
            INGRESSKIT_EINVAL);
  EXPECT_THAT(err.message, HasSubstr("option max_routes"));
  EXPECT_TRUE(Untouched(options, sizeof(options.version)));
}

}  // namespace
