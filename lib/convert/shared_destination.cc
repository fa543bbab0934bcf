// SharedDestination: one RouteDestination for every route to a backend.
#include <memory>
#include <utility>

#include "ingresskit/gateway.h"

namespace ingresskit {

SharedDestination::SharedDestination() {
  // One empty destination for every default-made handle: making a route
  // allocates nothing until it is given a backend.
  static const auto* const kEmpty = new std::shared_ptr<const RouteDestination>(
      std::make_shared<const RouteDestination>());
  destination_ = *kEmpty;
}

SharedDestination::SharedDestination(RouteDestination destination)
    : destination_(
          std::make_shared<const RouteDestination>(std::move(destination))) {}

}  // namespace ingresskit
