// Which addresses serve a destination (docs/semantics.md §4): the
// Service's port name, then its EndpointSlices' ready endpoints on the port
// of that name, else its Endpoints object's ready addresses. Worked out
// when a table is compiled, so a request pays nothing for it.
#ifndef INGRESSKIT_LIB_CONVERT_ENDPOINTS_H_
#define INGRESSKIT_LIB_CONVERT_ENDPOINTS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "convert/service_index.h"
#include "ingresskit/gateway.h"
#include "ingresskit/model.h"

namespace ingresskit::convert_internal {

class EndpointIndex {
 public:
  // Indexes `resources`, which must outlive the index.
  explicit EndpointIndex(const ResourceSet& resources);

  // The endpoints of service port `port` of Service `name` in `ns`.
  std::pair<EndpointStatus, std::vector<std::string>> Resolve(
      std::string_view ns, std::string_view name, uint32_t port) const;

 private:
  using Key = std::pair<std::string, std::string>;  // namespace, name
  bool has_endpoint_data_ = false;
  ServiceIndex services_;
  absl::flat_hash_map<Key, std::vector<const EndpointSlice*>> slices_;
  absl::flat_hash_map<Key, const Endpoints*> endpoints_;
};

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_ENDPOINTS_H_
