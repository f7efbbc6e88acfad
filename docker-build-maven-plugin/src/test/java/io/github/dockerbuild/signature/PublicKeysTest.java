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
}
