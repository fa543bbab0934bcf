// Diff(): both tables decide one request of every class of the partition
// (request_classes.h); the classes whose decisions differ are the changes.
#include "ingresskit/diff.h"

#include <array>
#include <map>
#include <tuple>

#include "common/strings.h"
#include "diff/request_classes.h"

namespace ingresskit {
namespace {

using diff_internal::HostClass;
using diff_internal::PathClass;

ClassOutcome Decide(const RouteTable& table, std::string_view host,
                    std::string_view path) {
  const MatchResult m = table.Match(host, path);
  if (m.route == nullptr) return {};
  return {HttpStatus(m.status), m.route};  // 200, or 500 (unresolved).
}

// Whether two tables' routes are the same Ingress path (tables compiled
// apart never share pointers).
bool SameRoute(const HttpRoute& a, const HttpRoute& b) {
  return a.origin.ingress_namespace == b.origin.ingress_namespace &&
         a.origin.ingress_name == b.origin.ingress_name &&
         a.origin.is_default_backend == b.origin.is_default_backend &&
         a.origin.rule_index == b.origin.rule_index &&
         a.origin.path_index == b.origin.path_index &&
         a.origin.path == b.origin.path &&
         a.origin.path_type == b.origin.path_type && a.match == b.match;
}

bool SameBackend(const HttpRoute& a, const HttpRoute& b) {
  return a.destination.host == b.destination.host &&
         a.destination.port == b.destination.port;
}

// How `old_outcome` → `new_outcome` reads; false when nothing changed.
bool Classify(const ClassOutcome& before, const ClassOutcome& after,
              ChangeKind& kind) {
  if (before.route == nullptr && after.route == nullptr) return false;
  if (before.route == nullptr) {
    kind = ChangeKind::kNowRouted;
  } else if (after.route == nullptr) {
    kind = ChangeKind::kNow404;
  } else if (!SameBackend(*before.route, *after.route) ||
             before.http_status != after.http_status) {
    kind = ChangeKind::kRerouted;
  } else if (!SameRoute(*before.route, *after.route)) {
    kind = ChangeKind::kSameBackendOtherRoute;
  } else {
    return false;
  }
  return true;
}

std::string_view HostClassName(HostClass::Kind kind) {
  switch (kind) {
    case HostClass::Kind::kExact:
      return "exact";
    case HostClass::Kind::kWildcardOneLabel:
      return "wildcard_one_label";
    case HostClass::Kind::kWildcardLabels:
      return "wildcard_labels";
    case HostClass::Kind::kOther:
      return "other";
  }
  return "";
}

// The paths `/api`, `/api/` and what continues `/api/` are one family:
// shown as one change when both tables decide them alike.
std::string Family(const PathClass& path) {
  if (path.kind == PathClass::Kind::kLonger && path.key.back() != '/') {
    return path.key + '\x01';  // `/apix`: its own family.
  }
  if (path.key.size() > 1 && path.key.back() == '/') {
    return path.key.substr(0, path.key.size() - 1);
  }
  return path.key;
}

// A family's classes in words: "/api and everything under /api/" when it
// is whole, its classes one by one otherwise.
std::string FamilyWords(const std::vector<const PathClass*>& paths) {
  const PathClass& last = *paths.back();
  const std::string except =
      last.has_longer_keys ? " that no longer configured path takes" : "";
  if (paths.size() == 2 && last.key == "/" &&
      last.kind == PathClass::Kind::kLonger) {
    return "every path" + except;
  }
  if (paths.size() == 3 && last.kind == PathClass::Kind::kLonger &&
      paths[0]->kind == PathClass::Kind::kEqual &&
      paths[1]->kind == PathClass::Kind::kEqual) {
    return internal::StrCat(paths[0]->key, " and every path under ", last.key,
                            except);
  }
  std::string words;
  for (const PathClass* path : paths) {
    if (!words.empty()) words += "; ";
    words += path->Words();
  }
  return words;
}

}  // namespace

std::string_view ToString(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kRerouted:
      return "rerouted";
    case ChangeKind::kNowRouted:
      return "now_routed";
    case ChangeKind::kNow404:
      return "now_404";
    case ChangeKind::kSameBackendOtherRoute:
      return "same_backend_other_route";
  }
  return "";
}

DiffResult Diff(const RouteTable& old_table, const RouteTable& new_table,
                const DiffOptions& options) {
  DiffResult out;
  out.old_table = old_table;
  out.new_table = new_table;
  const std::array<const RouteTable*, 2> tables = {&out.old_table,
                                                   &out.new_table};
  const diff_internal::Partition partition =
      diff_internal::PartitionRequests(tables);
  out.complete = partition.complete;

  // Classes of one host and family with the same two outcomes merge into
  // one: a coarser partition, still constant on both sides.
  struct Merged {
    size_t first;  // Into partition.classes, for order.
    std::vector<const PathClass*> paths;
    ClassOutcome before, after;
  };
  using Key =
      std::tuple<size_t, std::string, const HttpRoute*, const HttpRoute*>;
  std::map<Key, Merged> merged;
  for (size_t i = 0; i < partition.classes.size(); ++i) {
    const diff_internal::RequestClass& c = partition.classes[i];
    const std::string& host = partition.hosts[c.host].example;
    const ClassOutcome before = Decide(out.old_table, host, c.path.example);
    const ClassOutcome after = Decide(out.new_table, host, c.path.example);
    Merged& m = merged[{c.host, Family(c.path), before.route, after.route}];
    if (m.paths.empty()) m = {i, {}, before, after};
    m.paths.push_back(&c.path);
  }
  out.classes = merged.size();

  std::vector<const Merged*> in_order;
  for (const auto& [key, m] : merged) in_order.push_back(&m);
  std::sort(
      in_order.begin(), in_order.end(),
      [](const Merged* a, const Merged* b) { return a->first < b->first; });
  for (const Merged* m : in_order) {
    ChangeKind kind;
    if (!Classify(m->before, m->after, kind)) continue;
    if (kind == ChangeKind::kSameBackendOtherRoute && !options.all) continue;
    const HostClass& host = partition.hosts[partition.classes[m->first].host];
    RequestChange change;
    change.kind = kind;
    change.host = host.example;
    change.host_class = HostClassName(host.kind);
    change.host_pattern = host.pattern;
    change.host_words = host.Words();
    change.path_key = m->paths.front()->key;
    for (const PathClass* path : m->paths) {
      change.paths.push_back(path->example);
    }
    change.path_words = FamilyWords(m->paths);
    change.old_decision = m->before;
    change.new_decision = m->after;
    out.changes.push_back(std::move(change));
  }
  return out;
}

}  // namespace ingresskit
