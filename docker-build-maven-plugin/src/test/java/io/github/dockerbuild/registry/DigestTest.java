package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DigestTest {
  static final String EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void digestOfBytes() {
    assertThat(Digest.of(new byte[0]).value()).isEqualTo(EMPTY);
    assertThat(Digest.of("{}".getBytes(StandardCharsets.UTF_8)).value())
        .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  @Test
  void partsAndReferrersTag() {
    Digest digest = Digest.parse(EMPTY);
    assertThat(digest.algorithm()).isEqualTo("sha256");
    assertThat(digest.hex()).hasSize(64).startsWith("e3b0c442");
    assertThat(digest.referrersTag()).isEqualTo("sha256-" + digest.hex());
    assertThat(digest).hasToString(EMPTY).isEqualTo(new Digest(EMPTY)).hasSameHashCodeAs(new Digest(EMPTY))
        .isNotEqualTo(Digest.of("{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(EMPTY).isNotEqualTo(null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sha256:abc", "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
  void rejectsNonSha256(String text) {
    assertThatThrownBy(() -> Digest.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("digest '" + text + "' is not a sha256 digest: write it as sha256: followed by 64 lower-case hex characters");
  }
}
