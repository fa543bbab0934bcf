#include "parse/sources.h"

#include <iterator>
#include <utility>

namespace ingresskit {
namespace parse_internal {
namespace {

template <typename T>
void MoveAppend(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()),
            std::make_move_iterator(from.end()));
}

template <typename T>
void Remember(std::string_view kind, const std::vector<T>& objects,
              std::string_view source, ObjectSources& out) {
  for (const T& object : objects) {
    out.emplace(DescribeObject(kind, object.metadata), source);
  }
}

}  // namespace

ParseResult ParseSources(std::span<const Source> sources,
                         const ParseOptions& options, ObjectSources* objects) {
  ParseResult out;
  for (const Source& source : sources) {
    ParseResult parsed = Parse(source.text, options);
    for (Diagnostic& d : parsed.diagnostics) {
      d.source = std::string(source.name);
      out.diagnostics.push_back(std::move(d));
    }
    if (!parsed.ok()) {
      // The first failure decides the status; later sources are still
      // parsed, so that one run reports every file's problems.
      if (out.ok()) out.status = parsed.status;
      continue;
    }
    ResourceSet& r = parsed.resources;
    if (objects != nullptr) {
      Remember("Ingress", r.ingresses, source.name, *objects);
      Remember("IngressClass", r.ingress_classes, source.name, *objects);
      Remember("Service", r.services, source.name, *objects);
      Remember("EndpointSlice", r.endpoint_slices, source.name, *objects);
      Remember("Endpoints", r.endpoints, source.name, *objects);
      Remember("Secret", r.secrets, source.name, *objects);
      Remember("Gateway", r.gateways, source.name, *objects);
      Remember("HTTPRoute", r.http_routes, source.name, *objects);
    }
    MoveAppend(out.resources.ingresses, r.ingresses);
    MoveAppend(out.resources.ingress_classes, r.ingress_classes);
    MoveAppend(out.resources.services, r.services);
    MoveAppend(out.resources.endpoint_slices, r.endpoint_slices);
    MoveAppend(out.resources.endpoints, r.endpoints);
    MoveAppend(out.resources.secrets, r.secrets);
    MoveAppend(out.resources.gateways, r.gateways);
    MoveAppend(out.resources.http_routes, r.http_routes);
  }
  if (!out.ok()) out.resources = ResourceSet();
  return out;
}

void AttributeToSources(const ObjectSources& objects,
                        std::vector<Diagnostic>& diagnostics) {
  for (Diagnostic& d : diagnostics) {
    if (!d.source.empty()) continue;
    if (auto it = objects.find(d.object); it != objects.end()) {
      d.source = std::string(it->second);
    }
  }
}

}  // namespace parse_internal

ParseResult Parse(std::span<const Source> sources,
                  const ParseOptions& options) {
  return parse_internal::ParseSources(sources, options, nullptr);
}

}  // namespace ingresskit
