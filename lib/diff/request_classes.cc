// PartitionRequests(): one request per class of requests the tables decide
// alike. See request_classes.h for why the classes are exact.
#include "diff/request_classes.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "common/strings.h"
#include "explain/virtual_host_index.h"
#include "table/host_blocks.h"

namespace ingresskit::diff_internal {
namespace {

using internal::StrCat;

// Sorted, so the keys that continue a key come right after it.
using KeySet = std::set<std::string, std::less<>>;

// A label no configured host uses: "ik0", "ik1", ...
std::string FreshLabel(std::span<const RouteTable* const> tables) {
  absl::flat_hash_set<std::string_view> labels;
  for (const RouteTable* table : tables) {
    for (const VirtualService& vs : table->config().virtual_services) {
      std::string_view host = vs.host;
      while (!host.empty()) {
        const size_t dot = host.find('.');
        labels.insert(host.substr(0, dot));
        if (dot == host.npos) break;
        host.remove_prefix(dot + 1);
      }
    }
  }
  for (int n = 0;; ++n) {
    std::string label = StrCat("ik", n);
    if (!labels.contains(label)) return label;
  }
}

std::vector<HostClass> HostClasses(std::span<const RouteTable* const> tables,
                                   const std::string& fresh) {
  std::vector<HostClass> out;
  absl::flat_hash_set<std::string_view> seen;
  bool wildcard_invalid = false;
  for (const RouteTable* table : tables) {
    for (const VirtualService& vs : table->config().virtual_services) {
      const std::string_view host = vs.host;
      if (vs.https_only || host == "*" || !seen.insert(host).second) continue;
      if (host.starts_with("*.")) {
        wildcard_invalid |= host == "*.invalid";
        const std::string_view suffix = host.substr(1);
        out.push_back({HostClass::Kind::kWildcardOneLabel, std::string(host),
                       StrCat(fresh, suffix)});
        out.push_back({HostClass::Kind::kWildcardLabels, std::string(host),
                       StrCat(fresh, ".", fresh, suffix)});
      } else {
        out.push_back(
            {HostClass::Kind::kExact, std::string(host), std::string(host)});
      }
    }
  }
  // A host under no configured suffix: one fresh label under the reserved
  // .invalid, or the fresh label alone when `*.invalid` is configured.
  out.push_back({HostClass::Kind::kOther, "",
                 wildcard_invalid ? fresh : StrCat(fresh, ".invalid")});
  return out;
}

// The keys a route's match contributes: the paths at which what it
// accepts can change.
void AddKeys(const RouteMatch& match, KeySet& keys) {
  switch (match.type) {
    case RouteMatchType::kAny:
      return;
    case RouteMatchType::kExact:
    case RouteMatchType::kStringPrefix:
      keys.insert(match.value);
      return;
    case RouteMatchType::kPrefix: {
      const std::string_view key =
          table_internal::SeparatedPrefixKey(match.value);
      if (key.empty()) return;  // "/": every path.
      keys.insert(std::string(key));
      keys.insert(StrCat(key, "/"));
      return;
    }
  }
}

// The longest key `path` starts with ("/" is always a key).
std::string_view LongestKey(const KeySet& keys, std::string_view path) {
  for (size_t n = path.size(); n > 0; --n) {
    if (keys.find(path.substr(0, n)) != keys.end()) return path.substr(0, n);
  }
  return {};
}

// A path that continues `key` without reaching a longer key, read as
// written by every table; empty when none is found.
std::string Continuation(std::span<const RouteTable* const> tables,
                         const KeySet& keys, const std::string& key,
                         const std::string& fresh, std::string& buffer) {
  std::vector<std::string> tails;
  // A fresh segment reads best ("/api/ik0"); after a key that does not
  // end a segment, a fresh continuation of it ("/apiik0") or a segment.
  if (key.back() != '/') tails.push_back(StrCat("/", fresh));
  tails.push_back(fresh);
  for (char c : std::string_view("abcdefghijklmnopqrstuvwxyz0123456789-_~")) {
    tails.push_back(std::string(1, c));
  }
  for (const std::string& tail : tails) {
    std::string path = key + tail;
    if (LongestKey(keys, path) == key && ReadAsWritten(tables, path, buffer)) {
      return path;
    }
  }
  return {};
}

}  // namespace

bool ReadAsWritten(std::span<const RouteTable* const> tables,
                   std::string_view path, std::string& buffer) {
  for (const RouteTable* table : tables) {
    buffer.resize(MaxNormalizedPathBytes(path.size()));
    const NormalizedPath n = table->NormalizePath(path, buffer);
    if (!n.ok() || std::string_view(buffer.data(), n.length) != path) {
      return false;
    }
  }
  return true;
}

bool NoRequestReaches(std::span<const RouteTable* const> tables,
                      std::string_view key, std::string& buffer) {
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i] == '/' || key[i] == '.') continue;  // Read in context.
    const size_t n = key[i] == '%' ? std::min<size_t>(3, key.size() - i) : 1;
    if (!ReadAsWritten(tables, StrCat("/a", key.substr(i, n), "a"), buffer)) {
      return true;
    }
    i += n - 1;
  }
  return false;
}

std::string HostClass::Words() const {
  switch (kind) {
    case Kind::kExact:
      return StrCat("the host ", pattern);
    case Kind::kWildcardOneLabel:
      return StrCat("one label under ", pattern);
    case Kind::kWildcardLabels:
      return StrCat("two labels or more under ", pattern);
    case Kind::kOther:
      return "any host no rule names";
  }
  return "";
}

std::string PathClass::Words() const {
  if (kind == Kind::kEqual) return StrCat("exactly ", key);
  return StrCat(key.back() == '/' ? "paths under " : "paths continuing ", key,
                has_longer_keys ? " but no longer configured path" : "");
}

Partition PartitionRequests(std::span<const RouteTable* const> tables) {
  Partition out;
  if (tables.empty()) return out;
  for (const RouteTable* table : tables) {
    if (table->options().path_normalization !=
        tables[0]->options().path_normalization) {
      out.complete = false;  // One path, two readings.
    }
  }
  const std::string fresh = FreshLabel(tables);
  out.hosts = HostClasses(tables, fresh);
  std::string buffer;
  std::vector<explain_internal::VirtualHostIndex> indexes;
  for (const RouteTable* table : tables) indexes.emplace_back(table->config());
  for (size_t h = 0; h < out.hosts.size(); ++h) {
    // The keys of the virtual hosts the tables select for this class.
    KeySet keys = {"/"};
    for (const explain_internal::VirtualHostIndex& index : indexes) {
      const VirtualService* vs = index.Select(out.hosts[h].example).selected();
      if (vs == nullptr) continue;
      for (const HttpRoute& route : vs->routes) AddKeys(route.match, keys);
    }
    for (auto it = keys.begin(); it != keys.end(); ++it) {
      const std::string& key = *it;
      const bool has_longer =
          std::next(it) != keys.end() && std::next(it)->starts_with(key);
      if (ReadAsWritten(tables, key, buffer)) {
        out.classes.push_back(
            {h, {PathClass::Kind::kEqual, key, key, has_longer}});
      }
      std::string longer = Continuation(tables, keys, key, fresh, buffer);
      if (longer.empty()) {
        // Empty classes are not missing ones.
        if (!NoRequestReaches(tables, key, buffer)) out.complete = false;
        continue;
      }
      out.classes.push_back(
          {h, {PathClass::Kind::kLonger, key, std::move(longer), has_longer}});
    }
  }
  return out;
}

}  // namespace ingresskit::diff_internal
