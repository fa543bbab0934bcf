// Whether a Secret's key belongs to its certificate, on real keys and
// certificates made by the openssl command line (a declared dependency:
// .ci/install-deps installs it) in every format a Secret may hold.
#include "convert/key_pair.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "ingresskit/ingresskit.h"
#include "test_util.h"

namespace ingresskit::convert_internal {
namespace {

namespace fs = std::filesystem;
using ::ingresskit::testing::IsDiagnostic;
using ::ingresskit::testing::ReadFileOrDie;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using Result = KeyPairCheck::Result;

class KeyPairTest : public ::testing::Test {
 protected:
  // Keys and certificates are made once for the suite: RSA keys take a
  // moment to generate.
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("key_pair_test." + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    // Each key, and a self-signed certificate for it.
    Run("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key");
    Run("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2.key");
    Run("rsa -in rsa.key -traditional -out rsa.pkcs1.key");
    Run("ecparam -name prime256v1 -genkey -noout -out ec.key");
    Run("ecparam -name prime256v1 -genkey -noout -out ec2.key");
    Run("ecparam -name secp384r1 -genkey -noout -out ec384.key");
    Run("pkey -in ec.key -out ec.pkcs8.key");
    Run("genpkey -algorithm ed25519 -out ed.key");
    Run("pkey -in rsa.key -aes256 -passout pass:secret -out rsa.enc.key");
    for (const char* key : {"rsa", "ec", "ed"}) {
      Run(std::string("req -new -x509 -days 1 -subj /CN=a.com -key ") + key +
          ".key -out " + key + ".crt");
    }
    // A chain: a leaf for ec.key signed by a CA whose key is rsa2.key.
    Run("req -new -x509 -days 1 -subj /CN=ca -key rsa2.key -out ca.crt");
    Run("req -new -subj /CN=leaf -key ec.key -out leaf.csr");
    Run("x509 -req -days 1 -in leaf.csr -CA ca.crt -CAkey rsa2.key "
        "-CAcreateserial -out leaf.crt");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  static void Run(const std::string& args) {
    const std::string command =
        "cd '" + dir_->string() + "' && openssl " + args + " 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0)
        << command << " failed; is openssl installed?";
  }
  static std::string File(const std::string& name) {
    return ReadFileOrDie((*dir_ / name).string());
  }
  static KeyPairCheck Check(const std::string& cert, const std::string& key) {
    return CheckKeyPair(File(cert), File(key));
  }

  static fs::path* dir_;
};

fs::path* KeyPairTest::dir_ = nullptr;

TEST_F(KeyPairTest, AKeyMatchesItsOwnCertificateInEveryFormat) {
  EXPECT_EQ(Check("rsa.crt", "rsa.key").result, Result::kMatches);
  EXPECT_EQ(Check("rsa.crt", "rsa.pkcs1.key").result, Result::kMatches);
  EXPECT_EQ(Check("ec.crt", "ec.key").result, Result::kMatches);
  EXPECT_EQ(Check("ec.crt", "ec.pkcs8.key").result, Result::kMatches);
  // The leaf, the chain's first certificate, is the one compared.
  EXPECT_EQ(
      CheckKeyPair(File("leaf.crt") + File("ca.crt"), File("ec.key")).result,
      Result::kMatches);
}

TEST_F(KeyPairTest, AnotherKeyIsAMismatchThatSaysHow) {
  KeyPairCheck rsa = Check("rsa.crt", "rsa2.key");
  EXPECT_EQ(rsa.result, Result::kMismatch);
  EXPECT_THAT(rsa.why, HasSubstr("RSA modulus"));
  KeyPairCheck ec = Check("ec.crt", "ec2.key");
  EXPECT_EQ(ec.result, Result::kMismatch);
  EXPECT_THAT(ec.why, HasSubstr("EC public key"));
  KeyPairCheck curve = Check("ec.crt", "ec384.key");
  EXPECT_EQ(curve.result, Result::kMismatch);
  EXPECT_THAT(curve.why, HasSubstr("curve"));
  KeyPairCheck kind = Check("rsa.crt", "ec.key");
  EXPECT_EQ(kind.result, Result::kMismatch);
  EXPECT_EQ(kind.why, "the key is EC and the certificate's is RSA");
  EXPECT_EQ(Check("ed.crt", "rsa.key").result, Result::kMismatch);
  // A CA's certificate first: the leaf is what Envoy pairs with the key.
  EXPECT_EQ(
      CheckKeyPair(File("ca.crt") + File("leaf.crt"), File("ec.key")).result,
      Result::kMismatch);
}

TEST_F(KeyPairTest, AnEncryptedKeyIsUnusable) {
  KeyPairCheck check = Check("rsa.crt", "rsa.enc.key");
  EXPECT_EQ(check.result, Result::kUnusable);
  EXPECT_THAT(check.why, HasSubstr("encrypted"));
}

TEST_F(KeyPairTest, AKeyWithoutItsPublicHalfIsNotJudged) {
  // OpenSSL writes Ed25519 keys as PKCS#8 v1, without the public key:
  // nothing to compare without computing it.
  EXPECT_NE(Check("ed.crt", "ed.key").result, Result::kMismatch);
}

TEST_F(KeyPairTest, DamagedInputIsNeverJudgedAndNeverCrashes) {
  const std::string cert = File("ec.crt");
  const std::string key = File("ec.key");
  EXPECT_EQ(CheckKeyPair("", "").result, Result::kUnchecked);
  EXPECT_EQ(CheckKeyPair("not pem", key).result, Result::kUnchecked);
  EXPECT_EQ(CheckKeyPair(cert, "not pem").result, Result::kUnchecked);
  // Every truncation and every flipped base64 character of both, under
  // the sanitizers: at worst a mismatch, never a read out of bounds.
  for (size_t i = 0; i < cert.size(); i += 7) {
    CheckKeyPair(cert.substr(0, i), key);
    std::string flipped = cert;
    flipped[i] = flipped[i] == 'A' ? 'B' : 'A';
    CheckKeyPair(flipped, key);
  }
  for (size_t i = 0; i < key.size(); i += 5) {
    CheckKeyPair(cert, key.substr(0, i));
    std::string flipped = key;
    flipped[i] = flipped[i] == 'A' ? 'B' : 'A';
    CheckKeyPair(cert, flipped);
  }
}

TEST_F(KeyPairTest, ACompiledSecretWithAForeignKeyIsAWarningWithoutKeyBytes) {
  ::ingresskit::testing::TestIngress ingress;
  ingress.metadata = "  annotations: {kubernetes.io/ingress.class: istio}\n";
  ingress.spec = "  tls: [{hosts: [a.com], secretName: a}]\n";
  ::ingresskit::testing::TestRule rule;
  rule.host = "a.com";
  rule.paths.push_back({"/"});
  ingress.rules.push_back(rule);
  const std::string text =
      ::ingresskit::testing::Yaml(ingress) +
      "---\napiVersion: v1\nkind: Secret\nmetadata: "
      "{name: a, namespace: istio-system}\ntype: kubernetes.io/tls\n"
      "stringData:\n  tls.crt: " +
      ::ingresskit::testing::Quoted(File("rsa.crt")) +
      "\n  tls.key: " + ::ingresskit::testing::Quoted(File("rsa2.key")) + "\n";
  CompileResult compiled = Compile(text);
  ASSERT_TRUE(compiled.ok());
  EXPECT_THAT(compiled.diagnostics,
              Contains(IsDiagnostic(Severity::kWarning, "spec.tls[0]",
                                    "does not belong to the certificate")));
  // Passed on unchanged all the same.
  const TlsServer* server = compiled.table.SelectTlsServer("a.com");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->private_key.view(), File("rsa2.key"));
  const std::string key_body = File("rsa2.key").substr(28, 40);
  for (const Diagnostic& d : compiled.diagnostics) {
    EXPECT_THAT(d.ToString(), Not(HasSubstr(key_body)));
  }
}

}  // namespace
}  // namespace ingresskit::convert_internal
