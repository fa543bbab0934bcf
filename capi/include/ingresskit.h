/* Forwarding header: the C ABI is <ingresskit/c.h>. Kept so that programs
 * written against ingresskit 0.1's <ingresskit.h> still compile; new code
 * includes <ingresskit/c.h>, which does not share a name with the C++
 * umbrella header <ingresskit/ingresskit.h>. */
#ifndef INGRESSKIT_H_FORWARD_
#define INGRESSKIT_H_FORWARD_
#include "ingresskit/c.h"
#endif /* INGRESSKIT_H_FORWARD_ */
