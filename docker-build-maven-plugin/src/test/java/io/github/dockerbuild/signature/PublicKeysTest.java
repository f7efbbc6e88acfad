package io.github.dockerbuild.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicKeysTest {

  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  @Test
  void cosignKey_verifiesCosignsSignature() {
    PublicKey key = PublicKeys.parsePem(GoldenKeySignature.publicKeyPem());
    byte[] signature = Base64.getDecoder().decode(
        GoldenKeySignature.annotations().get(CosignLayout.SIGNATURE_ANNOTATION));

    assertThat(PublicKeys.verifies(key, GoldenKeySignature.payload(), signature)).isTrue();
    assertThat(PublicKeys.describe(key)).startsWith("ECDSA P-256 key SHA256:");
  }

  @Test
  void cosignKey_rejectsAChangedPayload() {
    PublicKey key = PublicKeys.parsePem(GoldenKeySignature.publicKeyPem());
    byte[] signature = Base64.getDecoder().decode(
        GoldenKeySignature.annotations().get(CosignLayout.SIGNATURE_ANNOTATION));
    byte[] payload = GoldenKeySignature.payload();
    payload[payload.length - 2] ^= 1;

    assertThat(PublicKeys.verifies(key, payload, signature)).isFalse();
  }

  @Test
  void verifies_garbageSignature_false() {
    PublicKey key = PublicKeys.parsePem(GoldenKeySignature.publicKeyPem());

    assertThat(PublicKeys.verifies(key, new byte[] {1}, new byte[] {2, 3})).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "EC, secp256r1, SHA256withECDSA, ECDSA P-256",
      "EC, secp384r1, SHA256withECDSA, ECDSA P-384",
      "RSA, 2048, SHA256withRSA, RSA 2048",
      "Ed25519, , Ed25519, Ed25519",
  })
  void everyAlgorithm_parsesAndVerifies(String algorithm, String param, String signing, String description)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec(param));
    } else if (algorithm.equals("RSA")) {
      generator.initialize(Integer.parseInt(param));
    }
    KeyPair pair = generator.generateKeyPair();
    byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance(signing);
    signer.initSign(pair.getPrivate());
    signer.update(data);
    byte[] signature = signer.sign();

    PublicKey parsed = PublicKeys.parsePem(pem(pair.getPublic()));

    assertThat(parsed.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    assertThat(PublicKeys.verifies(parsed, data, signature)).isTrue();
    assertThat(PublicKeys.describe(parsed)).startsWith(description + " key SHA256:");
  }

  @Test
  void fingerprint_stableAndDistinct() throws Exception {
    PublicKey a = PublicKeys.parsePem(GoldenKeySignature.publicKeyPem());
    PublicKey b = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

    assertThat(PublicKeys.fingerprint(a)).isEqualTo(PublicKeys.fingerprint(PublicKeys.parsePem(pem(a))));
    assertThat(PublicKeys.fingerprint(a)).isNotEqualTo(PublicKeys.fingerprint(b)).matches("SHA256:[A-Za-z0-9+/]{43}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                                                    | no -----BEGIN PUBLIC KEY----- block",
      "just text                                                             | no -----BEGIN PUBLIC KEY----- block",
      "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\\nAAAA\\n-----END ENCRYPTED SIGSTORE PRIVATE KEY----- | give the public key",
      "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----         | not a 'PUBLIC KEY'",
      "-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----           | not a valid key",
  })
  void parsePem_notAPublicKey_saysWhatItIs(String text, String message) {
    assertThatThrownBy(() -> PublicKeys.parsePem(text.replace("\\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parsePem_privateKeyFile_saysGiveThePublicKey() {
    assertThatThrownBy(() -> PublicKeys.parsePem(GoldenKeySignature.text("cosign.key")))
        .hasMessageContaining("give the public key");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1.2.840.10045.2.1", "1.2.840.113549.1.1.1", "1.3.101.112",
      "1.2.840.10040.4.1", "2.999.1", "0.9.2342.19200300.100.1.1", "1.3.6.1.4.1.57264.1.1", "2.25.9223372036854775807"})
  void algorithmOid_readsWhatBouncyCastleWrites(String oid) throws Exception {
    byte[] der = new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid)),
        new byte[300]).getEncoded();

    assertThat(PublicKeys.algorithmOid(der)).isEqualTo(oid);
  }

  @Test
  void parsePem_aKeyOfAnotherAlgorithm_namesItsOid() throws Exception {
    PublicKey dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair().getPublic();

    assertThatThrownBy(() -> PublicKeys.parsePem(pem(dsa)))
        .hasMessage("is a key of an unsupported algorithm (1.2.840.10040.4.1): use ECDSA, RSA or Ed25519");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"", "30", "3003300106", "300530030601", "30053003060181",
      "0403010203", "3084ffffffff"})
  void algorithmOid_notASubjectPublicKeyInfo_isRefused(String hex) {
    assertThatThrownBy(() -> PublicKeys.algorithmOid(java.util.HexFormat.of().parseHex(hex)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsePem_eachSupportedAlgorithm() throws Exception {
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
      PublicKey key = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic();
      assertThat(PublicKeys.parsePem(pem(key))).as(algorithm).isEqualTo(key);
    }
  }
}
