#include "generate/istio.h"

#include "generate/json_builder.h"

namespace ingresskit::generate_internal {
namespace {

constexpr std::string_view kApiVersion = "networking.istio.io/v1";

rapidjson::Value Metadata(JsonBuilder& b, std::string_view name,
                          std::string_view ns) {
  rapidjson::Value meta = b.Object();
  b.Set(meta, "name", name);
  b.Set(meta, "namespace", ns);
  return meta;
}

rapidjson::Value GatewayObject(JsonBuilder& b, const Gateway& gw) {
  rapidjson::Value obj = b.Object();
  b.Set(obj, "apiVersion", kApiVersion);
  b.Set(obj, "kind", "Gateway");
  b.Set(obj, "metadata", Metadata(b, gw.name, gw.namespace_name));
  rapidjson::Value spec = b.Object();
  rapidjson::Value selector = b.Object();
  for (const auto& [key, value] : gw.selector) b.Set(selector, key, value);
  b.Set(spec, "selector", std::move(selector));
  rapidjson::Value servers = b.Array();
  for (const GatewayServer& s : gw.servers) {
    rapidjson::Value server = b.Object();
    rapidjson::Value port = b.Object();
    b.Set(port, "number", s.port);
    b.Set(port, "protocol", s.protocol);
    b.Set(port, "name", s.name);
    b.Set(server, "port", std::move(port));
    b.Set(server, "hosts", b.Array(s.hosts));
    if (!s.tls_mode.empty()) {
      rapidjson::Value tls = b.Object();
      b.Set(tls, "mode", s.tls_mode);
      b.Set(tls, "credentialName", s.credential_name);
      b.Set(server, "tls", std::move(tls));
    }
    b.Push(servers, std::move(server));
  }
  b.Set(spec, "servers", std::move(servers));
  b.Set(obj, "spec", std::move(spec));
  return obj;
}

rapidjson::Value HttpRouteObject(JsonBuilder& b, const HttpRoute& route) {
  rapidjson::Value http = b.Object();
  if (route.match.type != RouteMatchType::kAny) {
    rapidjson::Value uri = b.Object();
    b.Set(uri, route.match.type == RouteMatchType::kExact ? "exact" : "prefix",
          route.match.value);
    rapidjson::Value match = b.Object();
    b.Set(match, "uri", std::move(uri));
    rapidjson::Value matches = b.Array();
    b.Push(matches, std::move(match));
    b.Set(http, "match", std::move(matches));
  }
  rapidjson::Value destination = b.Object();
  b.Set(destination, "host", route.destination.host);
  rapidjson::Value port = b.Object();
  b.Set(port, "number", route.destination.port);
  b.Set(destination, "port", std::move(port));
  rapidjson::Value weighted = b.Object();
  b.Set(weighted, "destination", std::move(destination));
  b.Set(weighted, "weight", uint32_t{100});
  rapidjson::Value routes = b.Array();
  b.Push(routes, std::move(weighted));
  b.Set(http, "route", std::move(routes));
  return http;
}

rapidjson::Value VirtualServiceObject(JsonBuilder& b,
                                      const VirtualService& vs) {
  rapidjson::Value obj = b.Object();
  b.Set(obj, "apiVersion", kApiVersion);
  b.Set(obj, "kind", "VirtualService");
  rapidjson::Value meta = Metadata(b, vs.name, vs.namespace_name);
  rapidjson::Value annotations = b.Object();
  b.Set(annotations, "internal.istio.io/route-semantics", "ingress");
  b.Set(meta, "annotations", std::move(annotations));
  b.Set(obj, "metadata", std::move(meta));
  rapidjson::Value spec = b.Object();
  b.Set(spec, "hosts", b.Array({vs.host}));
  b.Set(spec, "gateways", b.Array({vs.gateway}));
  rapidjson::Value http = b.Array();
  for (const HttpRoute& route : vs.routes) {
    b.Push(http, HttpRouteObject(b, route));
  }
  b.Set(spec, "http", std::move(http));
  b.Set(obj, "spec", std::move(spec));
  return obj;
}

}  // namespace

void IstioObjects(const GatewayConfig& config, rapidjson::Document& out) {
  out.SetArray();
  JsonBuilder b(out.GetAllocator());
  for (const Gateway& gw : config.gateways) b.Push(out, GatewayObject(b, gw));
  for (const VirtualService& vs : config.virtual_services) {
    b.Push(out, VirtualServiceObject(b, vs));
  }
}

}  // namespace ingresskit::generate_internal
