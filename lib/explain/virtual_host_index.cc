#include "explain/virtual_host_index.h"

#include "common/strings.h"

namespace ingresskit::explain_internal {

VirtualHostIndex::VirtualHostIndex(const GatewayConfig& config)
    : one_label_(config.semantics == Semantics::kKubernetes) {
  hosts_.reserve(config.virtual_services.size());
  for (const VirtualService& vs : config.virtual_services) {
    if (vs.https_only) continue;  // Plain HTTP never selects it.
    if (vs.host == "*") {
      any_ = &vs;
    } else {
      hosts_.emplace(vs.host, &vs);
    }
  }
}

VirtualHostIndex::Selection VirtualHostIndex::Select(
    std::string_view host) const {
  Selection out;
  out.any = any_;
  std::string key(host);
  if (auto it = hosts_.find(key); it != hosts_.end()) out.exact = it->second;
  // Suffixes from the longest: `*.b.c` before `*.c`. A wildcard needs a
  // non-empty label before its suffix.
  for (size_t dot = host.find('.'); dot != host.npos;
       dot = host.find('.', dot + 1)) {
    if (dot == 0) {
      if (one_label_) break;
      continue;
    }
    key = internal::StrCat("*", host.substr(dot));
    if (auto it = hosts_.find(key); it != hosts_.end()) {
      out.wildcard = it->second;
      break;
    }
    if (one_label_) break;  // The spec: one label before the suffix only.
  }
  return out;
}

}  // namespace ingresskit::explain_internal
