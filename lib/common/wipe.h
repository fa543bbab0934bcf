// Overwriting memory that held secret bytes before it is released.
#ifndef INGRESSKIT_LIB_COMMON_WIPE_H_
#define INGRESSKIT_LIB_COMMON_WIPE_H_

#include <string>

namespace ingresskit::internal {

// Zeroes all of a string's storage, capacity included, through a volatile
// pointer so that the compiler cannot drop the stores as dead, then empties
// it.
inline void Wipe(std::string& bytes) {
  volatile char* p = bytes.data();
  for (size_t i = 0; i < bytes.capacity(); ++i) p[i] = 0;
  bytes.clear();
}

}  // namespace ingresskit::internal

#endif  // INGRESSKIT_LIB_COMMON_WIPE_H_
