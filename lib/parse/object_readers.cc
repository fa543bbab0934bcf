#include "parse/object_readers.h"

#include "absl/strings/str_join.h"
#include "common/strings.h"

namespace ingresskit::parse_internal {
namespace {

// Fields every kind has at the top; `status` is written by controllers and
// read only for Services.
constexpr std::string_view kTopLevelFields[] = {"apiVersion", "kind",
                                                "metadata", "spec", "status"};

// Reads a string field holding one of an enum's API names.
template <typename Enum>
void ReadEnum(ObjectReport& report, const Field& field,
              std::optional<Enum> (*from_string)(std::string_view),
              std::string_view supported, Enum& out) {
  std::string text;
  if (!ReadString(report, field, text)) return;
  if (auto value = from_string(text)) {
    out = *value;
  } else {
    report.Error(field, internal::StrCat("unsupported value \"", text,
                                         "\": supported values: ", supported));
  }
}

void ReadMetadata(ObjectReport& report, const Field& field, bool namespaced,
                  ObjectMeta& out) {
  Members meta(
      report, field,
      {"name", "namespace", "generateName", "uid", "resourceVersion",
       "generation", "creationTimestamp", "deletionTimestamp",
       "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
       "finalizers", "managedFields", "selfLink", "clusterName"});
  if (!meta.ok()) return;
  if (auto f = meta.Get("name")) ReadString(report, *f, out.name);
  if (namespaced) {
    if (auto f = meta.Get("namespace"))
      ReadString(report, *f, out.namespace_name);
  }
  if (auto f = meta.Get("creationTimestamp")) {
    std::string text;
    if (ReadString(report, *f, text)) {
      out.creation_timestamp = ParseRfc3339(text);
      if (!out.creation_timestamp) {
        report.Error(*f, internal::StrCat("\"", text,
                                          "\" is not an RFC 3339 date-time "
                                          "(like 2024-05-01T12:00:00Z)"));
      }
    }
  }
  if (auto f = meta.Get("labels")) ReadStringMap(report, *f, out.labels);
  if (auto f = meta.Get("annotations")) {
    ReadStringMap(report, *f, out.annotations);
  }
}

// What every kind shares: the apiVersion it was read as, where it starts,
// and its metadata. Namespaced kinds without a namespace are in `default`,
// as kubectl would put them.
template <typename Model>
void ReadObjectHeader(ObjectReport& report, const Field& root,
                      const Members& top, std::string_view api_version,
                      bool namespaced, Model& out) {
  out.api_version = std::string(api_version);
  out.position = report.PositionOf(root);
  if (auto f = top.Get("metadata")) {
    ReadMetadata(report, *f, namespaced, out.metadata);
  }
  if (namespaced && out.metadata.namespace_name.empty()) {
    out.metadata.namespace_name = "default";
  }
}

std::optional<Field> RequiredSpec(ObjectReport& report, const Field& root,
                                  const Members& top) {
  std::optional<Field> spec = top.Get("spec");
  if (!spec) {
    report.Error(root.Child("spec", root.value()), "required: missing spec");
  }
  return spec;
}

// v1: `service: {name, port: {name | number}}`; v1beta1 and
// extensions/v1beta1: `serviceName` and an int-or-string `servicePort`.
void ReadBackend(ObjectReport& report, const Field& field, bool v1,
                 IngressBackend& out) {
  Members backend(
      report, field,
      v1 ? std::initializer_list<std::string_view>{"service", "resource"}
         : std::initializer_list<std::string_view>{"serviceName", "servicePort",
                                                   "resource"});
  if (!backend.ok()) return;
  if (v1) {
    if (auto f = backend.Get("service")) {
      Members service(report, *f, {"name", "port"});
      IngressServiceBackend& svc = out.service.emplace();
      if (service.ok()) {
        if (auto name = service.Get("name"))
          ReadString(report, *name, svc.name);
        if (auto port_field = service.Get("port")) {
          Members port(report, *port_field, {"name", "number"});
          if (port.ok()) {
            if (auto n = port.Get("name"))
              ReadString(report, *n, svc.port.name);
            if (auto n = port.Get("number")) {
              ReadInt32(report, *n, svc.port.number);
            }
          }
        }
      }
    }
  } else {
    auto name = backend.Get("serviceName");
    auto port = backend.Get("servicePort");
    if (name || port) {
      IngressServiceBackend& svc = out.service.emplace();
      if (name) ReadString(report, *name, svc.name);
      if (port) ReadPortNameOrNumber(report, *port, svc.port);
    }
  }
  if (auto f = backend.Get("resource")) {
    Members resource(report, *f, {"apiGroup", "kind", "name"});
    TypedLocalObjectReference& ref = out.resource.emplace();
    if (resource.ok()) {
      if (auto g = resource.Get("apiGroup"))
        ReadString(report, *g, ref.api_group);
      if (auto k = resource.Get("kind")) ReadString(report, *k, ref.kind);
      if (auto n = resource.Get("name")) ReadString(report, *n, ref.name);
    }
  }
}

void ReadPath(ObjectReport& report, const Field& field, bool v1,
              HttpIngressPath& out) {
  out.position = report.PositionOf(field);
  Members path(report, field, {"path", "pathType", "backend"});
  if (!path.ok()) return;
  if (auto f = path.Get("path")) ReadString(report, *f, out.path);
  if (auto f = path.Get("pathType")) {
    ReadEnum(report, *f, PathTypeFromString,
             R"("Exact", "ImplementationSpecific", "Prefix")", out.path_type);
  }
  if (auto f = path.Get("backend")) {
    ReadBackend(report, *f, v1, out.backend);
  } else {
    report.Error(field.Child("backend", field.value()),
                 "required: every path needs a backend");
  }
}

void ReadRule(ObjectReport& report, const Field& field, bool v1,
              IngressRule& out) {
  out.position = report.PositionOf(field);
  Members rule(report, field, {"host", "http"});
  if (!rule.ok()) return;
  if (auto f = rule.Get("host")) ReadString(report, *f, out.host);
  if (auto http_field = rule.Get("http")) {
    Members http(report, *http_field, {"paths"});
    HttpIngressRuleValue& value = out.http.emplace();
    if (!http.ok()) return;
    if (auto paths = http.Get("paths")) {
      ReadArray(report, *paths, [&](const Field& item) {
        ReadPath(report, item, v1, value.paths.emplace_back());
      });
    }
  }
}

void ReadTls(ObjectReport& report, const Field& field, IngressTls& out) {
  Members tls(report, field, {"hosts", "secretName"});
  if (!tls.ok()) return;
  if (auto f = tls.Get("hosts")) ReadStringList(report, *f, out.hosts);
  if (auto f = tls.Get("secretName")) ReadString(report, *f, out.secret_name);
}

}  // namespace

void ReadIngress(ObjectReport& report, const Field& root,
                 std::string_view api_version, Ingress& out) {
  const bool v1 = api_version == kNetworkingV1;
  Members top(report, root, kTopLevelFields);
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/true, out);
  auto spec_field = RequiredSpec(report, root, top);
  if (!spec_field) return;
  Members spec(
      report, *spec_field,
      {"ingressClassName", v1 ? "defaultBackend" : "backend", "rules", "tls"});
  if (!spec.ok()) return;
  if (auto f = spec.Get("ingressClassName")) {
    ReadString(report, *f, out.spec.ingress_class_name.emplace());
  }
  if (auto f = spec.Get(v1 ? "defaultBackend" : "backend")) {
    ReadBackend(report, *f, v1, out.spec.default_backend.emplace());
  }
  if (auto f = spec.Get("rules")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadRule(report, item, v1, out.spec.rules.emplace_back());
    });
  }
  if (auto f = spec.Get("tls")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadTls(report, item, out.spec.tls.emplace_back());
    });
  }
}

void ReadIngressClass(ObjectReport& report, const Field& root,
                      std::string_view api_version, IngressClass& out) {
  Members top(report, root, kTopLevelFields);
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/false, out);
  auto spec_field = RequiredSpec(report, root, top);
  if (!spec_field) return;
  Members spec(report, *spec_field, {"controller", "parameters"});
  if (!spec.ok()) return;
  if (auto f = spec.Get("controller"))
    ReadString(report, *f, out.spec.controller);
}

namespace {

void ReadServicePort(ObjectReport& report, const Field& field,
                     ServicePort& out) {
  Members port(
      report, field,
      {"name", "protocol", "appProtocol", "port", "targetPort", "nodePort"});
  if (!port.ok()) return;
  if (auto f = port.Get("name")) ReadString(report, *f, out.name);
  if (auto f = port.Get("protocol")) ReadString(report, *f, out.protocol);
  if (auto f = port.Get("port")) ReadInt32(report, *f, out.port);
  if (auto f = port.Get("targetPort")) {
    ReadPortNameOrNumber(report, *f, out.target_port);
  }
  if (auto f = port.Get("nodePort")) ReadInt32(report, *f, out.node_port);
}

void ReadServiceSpec(ObjectReport& report, const Field& field,
                     ServiceSpec& out) {
  Members spec(report, field,
               {"ports",
                "selector",
                "clusterIP",
                "clusterIPs",
                "type",
                "externalIPs",
                "sessionAffinity",
                "loadBalancerIP",
                "loadBalancerSourceRanges",
                "externalName",
                "externalTrafficPolicy",
                "healthCheckNodePort",
                "publishNotReadyAddresses",
                "sessionAffinityConfig",
                "ipFamilies",
                "ipFamilyPolicy",
                "allocateLoadBalancerNodePorts",
                "loadBalancerClass",
                "internalTrafficPolicy",
                "trafficDistribution"});
  if (!spec.ok()) return;
  if (auto f = spec.Get("type")) {
    ReadEnum(report, *f, ServiceTypeFromString,
             R"("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")",
             out.type);
  }
  if (auto f = spec.Get("ports")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadServicePort(report, item, out.ports.emplace_back());
    });
  }
  if (auto f = spec.Get("externalIPs")) {
    ReadStringList(report, *f, out.external_ips);
  }
  if (auto f = spec.Get("externalName")) {
    ReadString(report, *f, out.external_name);
  }
}

void ReadServiceStatus(ObjectReport& report, const Field& field,
                       ServiceStatus& out) {
  Members status(report, field, {"loadBalancer", "conditions"});
  if (!status.ok()) return;
  auto lb_field = status.Get("loadBalancer");
  if (!lb_field) return;
  Members lb(report, *lb_field, {"ingress"});
  if (!lb.ok()) return;
  if (auto f = lb.Get("ingress")) {
    ReadArray(report, *f, [&](const Field& item) {
      Members entry(report, item, {"ip", "hostname", "ipMode", "ports"});
      LoadBalancerIngress& value = out.load_balancer_ingress.emplace_back();
      if (!entry.ok()) return;
      if (auto ip = entry.Get("ip")) ReadString(report, *ip, value.ip);
      if (auto host = entry.Get("hostname")) {
        ReadString(report, *host, value.hostname);
      }
    });
  }
}

}  // namespace

void ReadService(ObjectReport& report, const Field& root,
                 std::string_view api_version, Service& out) {
  Members top(report, root, kTopLevelFields);
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/true, out);
  if (auto f = top.Get("spec")) ReadServiceSpec(report, *f, out.spec);
  if (auto f = top.Get("status")) ReadServiceStatus(report, *f, out.status);
}

}  // namespace ingresskit::parse_internal
