package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Golden files under {@code src/test/resources/registry}. */
final class Golden {
  static final String A = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  static final String B = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
  static final String C = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
  static final String L = "sha256:4444444444444444444444444444444444444444444444444444444444444444";

  private Golden() {}

  static byte[] bytes(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/registry/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
