// A DiffResult as JSON (the CLI's default, the C ABI, Python) and as one
// line per change for people.
#include <sstream>

#include "explain/route_json.h"
#include "ingresskit/diff.h"

namespace ingresskit {
namespace {

using explain_internal::IngressOf;
using explain_internal::RouteObject;
using explain_internal::String;
using explain_internal::Writer;

void Outcome(Writer& w, const ClassOutcome& o) {
  w.StartObject();
  w.Key("status");
  w.Int(o.http_status);
  if (o.route != nullptr) {
    w.Key("destination");
    String(w, o.route->destination.host);
    w.Key("port");
    w.Uint(o.route->destination.port);
    w.Key("cluster");
    String(w, o.route->destination.cluster);
    w.Key("route");
    RouteObject(w, *o.route);
  }
  w.EndObject();
}

std::string Side(const ClassOutcome& o) {
  if (o.route == nullptr) return std::to_string(o.http_status);
  std::ostringstream out;
  if (o.http_status != 200) out << o.http_status << " ";
  out << o.route->destination.host << ":" << o.route->destination.port << " ("
      << explain_internal::KindOf(*o.route) << " " << IngressOf(*o.route);
  if (o.route->origin.is_default_backend) {
    out << " defaultBackend";
  } else {
    out << " " << o.route->origin.path;
  }
  out << ")";
  return out.str();
}

}  // namespace

std::string DiffJson(const DiffResult& diff) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("old");
  w.StartObject();
  w.Key("semantics");
  String(w, ToString(diff.old_table.config().semantics));
  w.EndObject();
  w.Key("new");
  w.StartObject();
  w.Key("semantics");
  String(w, ToString(diff.new_table.config().semantics));
  w.EndObject();
  w.Key("complete");
  w.Bool(diff.complete);
  w.Key("summary");
  w.StartObject();
  w.Key("classes");
  w.Uint64(diff.classes);
  w.Key("changed");
  w.Uint64(diff.changes.size());
  w.EndObject();
  w.Key("changes");
  w.StartArray();
  for (const RequestChange& c : diff.changes) {
    w.StartObject();
    w.Key("kind");
    String(w, ToString(c.kind));
    w.Key("host");
    String(w, c.host);
    w.Key("path");
    String(w, c.paths.front());
    w.Key("examples");
    w.StartArray();
    for (const std::string& path : c.paths) String(w, path);
    w.EndArray();
    w.Key("host_class");
    w.StartObject();
    w.Key("kind");
    String(w, c.host_class);
    w.Key("pattern");
    explain_internal::OptionalString(w, c.host_pattern);
    w.Key("words");
    String(w, c.host_words);
    w.EndObject();
    w.Key("path_class");
    w.StartObject();
    w.Key("key");
    String(w, c.path_key);
    w.Key("words");
    String(w, c.path_words);
    w.EndObject();
    w.Key("old");
    Outcome(w, c.old_decision);
    w.Key("new");
    Outcome(w, c.new_decision);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

std::string DiffText(const DiffResult& diff) {
  std::ostringstream out;
  for (const RequestChange& c : diff.changes) {
    out << ToString(c.kind) << "  " << c.host << c.paths.front() << "  "
        << Side(c.old_decision) << " -> " << Side(c.new_decision) << "  ["
        << c.host_words << "; " << c.path_words << "]\n";
  }
  out << diff.changes.size() << " change"
      << (diff.changes.size() == 1 ? "" : "s") << " in " << diff.classes
      << " request classes"
      << (diff.complete ? ""
                        : " (incomplete: the tables read paths differently)")
      << "\n";
  return out.str();
}

}  // namespace ingresskit
