// Whether a Secret's private key belongs to its certificate, checked
// without a crypto library: the certificate's public key (its
// SubjectPublicKeyInfo) is compared with the public half a PEM private key
// carries (an RSA key's modulus and exponent, an EC key's public point).
// A mismatch is a warning, never a reason to drop the Secret: Envoy would
// refuse the pair, and the user should hear it before a handshake fails.
#ifndef INGRESSKIT_LIB_CONVERT_KEY_PAIR_H_
#define INGRESSKIT_LIB_CONVERT_KEY_PAIR_H_

#include <string>
#include <string_view>

namespace ingresskit::convert_internal {

struct KeyPairCheck {
  enum class Result {
    kMatches,
    kMismatch,   // `why` says how; Envoy refuses the pair.
    kUnusable,   // `why` says why no gateway can use the key (encrypted).
    kUnchecked,  // The formats give no public key to compare (for example
                 // an Ed25519 PKCS#8 key without its public key).
  };
  Result result = Result::kUnchecked;
  // Never holds key bytes: names of algorithms and fields only.
  std::string why;
};

// `certificate`: a PEM chain, whose first CERTIFICATE block is the leaf.
// `private_key`: PEM, PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY")
// or PKCS#8 ("PRIVATE KEY"). Text that is not PEM, or DER that does not
// parse, is kUnchecked: framing is reported elsewhere. Decoded key bytes
// are wiped before returning.
KeyPairCheck CheckKeyPair(std::string_view certificate,
                          std::string_view private_key);

}  // namespace ingresskit::convert_internal

#endif  // INGRESSKIT_LIB_CONVERT_KEY_PAIR_H_
