package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      zstd           | ZSTD         | zstd         | 22
      ZSTD           | ZSTD         | zstd         | 22
      ' gzip '       | GZIP         | gzip         | 9
      estargz        | ESTARGZ      | estargz      | 9
      Uncompressed   | UNCOMPRESSED | uncompressed | 0
      """)
  void parse_knownNames(String text, Compression expected, String buildkitName, int maxLevel) {
    Compression compression = Compression.parse(text);

    assertThat(compression).isEqualTo(expected);
    assertThat(compression.buildkitName()).isEqualTo(buildkitName);
    assertThat(compression.maxLevel()).isEqualTo(maxLevel);
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"brotli", "zst", "gzip9", "lz4"})
  void parse_unknown_namesParameterAndChoices(String text) {
    assertThatThrownBy(() -> Compression.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<compression> (-Ddocker.compression) '" + text + "' is not a compression: use one of zstd, gzip, estargz, uncompressed");
  }
}
