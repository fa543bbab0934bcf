// An Explanation as JSON (for programs: the CLI's default, the C ABI,
// Python) and as text (for people).
#include <sstream>

#include "explain/route_json.h"
#include "ingresskit/explain.h"
#include "rapidjson/stringbuffer.h"

namespace ingresskit {
namespace {

using explain_internal::IngressOf;
using explain_internal::OptionalString;
using explain_internal::RouteObject;
using explain_internal::String;
using explain_internal::Writer;

void ExplainedRouteObject(Writer& w, const ExplainedRoute& r) {
  w.StartObject();
  w.Key("order");
  w.Uint(r.order);
  w.Key("route");
  RouteObject(w, *r.route);
  w.Key("result");
  String(w, ToString(r.result));
  if (r.result == RouteResult::kNotEvaluated) {
    w.Key("would_match");
    w.Bool(r.would_match);
  }
  if (!r.reason.empty()) {
    w.Key("reason");
    String(w, r.reason);
  }
  w.EndObject();
}

const char* MatchWord(const RouteMatch& m) {
  switch (m.type) {
    case RouteMatchType::kExact:
      return "exact";
    case RouteMatchType::kPrefix:
      return "prefix";
    case RouteMatchType::kStringPrefix:
      return "string prefix";
    case RouteMatchType::kAny:
      return "any path";
  }
  return "";
}

}  // namespace

std::string ExplanationJson(const Explanation& e) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("semantics");
  String(w, ToString(e.semantics));
  w.Key("request");
  w.StartObject();
  w.Key("host");
  String(w, e.request_host);
  w.Key("path");
  String(w, e.request_path);
  w.EndObject();

  w.Key("normalized");
  w.StartObject();
  const bool invalid = !e.invalid.empty();
  w.Key("host");
  if (invalid && e.host.empty()) {
    w.Null();
  } else {
    String(w, e.host);
  }
  w.Key("path");
  if (invalid) {
    w.Null();
  } else {
    String(w, e.path);
  }
  w.Key("steps");
  w.StartArray();
  for (const std::string& step : e.steps) String(w, step);
  w.EndArray();
  if (invalid) {
    w.Key("invalid");
    String(w, e.invalid);
  }
  w.EndObject();

  w.Key("host_selection");
  w.StartObject();
  w.Key("selected");
  if (e.selected == nullptr) {
    w.Null();
  } else {
    String(w, e.selected->host);
  }
  w.Key("candidates");
  w.StartArray();
  for (const HostCandidate& c : e.candidates) {
    w.StartObject();
    w.Key("host");
    String(w, c.host);
    w.Key("result");
    String(w, ToString(c.result));
    w.Key("reason");
    String(w, c.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();

  w.Key("routes");
  w.StartArray();
  for (const ExplainedRoute& r : e.routes) ExplainedRouteObject(w, r);
  w.EndArray();

  w.Key("winner");
  if (e.winner >= 0) {
    ExplainedRouteObject(w, e.routes[static_cast<size_t>(e.winner)]);
  } else if (e.default_backend != nullptr) {
    ExplainedRoute fallback;
    fallback.route = e.default_backend;
    fallback.result = RouteResult::kMatch;
    fallback.reason = "no route of a host matched: the default backend";
    ExplainedRouteObject(w, fallback);
  } else {
    w.Null();
  }
  w.Key("shadowed");
  w.StartArray();
  for (size_t i : e.shadowed) ExplainedRouteObject(w, e.routes[i]);
  w.EndArray();

  w.Key("decision");
  w.StartObject();
  w.Key("status");
  w.Int(e.http_status);
  if (const HttpRoute* r = e.served_by()) {
    w.Key("destination");
    String(w, r->destination.host);
    w.Key("port");
    w.Uint(r->destination.port);
    w.Key("cluster");
    String(w, r->destination.cluster);
  }
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

std::string ExplanationText(const Explanation& e) {
  std::ostringstream out;
  out << "request  " << e.request_host << " " << e.request_path << "\n";
  if (!e.invalid.empty()) {
    out << "invalid  " << e.invalid << "\ndecision " << e.http_status << "\n";
    return out.str();
  }
  out << "reads as " << e.host << " " << e.path;
  for (size_t i = 0; i < e.steps.size(); ++i) {
    out << (i == 0 ? "  (" : "; ") << e.steps[i];
  }
  out << (e.steps.empty() ? "" : ")") << "\n";
  out << "host     "
      << (e.selected ? e.selected->host : std::string("no virtual host"))
      << "\n";
  for (const HostCandidate& c : e.candidates) {
    if (c.result == HostResult::kSelected) continue;
    out << "         not " << c.host << ": " << c.reason << "\n";
  }
  for (const ExplainedRoute& r : e.routes) {
    const HttpRoute& route = *r.route;
    out << "  " << r.order << ". " << MatchWord(route.match) << " "
        << route.match.value << " -> " << route.destination.host << ":"
        << route.destination.port << " (Ingress " << IngressOf(route) << ")  ";
    if (r.result == RouteResult::kMatch) {
      out << "MATCH";
    } else if (r.result == RouteResult::kNoMatch) {
      out << "no: " << r.reason;
    } else {
      out << (r.would_match ? "shadowed: " + r.reason : "not tried");
    }
    out << "\n";
  }
  out << "decision " << e.http_status;
  if (const HttpRoute* r = e.served_by()) {
    out << " -> " << r->destination.host << ":" << r->destination.port;
    if (e.default_backend != nullptr) out << " (default backend)";
  }
  out << "\n";
  return out.str();
}

}  // namespace ingresskit
