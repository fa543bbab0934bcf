#include "table/route_records.h"

#include "absl/container/flat_hash_map.h"

namespace ingresskit::table_internal {
namespace {

// Builds the arena: every distinct string once (a destination, an Ingress's
// name and a host are shared by many routes). Keys are views of the IR's
// strings, which outlive the build: no string is copied to be looked up.
class Arena {
 public:
  explicit Arena(std::string& bytes) : bytes_(bytes) {}

  uint32_t Intern(std::string_view s) {
    auto [it, inserted] =
        offsets_.try_emplace(s, static_cast<uint32_t>(bytes_.size()));
    if (inserted) bytes_.append(s);
    return it->second;
  }

 private:
  std::string& bytes_;
  absl::flat_hash_map<std::string_view, uint32_t> offsets_;
};

}  // namespace

RouteRecords::RouteRecords(const std::vector<VirtualService>& services,
                           const HttpRoute* default_route) {
  Arena arena(arena_);
  // A destination's endpoints once, shared by its routes: (first, count)
  // by cluster, as (offset, length) in the arena until it stops growing.
  absl::flat_hash_map<std::string_view, std::pair<uint32_t, uint32_t>>
      endpoint_ranges;
  std::vector<std::pair<uint32_t, uint32_t>> endpoint_texts;

  auto add = [&](const HttpRoute& route, std::string_view virtual_host) {
    const RouteDestination& d = route.destination;
    const RouteOrigin& o = route.origin;
    const uint64_t id = records_.size();
    Record& r = records_.emplace_back();
    r = Record{};
    auto set = [&](Field field, std::string_view s) {
      r.offset[field] = arena.Intern(s);
      r.length[field] = static_cast<uint16_t>(s.size());
    };
    set(kDestination, d.host);
    set(kCluster, d.cluster);
    set(kService, d.service);
    set(kServiceNamespace, d.namespace_name);
    set(kIngressName, o.ingress_name);
    set(kIngressNamespace, o.ingress_namespace);
    set(kVirtualHost, virtual_host);
    if (o.path.size() < kLongPath) {
      set(kPath, o.path);
    } else {
      r.length[kPath] = kLongPath;
      long_paths_.emplace_back(id, &o.path);
    }
    r.port = d.port;
    r.path_type = static_cast<uint8_t>(o.path_type);
    r.flags =
        static_cast<uint8_t>((o.is_default_backend ? 1 : 0) |
                             (static_cast<uint8_t>(d.endpoint_status) << 1));
    auto [it, inserted] = endpoint_ranges.try_emplace(
        d.cluster, static_cast<uint32_t>(endpoint_texts.size()),
        static_cast<uint32_t>(d.endpoints.size()));
    if (inserted) {
      for (const std::string& endpoint : d.endpoints) {
        endpoint_texts.emplace_back(arena.Intern(endpoint),
                                    static_cast<uint32_t>(endpoint.size()));
      }
    }
    r.first_endpoint = it->second.first;
    r.endpoint_count = it->second.second;
  };

  size_t count = default_route != nullptr ? 1 : 0;
  for (const VirtualService& vs : services) count += vs.routes.size();
  records_.reserve(count);
  for (const VirtualService& vs : services) {
    for (const HttpRoute& route : vs.routes) add(route, vs.host);
  }
  if (default_route != nullptr) add(*default_route, "");

  arena_.shrink_to_fit();
  endpoints_.reserve(endpoint_texts.size());
  for (auto [offset, length] : endpoint_texts) {
    endpoints_.emplace_back(arena_.data() + offset, length);
  }
}

std::string_view RouteRecords::LongPath(uint64_t id) const {
  for (const auto& [long_id, path] : long_paths_) {
    if (long_id == id) return *path;
  }
  return {};
}

size_t RouteRecords::memory_bytes() const {
  return arena_.capacity() + records_.capacity() * sizeof(Record) +
         endpoints_.capacity() * sizeof(std::string_view) +
         long_paths_.capacity() * sizeof(long_paths_[0]);
}

}  // namespace ingresskit::table_internal
