/* Built with only `pkg-config --cflags --libs ingresskit`. */
#include <ingresskit.h>
#include <stdio.h>

int main(void) {
  printf("pkg-config consumer: ingresskit %s\n", ingresskit_version());
  return ingresskit_abi_version() == INGRESSKIT_ABI_VERSION ? 0 : 1;
}
