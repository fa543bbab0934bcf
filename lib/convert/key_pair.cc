#include "convert/key_pair.h"

#include <cstdint>

#include "common/wipe.h"
#include "parse/base64.h"

namespace ingresskit::convert_internal {
namespace {

using Result = KeyPairCheck::Result;

// DER tags this file reads (X.690 §8; single-byte tags only).
constexpr uint8_t kInteger = 0x02;
constexpr uint8_t kBitString = 0x03;
constexpr uint8_t kOctetString = 0x04;
constexpr uint8_t kOid = 0x06;
constexpr uint8_t kSequence = 0x30;
constexpr uint8_t kExplicit0 = 0xA0;  // [0] constructed
constexpr uint8_t kExplicit1 = 0xA1;  // [1] constructed
constexpr uint8_t kImplicit1 = 0x81;  // [1] IMPLICIT BIT STRING (RFC 5958)

// Algorithm OIDs, as their DER content bytes.
constexpr std::string_view kRsaOid = "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x01";
constexpr std::string_view kRsaPssOid = "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0A";
constexpr std::string_view kEcOid = "\x2A\x86\x48\xCE\x3D\x02\x01";
constexpr std::string_view kEd25519Oid = "\x2B\x65\x70";
constexpr std::string_view kEd448Oid = "\x2B\x65\x71";

// Reads a DER buffer element by element. Every read is bounds-checked:
// the bytes come from user input.
class Der {
 public:
  explicit Der(std::string_view bytes) : rest_(bytes) {}

  bool empty() const { return rest_.empty(); }
  uint8_t PeekTag() const {
    return rest_.empty() ? 0 : static_cast<uint8_t>(rest_[0]);
  }
  // The next element, which must have tag `tag`.
  bool Read(uint8_t tag, std::string_view& body) {
    uint8_t actual = 0;
    return Next(actual, body) && actual == tag;
  }
  bool Skip() {
    uint8_t tag = 0;
    std::string_view body;
    return Next(tag, body);
  }

 private:
  bool Next(uint8_t& tag, std::string_view& body) {
    if (rest_.size() < 2) return false;
    tag = static_cast<uint8_t>(rest_[0]);
    if ((tag & 0x1F) == 0x1F) return false;  // High tag numbers: not here.
    size_t length = static_cast<uint8_t>(rest_[1]);
    size_t at = 2;
    if (length >= 0x80) {
      const size_t octets = length & 0x7F;
      // 0x80 is BER's indefinite length, which DER forbids.
      if (octets == 0 || octets > 4 || rest_.size() < at + octets) {
        return false;
      }
      length = 0;
      for (size_t i = 0; i < octets; ++i) {
        length = (length << 8) | static_cast<uint8_t>(rest_[at + i]);
      }
      at += octets;
    }
    if (length > rest_.size() - at) return false;
    body = rest_.substr(at, length);
    rest_.remove_prefix(at + length);
    return true;
  }

  std::string_view rest_;
};

// An INTEGER's magnitude, without the sign byte DER adds before a high bit.
std::string_view Magnitude(std::string_view integer) {
  while (integer.size() > 1 && integer[0] == '\0') integer.remove_prefix(1);
  return integer;
}

// A BIT STRING's bits, when they are whole bytes (as keys are).
bool WholeBytes(std::string_view bit_string, std::string_view& bytes) {
  if (bit_string.empty() || bit_string[0] != '\0') return false;
  bytes = bit_string.substr(1);
  return true;
}

// A public key as a certificate states it or a private key carries it;
// views into the decoded DER.
struct PublicKey {
  std::string_view algorithm;  // OID content bytes; RSA-PSS read as RSA.
  std::string_view curve;      // EC: the named curve's OID, if stated.
  std::string_view modulus;    // RSA
  std::string_view exponent;   // RSA
  std::string_view point;      // EC and others: the public key bytes.
};

std::string_view AlgorithmName(std::string_view oid) {
  if (oid == kRsaOid) return "RSA";
  if (oid == kEcOid) return "EC";
  if (oid == kEd25519Oid) return "Ed25519";
  if (oid == kEd448Oid) return "Ed448";
  return "another algorithm";
}

// AlgorithmIdentifier (RFC 5280 §4.1.1.2): the OID, and for EC keys the
// named curve in its parameters.
bool ReadAlgorithm(std::string_view body, PublicKey& key) {
  Der d(body);
  if (!d.Read(kOid, key.algorithm)) return false;
  if (key.algorithm == kRsaPssOid) key.algorithm = kRsaOid;
  if (key.algorithm == kEcOid && d.PeekTag() == kOid) {
    return d.Read(kOid, key.curve);
  }
  return true;
}

// RSAPublicKey or the start of RSAPrivateKey (RFC 8017 A.1): modulus and
// exponent, after a version for the private form.
bool ReadRsa(std::string_view sequence_der, bool has_version, PublicKey& key) {
  std::string_view body;
  std::string_view version;
  if (!Der(sequence_der).Read(kSequence, body)) return false;
  Der d(body);
  if (has_version && !d.Read(kInteger, version)) return false;
  if (!d.Read(kInteger, key.modulus) || !d.Read(kInteger, key.exponent)) {
    return false;
  }
  key.modulus = Magnitude(key.modulus);
  key.exponent = Magnitude(key.exponent);
  return true;
}

// ECPrivateKey (RFC 5915 §3): the curve and public key are optional.
bool ReadEcPrivate(std::string_view sequence_der, PublicKey& key) {
  std::string_view body;
  std::string_view field;
  if (!Der(sequence_der).Read(kSequence, body)) return false;
  Der d(body);
  if (!d.Read(kInteger, field) || !d.Read(kOctetString, field)) return false;
  if (d.PeekTag() == kExplicit0) {
    if (!d.Read(kExplicit0, field) || !Der(field).Read(kOid, key.curve)) {
      return false;
    }
  }
  if (d.PeekTag() == kExplicit1) {
    std::string_view bits;
    if (!d.Read(kExplicit1, field) || !Der(field).Read(kBitString, bits)) {
      return false;
    }
    return WholeBytes(bits, key.point);
  }
  return true;
}

// Certificate (RFC 5280 §4.1): tbsCertificate's subjectPublicKeyInfo.
bool ReadCertificateKey(std::string_view der, PublicKey& key) {
  std::string_view certificate;
  std::string_view tbs;
  std::string_view field;
  if (!Der(der).Read(kSequence, certificate)) return false;
  if (!Der(certificate).Read(kSequence, tbs)) return false;
  Der d(tbs);
  if (d.PeekTag() == kExplicit0 && !d.Skip()) return false;  // version
  // serialNumber, signature, issuer, validity, subject.
  for (int i = 0; i < 5; ++i) {
    if (!d.Skip()) return false;
  }
  std::string_view spki;
  if (!d.Read(kSequence, spki)) return false;
  Der s(spki);
  std::string_view bits;
  std::string_view bytes;
  if (!s.Read(kSequence, field) || !ReadAlgorithm(field, key) ||
      !s.Read(kBitString, bits) || !WholeBytes(bits, bytes)) {
    return false;
  }
  if (key.algorithm == kRsaOid) return ReadRsa(bytes, false, key);
  key.point = bytes;
  return true;
}

// PrivateKeyInfo / OneAsymmetricKey (RFC 5958 §2).
bool ReadPkcs8(std::string_view der, PublicKey& key) {
  std::string_view body;
  std::string_view field;
  std::string_view private_key;
  if (!Der(der).Read(kSequence, body)) return false;
  Der d(body);
  if (!d.Read(kInteger, field) || !d.Read(kSequence, field) ||
      !ReadAlgorithm(field, key) || !d.Read(kOctetString, private_key)) {
    return false;
  }
  if (key.algorithm == kRsaOid) return ReadRsa(private_key, true, key);
  if (key.algorithm == kEcOid) {
    const std::string_view curve = key.curve;
    if (!ReadEcPrivate(private_key, key)) return false;
    if (key.curve.empty()) key.curve = curve;
    return true;
  }
  if (d.PeekTag() == kExplicit0 && !d.Skip()) return false;  // attributes
  if (d.PeekTag() == kImplicit1) {
    return d.Read(kImplicit1, field) && WholeBytes(field, key.point);
  }
  return true;  // Version 1 (Ed25519 as OpenSSL writes it): no public key.
}

// The body of the first PEM block labelled `label` (all of it for an
// empty label, whose label is then returned in `found_label`), decoded.
// False when there is none or it does not decode; `encrypted` is set for
// RFC 1421 headers, which only encrypted keys carry.
bool DecodePem(std::string_view text, std::string_view label, std::string& der,
               std::string_view& found_label, bool& encrypted) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  constexpr std::string_view kDashes = "-----";
  size_t at = 0;
  while ((at = text.find(kBegin, at)) != std::string_view::npos) {
    const size_t label_at = at + kBegin.size();
    const size_t label_end = text.find(kDashes, label_at);
    if (label_end == std::string_view::npos) return false;
    found_label = text.substr(label_at, label_end - label_at);
    at = label_end + kDashes.size();
    if (label.empty() || found_label == label) break;
  }
  if (at == std::string_view::npos) return false;
  const size_t end = text.find("-----END ", at);
  if (end == std::string_view::npos) return false;
  const std::string_view body = text.substr(at, end - at);
  encrypted = body.find(':') != std::string_view::npos;
  if (encrypted) return false;
  std::string base64;
  base64.reserve(body.size());
  for (char c : body) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') base64 += c;
  }
  const bool ok = parse_internal::DecodeBase64(base64, der);
  internal::Wipe(base64);
  return ok;
}

// Whether two EC points are the same, one of them possibly compressed
// (SEC 1 §2.3.3: 02/03 || X, the low bit of Y in the prefix).
bool SamePoint(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() > b.size()) std::swap(a, b);
  if (a.empty() || (a[0] != 2 && a[0] != 3) || b.empty() || b[0] != 4) {
    return false;
  }
  const size_t n = a.size() - 1;
  return b.size() == 1 + 2 * n && b.substr(1, n) == a.substr(1) &&
         (b.back() & 1) == (a[0] & 1);
}

KeyPairCheck Compare(const PublicKey& certificate, const PublicKey& key) {
  KeyPairCheck out;
  if (certificate.algorithm != key.algorithm) {
    out.result = Result::kMismatch;
    out.why = std::string("the key is ") +
              std::string(AlgorithmName(key.algorithm)) +
              " and the certificate's is " +
              std::string(AlgorithmName(certificate.algorithm));
    return out;
  }
  if (key.algorithm == kRsaOid) {
    const bool same = certificate.modulus == key.modulus &&
                      certificate.exponent == key.exponent;
    out.result = same ? Result::kMatches : Result::kMismatch;
    if (!same) out.why = "the key's RSA modulus is not the certificate's";
    return out;
  }
  if (!certificate.curve.empty() && !key.curve.empty() &&
      certificate.curve != key.curve) {
    out.result = Result::kMismatch;
    out.why = "the key's EC curve is not the certificate's";
    return out;
  }
  if (key.point.empty()) return out;  // Nothing to compare.
  const bool same = SamePoint(certificate.point, key.point);
  out.result = same ? Result::kMatches : Result::kMismatch;
  if (!same) {
    out.why = std::string("the key's ") +
              std::string(AlgorithmName(key.algorithm)) +
              " public key is not the certificate's";
  }
  return out;
}

}  // namespace

KeyPairCheck CheckKeyPair(std::string_view certificate,
                          std::string_view private_key) {
  KeyPairCheck out;
  std::string certificate_der;
  std::string_view label;
  bool encrypted = false;
  PublicKey from_certificate;
  if (!DecodePem(certificate, "CERTIFICATE", certificate_der, label,
                 encrypted) ||
      !ReadCertificateKey(certificate_der, from_certificate)) {
    return out;
  }
  std::string key_der;
  PublicKey from_key;
  bool read = false;
  if (DecodePem(private_key, "", key_der, label, encrypted)) {
    if (label == "RSA PRIVATE KEY") {
      from_key.algorithm = kRsaOid;
      read = ReadRsa(key_der, true, from_key);
    } else if (label == "EC PRIVATE KEY") {
      from_key.algorithm = kEcOid;
      read = ReadEcPrivate(key_der, from_key);
    } else if (label == "PRIVATE KEY") {
      read = ReadPkcs8(key_der, from_key);
    } else if (label == "ENCRYPTED PRIVATE KEY") {
      encrypted = true;
    }
  }
  if (encrypted) {
    out.result = Result::kUnusable;
    out.why = "the key is encrypted, and a gateway has no passphrase for it";
  } else if (read) {
    out = Compare(from_certificate, from_key);
  }
  // The comparison holds views into key_der: wiped only now.
  internal::Wipe(key_der);
  return out;
}

}  // namespace ingresskit::convert_internal
