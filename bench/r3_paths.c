#include "r3_paths.h"

#include <string.h>

// glibc has strndup; without this r3_str.h declares its own, which clashes.
#define HAVE_STRNDUP
#include <r3.h>

// The handle is the tree itself.
r3_paths* r3_paths_create(void) { return (r3_paths*)r3_tree_create(10); }

int r3_paths_add(r3_paths* paths, const char* path, int length, void* data) {
  return r3_tree_insert_pathl((node*)paths, path, length, data) ? 0 : -1;
}

int r3_paths_compile(r3_paths* paths) {
  char* error = NULL;
  return r3_tree_compile((node*)paths, &error);
}

void* r3_paths_match(const r3_paths* paths, const char* path, int length) {
  node* hit = r3_tree_matchl((const node*)paths, path, length, NULL);
  return hit ? hit->data : NULL;
}

void r3_paths_free(r3_paths* paths) { r3_tree_free((node*)paths); }
