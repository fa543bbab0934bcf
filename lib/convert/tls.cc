#include "convert/tls.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "common/strings.h"
#include "convert/key_pair.h"

namespace ingresskit::convert_internal {
namespace {

const Secret* FindSecret(const ResourceSet& resources, std::string_view ns,
                         std::string_view name) {
  for (const Secret& secret : resources.secrets) {
    if (secret.metadata.namespace_name == ns && secret.metadata.name == name) {
      return &secret;
    }
  }
  return nullptr;
}

// PEM as a TLS library expects it: at least one BEGIN/END block. Only the
// framing is checked; the bytes pass through unchanged either way.
bool LooksLikePem(std::string_view text) {
  const size_t begin = text.find("-----BEGIN ");
  return begin != std::string_view::npos &&
         text.find("-----END ", begin) != std::string_view::npos;
}

Diagnostic Warning(const Gateway& gateway, std::string field,
                   std::string message) {
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.code = ErrorCode::kValidation;
  d.object = internal::StrCat("Ingress ", gateway.ingress_namespace, "/",
                              gateway.ingress_name);
  d.field = std::move(field);
  d.message = std::move(message);
  return d;
}

}  // namespace

std::string LoadTlsSecret(const ResourceSet& resources, std::string_view ns,
                          std::string_view name, TlsServer& tls) {
  tls.secret = internal::StrCat(ns, "/", name);
  const Secret* secret = FindSecret(resources, ns, name);
  tls.secret_found = secret != nullptr;
  if (secret == nullptr) return "";
  tls.certificate = SecretBytes(secret->certificate());
  tls.private_key = SecretBytes(secret->private_key());
  if (!LooksLikePem(secret->certificate()) ||
      !LooksLikePem(secret->private_key())) {
    return internal::StrCat("Secret ", tls.secret,
                            ": the certificate or the key is not PEM; it is "
                            "passed on unchanged, and TLS handshakes with it "
                            "will fail");
  }
  if (KeyPairCheck pair =
          CheckKeyPair(secret->certificate(), secret->private_key());
      pair.result == KeyPairCheck::Result::kMismatch ||
      pair.result == KeyPairCheck::Result::kUnusable) {
    return internal::StrCat(
        "Secret ", tls.secret, ": ",
        pair.result == KeyPairCheck::Result::kMismatch
            ? "the private key does not belong to the certificate ("
            : "the private key cannot be used (",
        pair.why,
        "); it is passed on unchanged, and Envoy will refuse it: TLS "
        "handshakes on this server will fail");
  }
  return "";
}

void ResolveTlsServers(const ResourceSet& resources,
                       const CompileOptions& options, GatewayConfig& config,
                       std::vector<Diagnostic>& diagnostics) {
  // Generated Gateways have no creation time, so Istio orders them by name
  // (pilot/pkg/model/push_context.go initGateways, sortConfigByCreationTime)
  // and mergeGateways' CheckDuplicates keeps the first server that claims a
  // host string, dropping a later server whole.
  std::vector<const Gateway*> gateways;
  for (const Gateway& g : config.gateways) gateways.push_back(&g);
  std::sort(gateways.begin(), gateways.end(),
            [](const Gateway* a, const Gateway* b) {
              return std::tie(a->name, a->namespace_name) <
                     std::tie(b->name, b->namespace_name);
            });
  // Host string to the index of the accepted server that claimed it.
  std::map<std::string, size_t, std::less<>> claimed;
  std::vector<TlsServer> accepted;
  for (const Gateway* gateway : gateways) {
    for (size_t i = 0; i < gateway->servers.size(); ++i) {
      const GatewayServer& server = gateway->servers[i];
      if (server.protocol != "HTTPS") continue;
      const std::string tls_field = internal::StrCat(
          "spec.tls[", server.name.substr(server.name.rfind('-') + 1), "]");
      std::string clash;
      for (const std::string& host : server.hosts) {
        if (auto it = claimed.find(host); it != claimed.end()) {
          const TlsServer& first = accepted[it->second];
          clash = internal::StrCat(
              "host \"", host, "\" is served by ", first.name, " (Ingress ",
              first.ingress_namespace, "/", first.ingress_name, ")");
          break;
        }
      }
      if (!clash.empty()) {
        diagnostics.push_back(Warning(
            *gateway, tls_field,
            internal::StrCat("HTTPS server ", server.name,
                             " is dropped whole, as Istio drops it: ", clash,
                             ", whose Gateway name sorts first")));
        continue;
      }
      for (const std::string& host : server.hosts) {
        claimed.emplace(host, accepted.size());
      }
      TlsServer& tls = accepted.emplace_back();
      tls.gateway =
          internal::StrCat(gateway->namespace_name, "/", gateway->name);
      tls.name = server.name;
      tls.hosts = server.hosts;
      tls.credential_name = server.credential_name;
      tls.ingress_namespace = gateway->ingress_namespace;
      tls.ingress_name = gateway->ingress_name;
      if (std::string problem =
              LoadTlsSecret(resources, options.ingress_namespace,
                            server.credential_name, tls);
          !problem.empty()) {
        diagnostics.push_back(Warning(*gateway, tls_field, problem));
      }
      if (!tls.secret_found && !resources.secrets.empty()) {
        const bool beside_ingress = FindSecret(
            resources, gateway->ingress_namespace, server.credential_name);
        diagnostics.push_back(Warning(
            *gateway, tls_field,
            beside_ingress
                ? internal::StrCat("Secret ", server.credential_name,
                                   " is in the Ingress's namespace ",
                                   gateway->ingress_namespace,
                                   ", but Istio reads it in the gateway's "
                                   "namespace: ",
                                   tls.secret)
                : internal::StrCat("no Secret ", tls.secret,
                                   " in the input: TLS handshakes on this "
                                   "server will fail")));
      }
    }
  }
  config.tls_servers = std::move(accepted);
}

}  // namespace ingresskit::convert_internal
