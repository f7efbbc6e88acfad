package io.github.dockerbuild.signature.sign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

/** Test keys under src/test/resources/cosign (see the READMEs there). */
final class TestKeys {
  static final String GOLDEN_PASSWORD = "golden-pass";

  private TestKeys() {}

  static String text(String resource) {
    try (InputStream in = TestKeys.class.getResourceAsStream("/cosign/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource cosign/" + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key the golden cosign signatures were made with. */
  static KeyPair golden() {
    return PrivateKeys.parse(text("key-legacy/cosign.key"), GOLDEN_PASSWORD.toCharArray());
  }

  /** Another P-256 key, unencrypted PKCS#8 (quick to load). */
  static KeyPair other() {
    return PrivateKeys.parse(text("keys/pkcs8-p256.pem"), null);
  }
}
