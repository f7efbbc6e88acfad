package io.github.dockerbuild.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceholdersTest {
  private static final Map<String, String> VALUES =
      Map.of("arch", "arm64", "image", "ghcr.io/org/app", "tag", "1.0", "a.b", "dotted", "money", "$1\\x");

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', textBlock = """
      plain                      | plain
      {arch}                     | arm64
      {image}:{tag}-{arch}       | ghcr.io/org/app:1.0-arm64
      {arch}{arch}               | arm64arm64
      {unknown}-{arch}           | {unknown}-arm64
      {1arch}                    | {1arch}
      {}                         | {}
      {{arch}}                   | {arm64}
      {a.b}                      | dotted
      { arch }                   | { arch }
      {arch                      | {arch
      price {money}              | price $1\\x
      ''                         | ''
      """)
  void replace_knownReplacedUnknownKept(String text, String expected) {
    assertThat(Placeholders.replace(text, VALUES)).isEqualTo(expected);
  }

  @Test
  void replace_null_isNull() {
    assertThat(Placeholders.replace(null, VALUES)).isNull();
  }

  @Test
  void replace_textWithoutBrace_isReturnedAsIs() {
    String text = new String("no placeholders here");

    assertThat(Placeholders.replace(text, Map.of())).isSameAs(text);
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      x-{foo}-{bar}   | {foo}
      {bar}           | {bar}
      plain           |
      {1x}            |
      ''              |
      """)
  void firstUnresolved_findsTheFirstPlaceholder(String text, String expected) {
    assertThat(Placeholders.firstUnresolved(text)).isEqualTo(expected);
  }

  @Test
  void firstUnresolved_null_isNull() {
    assertThat(Placeholders.firstUnresolved(null)).isNull();
  }
}
