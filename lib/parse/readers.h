// Text to SourceTree: one reader per syntax, same tree and same limits.
#ifndef INGRESSKIT_LIB_PARSE_READERS_H_
#define INGRESSKIT_LIB_PARSE_READERS_H_

#include <string_view>

#include "ingresskit/diagnostics.h"
#include "ingresskit/limits.h"
#include "ingresskit/parse.h"
#include "parse/source_tree.h"

namespace ingresskit::parse_internal {

// Each returns true and fills `tree`, or returns false and describes the
// problem in `error` (code kSyntax or kLimit, with position and offset).
// `text` holds no NUL byte (the caller has checked).
bool ReadJson(std::string_view text, const Limits& limits, SourceTree& tree,
              Diagnostic& error);
bool ReadYaml(std::string_view text, const Limits& limits, SourceTree& tree,
              Diagnostic& error);

// Either, by `format` (kAuto: JSON when the text starts with `{` or `[`),
// after refusing text over limits.max_document_bytes or holding a NUL.
bool ReadTree(std::string_view text, InputFormat format, const Limits& limits,
              SourceTree& tree, Diagnostic& error);

}  // namespace ingresskit::parse_internal

#endif  // INGRESSKIT_LIB_PARSE_READERS_H_
