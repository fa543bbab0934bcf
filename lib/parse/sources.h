// Several named inputs parsed as one: which source each object came from,
// so that diagnostics found after parsing (conversion's) name it too.
#ifndef INGRESSKIT_LIB_PARSE_SOURCES_H_
#define INGRESSKIT_LIB_PARSE_SOURCES_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingresskit/options.h"
#include "ingresskit/parse.h"

namespace ingresskit::parse_internal {

// "Ingress ns/name" (DescribeObject) to the name of the source that held
// it; the first source wins for an object given twice.
using ObjectSources = std::map<std::string, std::string_view, std::less<>>;

// The parse options a compile with `options` parses with: its strictness
// and limits.
inline ParseOptions ParseOptionsFor(const CompileOptions& options) {
  ParseOptions parse;
  parse.strict = options.strict;
  parse.limits = options.limits;
  return parse;
}

// Parse(sources), also filling `objects` when not null.
ParseResult ParseSources(std::span<const Source> sources,
                         const ParseOptions& options, ObjectSources* objects);

// Sets the source of every diagnostic without one whose object `objects`
// knows.
void AttributeToSources(const ObjectSources& objects,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_SOURCES_H_
