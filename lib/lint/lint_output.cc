// Lint findings as JSON: what `lint --output json`, the C ABI and Python
// return.
#include "explain/route_json.h"
#include "ingresskit/lint.h"

namespace ingresskit {

std::string LintJson(const std::vector<LintFinding>& findings) {
  using explain_internal::OptionalString;
  using explain_internal::String;
  rapidjson::StringBuffer buffer;
  explain_internal::Writer w(buffer);
  w.StartArray();
  for (const LintFinding& f : findings) {
    const Diagnostic& d = f.diagnostic;
    w.StartObject();
    w.Key("code");
    String(w, f.code);
    w.Key("severity");
    String(w, ToString(d.severity));
    w.Key("object");
    String(w, d.object);
    w.Key("field");
    String(w, d.field);
    w.Key("line");
    if (d.position.known()) {
      w.Uint(d.position.line);
    } else {
      w.Null();
    }
    w.Key("source");
    OptionalString(w, d.source);
    w.Key("message");
    String(w, d.message);
    w.EndObject();
  }
  w.EndArray();
  return buffer.GetString();
}

}  // namespace ingresskit
