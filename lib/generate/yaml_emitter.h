// A JSON-shaped tree written as YAML through libyaml's emitter: the same
// structure JSON output uses, so the two formats cannot drift apart.
#ifndef INGRESSKIT_LIB_GENERATE_YAML_EMITTER_H_
#define INGRESSKIT_LIB_GENERATE_YAML_EMITTER_H_

#include <string>

#include "rapidjson/document.h"

namespace ingresskit::generate_internal {

// Each element of `documents` (an array) becomes one document of a
// `---`-separated stream, mapping keys sorted as Kubernetes tooling sorts
// them. Strings that would read back as another type (`80`, `true`, `~`)
// are quoted.
std::string ToYamlStream(const rapidjson::Value& documents);

// `value` as pretty JSON (two-space indent) and a final newline.
std::string ToJsonText(const rapidjson::Value& value);

}  // namespace ingresskit::generate_internal

#endif  // INGRESSKIT_LIB_GENERATE_YAML_EMITTER_H_
