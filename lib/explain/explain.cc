// Explain(): the table's decision for one request, retraced step by step
// over the IR the table was built from, in the terms docs/semantics.md
// uses. The index is never consulted: the explanation is an independent
// account, and the tests hold it to Match()'s decision.
#include "ingresskit/explain.h"

#include <algorithm>
#include <string>

#include "common/strings.h"
#include "convert/path_conversion.h"
#include "explain/virtual_host_index.h"
#include "table/host_blocks.h"
#include "table/request.h"

namespace ingresskit {
namespace {

using internal::StrCat;

// The segment of `path` that starts at `at` (just after a `/`).
std::string_view SegmentAt(std::string_view path, size_t at) {
  const size_t end = path.find('/', at);
  return path.substr(at, end == std::string_view::npos ? path.npos : end - at);
}

// Whether `match` accepts `path`, and if not, why: the rule of
// docs/semantics.md §3 for each kind of match.
bool Matches(const RouteMatch& match, std::string_view path,
             std::string& why_not) {
  switch (match.type) {
    case RouteMatchType::kAny:
      return true;
    case RouteMatchType::kExact:
      if (path == match.value) return true;
      why_not = StrCat("exact ", match.value, " is not ", path);
      return false;
    case RouteMatchType::kStringPrefix:
      if (path.starts_with(match.value)) return true;
      why_not = StrCat("string prefix ", match.value, " does not start ", path);
      return false;
    case RouteMatchType::kPrefix: {
      const std::string_view key =
          table_internal::SeparatedPrefixKey(match.value);
      if (path.starts_with(key) && (path.size() == key.size() ||
                                    path[key.size()] == '/' || key.empty())) {
        return true;
      }
      if (path.starts_with(key)) {
        // Same bytes, another segment: `/api` against `/apix`.
        const size_t start = key.rfind('/') + 1;
        why_not = StrCat("prefix ", match.value, " does not match ", path,
                         ": segment '", SegmentAt(path, start), "' is not '",
                         key.substr(start), "'");
      } else {
        why_not = StrCat("prefix ", match.value, " does not match ", path,
                         ": the path does not start with ", key);
      }
      return false;
    }
  }
  return false;
}

// Why `winner` is tried before `loser` on one host (both match).
std::string WhyFirst(const HttpRoute& winner, const HttpRoute& loser,
                     Semantics semantics) {
  const RouteMatch& w = winner.match;
  const RouteMatch& l = loser.match;
  const bool w_exact = w.type == RouteMatchType::kExact;
  const bool l_exact = l.type == RouteMatchType::kExact;
  if (semantics == Semantics::kGatewayApi) {
    // Istio's sortHTTPRoutes: Exact first, then length, a prefix counted
    // without one trailing '/'.
    if (w_exact != l_exact) {
      return "also matches; Gateway API tries an Exact path before every "
             "PathPrefix";
    }
    const auto trimmed = [](const RouteMatch& m) {
      return m.type == RouteMatchType::kPrefix && m.value.size() > 1 &&
                     m.value.back() == '/'
                 ? m.value.size() - 1
                 : m.value.size();
    };
    if (trimmed(w) != trimmed(l)) {
      return StrCat("also matches; the longer path is tried first (",
                    trimmed(w), " bytes without a trailing '/', against ",
                    trimmed(l), ")");
    }
    return StrCat(
        "also matches with an equal order key; the older HTTPRoute (then "
        "namespace, then name) and its earlier rule come first: HTTPRoute ",
        winner.origin.ingress_namespace, "/", winner.origin.ingress_name);
  }
  if (semantics == Semantics::kIstio) {
    if (w.value.size() != l.value.size()) {
      return StrCat("also matches; Istio tries longer paths first (",
                    w.value.size(), " bytes as written, against ",
                    l.value.size(), ")");
    }
    if (w_exact != l_exact) {
      return "also matches; at equal length Istio tries an exact path first";
    }
  } else {
    const size_t w_len =
        w.type == RouteMatchType::kPrefix
            ? table_internal::SeparatedPrefixKey(w.value).size()
            : w.value.size();
    const size_t l_len =
        l.type == RouteMatchType::kPrefix
            ? table_internal::SeparatedPrefixKey(l.value).size()
            : l.value.size();
    if (w_len != l_len) {
      return StrCat("also matches; the longest match wins (", w_len,
                    " bytes against ", l_len, ")");
    }
    if (w_exact != l_exact) {
      return "also matches; an exact match wins over a prefix";
    }
    if (w.value.size() != l.value.size()) {
      return "also matches; at an equal match the longer path wins";
    }
  }
  return StrCat(
      "also matches with an equal order key; routes keep their "
      "Ingresses' order (oldest creationTimestamp, then name, then "
      "namespace) and their order within one: Ingress ",
      winner.origin.ingress_namespace, "/", winner.origin.ingress_name,
      " comes first");
}

// How the gateway's reading of the request differs from what was sent.
void HostSteps(std::string_view raw, std::string_view host,
               std::vector<std::string>& steps) {
  if (std::any_of(raw.begin(), raw.end(),
                  [](char c) { return c >= 'A' && c <= 'Z'; })) {
    steps.push_back("host lower-cased");
  }
  std::string_view rest = raw;
  if (rest.size() > host.size() && rest.find(':', host.size()) != rest.npos) {
    steps.push_back(StrCat("port ", rest.substr(rest.rfind(':')), " dropped"));
    rest = rest.substr(0, rest.rfind(':'));
  }
  if (rest.size() == host.size() + 1 && rest.back() == '.') {
    steps.push_back("trailing dot dropped");
  }
}

void PathSteps(std::string_view raw, std::string_view path,
               PathNormalization mode, std::vector<std::string>& steps) {
  const size_t query = raw.find_first_of("?#");
  std::string_view target = raw.substr(0, query);
  if (query != raw.npos) {
    steps.push_back(raw[query] == '?' ? "query dropped" : "fragment dropped");
  }
  if (target == path) return;
  std::vector<std::string_view> what;
  if (target.find('\\') != target.npos) what.push_back("backslashes as `/`");
  if (target.find("/.") != target.npos || target.find("%2e") != target.npos ||
      target.find("%2E") != target.npos) {
    what.push_back("dot segments resolved");
  }
  if (target.find('%') != target.npos) what.push_back("escapes decoded");
  if (path.find('%') != path.npos) what.push_back("bytes escaped");
  if (mode != PathNormalization::kBase && target.find("//") != target.npos) {
    what.push_back("slashes merged");
  }
  std::string joined;
  for (std::string_view w : what) {
    if (!joined.empty()) joined += ", ";
    joined += w;
  }
  steps.push_back(StrCat("path normalised (", ToString(mode),
                         joined.empty() ? "" : ": ", joined, ")"));
}

// Envoy's virtual host selection, each configured host that could apply
// with its part in it.
void SelectHost(const GatewayConfig& config, std::string_view host,
                Explanation& out) {
  const bool one_label = config.semantics == Semantics::kKubernetes;
  const explain_internal::VirtualHostIndex::Selection selection =
      explain_internal::VirtualHostIndex(config).Select(host);
  const VirtualService* exact = selection.exact;
  const VirtualService* wildcard = selection.wildcard;
  out.selected = selection.selected();
  for (const VirtualService& vs : config.virtual_services) {
    if (vs.https_only) continue;
    const std::string_view name = vs.host;
    HostCandidate c;
    if (&vs == out.selected) {
      c.result = HostResult::kSelected;
      c.reason = &vs == exact      ? "the request's host"
                 : &vs == wildcard ? "the longest wildcard suffix that matches"
                                   : "no other host matches: the catch-all";
    } else if (name == "*") {
      c.result = HostResult::kNotConsulted;
      c.reason =
          "Istio selects one virtual host: '*' is not consulted once a host "
          "matched";
    } else if (name.starts_with("*.")) {
      const std::string_view suffix = name.substr(1);
      if (host.size() <= suffix.size() || !host.ends_with(suffix)) continue;
      const std::string_view label =
          host.substr(0, host.size() - suffix.size());
      if (one_label && label.find('.') != label.npos) {
        c.result = HostResult::kNoMatch;
        c.reason = StrCat("the Ingress spec's wildcard covers one label, not '",
                          label, "'");
      } else {
        c.result = HostResult::kNotConsulted;
        c.reason =
            exact ? "an exact host wins over wildcards"
                  : StrCat("the longer wildcard ", wildcard->host, " wins");
      }
    } else {
      continue;  // Another exact host: it never applies.
    }
    c.host = vs.host;
    out.candidates.push_back(std::move(c));
  }
}

}  // namespace

std::string_view ToString(HostResult result) {
  switch (result) {
    case HostResult::kSelected:
      return "selected";
    case HostResult::kNoMatch:
      return "no_match";
    case HostResult::kNotConsulted:
      return "not_consulted";
  }
  return "";
}

std::string_view ToString(RouteResult result) {
  switch (result) {
    case RouteResult::kMatch:
      return "match";
    case RouteResult::kNoMatch:
      return "no_match";
    case RouteResult::kNotEvaluated:
      return "not_evaluated";
  }
  return "";
}

const HttpRoute* Explanation::served_by() const {
  if (winner >= 0) return routes[static_cast<size_t>(winner)].route;
  return default_backend;
}

Explanation Explain(const RouteTable& table, std::string_view host,
                    std::string_view path) {
  const GatewayConfig& config = table.config();
  const CompileOptions& options = table.options();
  Explanation out;
  out.table = table;
  out.semantics = config.semantics;
  out.request_host = std::string(host);
  out.request_path = std::string(path);

  // The request as the gateway reads it: the table's own normalisers.
  table_internal::Scratch<table_internal::HostTag> scratch;
  std::string_view normal_host;
  out.status = table_internal::NormalizeHost(
      host, options.limits.max_request_path_bytes, scratch, normal_host);
  if (out.status != MatchStatus::kMatched) {
    out.invalid =
        "the host has whitespace, control bytes or NUL, or is "
        "longer than the request limit";
    out.http_status = 400;
    return out;
  }
  out.host = std::string(normal_host);
  HostSteps(host, out.host, out.steps);
  std::string normal_path(MaxNormalizedPathBytes(path.size()), '\0');
  const NormalizedPath n = table.NormalizePath(path, normal_path);
  if (!n.ok()) {
    out.status = n.status;
    out.invalid = n.status == MatchStatus::kPathTooLong
                      ? "the path is longer than the request limit"
                      : "the path is not absolute, or holds control bytes, "
                        "whitespace or %00";
    out.http_status = 400;
    return out;
  }
  normal_path.resize(n.length);
  out.path = normal_path;
  PathSteps(path, out.path, options.path_normalization, out.steps);

  SelectHost(config, out.host, out);
  if (out.selected != nullptr) {
    const auto& routes = out.selected->routes;
    for (uint32_t i = 0; i < routes.size(); ++i) {
      ExplainedRoute r;
      r.order = i;
      r.route = &routes[i];
      std::string why_not;
      const bool matches = Matches(routes[i].match, out.path, why_not);
      if (out.winner >= 0) {
        r.result = RouteResult::kNotEvaluated;
        r.would_match = matches;
        if (matches) {
          r.reason =
              WhyFirst(*out.routes[static_cast<size_t>(out.winner)].route,
                       routes[i], out.semantics);
          out.shadowed.push_back(out.routes.size());
        }
      } else if (matches) {
        r.result = RouteResult::kMatch;
        out.winner = static_cast<int64_t>(out.routes.size());
      } else {
        r.result = RouteResult::kNoMatch;
        r.reason = std::move(why_not);
      }
      out.routes.push_back(std::move(r));
    }
  }
  if (out.winner < 0 && config.default_route) {
    out.default_backend = &*config.default_route;
  }
  const HttpRoute* served = out.served_by();
  out.status = served == nullptr ? MatchStatus::kNoRoute
               : served->destination.unresolved
                   ? MatchStatus::kBackendUnresolved
                   : MatchStatus::kMatched;
  out.http_status = HttpStatus(out.status);
  return out;
}

}  // namespace ingresskit
