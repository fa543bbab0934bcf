// Key-pair fuzzer: a certificate and a private key, as PEM text split at
// the first NUL byte. The DER reader behind CheckKeyPair reads user input
// byte by byte: it must never read out of bounds, hang or crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "convert/key_pair.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ingresskit::convert_internal::CheckKeyPair;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\0');
  const std::string_view certificate = input.substr(0, split);
  const std::string_view key =
      split == std::string_view::npos ? input : input.substr(split + 1);
  const auto check = CheckKeyPair(certificate, key);
  // A verdict always says why, and never quotes the input.
  if (check.result == decltype(check.result)::kMismatch && check.why.empty()) {
    std::abort();
  }
  return 0;
}
