// Which Ingresses an Istio gateway serves (docs/semantics.md §1).
#ifndef INGRESSKIT_LIB_CONVERT_CLASS_SELECTION_H_
#define INGRESSKIT_LIB_CONVERT_CLASS_SELECTION_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ingresskit/model.h"
#include "ingresskit/options.h"

namespace ingresskit::convert_internal {

inline constexpr std::string_view kIngressClassAnnotation =
    "kubernetes.io/ingress.class";
inline constexpr std::string_view kIstioController =
    "istio.io/ingress-controller";

struct ClassDecision {
  bool served = false;
  std::string reason;                      // Why, in words; always set.
  bool annotation_and_class_name = false;  // Both set: worth a warning.
};

class ClassSelector {
 public:
  ClassSelector(const std::vector<IngressClass>& classes,
                const CompileOptions& options);
  ClassDecision Decide(const Ingress& ingress) const;

 private:
  const CompileOptions& options_;
  absl::flat_hash_map<std::string, const IngressClass*> classes_;
};

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_CLASS_SELECTION_H_
