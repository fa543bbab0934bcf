#include "parse/object_readers.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "common/strings.h"
#include "common/wipe.h"
#include "parse/base64.h"
#include "parse/source_tree.h"

namespace ingresskit::parse_internal {
namespace {

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

std::optional<Field> RequiredSpec(ObjectReport& report, const Field& root,
                                  const Members& top) {
  std::optional<Field> spec = top.Get("spec");
  if (!spec) {
    report.Error(root.Child("spec", root.value()), "required: missing spec");
  }
  return spec;
}

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

// ---- Endpoints and Secrets ------------------------------------------------

namespace ingresskit::parse_internal {
namespace {

void ReadEndpointPort(ObjectReport& report, const Field& field,
                      EndpointPort& out) {
  Members port(report, field, {"name", "port", "protocol", "appProtocol"});
  if (!port.ok()) return;
  if (auto f = port.Get("name")) ReadString(report, *f, out.name);
  if (auto f = port.Get("port")) ReadInt32(report, *f, out.port);
  if (auto f = port.Get("protocol")) ReadString(report, *f, out.protocol);
}

void ReadOptionalBool(ObjectReport& report, const Field& field,
                      std::optional<bool>& out) {
  bool value = false;
  if (ReadBool(report, field, value)) out = value;
}

void ReadEndpoint(ObjectReport& report, const Field& field, Endpoint& out) {
  Members endpoint(report, field,
                   {"addresses", "conditions", "hostname", "targetRef",
                    "nodeName", "zone", "hints", "deprecatedTopology"});
  if (!endpoint.ok()) return;
  if (auto f = endpoint.Get("addresses")) {
    ReadStringList(report, *f, out.addresses);
  }
  if (auto f = endpoint.Get("conditions")) {
    Members conditions(report, *f, {"ready", "serving", "terminating"});
    if (!conditions.ok()) return;
    if (auto c = conditions.Get("ready")) {
      ReadOptionalBool(report, *c, out.conditions.ready);
    }
    if (auto c = conditions.Get("serving")) {
      ReadOptionalBool(report, *c, out.conditions.serving);
    }
    if (auto c = conditions.Get("terminating")) {
      ReadOptionalBool(report, *c, out.conditions.terminating);
    }
  }
}

// `addresses[].ip` of an Endpoints subset.
void ReadEndpointAddresses(ObjectReport& report, const Field& field,
                           std::vector<std::string>& out) {
  ReadArray(report, field, [&](const Field& item) {
    Members address(report, item, {"ip", "hostname", "nodeName", "targetRef"});
    if (!address.ok()) return;
    if (auto f = address.Get("ip")) ReadString(report, *f, out.emplace_back());
  });
}

}  // namespace

void ReadEndpointSlice(ObjectReport& report, const Field& root,
                       std::string_view api_version, EndpointSlice& out) {
  Members top(
      report, root,
      {"apiVersion", "kind", "metadata", "addressType", "endpoints", "ports"});
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/true, out);
  if (auto f = top.Get("addressType")) {
    ReadEnum(report, *f, AddressTypeFromString, R"("IPv4", "IPv6", "FQDN")",
             out.address_type);
  } else {
    report.Error(root.Child("addressType", root.value()),
                 "required: missing addressType");
  }
  if (auto f = top.Get("endpoints")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadEndpoint(report, item, out.endpoints.emplace_back());
    });
  }
  if (auto f = top.Get("ports")) {
    ReadArray(report, *f, [&](const Field& item) {
      ReadEndpointPort(report, item, out.ports.emplace_back());
    });
  }
}

void ReadEndpoints(ObjectReport& report, const Field& root,
                   std::string_view api_version, Endpoints& out) {
  Members top(report, root, {"apiVersion", "kind", "metadata", "subsets"});
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/true, out);
  if (auto f = top.Get("subsets")) {
    ReadArray(report, *f, [&](const Field& item) {
      Members subset(report, item, {"addresses", "notReadyAddresses", "ports"});
      EndpointSubset& value = out.subsets.emplace_back();
      if (!subset.ok()) return;
      if (auto a = subset.Get("addresses")) {
        ReadEndpointAddresses(report, *a, value.addresses);
      }
      if (auto a = subset.Get("notReadyAddresses")) {
        ReadEndpointAddresses(report, *a, value.not_ready_addresses);
      }
      if (auto p = subset.Get("ports")) {
        ReadArray(report, *p, [&](const Field& port) {
          ReadEndpointPort(report, port, value.ports.emplace_back());
        });
      }
    });
  }
}

namespace {

// Each value of a Secret's `data` (base64) or `stringData` (text) map.
// Diagnostics name the key and the problem, never the value: it may be a
// private key.
template <typename Decode>
void ReadSecretMap(ObjectReport& report, const Field& field, Decode decode) {
  if (!field.value().IsObject()) {
    report.Error(field, "expected a mapping, got " +
                            std::string(JsonTypeName(field.value())));
    return;
  }
  std::vector<std::string> seen;
  for (const auto& member : field.value().GetObject()) {
    if (SourceTree::IsPositionMember(member.name)) continue;
    const std::string key(member.name.GetString(),
                          member.name.GetStringLength());
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      report.Error(field.Child(key, member.value),
                   "duplicate key: the Secret would be ambiguous");
      continue;
    }
    seen.push_back(key);
    const Field value =
        field.Child(std::string_view(member.name.GetString(),
                                     member.name.GetStringLength()),
                    member.value);
    if (!member.value.IsString()) {
      report.Error(value, "expected a string, got " +
                              std::string(JsonTypeName(member.value)));
      continue;
    }
    decode(std::string_view(member.value.GetString(),
                            member.value.GetStringLength()),
           key, value);
  }
}

}  // namespace

void ReadSecret(ObjectReport& report, const Field& root,
                std::string_view api_version, Secret& out) {
  Members top(report, root,
              {"apiVersion", "kind", "metadata", "type", "data", "stringData",
               "immutable"});
  if (!top.ok()) return;
  ReadObjectHeader(report, root, top, api_version, /*namespaced=*/true, out);
  if (auto f = top.Get("type")) ReadString(report, *f, out.type);
  if (auto f = top.Get("data")) {
    ReadSecretMap(
        report, *f,
        [&](std::string_view text, const std::string& key, const Field& value) {
          std::string decoded;
          if (!DecodeBase64(text, decoded)) {
            report.Error(value, internal::StrCat(
                                    "not valid base64 (", text.size(),
                                    " characters; the value is not shown)"));
            return;
          }
          out.data.insert_or_assign(key, SecretBytes(decoded));
          internal::Wipe(decoded);
        });
  }
  if (auto f = top.Get("stringData")) {
    ReadSecretMap(
        report, *f,
        [&](std::string_view text, const std::string& key, const Field&) {
          out.data.insert_or_assign(key, SecretBytes(text));
        });
  }
}

}  // namespace ingresskit::parse_internal
