// Envoy's virtual host selection over the IR (docs/semantics.md §3): the
// request's host exactly, else the longest `*.suffix` it ends with (one
// label before it under the Kubernetes semantics), else `*`. Built once per
// configuration, so selecting is a few hash probes, not a scan of every
// host: explain selects once, the request classes once per host class.
#ifndef INGRESSKIT_LIB_EXPLAIN_VIRTUAL_HOST_INDEX_H_
#define INGRESSKIT_LIB_EXPLAIN_VIRTUAL_HOST_INDEX_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "ingresskit/gateway.h"

namespace ingresskit::explain_internal {

class VirtualHostIndex {
 public:
  // Points into `config`, which must outlive the index.
  explicit VirtualHostIndex(const GatewayConfig& config);

  struct Selection {
    const VirtualService* exact = nullptr;     // The host itself.
    const VirtualService* wildcard = nullptr;  // The longest suffix.
    const VirtualService* any = nullptr;       // `*`.
    const VirtualService* selected() const {
      return exact ? exact : wildcard ? wildcard : any;
    }
  };

  // `host` normalised (lower case, no port, no trailing dot).
  Selection Select(std::string_view host) const;

 private:
  bool one_label_;
  absl::flat_hash_map<std::string, const VirtualService*> hosts_;
  const VirtualService* any_ = nullptr;
};

}  // namespace ingresskit::explain_internal

#endif  // INGRESSKIT_LIB_EXPLAIN_VIRTUAL_HOST_INDEX_H_
