// Which requests two route tables decide differently: the review before an
// Ingress change merges (old and new configurations), or what an Istio
// gateway does that the Ingress spec does not (one configuration, two
// semantics).
//
// Exact, not sampled: the request space is split into classes on which
// both tables' decisions are constant (docs/analyze.md), both tables decide
// one request of each class, and every class whose decisions differ is a
// change. Every example request in a change is decided as it says by each
// table.
//
// A DiffResult holds both tables, so its route pointers stay valid for as
// long as it lives. Thread-safe: Diff() only reads the tables.
#ifndef INGRESSKIT_DIFF_H_
#define INGRESSKIT_DIFF_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/export.h"
#include "ingresskit/route_table.h"

namespace ingresskit {

enum class ChangeKind {
  kRerouted,   // Served by both, by another destination or port (or 200 and
               // 500 the other way round).
  kNowRouted,  // 404 before, served now.
  kNow404,     // Served before, 404 now.
  kSameBackendOtherRoute,  // Same destination and port, another route.
};

INGRESSKIT_EXPORT std::string_view ToString(ChangeKind kind);

// What one table does with a class of requests.
struct ClassOutcome {
  int http_status = 404;  // 200, 404, or 500 (Gateway API: unresolved).
  // The serving route (in that table's IR), or null for 404.
  const HttpRoute* route = nullptr;
};

struct RequestChange {
  ChangeKind kind = ChangeKind::kRerouted;
  // Example requests of the class: `host` with each of `paths`.
  std::string host;
  std::vector<std::string> paths;
  // The class, in words and as data.
  std::string host_class;    // "exact", "wildcard_one_label",
                             // "wildcard_labels", "other".
  std::string host_pattern;  // "foo.com", "*.foo.com", "" for other.
  std::string host_words;    // "two labels or more under *.foo.com".
  std::string path_key;      // The configured path the class hangs on.
  std::string path_words;    // "exactly /api/v2; paths under /api/v2/".
  ClassOutcome old_decision;
  ClassOutcome new_decision;
};

struct DiffOptions {
  // Also report kSameBackendOtherRoute changes.
  bool all = false;
};

struct DiffResult {
  RouteTable old_table;  // What old_decision.route points into.
  RouteTable new_table;
  // By host class, then path key.
  std::vector<RequestChange> changes;
  size_t classes = 0;  // Request classes compared.
  // True when every request belongs to a compared class (always, unless
  // the tables normalise paths differently).
  bool complete = true;
};

INGRESSKIT_EXPORT DiffResult Diff(const RouteTable& old_table,
                                  const RouteTable& new_table,
                                  const DiffOptions& options = {});

// {"old", "new", "complete", "summary": {classes, changed}, "changes": []},
// and one line per change for people.
INGRESSKIT_EXPORT std::string DiffJson(const DiffResult& diff);
INGRESSKIT_EXPORT std::string DiffText(const DiffResult& diff);

}  // namespace ingresskit

#endif  // INGRESSKIT_DIFF_H_
