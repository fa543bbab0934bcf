// The input's Services by namespace and name: how both conversions
// resolve a backend's port and the ingress Service.
#ifndef INGRESSKIT_LIB_CONVERT_SERVICE_INDEX_H_
#define INGRESSKIT_LIB_CONVERT_SERVICE_INDEX_H_

#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "ingresskit/model.h"
#include "model/namespace_of.h"

namespace ingresskit::convert_internal {

class ServiceIndex {
 public:
  // Indexes `resources`, which must outlive the index.
  explicit ServiceIndex(const ResourceSet& resources)
      : any_(!resources.services.empty()) {
    for (const Service& s : resources.services) {
      services_.emplace(
          Key(model_internal::NamespaceOf(s.metadata), s.metadata.name), &s);
    }
  }

  // Whether the input holds any Service: without one, nothing can be
  // called unresolved.
  bool any() const { return any_; }

  // Service `name` in namespace `ns`, or nullptr.
  const Service* Find(std::string_view ns, std::string_view name) const {
    auto it = services_.find(Key(std::string(ns), std::string(name)));
    return it == services_.end() ? nullptr : it->second;
  }

 private:
  using Key = std::pair<std::string, std::string>;
  bool any_;
  absl::flat_hash_map<Key, const Service*> services_;
};

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_SERVICE_INDEX_H_
