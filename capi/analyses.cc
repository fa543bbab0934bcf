// The C entry points of the analyses: lint, diff and route tests. Each
// hands out the JSON the CLI prints (ingresskit_free releases it).
#include <string>
#include <vector>

#include "capi_internal.h"
#include "ingresskit/diff.h"
#include "ingresskit/lint.h"
#include "ingresskit/route_tests.h"

using namespace ingresskit::capi;  // NOLINT: the C entry points below.

extern "C" {

int ingresskit_lint(const ingresskit_source_t* sources, size_t count,
                    const ingresskit_options_t* options, char** out,
                    size_t* out_len, ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (out == nullptr || out_len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "out or out_len is NULL");
    }
    std::vector<ingresskit::Source> views;
    if (int rc = ToSources(sources, count, views, err)) return rc;
    ingresskit::CompileOptions compile_options;
    if (int rc = ToOptions(options, compile_options, err)) return rc;
    const ingresskit::LintResult result = ingresskit::Lint(
        std::span<const ingresskit::Source>(views), compile_options);
    if (!result.ok()) {
      return Fail(err, ToStatus(result.status),
                  FirstProblem(result.diagnostics));
    }
    return HandOut(ingresskit::LintJson(result.findings), out, out_len, err);
  });
}

int ingresskit_diff(const ingresskit_table_t* old_table,
                    const ingresskit_table_t* new_table, unsigned flags,
                    char** out, size_t* out_len,
                    ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    if (old_table == nullptr || new_table == nullptr || out == nullptr ||
        out_len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "old_table, new_table, out or out_len is NULL");
    }
    if ((flags & ~unsigned{INGRESSKIT_DIFF_ALL}) != 0) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "flags holds bits this library does not know");
    }
    ingresskit::DiffOptions options;
    options.all = (flags & INGRESSKIT_DIFF_ALL) != 0;
    return HandOut(ingresskit::DiffJson(ingresskit::Diff(
                       old_table->table, new_table->table, options)),
                   out, out_len, err);
  });
}

int ingresskit_table_test(const ingresskit_table_t* table, const char* tests,
                          size_t tests_len, char** out, size_t* out_len,
                          ingresskit_error_t* err) noexcept {
  return Guard(err, [&] {
    std::string_view text;
    if (table == nullptr || out == nullptr || out_len == nullptr) {
      return Fail(err, INGRESSKIT_EINVAL, "table, out or out_len is NULL");
    }
    if (!ToView(tests, tests_len, text)) {
      return Fail(err, INGRESSKIT_EINVAL,
                  "tests is NULL but tests_len is not 0");
    }
    const ingresskit::RouteTestsParseResult parsed =
        ingresskit::ParseRouteTests(text);
    if (!parsed.ok()) {
      return Fail(err, ToStatus(parsed.status),
                  FirstProblem(parsed.diagnostics));
    }
    return HandOut(ingresskit::RouteTestReportJson(
                       ingresskit::RunRouteTests(table->table, parsed.tests)),
                   out, out_len, err);
  });
}

}  // extern "C"
