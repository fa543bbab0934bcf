#include "convert/class_selection.h"

#include "common/strings.h"

namespace ingresskit::convert_internal {

ClassSelector::ClassSelector(const std::vector<IngressClass>& classes,
                             const CompileOptions& options)
    : options_(options) {
  for (const IngressClass& c : classes) {
    classes_.emplace(c.metadata.name, &c);
  }
}

ClassDecision ClassSelector::Decide(const Ingress& ingress) const {
  ClassDecision d;
  const auto& class_name = ingress.spec.ingress_class_name;
  auto annotation = ingress.metadata.annotations.find(kIngressClassAnnotation);
  if (annotation != ingress.metadata.annotations.end()) {
    // The annotation wins over spec.ingressClassName.
    d.annotation_and_class_name = class_name.has_value();
    const std::string& value = annotation->second;
    if (options_.controller_mode == ControllerMode::kOff) {
      d.reason = internal::StrCat(
          "annotation ", kIngressClassAnnotation, ": \"", value,
          "\" is ignored because controller_mode is OFF");
      return d;
    }
    d.served = value == options_.ingress_class;
    d.reason = d.served
                   ? internal::StrCat("annotation ", kIngressClassAnnotation,
                                      " is \"", value, "\"")
                   : internal::StrCat("annotation ", kIngressClassAnnotation,
                                      " is \"", value, "\", not \"",
                                      options_.ingress_class, "\"");
    return d;
  }
  if (class_name) {
    auto it = classes_.find(*class_name);
    if (it != classes_.end()) {
      const std::string& controller = it->second->spec.controller;
      d.served = controller == kIstioController;
      d.reason = internal::StrCat(
          "IngressClass \"", *class_name, "\" has controller \"", controller,
          "\"", d.served ? "" : ", not ", d.served ? "" : kIstioController);
      return d;
    }
  }
  d.served = options_.controller_mode == ControllerMode::kDefault;
  std::string what = class_name
                         ? internal::StrCat("IngressClass \"", *class_name,
                                            "\" is not in the input")
                         : std::string("no ingress class is given");
  d.reason = internal::StrCat(what, " and controller_mode is ",
                              ToString(options_.controller_mode));
  return d;
}

}  // namespace ingresskit::convert_internal
