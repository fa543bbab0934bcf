// A RouteTestReport as JSON (`test --output json`, the C ABI, Python) and
// as text for people.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "explain/route_json.h"
#include "ingresskit/route_tests.h"

namespace ingresskit {
namespace {

using explain_internal::RouteObject;
using explain_internal::String;
using explain_internal::Writer;

// Two decimals, as people read a percentage.
std::string Percent(double percent) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.2f", percent);
  return buffer;
}

}  // namespace

std::string RouteTestReportJson(const RouteTestReport& report,
                                bool only_failures) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("summary");
  w.StartObject();
  w.Key("total");
  w.Uint64(report.results.size());
  w.Key("passed");
  w.Uint64(report.passed);
  w.Key("failed");
  w.Uint64(report.failed);
  w.EndObject();
  w.Key("results");
  w.StartArray();
  for (const RouteTestResult& r : report.results) {
    if (only_failures && r.passed) continue;
    w.StartObject();
    w.Key("name");
    String(w, r.test.name);
    w.Key("host");
    String(w, r.test.host);
    w.Key("path");
    String(w, r.test.path);
    w.Key("passed");
    w.Bool(r.passed);
    w.Key("status");
    w.Int(r.http_status);
    if (r.route != nullptr) {
      w.Key("route");
      RouteObject(w, *r.route);
    }
    if (!r.passed) {
      w.Key("failures");
      w.StartArray();
      for (const ExpectationFailure& f : r.failures) {
        w.StartObject();
        w.Key("field");
        String(w, f.field);
        w.Key("expected");
        String(w, f.expected);
        w.Key("actual");
        String(w, f.actual);
        w.EndObject();
      }
      w.EndArray();
      w.Key("hint");
      String(w, r.hint);
    }
    w.EndObject();
  }
  w.EndArray();
  const RouteCoverage& c = report.coverage;
  w.Key("coverage");
  w.StartObject();
  w.Key("routes");
  w.Uint64(c.routes);
  w.Key("covered");
  w.Uint64(c.covered);
  w.Key("percent");
  w.Double(std::round(c.percent * 100) / 100);  // As Percent() shows it.
  w.Key("missing");
  w.StartArray();
  for (const UncoveredRoute& m : c.missing) {
    w.StartObject();
    w.Key("host");
    String(w, m.host);
    w.Key("route");
    RouteObject(w, *m.route);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

std::string RouteTestReportText(const RouteTestReport& report, bool details,
                                bool only_failures) {
  std::ostringstream out;
  for (const RouteTestResult& r : report.results) {
    if (r.passed) {
      if (details && !only_failures) out << "PASS " << r.test.name << "\n";
      continue;
    }
    out << "FAIL " << r.test.name << ": " << r.test.host << " " << r.test.path
        << "\n";
    for (const ExpectationFailure& f : r.failures) {
      out << "  " << f.field << ": expected " << f.expected << ", actual "
          << f.actual << "\n";
    }
    out << "  why: " << r.hint << "\n";
  }
  const RouteCoverage& c = report.coverage;
  out << report.results.size() << " tests, " << report.passed << " passed, "
      << report.failed << " failed; route coverage " << Percent(c.percent)
      << "% (" << c.covered << " of " << c.routes << " routes)\n";
  if (details) {
    for (const UncoveredRoute& m : c.missing) {
      const HttpRoute& r = *m.route;
      out << "  not covered: host " << m.host << ", "
          << (r.origin.is_default_backend
                  ? std::string("default backend")
                  : std::string(ToString(r.match.type)) + " " + r.match.value)
          << " -> " << r.destination.host << ":" << r.destination.port
          << " (Ingress " << r.origin.ingress_namespace << "/"
          << r.origin.ingress_name << ")\n";
    }
  }
  return out.str();
}

}  // namespace ingresskit
