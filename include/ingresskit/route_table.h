// The compiled route table: "which backend serves (host, path)?", answered
// as an Istio ingress gateway (or, with Semantics::kKubernetes, the Ingress
// API) would answer it.
//
// Ownership and threads: a RouteTable is an immutable, reference-counted
// handle; copying it is cheap and every copy shares one compiled table.
// Match() may be called from any number of threads at once; it takes no
// lock, throws nothing and allocates nothing for request paths up to
// kMatchStackPathBytes (longer ones use one buffer per thread that grows
// once). A MatchResult points into the table: it stays valid while any copy
// of the RouteTable it came from lives.
//
// Router holds the current table for hot reload: updates compile off to
// the side and swap in atomically; readers take no lock (see Router).
#ifndef INGRESSKIT_ROUTE_TABLE_H_
#define INGRESSKIT_ROUTE_TABLE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "ingresskit/diagnostics.h"
#include "ingresskit/export.h"
#include "ingresskit/gateway.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"
#include "ingresskit/parse.h"

namespace ingresskit {

namespace table_internal {
class CompiledTable;
}

// Request paths up to this many bytes are normalised on the stack.
inline constexpr size_t kMatchStackPathBytes = 4096;

enum class MatchStatus : uint8_t {
  kMatched,
  kNoRoute,      // No host matched, or the host has no route for the path.
  kInvalidHost,  // Whitespace, control bytes or NUL in the host.
  kInvalidPath,  // Not starting with `/`, control bytes, %00, bad escapes.
  kPathTooLong,  // Over limits.max_request_path_bytes.
  // Gateway API: the route that takes the request has a backend that does
  // not resolve (RouteDestination::unresolved); `route` names it. 500.
  kBackendUnresolved,
};

INGRESSKIT_EXPORT std::string_view ToString(MatchStatus status);
// What a proxy answers: 200 matched, 404 no route, 500 an unresolved
// backend, 400 a request it cannot read.
INGRESSKIT_EXPORT int HttpStatus(MatchStatus status);

struct MatchResult {
  MatchStatus status = MatchStatus::kNoRoute;
  // The route that serves the request; null unless matched.
  const HttpRoute* route = nullptr;
  // The host's VirtualService; null when no host matched, or when the
  // Kubernetes default backend served the request.
  const VirtualService* virtual_service = nullptr;
  // Index of `route` in virtual_service->routes (first match order).
  uint32_t route_index = 0;
  // The route's id (RouteTable::RouteId); 0 unless matched.
  uint64_t route_id = 0;

  bool matched() const { return status == MatchStatus::kMatched; }
  const RouteDestination* destination() const {
    return route ? &route->destination : nullptr;
  }
};

// What a proxy needs from a match, as RouteTable::Answer() reads it from
// the table's compact record of the route (one cache line, its strings in
// one arena), without touching the IR. Views valid while the table lives.
struct RouteAnswer {
  uint64_t route_id = 0;
  std::string_view destination;  // `httpbin.default.svc.cluster.local`
  std::string_view cluster;      // `outbound|8000||httpbin.default...`
  uint32_t port = 0;
  std::string_view service;            // `httpbin`
  std::string_view service_namespace;  // `default`
  std::string_view ingress_name;       // The Ingress the route came from.
  std::string_view ingress_namespace;
  std::string_view path;          // The Ingress path, as written there.
  std::string_view virtual_host;  // The host it matched (`*.foo.com`);
                                  // empty for the default backend.
  PathType path_type = PathType::kUnset;
  bool is_default_backend = false;
  EndpointStatus endpoint_status = EndpointStatus::kUnknown;
  std::span<const std::string_view> endpoints;  // Ready `address:port`s.
};

// The least a proxy needs to forward a request, found in one call
// (RouteTable::Target): no IR pointer, nothing it does not read. Views
// valid while the table lives.
struct RouteTarget {
  MatchStatus status = MatchStatus::kNoRoute;
  uint32_t port = 0;
  // The route's id (RouteTable::RouteId), for per-route caches and for
  // the full answer (RouteById, then Answer); 0 unless matched.
  uint64_t route_id = 0;
  std::string_view cluster;      // `outbound|8000||httpbin.default...`
  std::string_view destination;  // `httpbin.default.svc.cluster.local`
  // The addresses to pick from, as RouteAnswer has them.
  EndpointStatus endpoint_status = EndpointStatus::kUnknown;
  std::span<const std::string_view> endpoints;
  bool matched() const { return status == MatchStatus::kMatched; }
};

// A request path as the gateway routes and forwards it: see
// RouteTable::NormalizePath.
struct NormalizedPath {
  // kMatched for a path the gateway accepts, else kInvalidPath or
  // kPathTooLong (the status Match() gives, and a proxy's 400).
  MatchStatus status = MatchStatus::kInvalidPath;
  // Its length in bytes, whether or not it fit the caller's buffer.
  size_t length = 0;
  bool ok() const { return status == MatchStatus::kMatched; }
};

// The longest a normalised path can be: every byte BASE escapes becomes
// three. A buffer this large always suffices.
constexpr size_t MaxNormalizedPathBytes(size_t path_bytes) {
  return 3 * path_bytes;
}

// A request that arrived over TLS: the HTTPS server its server name got,
// and the answer of that server's route configuration.
struct TlsMatchResult {
  // Null when no server accepts the server name: the TLS handshake fails,
  // and `result` is kNoRoute.
  const TlsServer* server = nullptr;
  MatchResult result;
};

class INGRESSKIT_EXPORT RouteTable {
 public:
  // An empty table: every request gets kNoRoute.
  RouteTable();
  ~RouteTable();
  RouteTable(const RouteTable&);
  RouteTable& operator=(const RouteTable&);
  RouteTable(RouteTable&&) noexcept;
  RouteTable& operator=(RouteTable&&) noexcept;

  // Host: the Host header or :authority (port, case and one trailing dot
  // are ignored). Path: the request target; query and fragment are ignored
  // and the path is normalised per options().path_normalization. Neither
  // needs a NUL terminator.
  MatchResult Match(std::string_view host,
                    std::string_view path) const noexcept;

  // Match() and Answer() in one, for the request path of a proxy: the
  // status, route id, cluster, destination and port only, read from the
  // index and the route's compact record. The same decision as Match().
  RouteTarget Target(std::string_view host,
                     std::string_view path) const noexcept;
  // The target of a `result` from this table (Match, MatchTls, RouteById):
  // its status alone when it did not match.
  RouteTarget Target(const MatchResult& result) const noexcept;

  // The same answer found the way Envoy finds it: the virtual host by hash
  // lookup, then its routes tried one by one. Kept as the oracle for tests
  // and the baseline for benchmarks.
  MatchResult MatchLinear(std::string_view host,
                          std::string_view path) const noexcept;

  // The path Match() compares, which is also the path Envoy forwards
  // upstream: `path` without its query and fragment, normalised per
  // options().path_normalization (docs/semantics.md §7). A proxy forwards
  // it followed by the request's own `?query`. Written to `buffer` when it
  // fits (MaxNormalizedPathBytes(path.size()) always does); nothing is
  // written for an invalid path. Thread-safe; allocates nothing for paths
  // up to kMatchStackPathBytes.
  NormalizedPath NormalizePath(std::string_view path,
                               std::span<char> buffer) const noexcept;

  // The HTTPS server a TLS client naming `server_name` (SNI; empty for a
  // client that names none) is served by, as Envoy picks a filter chain:
  // a server with that exact host, else the one with the longest `*.suffix`
  // the name ends in, else one with host `*`. Null when no server accepts
  // the name: the handshake fails. Case-insensitive. Thread-safe; the
  // pointer lives as long as the table.
  const TlsServer* SelectTlsServer(std::string_view server_name) const;

  // Match() for a request that arrived over TLS with `server_name` (SNI;
  // empty for none), answered as Istio's gateway answers it: by the route
  // configuration of the HTTPS server that name selects, which holds only
  // the hosts whose first Ingress is that server's Ingress, with its
  // host-less and wildcard routes merged into the server's hosts
  // (docs/semantics.md §5; istio/istio#24385). The Host header picks a
  // virtual host in that configuration only. Plain-HTTP Match() is not
  // affected. Thread-safe; allocates nothing for short paths.
  TlsMatchResult MatchTls(std::string_view server_name, std::string_view host,
                          std::string_view path) const noexcept;

  // Route ids number every route: the VirtualServices' routes in order,
  // 0 .. route_count() - 1, then route_count() for the Kubernetes default
  // backend if there is one. Callers matching in bulk (the C ABI's packed
  // batch, Python) cache per id what they would otherwise copy per request.
  // RouteId: the id of a matched result (`result` from this table).
  uint64_t RouteId(const MatchResult& result) const;
  // The result a match on route `id` gives; kNoRoute for an unknown id.
  MatchResult RouteById(uint64_t id) const;

  // The answer of a matched `result` (from this table), read from the
  // route's compact record: what a proxy reads per request, at the cost of
  // one more cache line. An empty answer for an unmatched result.
  RouteAnswer Answer(const MatchResult& result) const noexcept;

  const GatewayConfig& config() const;
  const CompileOptions& options() const;
  size_t route_count() const;
  // Bytes the compiled table holds, IR included.
  size_t memory_bytes() const;

 private:
  friend struct CompileAccess;
  explicit RouteTable(
      std::shared_ptr<const table_internal::CompiledTable> impl);
  std::shared_ptr<const table_internal::CompiledTable> impl_;
};

struct CompileResult {
  // kOk, or why nothing was compiled: kSyntax and kLimit from the text,
  // kValidation with `strict`. `table` is empty unless kOk.
  ErrorCode status = ErrorCode::kOk;
  RouteTable table;
  // Everything parsing and conversion reported, in that order.
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return status == ErrorCode::kOk; }
};

// Parses, converts and compiles. `options.strict` applies to every stage.
INGRESSKIT_EXPORT CompileResult Compile(std::string_view text,
                                        const CompileOptions& options = {});
INGRESSKIT_EXPORT CompileResult Compile(const ResourceSet& resources,
                                        const CompileOptions& options = {});
// Several named inputs (files) compiled as one: every diagnostic, the
// conversion's too, names the source it is about (Diagnostic::source) and
// counts lines from that source's start.
INGRESSKIT_EXPORT CompileResult Compile(std::span<const Source> sources,
                                        const CompileOptions& options = {});
// Compiles an IR as Convert() returns it (or one built by hand).
INGRESSKIT_EXPORT CompileResult Compile(GatewayConfig config,
                                        const CompileOptions& options = {});

// What Router::Update did: the compile's result and, on success, the
// version it installed (0 on failure). A concurrent update may already
// have replaced it; this is still the version this call made.
struct UpdateResult : CompileResult {
  uint64_t version = 0;
};

// A Router's answer and the table it came from, which keeps the answer's
// views valid for as long as the caller holds it.
struct RouterMatch {
  RouteTable table;
  uint64_t version = 0;
  MatchResult result;
};

// The current table behind an atomic swap. Update() may be called from any
// thread (updates are serialised); Current() and Match() from any number
// of threads at once, without locks: they wait for no writer and no other
// reader. A table retired by an update is freed once no reader uses it.
class INGRESSKIT_EXPORT Router {
 public:
  explicit Router(CompileOptions options = {});
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Compiles `text` (or `resources`) with the Router's options. On success
  // the new table replaces the current one and the version grows by one;
  // otherwise the current table and version stay (last known good) and the
  // result says why.
  UpdateResult Update(std::string_view text);
  UpdateResult Update(const ResourceSet& resources);
  UpdateResult Update(std::span<const Source> sources);

  struct Snapshot {
    RouteTable table;
    uint64_t version = 0;  // 0 before the first successful update.
  };
  Snapshot Current() const noexcept;

  // Matches against the current table; the answer comes from one table.
  RouterMatch Match(std::string_view host,
                    std::string_view path) const noexcept;

  uint64_t version() const noexcept;
  const CompileOptions& options() const { return options_; }

  // One thread's view of a Router, for matching at a rate where shared
  // memory matters. Match() and Current() write no memory another thread
  // reads: the Reader holds the current table and only reads the router's
  // version to see that an update happened, taking the new table (the
  // Router's shared protocol) once per update. An answer stays valid until
  // the Reader's next Match(), Refresh() or destruction; copy `table` out
  // of Current() to keep one longer. Not thread-safe itself: one per
  // thread. The Router must outlive it.
  class INGRESSKIT_EXPORT Reader {
   public:
    explicit Reader(const Router& router);

    // Router::Match, from the table of the router's current version.
    MatchResult Match(std::string_view host, std::string_view path) noexcept;
    // The current table and version, refreshed if an update happened.
    const Snapshot& Current() noexcept;
    // The table and version the last Match() or Current() used, which
    // answered it: no refresh.
    const Snapshot& snapshot() const noexcept { return snapshot_; }

   private:
    void Refresh() noexcept;

    const Router* router_;
    Snapshot snapshot_;
  };

 private:
  struct Slot;
  UpdateResult Publish(CompileResult compiled);

  CompileOptions options_;
  std::mutex writer_;
  std::atomic<Slot*> current_;
  std::atomic<uint64_t> epoch_{0};
  mutable std::atomic<int64_t> readers_[2] = {0, 0};
  // The current table's version, on a line of its own: what every Reader
  // reads per match, written once per update.
  alignas(64) std::atomic<uint64_t> version_{0};
};

}  // namespace ingresskit

#endif  // INGRESSKIT_ROUTE_TABLE_H_
