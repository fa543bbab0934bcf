// Secret values: bytes that are wiped before their memory is released.
#include <algorithm>

#include "common/wipe.h"
#include "ingresskit/model.h"

namespace ingresskit {

using internal::Wipe;

SecretBytes::SecretBytes(std::string_view bytes) {
  // Reserved first: growing would leave a copy in the freed buffer.
  bytes_.reserve(bytes.size());
  bytes_.assign(bytes.data(), bytes.size());
}

SecretBytes::SecretBytes(const SecretBytes& other)
    : SecretBytes(other.view()) {}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) {
    Wipe(bytes_);
    bytes_.reserve(other.size());
    bytes_.assign(other.bytes_);
  }
  return *this;
}

SecretBytes::~SecretBytes() { Wipe(bytes_); }

void SecretBytes::clear() { Wipe(bytes_); }

namespace {

std::string_view FirstOf(const Secret& secret,
                         std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    auto it = secret.data.find(key);
    if (it != secret.data.end() && !it->second.empty()) {
      return it->second.view();
    }
  }
  return {};
}

}  // namespace

std::string_view Secret::certificate() const {
  return FirstOf(*this, {"tls.crt", "cert"});
}

std::string_view Secret::private_key() const {
  return FirstOf(*this, {"tls.key", "key"});
}

}  // namespace ingresskit
