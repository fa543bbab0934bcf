// RouteTable handles and the Compile() entry points.
#include "ingresskit/route_table.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "ingresskit/parse.h"
#include "parse/sources.h"
#include "table/compiled_table.h"

namespace ingresskit {

using table_internal::CompiledTable;

struct CompileAccess {
  static RouteTable Make(GatewayConfig config, const CompileOptions& options) {
    return RouteTable(
        std::make_shared<const CompiledTable>(std::move(config), options));
  }
};

namespace {

// One empty table for every default-constructed RouteTable.
const std::shared_ptr<const CompiledTable>& EmptyTable() {
  static const auto* empty = new std::shared_ptr<const CompiledTable>(
      std::make_shared<const CompiledTable>(GatewayConfig{}, CompileOptions{}));
  return *empty;
}

void Append(std::vector<Diagnostic>& to, std::vector<Diagnostic>&& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()),
            std::make_move_iterator(from.end()));
}

}  // namespace

std::string_view ToString(MatchStatus status) {
  switch (status) {
    case MatchStatus::kMatched:
      return "matched";
    case MatchStatus::kNoRoute:
      return "no route";
    case MatchStatus::kInvalidHost:
      return "invalid host";
    case MatchStatus::kInvalidPath:
      return "invalid path";
    case MatchStatus::kPathTooLong:
      return "path too long";
    case MatchStatus::kBackendUnresolved:
      return "backend unresolved";
  }
  return "unknown";
}

int HttpStatus(MatchStatus status) {
  switch (status) {
    case MatchStatus::kMatched:
      return 200;
    case MatchStatus::kNoRoute:
      return 404;
    case MatchStatus::kBackendUnresolved:
      return 500;
    case MatchStatus::kInvalidHost:
    case MatchStatus::kInvalidPath:
    case MatchStatus::kPathTooLong:
      return 400;
  }
  return 400;
}

RouteTable::RouteTable() : impl_(EmptyTable()) {}
RouteTable::RouteTable(std::shared_ptr<const CompiledTable> impl)
    : impl_(std::move(impl)) {}
RouteTable::~RouteTable() = default;
RouteTable::RouteTable(const RouteTable&) = default;
RouteTable& RouteTable::operator=(const RouteTable&) = default;
// A moved-from table stays usable: it becomes the empty table.
RouteTable::RouteTable(RouteTable&& other) noexcept
    : impl_(std::exchange(other.impl_, EmptyTable())) {}
RouteTable& RouteTable::operator=(RouteTable&& other) noexcept {
  impl_.swap(other.impl_);
  return *this;
}

MatchResult RouteTable::Match(std::string_view host,
                              std::string_view path) const noexcept {
  return impl_->Match(host, path);
}

RouteTarget RouteTable::Target(std::string_view host,
                               std::string_view path) const noexcept {
  return impl_->Target(host, path);
}

RouteTarget RouteTable::Target(const MatchResult& result) const noexcept {
  return impl_->Target(result);
}

NormalizedPath RouteTable::NormalizePath(
    std::string_view path, std::span<char> buffer) const noexcept {
  return impl_->NormalizePath(path, buffer);
}

const TlsServer* RouteTable::SelectTlsServer(
    std::string_view server_name) const {
  return impl_->SelectTlsServer(server_name);
}

TlsMatchResult RouteTable::MatchTls(std::string_view server_name,
                                    std::string_view host,
                                    std::string_view path) const noexcept {
  return impl_->MatchTls(server_name, host, path);
}

MatchResult RouteTable::MatchLinear(std::string_view host,
                                    std::string_view path) const noexcept {
  return impl_->MatchLinear(host, path);
}

uint64_t RouteTable::RouteId(const MatchResult& result) const {
  return impl_->RouteId(result);
}

MatchResult RouteTable::RouteById(uint64_t id) const {
  return impl_->RouteById(id);
}

RouteAnswer RouteTable::Answer(const MatchResult& result) const noexcept {
  return result.matched() ? impl_->records().Answer(result.route_id)
                          : RouteAnswer{};
}

const GatewayConfig& RouteTable::config() const { return impl_->config(); }
const CompileOptions& RouteTable::options() const { return impl_->options(); }
size_t RouteTable::route_count() const { return impl_->route_count(); }
size_t RouteTable::memory_bytes() const { return impl_->memory_bytes(); }

CompileResult Compile(GatewayConfig config, const CompileOptions& options) {
  CompileResult result;
  result.table = CompileAccess::Make(std::move(config), options);
  return result;
}

CompileResult Compile(const ResourceSet& resources,
                      const CompileOptions& options) {
  ConvertResult converted = Convert(resources, options);
  CompileResult result;
  result.status = converted.status;
  if (converted.ok()) {
    result = Compile(std::move(converted.config), options);
  }
  result.diagnostics = std::move(converted.diagnostics);
  return result;
}

namespace {

// The parse's diagnostics, then the compile's.
CompileResult CompileParsed(ParseResult parsed, const CompileOptions& options) {
  if (!parsed.ok()) {
    CompileResult failed;
    failed.status = parsed.status;
    failed.diagnostics = std::move(parsed.diagnostics);
    return failed;
  }
  CompileResult result = Compile(parsed.resources, options);
  std::vector<Diagnostic> all = std::move(parsed.diagnostics);
  Append(all, std::move(result.diagnostics));
  result.diagnostics = std::move(all);
  return result;
}

}  // namespace

CompileResult Compile(std::span<const Source> sources,
                      const CompileOptions& options) {
  parse_internal::ObjectSources objects;
  CompileResult result = CompileParsed(
      parse_internal::ParseSources(
          sources, parse_internal::ParseOptionsFor(options), &objects),
      options);
  parse_internal::AttributeToSources(objects, result.diagnostics);
  return result;
}

CompileResult Compile(std::string_view text, const CompileOptions& options) {
  return CompileParsed(Parse(text, parse_internal::ParseOptionsFor(options)),
                       options);
}

}  // namespace ingresskit
