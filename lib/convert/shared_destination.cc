// SharedDestination: one RouteDestination for every route to a backend.
#include <memory>
#include <utility>

#include "ingresskit/gateway.h"

namespace ingresskit {

const RouteDestination* SharedDestination::Empty() {
  static const auto* const kEmpty = new RouteDestination();
  return kEmpty;
}

SharedDestination::SharedDestination(RouteDestination destination)
    : destination_(
          std::make_shared<const RouteDestination>(std::move(destination))) {}

}  // namespace ingresskit
