// Migrate(): compile the Ingresses, write the Gateway API objects, compile
// those with Gateway API semantics, and diff the two tables (migrate.h).
#include "ingresskit/migrate.h"

#include <sstream>
#include <string>
#include <utility>

#include "diff/request_classes.h"
#include "generate/yaml_emitter.h"
#include "ingresskit/route_table.h"
#include "parse/sources.h"
#include "rapidjson/document.h"
#include "validate/names.h"

namespace ingresskit {
namespace {

HttpsOutcome DecideOverTls(const RouteTable& table, std::string_view host,
                           std::string_view path) {
  const TlsMatchResult m = table.MatchTls(host, host, path);
  HttpsOutcome out;
  out.handshake = m.server != nullptr;
  if (m.result.route != nullptr) {
    out.decision = {HttpStatus(m.result.status), m.result.route};
  }
  return out;
}

bool SameOutcome(const HttpsOutcome& a, const HttpsOutcome& b) {
  if (a.handshake != b.handshake) return false;
  const ClassOutcome& x = a.decision;
  const ClassOutcome& y = b.decision;
  if ((x.route == nullptr) != (y.route == nullptr)) return false;
  return x.route == nullptr ||
         (x.http_status == y.http_status &&
          x.route->destination.host == y.route->destination.host &&
          x.route->destination.port == y.route->destination.port);
}

// Each plain-HTTP class's request, over TLS with its host as the server
// name, to both tables. Examples, not a partition of HTTPS requests: HTTPS
// route configurations can join hosts plain HTTP keeps apart.
std::vector<HttpsDifference> CompareOverTls(const RouteTable& ingresses,
                                            const RouteTable& migrated) {
  std::vector<HttpsDifference> out;
  if (ingresses.config().tls_servers.empty() &&
      migrated.config().tls_servers.empty()) {
    return out;
  }
  const RouteTable* tables[] = {&ingresses, &migrated};
  const diff_internal::Partition partition =
      diff_internal::PartitionRequests(tables);
  for (const diff_internal::RequestClass& c : partition.classes) {
    const std::string& host = partition.hosts[c.host].example;
    HttpsDifference d{host, c.path.example,
                      DecideOverTls(ingresses, host, c.path.example),
                      DecideOverTls(migrated, host, c.path.example)};
    if (!SameOutcome(d.istio, d.migrated)) out.push_back(std::move(d));
  }
  return out;
}

std::string Describe(const HttpsOutcome& o) {
  if (!o.handshake) return "no HTTPS server (handshake fails)";
  if (o.decision.route == nullptr) return "404";
  const RouteDestination& d = o.decision.route->destination;
  return (o.decision.http_status == 200
              ? std::string()
              : std::to_string(o.decision.http_status) + " ") +
         d.host + ":" + std::to_string(d.port);
}

MigrateResult MigrateParsed(ParseResult parsed, const CompileOptions& options,
                            const MigrateOptions& migrate) {
  MigrateResult result;
  result.diagnostics = std::move(parsed.diagnostics);
  if (!parsed.ok()) {
    result.status = parsed.status;
    return result;
  }
  auto refuse = [&](ErrorCode code, std::string field, std::string message) {
    Diagnostic d;
    d.code = code;
    d.object = "migrate options";
    d.field = std::move(field);
    d.message = std::move(message);
    result.diagnostics.push_back(std::move(d));
    result.status = code;
    return result;
  };
  if (options.semantics != Semantics::kIstio) {
    return refuse(ErrorCode::kUnsupported, "semantics",
                  "migrate reproduces what Istio does with Ingresses: it "
                  "takes semantics istio only, not " +
                      std::string(ToString(options.semantics)));
  }
  // The names go into objects the API server validates.
  if (std::string why =
          validate_internal::CheckDns1123Subdomain(migrate.gateway_name);
      !why.empty()) {
    return refuse(ErrorCode::kValidation, "gateway_name", why);
  }
  if (!migrate.gateway_namespace.empty()) {
    if (std::string why =
            validate_internal::CheckDns1123Label(migrate.gateway_namespace);
        !why.empty()) {
      return refuse(ErrorCode::kValidation, "gateway_namespace", why);
    }
  }
  if (!migrate.address.empty()) {
    if (std::string why =
            validate_internal::CheckDns1123Subdomain(migrate.address);
        !why.empty()) {
      return refuse(ErrorCode::kValidation, "address", why);
    }
  }
  CompileResult ingresses = Compile(parsed.resources, options);
  for (Diagnostic& d : ingresses.diagnostics) {
    result.diagnostics.push_back(std::move(d));
  }
  if (!ingresses.ok()) {
    result.status = ingresses.status;
    return result;
  }
  MigrateOptions resolved = migrate;
  if (resolved.gateway_namespace.empty()) {
    resolved.gateway_namespace = options.ingress_namespace;
  }
  result.objects = ToGatewayApi(ingresses.table.config(), resolved);
  for (const Diagnostic& d : result.objects.diagnostics) {
    result.diagnostics.push_back(d);
  }

  // The migrated objects as a cluster would hold them: with the input's
  // Services (a backendRef to a Service that is not there answers 500)
  // and endpoints.
  ResourceSet migrated;
  migrated.gateways.push_back(result.objects.gateway);
  migrated.http_routes = result.objects.http_routes;
  migrated.services = parsed.resources.services;
  migrated.endpoint_slices = parsed.resources.endpoint_slices;
  migrated.endpoints = parsed.resources.endpoints;
  CompileOptions gateway_api = options;
  gateway_api.semantics = Semantics::kGatewayApi;
  gateway_api.strict = false;
  CompileResult routes = Compile(migrated, gateway_api);
  for (Diagnostic& d : routes.diagnostics) {
    // Listeners the plain-HTTP table does not route are expected here.
    if (d.severity == Severity::kInfo) continue;
    d.message = "in the migrated objects: " + d.message;
    result.diagnostics.push_back(std::move(d));
  }
  if (!routes.ok()) {
    result.status = routes.status;
    return result;
  }
  result.proof = Diff(ingresses.table, routes.table);
  result.https_differences =
      CompareOverTls(result.proof.old_table, result.proof.new_table);
  return result;
}

}  // namespace

namespace {

// The objects as a JSON array, through their one writer (ToJson).
rapidjson::Document ObjectArray(const GatewayApiObjects& objects) {
  ResourceSet set;
  set.gateways.push_back(objects.gateway);
  set.http_routes = objects.http_routes;
  const std::string json = ToJson(set, 0);
  rapidjson::Document list;
  list.Parse(json.data(), json.size());
  rapidjson::Document items;
  items.CopyFrom(list["items"], items.GetAllocator());
  return items;
}

}  // namespace

std::string GatewayApiYaml(const GatewayApiObjects& objects) {
  return generate_internal::ToYamlStream(ObjectArray(objects));
}

std::vector<std::string> GatewayApiDocuments(const GatewayApiObjects& objects) {
  rapidjson::Document items = ObjectArray(objects);
  std::vector<std::string> out;
  for (auto& item : items.GetArray()) {
    rapidjson::Document one;
    one.SetArray();
    one.PushBack(rapidjson::Value(item, one.GetAllocator()),
                 one.GetAllocator());
    out.push_back(generate_internal::ToYamlStream(one));
  }
  return out;
}

MigrateResult Migrate(const ResourceSet& resources,
                      const CompileOptions& options,
                      const MigrateOptions& migrate) {
  ParseResult parsed;
  parsed.resources = resources;
  return MigrateParsed(std::move(parsed), options, migrate);
}

MigrateResult Migrate(std::string_view text, const CompileOptions& options,
                      const MigrateOptions& migrate) {
  return MigrateParsed(Parse(text, parse_internal::ParseOptionsFor(options)),
                       options, migrate);
}

MigrateResult Migrate(std::span<const Source> sources,
                      const CompileOptions& options,
                      const MigrateOptions& migrate) {
  parse_internal::ObjectSources objects;
  MigrateResult result = MigrateParsed(
      parse_internal::ParseSources(
          sources, parse_internal::ParseOptionsFor(options), &objects),
      options, migrate);
  parse_internal::AttributeToSources(objects, result.diagnostics);
  return result;
}

std::string MigrateReport(const MigrateResult& result) {
  std::ostringstream out;
  for (const Diagnostic& d : result.diagnostics) {
    out << d.ToCompilerStyle() << "\n";
  }
  if (!result.ok()) {
    out << "not migrated: " << ToString(result.status) << "\n";
    return out.str();
  }
  const DiffResult& proof = result.proof;
  if (result.equivalent()) {
    out << "equivalent: the " << proof.classes
        << " request classes are decided alike by the Ingresses (istio) and "
           "the migrated objects (gateway-api), over plain HTTP\n";
  } else {
    out << "not equivalent: these request classes are decided differently "
           "(Ingresses under istio -> migrated objects under gateway-api):\n"
        << DiffText(proof);
  }
  if (!result.https_differences.empty()) {
    out << "over HTTPS (not part of the proof: Istio serves a host over "
           "HTTPS only through its oldest Ingress's TLS, istio/istio#24385; "
           "after migration every TLS host serves its routes), these "
           "requests are answered otherwise:\n";
    for (const HttpsDifference& d : result.https_differences) {
      out << "  https://" << d.host << d.path << "  " << Describe(d.istio)
          << " -> " << Describe(d.migrated) << "\n";
    }
  }
  return out.str();
}

}  // namespace ingresskit
