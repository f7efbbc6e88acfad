package io.github.dockerbuild.signature.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.signature.PublicKeys;
import java.security.KeyPair;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrivateKeysTest {

  static Stream<Arguments> readable() {
    return Stream.of(
        Arguments.of("cosign key with a password", "key-legacy/cosign.key", "golden-pass", "key-legacy/cosign.pub"),
        Arguments.of("cosign key with an empty password", "keys/empty-password.key", "", "keys/empty-password.pub"),
        Arguments.of("PKCS#8 P-256", "keys/pkcs8-p256.pem", null, "keys/pkcs8-p256.pub"),
        Arguments.of("PKCS#8 P-256, a password is ignored", "keys/pkcs8-p256.pem", "unused", "keys/pkcs8-p256.pub"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void parse_derivesThePublicKeyCosignPrinted(String name, String key, String password, String publicKey) {
    KeyPair pair = PrivateKeys.parse(TestKeys.text(key), password == null ? null : password.toCharArray());

    assertThat(pair.getPublic().getEncoded()).isEqualTo(PublicKeys.parsePem(TestKeys.text(publicKey)).getEncoded());
    assertThat(pair.getPrivate().getAlgorithm()).isEqualTo("EC");
  }

  static Stream<Arguments> unusable() {
    String golden = TestKeys.text("key-legacy/cosign.key");
    return Stream.of(
        Arguments.of("wrong password", golden, "not-the-password",
            "cannot be decrypted: wrong password for this encrypted cosign key"),
        Arguments.of("no password", golden, null, "is an encrypted cosign key and no password was given"),
        Arguments.of("tampered ciphertext", tamper(golden), "golden-pass",
            "cannot be decrypted: wrong password for this encrypted cosign key"),
        Arguments.of("a public key", TestKeys.text("key-legacy/cosign.pub"), null,
            "is a public key, not a private key: give the private key file (cosign.key)"),
        Arguments.of("P-384", TestKeys.text("keys/pkcs8-p384.pem"), null,
            "is an ECDSA key on P-384, an unsupported curve: use an ECDSA P-256 key (cosign generate-key-pair makes one)"),
        Arguments.of("RSA", TestKeys.text("keys/rsa.pem"), null,
            "is an RSA key, an unsupported algorithm: use an ECDSA P-256 key (cosign generate-key-pair makes one)"),
        Arguments.of("Ed25519", TestKeys.text("keys/ed25519.pem"), null,
            "is an Ed25519 key, an unsupported algorithm: use an ECDSA P-256 key (cosign generate-key-pair makes one)"),
        Arguments.of("SEC1", TestKeys.text("keys/sec1-p256.pem"), null,
            "is a SEC1 'EC PRIVATE KEY': convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt) or import it into cosign"
                + " (cosign import-key-pair --key KEY.pem)"),
        Arguments.of("encrypted PKCS#8", TestKeys.text("keys/encrypted-pkcs8.pem"), "pkcs8-pass",
            "is a password-protected PKCS#8 key, which is not supported: give an unencrypted PKCS#8 key or a cosign key"
                + " (cosign import-key-pair --key KEY.pem)"),
        Arguments.of("a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", null,
            "holds a PEM 'CERTIFICATE' block, not a private key: give a PKCS#8 'PRIVATE KEY' or cosign's"
                + " 'ENCRYPTED SIGSTORE PRIVATE KEY'"),
        Arguments.of("not PEM", "hello", null, "is not a PEM private key (no -----BEGIN ... PRIVATE KEY----- block)"),
        Arguments.of("not PKCS#8", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", null,
            "has a PRIVATE KEY block that is not PKCS#8"),
        Arguments.of("encrypted key that is not JSON",
            "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\naGVsbG8=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n",
            "x", "is an encrypted cosign key whose content is not JSON"),
        Arguments.of("another KDF", encrypted("{\"kdf\":{\"name\":\"pbkdf2\"},\"cipher\":{\"name\":\"nacl/secretbox\"}}"),
            "x", "is an encrypted cosign key with kdf 'pbkdf2' and cipher 'nacl/secretbox': only scrypt with"
                + " nacl/secretbox is supported"),
        Arguments.of("huge scrypt cost", encrypted("{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1073741824,\"r\":8,"
            + "\"p\":1},\"salt\":\"\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"\"},\"ciphertext\":\"\"}"),
            "x", "is an encrypted cosign key with unusable scrypt parameters N=1073741824 r=8 p=1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusable")
  void parse_failsInOneLineWithoutSecrets(String name, String pem, String password, String message) {
    assertThatThrownBy(() -> PrivateKeys.parse(pem, password == null ? null : password.toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void parse_wrongPassword_messageHoldsNeitherPasswordNorKey() {
    String pem = TestKeys.text("key-legacy/cosign.key");
    String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

    assertThatThrownBy(() -> PrivateKeys.parse(pem, "guessed-secret".toCharArray()))
        .message().doesNotContain("guessed-secret").doesNotContain(body.substring(0, 20));
  }

  private static String encrypted(String json) {
    return "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(json.getBytes())
        + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
  }

  /** The golden key with one byte of its ciphertext changed: the secretbox tag must catch it. */
  private static String tamper(String pem) {
    String b64 = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    String json = new String(Base64.getDecoder().decode(b64));
    int at = json.indexOf("\"ciphertext\":\"") + 20;
    char c = json.charAt(at);
    String changed = json.substring(0, at) + (c == 'A' ? 'B' : 'A') + json.substring(at + 1);
    return encrypted(changed);
  }
}
