/* The C header compiles as strict C99 on its own and the version entry
 * points agree with its macros. */
#include <stdio.h>
#include <string.h>

#include "ingresskit.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static int failures = 0;

static void check(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

int main(void) {
  const char* expected = STR(INGRESSKIT_VERSION_MAJOR) "." STR(
      INGRESSKIT_VERSION_MINOR) "." STR(INGRESSKIT_VERSION_PATCH);
  check(ingresskit_version() != NULL, "ingresskit_version() is not NULL");
  check(strcmp(ingresskit_version(), expected) == 0,
        "ingresskit_version() matches the header's version macros");
  check(ingresskit_abi_version() == INGRESSKIT_ABI_VERSION,
        "ingresskit_abi_version() matches INGRESSKIT_ABI_VERSION");
  check(ingresskit_abi_version() == 1, "the ABI version is 1");
  printf("%d passed, %d failed\n", 4 - failures, failures);
  return failures == 0 ? 0 : 1;
}
