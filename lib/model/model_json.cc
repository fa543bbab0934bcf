// The model written back as Kubernetes objects (ToJson), through rapidjson's
// writer: structured output, never text pasted together.
#include <string>

#include "ingresskit/model.h"
#include "rapidjson/prettywriter.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace ingresskit {
namespace {

template <typename Writer>
class ModelWriter {
 public:
  explicit ModelWriter(Writer& w) : w_(w) {}

  void Set(const ResourceSet& set) {
    w_.StartObject();
    Field("apiVersion", kCoreV1);
    Field("kind", "List");
    Key("items");
    w_.StartArray();
    for (const IngressClass& c : set.ingress_classes) Write(c);
    for (const Service& s : set.services) Write(s);
    for (const Ingress& i : set.ingresses) Write(i);
    for (const EndpointSlice& e : set.endpoint_slices) Write(e);
    for (const Endpoints& e : set.endpoints) Write(e);
    for (const Secret& s : set.secrets) Write(s);
    for (const GatewayResource& g : set.gateways) Write(g);
    for (const HttpRouteResource& r : set.http_routes) Write(r);
    w_.EndArray();
    w_.EndObject();
  }

 private:
  void Key(std::string_view key) {
    w_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  }
  void String(std::string_view value) {
    w_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void FieldIfSet(std::string_view key, std::string_view value) {
    if (!value.empty()) Field(key, value);
  }
  // Gateway API references: what the schema defaults is left out, as
  // people write them.
  void FieldIfNot(std::string_view key, std::string_view value,
                  std::string_view schema_default) {
    if (value != schema_default) Field(key, value);
  }
  void Map(std::string_view key, const StringMap& map) {
    if (map.empty()) return;
    Key(key);
    w_.StartObject();
    for (const auto& [k, v] : map) Field(k, v);
    w_.EndObject();
  }
  void StringList(std::string_view key, const std::vector<std::string>& list) {
    if (list.empty()) return;
    Key(key);
    w_.StartArray();
    for (const std::string& s : list) String(s);
    w_.EndArray();
  }
  void PortValue(const PortNameOrNumber& port) {
    if (port.has_name()) {
      String(port.name);
    } else {
      w_.Int(port.number);
    }
  }

  void Header(std::string_view api_version, std::string_view kind,
              const ObjectMeta& meta) {
    Field("apiVersion", api_version);
    Field("kind", kind);
    Key("metadata");
    w_.StartObject();
    FieldIfSet("name", meta.name);
    FieldIfSet("namespace", meta.namespace_name);
    if (meta.creation_timestamp) {
      Field("creationTimestamp", FormatRfc3339(*meta.creation_timestamp));
    }
    Map("labels", meta.labels);
    Map("annotations", meta.annotations);
    w_.EndObject();
  }

  void Backend(const IngressBackend& backend, bool v1) {
    w_.StartObject();
    if (backend.service) {
      const IngressServiceBackend& svc = *backend.service;
      if (v1) {
        Key("service");
        w_.StartObject();
        Field("name", svc.name);
        Key("port");
        w_.StartObject();
        if (svc.port.has_name()) Field("name", svc.port.name);
        if (svc.port.has_number()) {
          Key("number");
          w_.Int(svc.port.number);
        }
        w_.EndObject();
        w_.EndObject();
      } else {
        Field("serviceName", svc.name);
        Key("servicePort");
        PortValue(svc.port);
      }
    }
    if (backend.resource) {
      Key("resource");
      w_.StartObject();
      FieldIfSet("apiGroup", backend.resource->api_group);
      Field("kind", backend.resource->kind);
      Field("name", backend.resource->name);
      w_.EndObject();
    }
    w_.EndObject();
  }

  void Write(const Ingress& ingress) {
    const bool v1 = ingress.api_version == kNetworkingV1;
    const IngressSpec& spec = ingress.spec;
    w_.StartObject();
    Header(ingress.api_version, "Ingress", ingress.metadata);
    Key("spec");
    w_.StartObject();
    if (spec.ingress_class_name) {
      Field("ingressClassName", *spec.ingress_class_name);
    }
    if (spec.default_backend) {
      Key(v1 ? "defaultBackend" : "backend");
      Backend(*spec.default_backend, v1);
    }
    if (!spec.rules.empty()) {
      Key("rules");
      w_.StartArray();
      for (const IngressRule& rule : spec.rules) {
        w_.StartObject();
        FieldIfSet("host", rule.host);
        if (rule.http) {
          Key("http");
          w_.StartObject();
          Key("paths");
          w_.StartArray();
          for (const HttpIngressPath& path : rule.http->paths) {
            w_.StartObject();
            Field("path", path.path);
            FieldIfSet("pathType", ToString(path.path_type));
            Key("backend");
            Backend(path.backend, v1);
            w_.EndObject();
          }
          w_.EndArray();
          w_.EndObject();
        }
        w_.EndObject();
      }
      w_.EndArray();
    }
    if (!spec.tls.empty()) {
      Key("tls");
      w_.StartArray();
      for (const IngressTls& tls : spec.tls) {
        w_.StartObject();
        StringList("hosts", tls.hosts);
        FieldIfSet("secretName", tls.secret_name);
        w_.EndObject();
      }
      w_.EndArray();
    }
    w_.EndObject();
    w_.EndObject();
  }

  void Write(const IngressClass& ingress_class) {
    w_.StartObject();
    Header(ingress_class.api_version, "IngressClass", ingress_class.metadata);
    Key("spec");
    w_.StartObject();
    Field("controller", ingress_class.spec.controller);
    w_.EndObject();
    w_.EndObject();
  }

  void EndpointPorts(std::string_view key,
                     const std::vector<EndpointPort>& ports) {
    if (ports.empty()) return;
    Key(key);
    w_.StartArray();
    for (const EndpointPort& port : ports) {
      w_.StartObject();
      FieldIfSet("name", port.name);
      if (port.port != 0) {
        Key("port");
        w_.Int(port.port);
      }
      FieldIfSet("protocol", port.protocol);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Write(const EndpointSlice& slice) {
    w_.StartObject();
    Header(slice.api_version, "EndpointSlice", slice.metadata);
    Field("addressType", ToString(slice.address_type));
    Key("endpoints");
    w_.StartArray();
    for (const Endpoint& endpoint : slice.endpoints) {
      w_.StartObject();
      StringList("addresses", endpoint.addresses);
      const EndpointConditions& c = endpoint.conditions;
      if (c.ready || c.serving || c.terminating) {
        Key("conditions");
        w_.StartObject();
        for (auto [name, value] :
             {std::pair{"ready", c.ready}, std::pair{"serving", c.serving},
              std::pair{"terminating", c.terminating}}) {
          if (!value) continue;
          Key(name);
          w_.Bool(*value);
        }
        w_.EndObject();
      }
      w_.EndObject();
    }
    w_.EndArray();
    EndpointPorts("ports", slice.ports);
    w_.EndObject();
  }

  void Addresses(std::string_view key, const std::vector<std::string>& ips) {
    if (ips.empty()) return;
    Key(key);
    w_.StartArray();
    for (const std::string& ip : ips) {
      w_.StartObject();
      Field("ip", ip);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Write(const Endpoints& endpoints) {
    w_.StartObject();
    Header(endpoints.api_version, "Endpoints", endpoints.metadata);
    if (!endpoints.subsets.empty()) {
      Key("subsets");
      w_.StartArray();
      for (const EndpointSubset& subset : endpoints.subsets) {
        w_.StartObject();
        Addresses("addresses", subset.addresses);
        Addresses("notReadyAddresses", subset.not_ready_addresses);
        EndpointPorts("ports", subset.ports);
        w_.EndObject();
      }
      w_.EndArray();
    }
    w_.EndObject();
  }

  // Keys and sizes only: a Secret's values never leave the library.
  void Write(const Secret& secret) {
    w_.StartObject();
    Header(secret.api_version, "Secret", secret.metadata);
    FieldIfSet("type", secret.type);
    if (!secret.data.empty()) {
      Key("data");
      w_.StartObject();
      for (const auto& [key, value] : secret.data) {
        Field(key, "<redacted: " + std::to_string(value.size()) + " bytes>");
      }
      w_.EndObject();
    }
    w_.EndObject();
  }

  void Write(const Service& service) {
    const ServiceSpec& spec = service.spec;
    w_.StartObject();
    Header(service.api_version, "Service", service.metadata);
    Key("spec");
    w_.StartObject();
    Field("type", ToString(spec.type));
    if (!spec.ports.empty()) {
      Key("ports");
      w_.StartArray();
      for (const ServicePort& port : spec.ports) {
        w_.StartObject();
        FieldIfSet("name", port.name);
        FieldIfSet("protocol", port.protocol);
        Key("port");
        w_.Int(port.port);
        if (port.target_port.has_name() || port.target_port.has_number()) {
          Key("targetPort");
          PortValue(port.target_port);
        }
        if (port.node_port != 0) {
          Key("nodePort");
          w_.Int(port.node_port);
        }
        w_.EndObject();
      }
      w_.EndArray();
    }
    StringList("externalIPs", spec.external_ips);
    FieldIfSet("externalName", spec.external_name);
    w_.EndObject();
    if (!service.status.load_balancer_ingress.empty()) {
      Key("status");
      w_.StartObject();
      Key("loadBalancer");
      w_.StartObject();
      Key("ingress");
      w_.StartArray();
      for (const LoadBalancerIngress& lb :
           service.status.load_balancer_ingress) {
        w_.StartObject();
        FieldIfSet("ip", lb.ip);
        FieldIfSet("hostname", lb.hostname);
        w_.EndObject();
      }
      w_.EndArray();
      w_.EndObject();
      w_.EndObject();
    }
    w_.EndObject();
  }

  // What the model keeps of fields it only counts (header and query
  // matches, filters): that many empty entries.
  void Placeholders(std::string_view key, size_t count) {
    if (count == 0) return;
    Key(key);
    w_.StartArray();
    for (size_t i = 0; i < count; ++i) {
      w_.StartObject();
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Write(const GatewayResource& gateway) {
    const GatewaySpec& spec = gateway.spec;
    w_.StartObject();
    Header(gateway.api_version, "Gateway", gateway.metadata);
    Key("spec");
    w_.StartObject();
    Field("gatewayClassName", spec.gateway_class_name);
    Key("listeners");
    w_.StartArray();
    for (const GatewayListener& l : spec.listeners) {
      w_.StartObject();
      Field("name", l.name);
      FieldIfSet("hostname", l.hostname);
      Key("port");
      w_.Int(l.port);
      Field("protocol", l.protocol);
      if (!l.tls_mode.empty() || !l.certificate_refs.empty()) {
        Key("tls");
        w_.StartObject();
        FieldIfSet("mode", l.tls_mode);
        if (!l.certificate_refs.empty()) {
          Key("certificateRefs");
          w_.StartArray();
          for (const CertificateRef& ref : l.certificate_refs) {
            w_.StartObject();
            FieldIfNot("group", ref.group, "");
            FieldIfNot("kind", ref.kind, "Secret");
            Field("name", ref.name);
            FieldIfSet("namespace", ref.namespace_name);
            w_.EndObject();
          }
          w_.EndArray();
        }
        w_.EndObject();
      }
      if (l.allowed_routes != AllowedRoutes::kSame) {
        Key("allowedRoutes");
        w_.StartObject();
        Key("namespaces");
        w_.StartObject();
        Field("from", ToString(l.allowed_routes));
        w_.EndObject();
        w_.EndObject();
      }
      w_.EndObject();
    }
    w_.EndArray();
    if (!spec.addresses.empty()) {
      Key("addresses");
      w_.StartArray();
      for (const GatewaySpecAddress& a : spec.addresses) {
        w_.StartObject();
        FieldIfSet("type", a.type);
        Field("value", a.value);
        w_.EndObject();
      }
      w_.EndArray();
    }
    w_.EndObject();
    w_.EndObject();
  }

  void Write(const HttpRouteResource& route) {
    const HttpRouteSpec& spec = route.spec;
    w_.StartObject();
    Header(route.api_version, "HTTPRoute", route.metadata);
    Key("spec");
    w_.StartObject();
    if (!spec.parent_refs.empty()) {
      Key("parentRefs");
      w_.StartArray();
      for (const ParentReference& ref : spec.parent_refs) {
        w_.StartObject();
        FieldIfNot("group", ref.group, kGatewayApiGroup);
        FieldIfNot("kind", ref.kind, "Gateway");
        FieldIfSet("namespace", ref.namespace_name);
        Field("name", ref.name);
        FieldIfSet("sectionName", ref.section_name);
        if (ref.port != 0) {
          Key("port");
          w_.Int(ref.port);
        }
        w_.EndObject();
      }
      w_.EndArray();
    }
    StringList("hostnames", spec.hostnames);
    if (!spec.rules.empty()) {
      Key("rules");
      w_.StartArray();
      for (const HttpRouteRule& rule : spec.rules) {
        w_.StartObject();
        FieldIfSet("name", rule.name);
        if (!rule.matches.empty()) {
          Key("matches");
          w_.StartArray();
          for (const HttpRouteMatch& m : rule.matches) {
            w_.StartObject();
            Key("path");
            w_.StartObject();
            Field("type", ToString(m.path_type));
            Field("value", m.path_value);
            w_.EndObject();
            Placeholders("headers", m.header_matches);
            Placeholders("queryParams", m.query_param_matches);
            FieldIfSet("method", m.method);
            w_.EndObject();
          }
          w_.EndArray();
        }
        Placeholders("filters", rule.filters);
        if (!rule.backend_refs.empty()) {
          Key("backendRefs");
          w_.StartArray();
          for (const HttpBackendRef& ref : rule.backend_refs) {
            w_.StartObject();
            FieldIfNot("group", ref.group, "");
            FieldIfNot("kind", ref.kind, "Service");
            Field("name", ref.name);
            FieldIfSet("namespace", ref.namespace_name);
            if (ref.port != 0) {
              Key("port");
              w_.Int(ref.port);
            }
            if (ref.weight != 1) {
              Key("weight");
              w_.Int(ref.weight);
            }
            Placeholders("filters", ref.filters);
            w_.EndObject();
          }
          w_.EndArray();
        }
        w_.EndObject();
      }
      w_.EndArray();
    }
    w_.EndObject();
    w_.EndObject();
  }

  Writer& w_;
};

}  // namespace

std::string ToJson(const ResourceSet& resources, int indent) {
  rapidjson::StringBuffer buffer;
  if (indent > 0) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', static_cast<unsigned>(indent));
    ModelWriter(writer).Set(resources);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    ModelWriter(writer).Set(resources);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace ingresskit
