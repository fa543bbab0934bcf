// Lint(): the checks of lint.h over the objects read and the table built
// from them. Each check is one function appending findings; the table is
// only read.
#include "ingresskit/lint.h"

#include <array>
#include <map>
#include <set>
#include <tuple>

#include "absl/time/time.h"
#include "common/strings.h"
#include "convert/class_selection.h"
#include "diff/request_classes.h"
#include "explain/route_json.h"
#include "model/namespace_of.h"
#include "parse/sources.h"
#include "table/host_blocks.h"

namespace ingresskit {
namespace {

using explain_internal::DescribeRoute;
using explain_internal::KindOf;
using explain_internal::OriginField;
using internal::StrCat;
using model_internal::NamespaceOf;

// An Ingress path as lint names it: its identity in the IR.
using PathId = std::tuple<std::string, std::string, uint32_t, uint32_t>;

PathId IdOf(const HttpRoute& r) {
  return {r.origin.ingress_namespace, r.origin.ingress_name,
          r.origin.rule_index, r.origin.path_index};
}

class Linter {
 public:
  Linter(const ResourceSet& resources, const RouteTable& table,
         const CompileOptions& options, std::vector<LintFinding>& out)
      : resources_(resources), table_(table), options_(options), out_(out) {
    for (const Ingress& ing : resources.ingresses) {
      ingresses_[{NamespaceOf(ing.metadata), ing.metadata.name}] = &ing;
    }
  }

  void Run() {
    convert_internal::ClassSelector selector(resources_.ingress_classes,
                                             options_);
    std::vector<const Ingress*> served;
    for (const Ingress& ing : resources_.ingresses) {
      const convert_internal::ClassDecision d = selector.Decide(ing);
      if (d.served) {
        served.push_back(&ing);
      } else {
        IgnoredIngress(ing, d.reason);
      }
    }
    for (const Ingress* ing : served) {
      DefaultBackendIgnored(*ing);
      Backends(*ing);
      TlsSecretNamespace(*ing);
    }
    for (const VirtualService& vs : table_.config().virtual_services) {
      if (vs.https_only) continue;  // Lint reasons about plain HTTP.
      WildcardMultilabel(vs);
      for (const HttpRoute& route : vs.routes) {
        EnvoyRejects(route);
        NeverMatches(route);
      }
      Duplicates(vs);
    }
    Unreachable();
  }

 private:
  void Add(std::string code, Severity severity, std::string object,
           std::string field, SourcePosition position, std::string message) {
    LintFinding f;
    f.code = std::move(code);
    f.diagnostic.severity = severity;
    f.diagnostic.code = ErrorCode::kValidation;
    f.diagnostic.object = std::move(object);
    f.diagnostic.field = std::move(field);
    f.diagnostic.position = position;
    f.diagnostic.message = std::move(message);
    out_.push_back(std::move(f));
  }

  void AddRoute(std::string code, Severity severity, const HttpRoute& r,
                std::string message) {
    Add(std::move(code), severity,
        StrCat(KindOf(r), " ", r.origin.ingress_namespace, "/",
               r.origin.ingress_name),
        OriginField(r), r.origin.position, std::move(message));
  }

  void AddIngress(std::string code, Severity severity, const Ingress& ing,
                  std::string field, std::string message) {
    Add(std::move(code), severity,
        StrCat("Ingress ", NamespaceOf(ing.metadata), "/", ing.metadata.name),
        std::move(field), ing.position, std::move(message));
  }

  const Ingress* IngressOf(const HttpRoute& r) const {
    auto it =
        ingresses_.find({r.origin.ingress_namespace, r.origin.ingress_name});
    return it == ingresses_.end() ? nullptr : it->second;
  }

  void IgnoredIngress(const Ingress& ing, const std::string& reason) {
    std::string field;
    if (ing.spec.ingress_class_name) field = "spec.ingressClassName";
    if (ing.metadata.annotations.contains(
            convert_internal::kIngressClassAnnotation)) {
      field = StrCat("metadata.annotations[",
                     convert_internal::kIngressClassAnnotation, "]");
    }
    AddIngress("ignored-ingress", Severity::kInfo, ing, field,
               StrCat("this gateway does not serve the Ingress: ", reason));
  }

  void DefaultBackendIgnored(const Ingress& ing) {
    if (options_.semantics != Semantics::kIstio || !ing.spec.default_backend) {
      return;
    }
    AddIngress("default-backend-ignored", Severity::kWarning, ing,
               ing.api_version == kNetworkingV1 ? "spec.defaultBackend"
                                                : "spec.backend",
               "Istio does not route to an Ingress's default backend: "
               "requests no rule matches get 404");
  }

  // missing-service and unresolved-port, when the input has Services.
  void Backends(const Ingress& ing) {
    if (resources_.services.empty()) return;
    const std::string ns = NamespaceOf(ing.metadata);
    auto check = [&](const IngressBackend& backend, const std::string& field,
                     SourcePosition position) {
      if (!backend.service) return;
      const IngressServiceBackend& b = *backend.service;
      const Service* service = nullptr;
      for (const Service& s : resources_.services) {
        if (NamespaceOf(s.metadata) == ns && s.metadata.name == b.name) {
          service = &s;
        }
      }
      const std::string object = StrCat("Ingress ", ns, "/", ing.metadata.name);
      if (service == nullptr) {
        Add("missing-service", Severity::kWarning, object,
            field + ".service.name", position,
            StrCat("Service ", ns, "/", b.name,
                   " is not in the input: Istio routes to ", b.name, ".", ns,
                   ".svc.cluster.local, which has no endpoints (503) unless "
                   "the Service exists"));
        return;
      }
      bool found = false;
      std::string ports;
      for (const ServicePort& p : service->spec.ports) {
        found |=
            b.port.has_name() ? p.name == b.port.name : p.port == b.port.number;
        if (!ports.empty()) ports += ", ";
        ports += p.name.empty() ? StrCat(p.port) : StrCat(p.name, "=", p.port);
      }
      if (!found) {
        Add("unresolved-port", Severity::kWarning, object,
            field + ".service.port", position,
            StrCat("Service ", ns, "/", b.name, " has no port ",
                   b.port.has_name() ? b.port.name : StrCat(b.port.number),
                   " (its ports: ", ports.empty() ? "none" : ports, ")"));
      }
    };
    for (size_t r = 0; r < ing.spec.rules.size(); ++r) {
      const IngressRule& rule = ing.spec.rules[r];
      if (!rule.http) continue;
      for (size_t p = 0; p < rule.http->paths.size(); ++p) {
        check(rule.http->paths[p].backend,
              StrCat("spec.rules[", r, "].http.paths[", p, "].backend"),
              rule.http->paths[p].position);
      }
    }
    if (ing.spec.default_backend &&
        options_.semantics == Semantics::kKubernetes) {
      check(*ing.spec.default_backend, "spec.defaultBackend", ing.position);
    }
  }

  // Istio reads credentialName in the gateway's namespace only.
  void TlsSecretNamespace(const Ingress& ing) {
    if (resources_.secrets.empty()) return;
    const std::string ns = NamespaceOf(ing.metadata);
    auto has = [&](std::string_view in, std::string_view name) {
      for (const Secret& s : resources_.secrets) {
        if (NamespaceOf(s.metadata) == in && s.metadata.name == name) {
          return true;
        }
      }
      return false;
    };
    for (size_t t = 0; t < ing.spec.tls.size(); ++t) {
      const std::string& name = ing.spec.tls[t].secret_name;
      if (name.empty() || ns == options_.ingress_namespace ||
          has(options_.ingress_namespace, name) || !has(ns, name)) {
        continue;
      }
      AddIngress("tls-secret-namespace", Severity::kWarning, ing,
                 StrCat("spec.tls[", t, "].secretName"),
                 StrCat("Secret ", name, " is in the Ingress's namespace ", ns,
                        ", but Istio reads it from the gateway's, ",
                        options_.ingress_namespace,
                        ", where there is none: the HTTPS server has no "
                        "certificate (copy the Secret there)"));
    }
  }

  void WildcardMultilabel(const VirtualService& vs) {
    if (table_.config().semantics != Semantics::kIstio ||
        !vs.host.starts_with("*.") || vs.routes.empty()) {
      return;
    }
    const HttpRoute& first = vs.routes.front();
    Add("wildcard-multilabel", Severity::kInfo,
        StrCat("Ingress ", first.origin.ingress_namespace, "/",
               first.origin.ingress_name),
        StrCat("spec.rules[", first.origin.rule_index, "].host"),
        first.origin.position,
        StrCat("Istio serves ", vs.host, " for a.b", vs.host.substr(1),
               " too (any number of labels); the Ingress spec matches one "
               "label only"));
  }

  // Envoy's path_separated_prefix must match ^[^?#]+[^?#/]$.
  void EnvoyRejects(const HttpRoute& r) {
    if (r.match.type != RouteMatchType::kPrefix) return;
    const std::string_view key =
        table_internal::SeparatedPrefixKey(r.match.value);
    if (key.empty()) return;  // "/": a plain prefix.
    if (key.find_first_of("?#") == key.npos && key.back() != '/') return;
    if (!reported_.insert({IdOf(r), "envoy-rejects-route"}).second) return;
    silenced_.insert(IdOf(r));
    AddRoute("envoy-rejects-route", Severity::kError, r,
             StrCat("Istio turns this path into path_separated_prefix \"", key,
                    "\", which Envoy refuses (it must match "
                    "^[^?#]+[^?#/]$): Envoy then rejects the gateway's whole "
                    "route configuration, so while this Ingress stands no "
                    "route of any host changes"));
  }

  void NeverMatches(const HttpRoute& r) {
    std::string why;
    const std::array<const RouteTable*, 1> tables = {&table_};
    if (r.match.type == RouteMatchType::kExact) {
      if (r.match.value.find_first_of("?#") != std::string::npos) {
        why =
            "a request path never holds '?' or '#' (they start the query "
            "and the fragment)";
      } else if (!diff_internal::ReadAsWritten(tables, r.match.value,
                                               buffer_)) {
        why = StrCat("the gateway normalises request paths (",
                     ToString(options_.path_normalization),
                     "), and no normalised path is spelled like this");
      }
    } else if (r.match.type == RouteMatchType::kPrefix ||
               r.match.type == RouteMatchType::kStringPrefix) {
      const std::string_view key =
          r.match.type == RouteMatchType::kPrefix
              ? table_internal::SeparatedPrefixKey(r.match.value)
              : std::string_view(r.match.value);
      if (key.find_first_of("?#") == key.npos &&
          diff_internal::NoRequestReaches(tables, key, buffer_)) {
        why = StrCat("the gateway normalises request paths (",
                     ToString(options_.path_normalization),
                     "), and no normalised path starts like this");
      }
    }
    if (why.empty() || !reported_.insert({IdOf(r), "never-matches"}).second) {
      return;
    }
    silenced_.insert(IdOf(r));
    AddRoute("never-matches", Severity::kWarning, r,
             StrCat(ToString(r.match.type), " ", r.match.value,
                    " never matches: ", why));
  }

  // Why `winner` comes before `loser`, whose matches are the same.
  std::string WhyFirst(const HttpRoute& winner, const HttpRoute& loser) {
    if (IdOf(winner) == IdOf(loser)) return "";
    const Ingress* w = IngressOf(winner);
    const Ingress* l = IngressOf(loser);
    if (w == l) {
      return winner.origin.path.size() != loser.origin.path.size()
                 ? "Istio tries the longer path as written first"
                 : "it comes first in the Ingress";
    }
    if (w == nullptr || l == nullptr) return "it comes first";
    const auto seconds = [](const Ingress& i) {
      return i.metadata.creation_timestamp
                 ? i.metadata.creation_timestamp->seconds
                 : int64_t{0};
    };
    const auto when = [&](const Ingress& i) {
      if (!i.metadata.creation_timestamp) return std::string("none");
      return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                              absl::FromUnixSeconds(seconds(i)),
                              absl::UTCTimeZone());
    };
    if (seconds(*w) != seconds(*l)) {
      return StrCat("older creationTimestamp (", when(*w), " against ",
                    when(*l), ")");
    }
    if (w->metadata.name != l->metadata.name) {
      return StrCat("same creationTimestamp; name ", w->metadata.name,
                    " sorts before ", l->metadata.name);
    }
    return StrCat("same creationTimestamp and name; namespace ",
                  NamespaceOf(w->metadata), " sorts before ",
                  NamespaceOf(l->metadata));
  }

  // The same host and normalised match twice: the first in Istio's order
  // takes every request.
  void Duplicates(const VirtualService& vs) {
    std::map<std::pair<RouteMatchType, std::string_view>, const HttpRoute*>
        first;
    for (const HttpRoute& r : vs.routes) {
      const std::string_view key =
          r.match.type == RouteMatchType::kPrefix
              ? table_internal::SeparatedPrefixKey(r.match.value)
              : std::string_view(r.match.value);
      auto [it, inserted] = first.emplace(std::pair{r.match.type, key}, &r);
      if (inserted || IdOf(*it->second) == IdOf(r)) continue;
      if (!reported_.insert({IdOf(r), "duplicate-route"}).second) continue;
      silenced_.insert(IdOf(r));
      AddRoute("duplicate-route", Severity::kWarning, r,
               StrCat("same host \"", vs.host, "\" and the same match as ",
                      DescribeRoute(*it->second),
                      ", which wins: ", WhyFirst(*it->second, r),
                      "; this path never receives traffic on that host"));
    }
  }

  // Routes that win no request class (diff's partition of this table).
  void Unreachable() {
    const std::array<const RouteTable*, 1> tables = {&table_};
    const diff_internal::Partition partition =
        diff_internal::PartitionRequests(tables);
    std::set<const HttpRoute*> won;
    for (const diff_internal::RequestClass& c : partition.classes) {
      const MatchResult m =
          table_.Match(partition.hosts[c.host].example, c.path.example);
      if (m.route != nullptr) won.insert(m.route);  // 200, or 500.
    }
    // A request for each configured host: its class's example.
    std::map<std::string_view, std::string_view> example;
    for (const diff_internal::HostClass& h : partition.hosts) {
      if (h.kind == diff_internal::HostClass::Kind::kOther) {
        example.emplace("*", h.example);
      } else if (h.kind != diff_internal::HostClass::Kind::kWildcardLabels) {
        example.emplace(h.pattern, h.example);
      }
    }
    for (const VirtualService& vs : table_.config().virtual_services) {
      if (vs.https_only) continue;
      const std::string host(example.at(vs.host));
      for (const HttpRoute& r : vs.routes) {
        if (won.contains(&r) || silenced_.contains(IdOf(r))) continue;
        if (!reported_.insert({IdOf(r), "unreachable-route:" + vs.host})
                 .second) {
          continue;
        }
        std::string probe = r.match.value;
        if (r.match.type == RouteMatchType::kPrefix) {
          probe = std::string(table_internal::SeparatedPrefixKey(probe));
        }
        if (probe.empty()) probe = "/";
        const MatchResult m = table_.Match(host, probe);
        std::string taker;
        if (m.matched() && m.route != &r) {
          taker =
              StrCat(": ", host, probe, " goes to ", DescribeRoute(*m.route),
                     ", which Istio tries first, and so does every other "
                     "request it matches");
        }
        AddRoute("unreachable-route", Severity::kWarning, r,
                 StrCat("wins no request on host \"", vs.host, "\"", taker));
      }
    }
  }

  const ResourceSet& resources_;
  const RouteTable& table_;
  const CompileOptions& options_;
  std::vector<LintFinding>& out_;
  std::map<std::pair<std::string, std::string>, const Ingress*> ingresses_;
  // One finding per path and code; a path already reported as a
  // duplicate, as never matching or as refused by Envoy is not also
  // reported unreachable.
  std::set<std::pair<PathId, std::string>> reported_;
  std::set<PathId> silenced_;
  std::string buffer_;
};

LintResult LintParsed(ParseResult parsed, const CompileOptions& options) {
  LintResult out;
  if (!parsed.ok()) {
    out.status = parsed.status;
    out.diagnostics = std::move(parsed.diagnostics);
    return out;
  }
  CompileResult compiled = Compile(parsed.resources, options);
  out.status = compiled.status;
  out.table = compiled.table;
  out.diagnostics = std::move(parsed.diagnostics);
  for (Diagnostic& d : compiled.diagnostics) {
    out.diagnostics.push_back(std::move(d));
  }
  if (out.ok()) {
    Linter(parsed.resources, out.table, options, out.findings).Run();
  }
  return out;
}

}  // namespace

std::string LintFinding::ToCompilerStyle() const {
  return StrCat(diagnostic.ToCompilerStyle(), " [", code, "]");
}

LintResult Lint(const ResourceSet& resources, const CompileOptions& options) {
  ParseResult parsed;
  parsed.resources = resources;
  return LintParsed(std::move(parsed), options);
}

LintResult Lint(std::string_view text, const CompileOptions& options) {
  return LintParsed(Parse(text, parse_internal::ParseOptionsFor(options)),
                    options);
}

LintResult Lint(std::span<const Source> sources,
                const CompileOptions& options) {
  parse_internal::ObjectSources objects;
  LintResult out = LintParsed(
      parse_internal::ParseSources(
          sources, parse_internal::ParseOptionsFor(options), &objects),
      options);
  parse_internal::AttributeToSources(objects, out.diagnostics);
  std::vector<Diagnostic> findings;
  for (LintFinding& f : out.findings)
    findings.push_back(std::move(f.diagnostic));
  parse_internal::AttributeToSources(objects, findings);
  for (size_t i = 0; i < findings.size(); ++i) {
    out.findings[i].diagnostic = std::move(findings[i]);
  }
  return out;
}

}  // namespace ingresskit
