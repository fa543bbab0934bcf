// The version entry points of the C ABI. CMake takes the project version
// from capi/include/ingresskit/c.h, so the two cannot disagree.
#include "ingresskit/version.h"

#include "ingresskit/c.h"

extern "C" {

const char* ingresskit_version(void) noexcept {
  return INGRESSKIT_VERSION_STRING;
}

int ingresskit_abi_version(void) noexcept { return INGRESSKIT_ABI_VERSION; }

}  // extern "C"
