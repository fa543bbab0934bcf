// INGRESSKIT_EXPORT marks the C++ API's declarations and expands to
// nothing. The C++ API comes only with the static library, compiled with
// hidden visibility, so a plugin or proxy module that links
// libingresskit.a exports none of it and cannot clash with another copy
// of ingresskit in the same process. The shared library exports the C ABI
// alone (capi/ingresskit.map). The marker stays so that a future shared
// C++ build has one place to change.
#ifndef INGRESSKIT_EXPORT_H_
#define INGRESSKIT_EXPORT_H_

#define INGRESSKIT_EXPORT

#endif  // INGRESSKIT_EXPORT_H_
