// The C header compiles as C++ too, and its INIT macros initialise there.
#include "gtest/gtest.h"
#include "ingresskit/c.h"

namespace {

TEST(CapiCxxTest, HeaderAndInitMacrosWorkInCxx) {
  ingresskit_options_t options = INGRESSKIT_OPTIONS_INIT;
  ingresskit_match_t match = INGRESSKIT_MATCH_INIT;
  EXPECT_EQ(options.version, static_cast<uint32_t>(INGRESSKIT_OPTIONS_VERSION));
  EXPECT_EQ(options.controller_mode, INGRESSKIT_CONTROLLER_STRICT);
  EXPECT_EQ(match.version, static_cast<uint32_t>(INGRESSKIT_MATCH_VERSION));
  EXPECT_EQ(match.status, INGRESSKIT_MATCH_NO_ROUTE);
  EXPECT_EQ(ingresskit_abi_version(), INGRESSKIT_ABI_VERSION);
}

}  // namespace
