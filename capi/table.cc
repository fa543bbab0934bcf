// Tables: compile, diagnostics, match, generate.
#include <cstdlib>
#include <cstring>
#include <string>

#include "capi_internal.h"
#include "ingresskit/explain.h"
#include "ingresskit/generate.h"

namespace ingresskit::capi {
namespace {

void SetView(std::string_view value, const char*& data, size_t& length) {
  data = value.data();
  length = value.size();
}

// `out` is a match struct of a version this library knows; `name` names it
// in the error ("out", "out[3]").
int CheckMatchStruct(const ingresskit_match_t* out, ingresskit_error_t* err,
                     const std::string& name = "out") {
  if (out == nullptr) return Fail(err, INGRESSKIT_EINVAL, name + " is NULL");
  if (kMatchVersions.Bytes(out->version) == 0) {
    return Fail(err, INGRESSKIT_EINVAL,
                name + ": " +
                    VersionError(kMatchVersions, out->version,
                                 "INGRESSKIT_MATCH_INIT"));
  }
  return INGRESSKIT_OK;
}

// The answer from the route's compact record: one cache line, not the IR.
void FillRoute(const RouteAnswer& a, ingresskit_match_t& out) {
  out.matched = 1;
  out.is_default_backend = a.is_default_backend ? 1 : 0;
  out.port = a.port;
  out.path_type = static_cast<int32_t>(a.path_type);
  SetView(a.destination, out.destination, out.destination_len);
  SetView(a.cluster, out.cluster, out.cluster_len);
  SetView(a.service, out.service, out.service_len);
  SetView(a.service_namespace, out.service_namespace,
          out.service_namespace_len);
  SetView(a.ingress_name, out.ingress_name, out.ingress_name_len);
  SetView(a.ingress_namespace, out.ingress_namespace,
          out.ingress_namespace_len);
  SetView(a.path, out.path, out.path_len);
  if (!a.virtual_host.empty()) {
    SetView(a.virtual_host, out.virtual_host, out.virtual_host_len);
  }
}

}  // namespace

// The C constant of a status: the C++ values in order up to PATH_TOO_LONG;
// NO_TLS_SERVER is the C ABI's own, so the statuses after it move by one.
int32_t CStatus(MatchStatus status) {
  return status == MatchStatus::kBackendUnresolved
             ? INGRESSKIT_MATCH_BACKEND_UNRESOLVED
             : static_cast<int32_t>(status);
}

void FillMatch(const RouteTable& table, const MatchResult& result,
               ingresskit_match_t& caller) {
  static constexpr ingresskit_match_t kNoRoute = INGRESSKIT_MATCH_INIT;
  WriteFields(
      &caller, kMatchVersions.Bytes(caller.version),
      [&](ingresskit_match_t& out) {
        const uint32_t version = out.version;
        out = kNoRoute;
        out.version = version;
        out.status = CStatus(result.status);
        if (result.matched()) {
          FillRoute(table.Answer(result), out);
          out.route_index = result.route_index;
        }
      },
      kNoRoute);
}

namespace {

// The lean answer into the caller's struct, as far as its version goes.
void FillTarget(const RouteTarget& t, bool no_tls_server,
                ingresskit_target_t& caller) {
  WriteFields(&caller, kTargetVersions.Bytes(caller.version),
              [&](ingresskit_target_t& o) {
                o.status = no_tls_server ? INGRESSKIT_MATCH_NO_TLS_SERVER
                                         : CStatus(t.status);
                o.route_id =
                    t.matched() ? static_cast<int64_t>(t.route_id) : -1;
                o.port = t.port;
                o.endpoint_status = static_cast<int32_t>(t.endpoint_status);
                o.endpoint_count = t.endpoints.size();
                SetView(t.cluster, o.cluster, o.cluster_len);
                SetView(t.destination, o.destination, o.destination_len);
              });
}

}  // namespace

// `text` in a NUL-terminated malloc'd buffer the caller releases with
// ingresskit_free(): *out and *out_len, or ENOMEM with nothing written.
int HandOut(const std::string& text, char** out, size_t* out_len,
            ingresskit_error_t* err) {
  char* buffer = static_cast<char*>(std::malloc(text.size() + 1));
  if (buffer == nullptr) return Fail(err, INGRESSKIT_ENOMEM, "out of memory");
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  *out = buffer;
  *out_len = text.size();
  return Succeed(err);
}

// Compiles `input` (a text or named sources) with the C options into a new
// table in *out, or reports why not: the compile calls' common part.
template <typename Input>
int CompileInto(const Input& input, const ingresskit_options_t* options,
                ingresskit_table_t** out, ingresskit_error_t* err) {
  CompileOptions compile_options;
  if (int rc = ToOptions(options, compile_options, err)) return rc;
  CompileResult result = Compile(input, compile_options);
  if (!result.ok()) {
    return Fail(err, ToStatus(result.status), FirstProblem(result.diagnostics));
  }
  *out = new ingresskit_table_t{std::move(result.table),
                                std::move(result.diagnostics)};
  return Succeed(err);
}

}  // namespace ingresskit::capi

using namespace ingresskit::capi;  // NOLINT: the C entry points below.

static_assert(static_cast<int>(ingresskit::MatchStatus::kPathTooLong) ==
              INGRESSKIT_MATCH_PATH_TOO_LONG);
// The C ABI's own status, past the C++ ones: TlsMatchResult says "no
// server" with a null server instead.
static_assert(INGRESSKIT_MATCH_NO_TLS_SERVER ==
              INGRESSKIT_MATCH_PATH_TOO_LONG + 1);
static_assert(static_cast<int>(ingresskit::PathType::kImplementationSpecific) ==
              INGRESSKIT_PATH_TYPE_IMPLEMENTATION_SPECIFIC);
static_assert(static_cast<int>(ingresskit::Severity::kInfo) ==
              INGRESSKIT_SEVERITY_INFO);

extern "C" {

int ingresskit_table_compile(const char* text, size_t len,
                             const ingresskit_options_t* options,
                             ingresskit_table_t** out,
                             ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view source;
    if (out == nullptr) return Fail(err, INGRESSKIT_EINVAL, "out is NULL");
    if (!ToView(text, len, source)) {
      return Fail(err, INGRESSKIT_EINVAL, "text is NULL but len is not 0");
    }
    return CompileInto(source, options, out, err);
  });
}

int ingresskit_table_compile_sources(const ingresskit_source_t* sources,
                                     size_t count,
                                     const ingresskit_options_t* options,
                                     ingresskit_table_t** out,
                                     ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (out == nullptr) return Fail(err, INGRESSKIT_EINVAL, "out is NULL");
    std::vector<ingresskit::Source> views;
    if (int rc = ToSources(sources, count, views, err)) return rc;
    return CompileInto(std::span<const ingresskit::Source>(views), options, out,
                       err);
  });
}

void ingresskit_table_free(ingresskit_table_t* table) noexcept { delete table; }

size_t ingresskit_table_route_count(const ingresskit_table_t* table) noexcept {
  return table == nullptr ? 0 : table->table.route_count();
}

size_t ingresskit_table_diagnostic_count(
    const ingresskit_table_t* table) noexcept {
  return table == nullptr ? 0 : table->diagnostics.size();
}

int ingresskit_table_diagnostic(const ingresskit_table_t* table, size_t index,
                                ingresskit_diagnostic_t* out,
                                ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (table == nullptr || out == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table or out is NULL");
    }
    if (index >= table->diagnostics.size()) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "index " + std::to_string(index) +
                      " is not below the count " +
                      std::to_string(table->diagnostics.size()));
    }
    const ingresskit::Diagnostic& d = table->diagnostics[index];
    out->severity = static_cast<int32_t>(d.severity);
    out->code = ToStatus(d.code);
    SetView(d.object, out->object, out->object_len);
    SetView(d.field, out->field, out->field_len);
    SetView(d.message, out->message, out->message_len);
    out->line = d.position.line;
    out->column = d.position.column;
    out->offset = d.offset;
    return Succeed(err);
  });
}

int ingresskit_table_diagnostic_source(const ingresskit_table_t* table,
                                       size_t index, const char** name,
                                       size_t* name_len,
                                       ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (table == nullptr || name == nullptr || name_len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table, name or name_len is NULL");
    }
    if (index >= table->diagnostics.size()) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "index " + std::to_string(index) +
                      " is not below the count " +
                      std::to_string(table->diagnostics.size()));
    }
    SetView(table->diagnostics[index].source, *name, *name_len);
    return Succeed(err);
  });
}

int ingresskit_match_init(ingresskit_match_t* match,
                          unsigned version) noexcept {
  return InitVersioned(match, version, kMatchVersions,
                       ingresskit_match_t INGRESSKIT_MATCH_INIT);
}

int ingresskit_table_match(const ingresskit_table_t* table, const char* host,
                           size_t host_len, const char* path, size_t path_len,
                           ingresskit_match_t* out,
                           ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view h;
    std::string_view p;
    if (table == nullptr) return Fail(err, INGRESSKIT_EINVAL, "table is NULL");
    if (int rc = CheckMatchStruct(out, err)) return rc;
    if (!ToView(host, host_len, h) || !ToView(path, path_len, p)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "host or path is NULL with a non-zero length");
    }
    FillMatch(table->table, table->table.Match(h, p), *out);
    return Succeed(err);
  });
}

int ingresskit_table_match_id(const ingresskit_table_t* table, const char* host,
                              size_t host_len, const char* path,
                              size_t path_len, ingresskit_match_t* out,
                              int64_t* route_id,
                              ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view h;
    std::string_view p;
    if (table == nullptr || route_id == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table or route_id is NULL");
    }
    if (int rc = CheckMatchStruct(out, err)) return rc;
    if (!ToView(host, host_len, h) || !ToView(path, path_len, p)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "host or path is NULL with a non-zero length");
    }
    const ingresskit::MatchResult m = table->table.Match(h, p);
    FillMatch(table->table, m, *out);
    *route_id =
        m.matched() ? static_cast<int64_t>(table->table.RouteId(m)) : -1;
    return Succeed(err);
  });
}

int ingresskit_table_match_batch(const ingresskit_table_t* table,
                                 const ingresskit_request_t* requests,
                                 size_t count, ingresskit_match_t* out,
                                 ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (table == nullptr) return Fail(err, INGRESSKIT_EINVAL, "table is NULL");
    if (count > 0 && (requests == nullptr || out == nullptr)) {
      return Fail(err, INGRESSKIT_EINVAL, "requests or out is NULL");
    }
    // Every argument is checked before any answer is written: a batch
    // fails whole or succeeds whole.
    for (size_t i = 0; i < count; ++i) {
      std::string_view unused;
      if (int rc = CheckMatchStruct(&out[i], err,
                                    "out[" + std::to_string(i) + "]")) {
        return rc;
      }
      if (!ToView(requests[i].host, requests[i].host_len, unused) ||
          !ToView(requests[i].path, requests[i].path_len, unused)) {
        return Fail(err, INGRESSKIT_EINVAL,
                    "requests[" + std::to_string(i) +
                        "]: host or path is NULL with a non-zero length");
      }
    }
    for (size_t i = 0; i < count; ++i) {
      std::string_view h(requests[i].host, requests[i].host_len);
      std::string_view p(requests[i].path, requests[i].path_len);
      FillMatch(table->table, table->table.Match(h, p), out[i]);
    }
    return Succeed(err);
  });
}

int ingresskit_table_route(const ingresskit_table_t* table, uint64_t route_id,
                           ingresskit_match_t* out,
                           ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (table == nullptr) return Fail(err, INGRESSKIT_EINVAL, "table is NULL");
    if (int rc = CheckMatchStruct(out, err)) return rc;
    ingresskit::MatchResult m = table->table.RouteById(route_id);
    if (!m.matched()) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "no route has id " + std::to_string(route_id));
    }
    FillMatch(table->table, m, *out);
    return Succeed(err);
  });
}

int ingresskit_table_route_batch(const ingresskit_table_t* table,
                                 const uint64_t* route_ids, size_t count,
                                 ingresskit_match_t* out,
                                 ingresskit_target_t* targets,
                                 ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (table == nullptr) return Fail(err, INGRESSKIT_EINVAL, "table is NULL");
    if (count > 0 &&
        (route_ids == nullptr || (out == nullptr && targets == nullptr))) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "route_ids is NULL, or both out and targets are");
    }
    // All or nothing, as the match batch: every id and struct first.
    const uint64_t ids = table->table.route_count() +
                         (table->table.config().default_route ? 1 : 0);
    for (size_t i = 0; i < count; ++i) {
      if (out != nullptr && kMatchVersions.Bytes(out[i].version) == 0) {
        return CheckMatchStruct(&out[i], err, "out[" + std::to_string(i) + "]");
      }
      if (targets != nullptr &&
          kTargetVersions.Bytes(targets[i].version) == 0) {
        return Fail(err, INGRESSKIT_EINVAL,
                    "targets[" + std::to_string(i) + "]: " +
                        VersionError(kTargetVersions, targets[i].version,
                                     "INGRESSKIT_TARGET_INIT"));
      }
      if (route_ids[i] >= ids) {
        return Fail(err, INGRESSKIT_EINVAL,
                    "route_ids[" + std::to_string(i) + "]: no route has id " +
                        std::to_string(route_ids[i]));
      }
    }
    for (size_t i = 0; i < count; ++i) {
      const ingresskit::MatchResult m = table->table.RouteById(route_ids[i]);
      if (out != nullptr) FillMatch(table->table, m, out[i]);
      if (targets != nullptr) {
        FillTarget(table->table.Target(m), false, targets[i]);
      }
    }
    return Succeed(err);
  });
}

namespace {

// The lean answer of route `route_id` (what endpoint lookups read, per
// request in a proxy: not the full answer), or false after reporting why
// there is none.
bool TargetOf(const ingresskit_table_t* table, uint64_t route_id,
              ingresskit::RouteTarget& target, ingresskit_error_t* err) {
  if (table == nullptr) {
    Fail(err, INGRESSKIT_EINVAL, "table is NULL");
    return false;
  }
  ingresskit::MatchResult m = table->table.RouteById(route_id);
  if (!m.matched()) {
    Fail(err, INGRESSKIT_EINVAL, "no route has id " + std::to_string(route_id));
    return false;
  }
  target = table->table.Target(m);
  return true;
}

}  // namespace

static_assert(static_cast<int>(ingresskit::EndpointStatus::kNoReadyEndpoints) ==
              INGRESSKIT_ENDPOINTS_NONE_READY);

int ingresskit_table_route_endpoints(const ingresskit_table_t* table,
                                     uint64_t route_id, int32_t* status,
                                     size_t* count,
                                     ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (status == nullptr || count == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "status or count is NULL");
    }
    ingresskit::RouteTarget a;
    if (!TargetOf(table, route_id, a, err)) return INGRESSKIT_EINVAL;
    *status = static_cast<int32_t>(a.endpoint_status);
    *count = a.endpoints.size();
    return Succeed(err);
  });
}

int ingresskit_table_route_endpoint(const ingresskit_table_t* table,
                                    uint64_t route_id, size_t index,
                                    const char** data, size_t* len,
                                    ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (data == nullptr || len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "data or len is NULL");
    }
    ingresskit::RouteTarget a;
    if (!TargetOf(table, route_id, a, err)) return INGRESSKIT_EINVAL;
    if (index >= a.endpoints.size()) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "index " + std::to_string(index) +
                      " is not below the count " +
                      std::to_string(a.endpoints.size()));
    }
    SetView(a.endpoints[index], *data, *len);
    return Succeed(err);
  });
}

int ingresskit_table_match_packed(const ingresskit_table_t* table,
                                  const char* data, size_t data_len,
                                  const size_t* lengths, size_t count,
                                  int64_t* route_ids,
                                  ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (table == nullptr) return Fail(err, INGRESSKIT_EINVAL, "table is NULL");
    if (count > 0 && (lengths == nullptr || route_ids == nullptr)) {
      return Fail(err, INGRESSKIT_EINVAL, "lengths or route_ids is NULL");
    }
    std::string_view buffer;
    if (!ToView(data, data_len, buffer)) {
      return Fail(err, INGRESSKIT_EINVAL, "data is NULL but data_len is not 0");
    }
    // Check the lengths before matching anything: all or nothing.
    size_t total = 0;
    for (size_t i = 0; i < 2 * count; ++i) {
      if (lengths[i] > buffer.size() - total) {
        return Fail(err, INGRESSKIT_EINVAL,
                    "the lengths add up to more than data_len");
      }
      total += lengths[i];
    }
    if (total != buffer.size()) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "the lengths do not add up to data_len");
    }
    size_t at = 0;
    for (size_t i = 0; i < count; ++i) {
      std::string_view host = buffer.substr(at, lengths[2 * i]);
      at += lengths[2 * i];
      std::string_view path = buffer.substr(at, lengths[2 * i + 1]);
      at += lengths[2 * i + 1];
      ingresskit::MatchResult m = table->table.Match(host, path);
      route_ids[i] =
          m.matched() ? static_cast<int64_t>(table->table.RouteId(m)) : -1;
    }
    return Succeed(err);
  });
}

int ingresskit_table_normalize_path(const ingresskit_table_t* table,
                                    const char* path, size_t path_len,
                                    char* buf, size_t cap, size_t* out_len,
                                    ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view p;
    if (table == nullptr || out_len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table or out_len is NULL");
    }
    if (!ToView(path, path_len, p) || (buf == nullptr && cap != 0)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "path or buf is NULL with a non-zero length");
    }
    // Normalised into a scratch copy first: the caller's buffer is written
    // only when all of the path fits.
    ingresskit::NormalizedPath n =
        table->table.NormalizePath(p, std::span<char>(buf, cap));
    if (!n.ok()) {
      return Fail(err, INGRESSKIT_EBADPATH,
                  "the gateway refuses this path: " +
                      std::string(ingresskit::ToString(n.status)));
    }
    if (n.length > cap) {
      return Fail(err, INGRESSKIT_ERANGE,
                  "the normalised path needs " + std::to_string(n.length) +
                      " bytes; buf has " + std::to_string(cap));
    }
    *out_len = n.length;
    return Succeed(err);
  });
}

int ingresskit_tls_init(ingresskit_tls_t* tls, unsigned version) noexcept {
  return InitVersioned(tls, version, kTlsVersions,
                       ingresskit_tls_t INGRESSKIT_TLS_INIT);
}

int ingresskit_table_tls(const ingresskit_table_t* table,
                         const char* server_name, size_t server_name_len,
                         ingresskit_tls_t* out,
                         ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view name;
    if (table == nullptr || out == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table or out is NULL");
    }
    if (kTlsVersions.Bytes(out->version) == 0) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "out: " + VersionError(kTlsVersions, out->version,
                                         "INGRESSKIT_TLS_INIT"));
    }
    if (!ToView(server_name, server_name_len, name)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "server_name is NULL with a non-zero length");
    }
    ingresskit_tls_t answer = INGRESSKIT_TLS_INIT;
    if (const ingresskit::TlsServer* s = table->table.SelectTlsServer(name)) {
      answer.found = 1;
      answer.secret_found = s->secret_found ? 1 : 0;
      SetView(s->name, answer.server, answer.server_len);
      SetView(s->credential_name, answer.credential_name,
              answer.credential_name_len);
      SetView(s->secret, answer.secret, answer.secret_len);
      SetView(s->certificate.view(), answer.certificate,
              answer.certificate_len);
      SetView(s->private_key.view(), answer.private_key,
              answer.private_key_len);
    }
    WriteVersioned(answer, out, kTlsVersions.Bytes(out->version));
    return Succeed(err);
  });
}

int ingresskit_table_generate(const ingresskit_table_t* table, int32_t format,
                              char** out, size_t* out_len,
                              ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (table == nullptr || out == nullptr || out_len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table, out or out_len is NULL");
    }
    if (format < INGRESSKIT_FORMAT_ISTIO_YAML ||
        format > INGRESSKIT_FORMAT_GATEWAY_API_YAML) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "unknown format " + std::to_string(format));
    }
    static_assert(static_cast<int>(ingresskit::OutputFormat::kStatusJson) ==
                  INGRESSKIT_FORMAT_STATUS_JSON);
    static_assert(static_cast<int>(ingresskit::OutputFormat::kGatewayApiYaml) ==
                  INGRESSKIT_FORMAT_GATEWAY_API_YAML);
    const auto output = static_cast<ingresskit::OutputFormat>(format);
    if (!ingresskit::GeneratesFor(table->table.config(), output)) {
      return Fail(err, INGRESSKIT_EUNSUPPORTED,
                  "the table was compiled with semantics " +
                      std::string(ingresskit::ToString(
                          table->table.config().semantics)) +
                      "; this format is what Istio makes of Ingresses "
                      "(semantics istio)");
    }
    std::string text = ingresskit::Generate(table->table.config(), output);
    return HandOut(text, out, out_len, err);
  });
}

int ingresskit_table_match_tls(const ingresskit_table_t* table,
                               const char* server_name, size_t server_name_len,
                               const char* host, size_t host_len,
                               const char* path, size_t path_len,
                               ingresskit_match_t* out, int64_t* route_id,
                               ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view name;
    std::string_view h;
    std::string_view p;
    if (table == nullptr) return Fail(err, INGRESSKIT_EINVAL, "table is NULL");
    if (int rc = CheckMatchStruct(out, err)) return rc;
    if (!ToView(server_name, server_name_len, name) ||
        !ToView(host, host_len, h) || !ToView(path, path_len, p)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "server_name, host or path is NULL with a non-zero length");
    }
    const ingresskit::TlsMatchResult m = table->table.MatchTls(name, h, p);
    if (m.server == nullptr) {
      ingresskit_match_t refused = INGRESSKIT_MATCH_INIT;
      refused.status = INGRESSKIT_MATCH_NO_TLS_SERVER;
      WriteVersioned(refused, out, kMatchVersions.Bytes(out->version));
    } else {
      FillMatch(table->table, m.result, *out);
    }
    if (route_id != nullptr) {
      *route_id = m.result.matched()
                      ? static_cast<int64_t>(table->table.RouteId(m.result))
                      : -1;
    }
    return Succeed(err);
  });
}

int ingresskit_target_init(ingresskit_target_t* target,
                           unsigned version) noexcept {
  return InitVersioned(target, version, kTargetVersions,
                       ingresskit_target_t INGRESSKIT_TARGET_INIT);
}

int ingresskit_table_target(const ingresskit_table_t* table,
                            const char* server_name, size_t server_name_len,
                            const char* host, size_t host_len, const char* path,
                            size_t path_len, ingresskit_target_t* out,
                            ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view name;
    std::string_view h;
    std::string_view p;
    if (table == nullptr || out == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table or out is NULL");
    }
    if (kTargetVersions.Bytes(out->version) == 0) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "out: " + VersionError(kTargetVersions, out->version,
                                         "INGRESSKIT_TARGET_INIT"));
    }
    if ((server_name != nullptr &&
         !ToView(server_name, server_name_len, name)) ||
        !ToView(host, host_len, h) || !ToView(path, path_len, p)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "host or path is NULL with a non-zero length");
    }
    ingresskit::RouteTarget t;
    bool no_server = false;
    if (server_name == nullptr) {
      t = table->table.Target(h, p);
    } else {
      const ingresskit::TlsMatchResult m = table->table.MatchTls(name, h, p);
      t = table->table.Target(m.result);
      no_server = m.server == nullptr;
    }
    FillTarget(t, no_server, *out);
    return Succeed(err);
  });
}

int ingresskit_table_explain(const ingresskit_table_t* table, const char* host,
                             size_t host_len, const char* path, size_t path_len,
                             char** out, size_t* out_len,
                             ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view h;
    std::string_view p;
    if (table == nullptr || out == nullptr || out_len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table, out or out_len is NULL");
    }
    if (!ToView(host, host_len, h) || !ToView(path, path_len, p)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "host or path is NULL with a non-zero length");
    }
    return HandOut(
        ingresskit::ExplanationJson(ingresskit::Explain(table->table, h, p)),
        out, out_len, err);
  });
}

}  // extern "C"
