// libr3's path tree behind a plain C interface: r3.h declares a member
// with its type's name, which C++ rejects, so only C includes it.
#ifndef INGRESSKIT_BENCH_R3_PATHS_H_
#define INGRESSKIT_BENCH_R3_PATHS_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r3_paths r3_paths;

r3_paths* r3_paths_create(void);
// Adds a literal path answered with `data`; 0 on success.
int r3_paths_add(r3_paths* paths, const char* path, int length, void* data);
// Call once, after the last add; 0 on success.
int r3_paths_compile(r3_paths* paths);
// The data of the path equal to `path`, or NULL.
void* r3_paths_match(const r3_paths* paths, const char* path, int length);
void r3_paths_free(r3_paths* paths);

#ifdef __cplusplus
}
#endif

#endif  // INGRESSKIT_BENCH_R3_PATHS_H_
