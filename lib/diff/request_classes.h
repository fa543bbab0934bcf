// The request space split into classes on which the decisions of one or
// more route tables are constant (docs/analyze.md, "How diff is exact").
// `diff` evaluates two tables on one request of each class; `lint` finds the
// routes that win no class.
//
// Why it is exact: every matcher is an exact path, a path-separated prefix,
// a string prefix or "any", and hosts are exact, `*.suffix` or `*`. So a
// host's decision depends only on which virtual host each table selects
// (exact; the longest matching `*.suffix`, with one label left over or more;
// none), and a normalised path's only on the longest configured "key" it
// starts with (an exact path, a prefix, a prefix followed by `/`, a string
// prefix) and whether it is that key. One request per (host class, key,
// equal or longer) decides the whole class.
#ifndef INGRESSKIT_LIB_DIFF_REQUEST_CLASSES_H_
#define INGRESSKIT_LIB_DIFF_REQUEST_CLASSES_H_

#include <span>
#include <string>
#include <vector>

#include "ingresskit/route_table.h"

namespace ingresskit::diff_internal {

struct HostClass {
  enum class Kind {
    kExact,             // The configured host itself.
    kWildcardOneLabel,  // One label under `*.suffix`.
    kWildcardLabels,    // Two labels or more under `*.suffix`.
    kOther,             // A host no table names: the catch-all's.
  };
  Kind kind = Kind::kOther;
  std::string pattern;  // "foo.com", "*.foo.com"; empty for kOther.
  std::string example;  // A request host of the class.
  std::string Words() const;
};

struct PathClass {
  enum class Kind {
    kEqual,   // The path is `key`.
    kLonger,  // The path continues `key` and reaches no longer key.
  };
  Kind kind = Kind::kEqual;
  std::string key;
  std::string example;           // A normalised request path of the class.
  bool has_longer_keys = false;  // Some key continues this one.
  std::string Words() const;
};

struct RequestClass {
  size_t host = 0;  // Into Partition::hosts.
  PathClass path;
};

struct Partition {
  std::vector<HostClass> hosts;
  // Grouped by host, in host order; per host by key, the key's own class
  // before its longer paths.
  std::vector<RequestClass> classes;
  // False when a class could not be given a request the tables read as
  // written (the tables normalise paths differently, or no fresh
  // continuation of a key exists): the classes found are still exact, but
  // some requests may belong to none of them.
  bool complete = true;
};

// The classes of the requests (plain HTTP) for `tables` together.
Partition PartitionRequests(std::span<const RouteTable* const> tables);

// Whether every table routes `path` as written (normalising it changes
// nothing). `buffer` is scratch space.
bool ReadAsWritten(std::span<const RouteTable* const> tables,
                   std::string_view path, std::string& buffer);

// Whether no normalised request path can start with `key`: it holds a
// byte or an escape the tables never leave as written ('?', '#', a byte
// they escape, an escape they decode).
bool NoRequestReaches(std::span<const RouteTable* const> tables,
                      std::string_view key, std::string& buffer);

}  // namespace ingresskit::diff_internal

#endif  // INGRESSKIT_LIB_DIFF_REQUEST_CLASSES_H_
