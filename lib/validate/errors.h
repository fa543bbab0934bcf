// What the validators of every kind share: the error list of one object,
// and the checks of names and ports.
#ifndef INGRESSKIT_LIB_VALIDATE_ERRORS_H_
#define INGRESSKIT_LIB_VALIDATE_ERRORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "ingresskit/diagnostics.h"
#include "ingresskit/model.h"
#include "validate/names.h"

namespace ingresskit::validate_internal {

inline constexpr int32_t kMaxPort = 65535;

// Sequences the API server refuses in Exact and Prefix paths (and Gateway
// API's CEL rules in path values): they would be normalised away (or
// decoded) before a proxy matches the request.
inline constexpr std::string_view kInvalidPathSequences[] = {
    "//", "/./", "/../", "%2f", "%2F"};
inline constexpr std::string_view kInvalidPathSuffixes[] = {"/..", "/."};

// Appends errors for one object, prefixing nothing: field paths are whole.
class Errors {
 public:
  Errors(std::string object, std::vector<Diagnostic>* out)
      : object_(std::move(object)), out_(out) {}

  void Add(std::string field, std::string message,
           ErrorCode code = ErrorCode::kValidation) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.code = code;
    d.object = object_;
    d.field = std::move(field);
    d.message = std::move(message);
    out_->push_back(std::move(d));
    ++count_;
  }
  // Adds `problem` unless it is empty (the Check* convention).
  void Check(std::string field, std::string problem) {
    if (!problem.empty()) Add(std::move(field), std::move(problem));
  }
  bool none() const { return count_ == 0; }

 private:
  std::string object_;
  std::vector<Diagnostic>* out_;
  size_t count_ = 0;
};

inline void ValidateName(Errors& errors, const ObjectMeta& meta, bool dns1035,
                         bool namespaced) {
  if (meta.name.empty()) {
    errors.Add("metadata.name", "required: the object has no name");
  } else {
    errors.Check("metadata.name", dns1035 ? CheckDns1035Label(meta.name)
                                          : CheckDns1123Subdomain(meta.name));
  }
  if (namespaced && !meta.namespace_name.empty()) {
    errors.Check("metadata.namespace", CheckDns1123Label(meta.namespace_name));
  }
}

inline void ValidatePortNumber(Errors& errors, const std::string& field,
                               int32_t number) {
  if (number < 1 || number > kMaxPort) {
    errors.Add(field,
               internal::StrCat("port ", number,
                                " is out of range: must be between 1 and "
                                "65535"));
  }
}

}  // namespace ingresskit::validate_internal

#endif  // INGRESSKIT_LIB_VALIDATE_ERRORS_H_
