// Symbol visibility for the C++ API. The library is built with hidden
// visibility; only declarations marked INGRESSKIT_EXPORT are exported.
#ifndef INGRESSKIT_EXPORT_H_
#define INGRESSKIT_EXPORT_H_

#if defined(__GNUC__) || defined(__clang__)
#define INGRESSKIT_EXPORT __attribute__((visibility("default")))
#else
#define INGRESSKIT_EXPORT
#endif

#endif  // INGRESSKIT_EXPORT_H_
