package io.github.dockerbuild.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"app", "org/app", "ghcr.io/org/app", "localhost/app", "localhost:5000/app",
      "registry.example.com:443/a/b/c", "a__b", "a.b", "a---b", "a_b", "[::1]:5000/app", "docker.io/library/nginx",
      "GHCR.IO/org/app", "my-registry/app"})
  void isRepository_valid(String name) {
    assertThat(ImageReference.isRepository(name)).isTrue();
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"App", "ghcr.io/Org/app", "ghcr.io/org/app:1.0", "app@sha256:abc", "-app", "app-",
      "a//b", "/app", "app/", "a___b", "a..b", "localhost:5000", "ghcr.io/org/app ", "org/{arch}-app"})
  void isRepository_invalid(String name) {
    assertThat(ImageReference.isRepository(name)).isFalse();
  }

  @Test
  void isRepository_atMost255Characters() {
    assertThat(ImageReference.isRepository("a".repeat(255))).isTrue();
    assertThat(ImageReference.isRepository("a".repeat(256))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1.0.0", "latest", "v1_2", "_x", "1.0.0-SNAPSHOT", "feature-x", "A.B-c_d"})
  void isTag_valid(String tag) {
    assertThat(ImageReference.isTag(tag)).isTrue();
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {".x", "-x", "a b", "a/b", "a:b", "v1+meta", "tög"})
  void isTag_invalid(String tag) {
    assertThat(ImageReference.isTag(tag)).isFalse();
  }

  @Test
  void isTag_atMost128Characters() {
    assertThat(ImageReference.isTag("t".repeat(128))).isTrue();
    assertThat(ImageReference.isTag("t".repeat(129))).isFalse();
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', textBlock = """
      main                 | main
      feature/foo          | feature-foo
      feature/Foo_Bar.1    | feature-Foo_Bar.1
      -leading             | leading
      .hidden              | hidden
      ..--mixed            | mixed
      über                 | ber
      a b@c                | a-b-c
      ///                  | ''
      """)
  void sanitizeTag_makesAValidTagOrNothing(String text, String expected) {
    String tag = ImageReference.sanitizeTag(text);

    assertThat(tag).isEqualTo(expected);
    if (!tag.isEmpty()) {
      assertThat(ImageReference.isTag(tag)).isTrue();
    }
  }

  @Test
  void sanitizeTag_cutTo128() {
    assertThat(ImageReference.sanitizeTag("b".repeat(200))).hasSize(128);
  }
}
