// The namespace an object lives in, as every stage reads it.
#ifndef INGRESSKIT_LIB_MODEL_NAMESPACE_OF_H_
#define INGRESSKIT_LIB_MODEL_NAMESPACE_OF_H_

#include <string>

#include "ingresskit/model.h"

namespace ingresskit::model_internal {

// Parse() always sets a namespace; for objects built by hand, none means
// `default`, as kubectl would have made it.
inline const std::string& NamespaceOf(const ObjectMeta& meta) {
  static const std::string* const kDefault = new std::string("default");
  return meta.namespace_name.empty() ? *kDefault : meta.namespace_name;
}

}  // namespace ingresskit::model_internal

#endif  // INGRESSKIT_LIB_MODEL_NAMESPACE_OF_H_
