// Gateway API Gateway and HTTPRoute (v1, v1beta1: the same schema for what
// ingresskit reads) from the tree. Fields ingresskit does not route by are
// still read for their shape, so that conversion can say what it leaves
// out; fields the schema does not have are errors, as for every kind.
#include "parse/object_readers.h"

namespace ingresskit::parse_internal {
namespace {

// The number of items of an array field (its items are not read).
size_t CountItems(ObjectReport& report, const Field& field) {
  size_t count = 0;
  ReadArray(report, field, [&](const Field&) { ++count; });
  return count;
}

void ReadCertificateRef(ObjectReport& report, const Field& field,
                        CertificateRef& out) {
  Members ref(report, field, {"group", "kind", "name", "namespace"});
  if (!ref.ok()) return;
  if (auto f = ref.Get("group")) ReadString(report, *f, out.group);
  if (auto f = ref.Get("kind")) ReadString(report, *f, out.kind);
  if (auto f = ref.Get("name")) ReadString(report, *f, out.name);
  if (auto f = ref.Get("namespace")) ReadString(report, *f, out.namespace_name);
}

void ReadListener(ObjectReport& report, const Field& field,
                  GatewayListener& out) {
  out.position = report.PositionOf(field);
  Members listener(
      report, field,
      {"name", "hostname", "port", "protocol", "tls", "allowedRoutes"});
  if (!listener.ok()) return;
  if (auto f = listener.Get("name")) ReadString(report, *f, out.name);
  if (auto f = listener.Get("hostname")) ReadString(report, *f, out.hostname);
  if (auto f = listener.Get("port")) ReadInt32(report, *f, out.port);
  if (auto f = listener.Get("protocol")) ReadString(report, *f, out.protocol);
  if (auto tls_field = listener.Get("tls")) {
    Members tls(report, *tls_field,
                {"mode", "certificateRefs", "options", "frontendValidation"});
    if (tls.ok()) {
      if (auto f = tls.Get("mode")) ReadString(report, *f, out.tls_mode);
      if (auto f = tls.Get("certificateRefs")) {
        ReadArray(report, *f, [&](const Field& item) {
          ReadCertificateRef(report, item, out.certificate_refs.emplace_back());
        });
      }
    }
  }
  if (auto allowed_field = listener.Get("allowedRoutes")) {
    Members allowed(report, *allowed_field, {"namespaces", "kinds"});
    if (!allowed.ok()) return;
    if (auto ns_field = allowed.Get("namespaces")) {
      Members namespaces(report, *ns_field, {"from", "selector"});
      if (namespaces.ok()) {
        if (auto f = namespaces.Get("from")) {
          ReadEnum(report, *f, AllowedRoutesFromString,
                   R"("All", "Same", "Selector")", out.allowed_routes);
        }
      }
    }
  }
}

void ReadParentRef(ObjectReport& report, const Field& field,
                   ParentReference& out) {
  Members ref(report, field,
              {"group", "kind", "namespace", "name", "sectionName", "port"});
  if (!ref.ok()) return;
  if (auto f = ref.Get("group")) ReadString(report, *f, out.group);
  if (auto f = ref.Get("kind")) ReadString(report, *f, out.kind);
  if (auto f = ref.Get("namespace")) ReadString(report, *f, out.namespace_name);
  if (auto f = ref.Get("name")) ReadString(report, *f, out.name);
  if (auto f = ref.Get("sectionName")) ReadString(report, *f, out.section_name);
  if (auto f = ref.Get("port")) ReadInt32(report, *f, out.port);
}

void ReadMatch(ObjectReport& report, const Field& field, HttpRouteMatch& out) {
  out.position = report.PositionOf(field);
  Members match(report, field, {"path", "headers", "queryParams", "method"});
  if (!match.ok()) return;
  if (auto path_field = match.Get("path")) {
    Members path(report, *path_field, {"type", "value"});
    if (path.ok()) {
      if (auto f = path.Get("type")) {
        ReadEnum(report, *f, HttpPathMatchTypeFromString,
                 R"("Exact", "PathPrefix", "RegularExpression")",
                 out.path_type);
      }
      if (auto f = path.Get("value")) ReadString(report, *f, out.path_value);
    }
  }
  if (auto f = match.Get("headers")) {
    out.header_matches = CountItems(report, *f);
  }
  if (auto f = match.Get("queryParams")) {
    out.query_param_matches = CountItems(report, *f);
  }
  if (auto f = match.Get("method")) ReadString(report, *f, out.method);
}

void ReadBackendRef(ObjectReport& report, const Field& field,
                    HttpBackendRef& out) {
  Members ref(
      report, field,
      {"group", "kind", "name", "namespace", "port", "weight", "filters"});
  if (!ref.ok()) return;
  if (auto f = ref.Get("group")) ReadString(report, *f, out.group);
  if (auto f = ref.Get("kind")) ReadString(report, *f, out.kind);
  if (auto f = ref.Get("name")) ReadString(report, *f, out.name);
  if (auto f = ref.Get("namespace")) ReadString(report, *f, out.namespace_name);
  if (auto f = ref.Get("port")) ReadInt32(report, *f, out.port);
  if (auto f = ref.Get("weight")) ReadInt32(report, *f, out.weight);
  if (auto f = ref.Get("filters")) out.filters = CountItems(report, *f);
}

void ReadRouteRule(ObjectReport& report, const Field& field,
                   HttpRouteRule& out) {
  out.position = report.PositionOf(field);
  Members rule(report, field,
               {"name", "matches", "filters", "backendRefs", "timeouts",
                "retry", "sessionPersistence"});
  if (!rule.ok()) return;
  if (auto f = rule.Get("name")) ReadString(report, *f, out.name);
  if (auto f = rule.Get("matches")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadMatch(report, item, out.matches.emplace_back());
    });
  }
  if (auto f = rule.Get("filters")) out.filters = CountItems(report, *f);
  if (auto f = rule.Get("backendRefs")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadBackendRef(report, item, out.backend_refs.emplace_back());
    });
  }
}

}  // namespace

void ReadGateway(ObjectReport& report, const Field& root,
                 std::string_view api_version, GatewayResource& out) {
  Members top(report, root, kTopLevelFields);
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/true, out);
  auto spec_field = RequiredSpec(report, root, top);
  if (!spec_field) return;
  Members spec(report, *spec_field,
               {"gatewayClassName", "listeners", "addresses", "infrastructure",
                "backendTLS", "allowedListeners", "tls"});
  if (!spec.ok()) return;
  if (auto f = spec.Get("gatewayClassName")) {
    ReadString(report, *f, out.spec.gateway_class_name);
  }
  if (auto f = spec.Get("listeners")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadListener(report, item, out.spec.listeners.emplace_back());
    });
  }
  if (auto f = spec.Get("addresses")) {
    ReadArray(report, *f, [&](const Field& item) {
      Members address(report, item, {"type", "value"});
      GatewaySpecAddress& a = out.spec.addresses.emplace_back();
      if (!address.ok()) return;
      if (auto t = address.Get("type")) ReadString(report, *t, a.type);
      if (auto v = address.Get("value")) ReadString(report, *v, a.value);
    });
  }
}

void ReadHttpRoute(ObjectReport& report, const Field& root,
                   std::string_view api_version, HttpRouteResource& out) {
  Members top(report, root, kTopLevelFields);
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/true, out);
  auto spec_field = RequiredSpec(report, root, top);
  if (!spec_field) return;
  Members spec(report, *spec_field, {"parentRefs", "hostnames", "rules"});
  if (!spec.ok()) return;
  if (auto f = spec.Get("parentRefs")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadParentRef(report, item, out.spec.parent_refs.emplace_back());
    });
  }
  if (auto f = spec.Get("hostnames")) {
    ReadStringList(report, *f, out.spec.hostnames);
  }
  if (auto f = spec.Get("rules")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadRouteRule(report, item, out.spec.rules.emplace_back());
    });
  }
}

}  // namespace ingresskit::parse_internal
