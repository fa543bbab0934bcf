#include "convert/endpoints.h"

#include <algorithm>

#include "common/strings.h"

namespace ingresskit::convert_internal {
namespace {

using model_internal::NamespaceOf;

// `address:port`, with an IPv6 address in brackets.
std::string HostPort(std::string_view address, int32_t port) {
  if (address.find(':') != std::string_view::npos) {
    return internal::StrCat("[", address, "]:", port);
  }
  return internal::StrCat(address, ":", port);
}

// The number the endpoint port named `name` (empty: the unnamed one) has,
// or 0.
int32_t PortNamed(const std::vector<EndpointPort>& ports,
                  std::string_view name) {
  for (const EndpointPort& port : ports) {
    if (port.name == name) return port.port;
  }
  return 0;
}

}  // namespace

EndpointIndex::EndpointIndex(const ResourceSet& resources)
    : has_endpoint_data_(!resources.endpoint_slices.empty() ||
                         !resources.endpoints.empty()),
      services_(resources) {
  for (const EndpointSlice& slice : resources.endpoint_slices) {
    auto label = slice.metadata.labels.find(kServiceNameLabel);
    if (label == slice.metadata.labels.end()) continue;
    slices_[Key(NamespaceOf(slice.metadata), label->second)].push_back(&slice);
  }
  for (const Endpoints& e : resources.endpoints) {
    endpoints_.emplace(Key(NamespaceOf(e.metadata), e.metadata.name), &e);
  }
}

std::pair<EndpointStatus, std::vector<std::string>> EndpointIndex::Resolve(
    std::string_view ns, std::string_view name, uint32_t port) const {
  const Key key{std::string(ns), std::string(name)};
  const Service* service = services_.Find(ns, name);
  if (service != nullptr && service->spec.type == ServiceType::kExternalName &&
      !service->spec.external_name.empty()) {
    return {EndpointStatus::kReady,
            {internal::StrCat(service->spec.external_name, ":", port)}};
  }
  if (!has_endpoint_data_) return {EndpointStatus::kUnknown, {}};
  // Endpoint ports carry the Service port's name; their number is the
  // targetPort Kubernetes resolved.
  const ServicePort* service_port = nullptr;
  if (service != nullptr) {
    for (const ServicePort& p : service->spec.ports) {
      if (static_cast<uint32_t>(p.port) == port) {
        service_port = &p;
        break;
      }
    }
  }
  if (service_port == nullptr) return {EndpointStatus::kNoReadyEndpoints, {}};
  std::vector<std::pair<std::string, int32_t>> ready;  // address, port
  if (auto slices = slices_.find(key); slices != slices_.end()) {
    for (const EndpointSlice* slice : slices->second) {
      const int32_t number = PortNamed(slice->ports, service_port->name);
      if (number == 0) continue;
      for (const Endpoint& endpoint : slice->endpoints) {
        if (endpoint.conditions.ready == false) continue;
        for (const std::string& address : endpoint.addresses) {
          ready.emplace_back(address, number);
        }
      }
    }
  } else if (auto e = endpoints_.find(key); e != endpoints_.end()) {
    for (const EndpointSubset& subset : e->second->subsets) {
      const int32_t number = PortNamed(subset.ports, service_port->name);
      if (number == 0) continue;
      for (const std::string& address : subset.addresses) {
        ready.emplace_back(address, number);
      }
    }
  }
  std::sort(ready.begin(), ready.end());
  ready.erase(std::unique(ready.begin(), ready.end()), ready.end());
  std::vector<std::string> out;
  out.reserve(ready.size());
  for (const auto& [address, number] : ready) {
    out.push_back(HostPort(address, number));
  }
  return {
      out.empty() ? EndpointStatus::kNoReadyEndpoints : EndpointStatus::kReady,
      std::move(out)};
}

}  // namespace ingresskit::convert_internal

namespace ingresskit {

std::string_view ToString(EndpointStatus status) {
  switch (status) {
    case EndpointStatus::kUnknown:
      return "unknown";
    case EndpointStatus::kReady:
      return "ready";
    case EndpointStatus::kNoReadyEndpoints:
      return "no-ready-endpoints";
  }
  return "";
}

}  // namespace ingresskit
