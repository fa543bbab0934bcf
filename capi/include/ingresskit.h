/*
 * ingresskit C ABI: the only binary-stable interface of ingresskit.
 *
 * Conventions (DESIGN §7), binding on every function declared here:
 *  - Names: functions and types are prefixed `ingresskit_`, macros and enum
 *    constants `INGRESSKIT_`.
 *  - Strings go in and out as (pointer, length) and need no NUL terminator,
 *    unless a function says otherwise.
 *  - Fallible calls return int: 0 (INGRESSKIT_OK) or a negative code that is
 *    never renumbered. No C++ exception ever crosses this boundary.
 *  - Each function states who owns what it returns and whether it may be
 *    called concurrently.
 *
 * Versioning: INGRESSKIT_VERSION_* describe the headers you compiled
 * against; ingresskit_version() and ingresskit_abi_version() describe the
 * library loaded at run time. The shared library's SOVERSION equals the ABI
 * version; functions are only ever added within one ABI version.
 */
#ifndef INGRESSKIT_C_H_
#define INGRESSKIT_C_H_

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define INGRESSKIT_API __attribute__((visibility("default")))
#else
#define INGRESSKIT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The release these headers belong to (semantic versioning). CMake reads
 * the project version from these three lines. */
#define INGRESSKIT_VERSION_MAJOR 0
#define INGRESSKIT_VERSION_MINOR 1
#define INGRESSKIT_VERSION_PATCH 0

/* The ABI these headers describe; also the shared library's SOVERSION. */
#define INGRESSKIT_ABI_VERSION 1

/* The loaded library's version, "MAJOR.MINOR.PATCH". Static storage: never
 * free it. Thread-safe. */
INGRESSKIT_API const char* ingresskit_version(void);

/* The loaded library's ABI version, to compare with INGRESSKIT_ABI_VERSION
 * before using anything else. Thread-safe. */
INGRESSKIT_API int ingresskit_abi_version(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* INGRESSKIT_C_H_ */
