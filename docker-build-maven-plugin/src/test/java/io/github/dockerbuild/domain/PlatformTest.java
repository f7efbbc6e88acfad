package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.json.Jackson;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      linux/amd64       | linux/amd64  | linux | amd64 |
      amd64             | linux/amd64  | linux | amd64 |
      x86_64            | linux/amd64  | linux | amd64 |
      linux/x86_64      | linux/amd64  | linux | amd64 |
      aarch64           | linux/arm64  | linux | arm64 |
      linux/aarch64     | linux/arm64  | linux | arm64 |
      linux/arm64       | linux/arm64  | linux | arm64 |
      linux/arm64/v8    | linux/arm64  | linux | arm64 |
      aarch64/v8        | aarch64/v8   | aarch64 | v8  |
      arm               | linux/arm/v7 | linux | arm   | v7
      armhf             | linux/arm/v7 | linux | arm   | v7
      linux/arm         | linux/arm/v7 | linux | arm   | v7
      linux/arm/v6      | linux/arm/v6 | linux | arm   | v6
      i386              | linux/386    | linux | 386   |
      linux/amd64/v2    | linux/amd64/v2 | linux | amd64 | v2
      linux/riscv64     | linux/riscv64 | linux | riscv64 |
      windows/amd64     | windows/amd64 | windows | amd64 |
      LINUX/AMD64       | linux/amd64  | linux | amd64 |
      '  linux/arm64  ' | linux/arm64  | linux | arm64 |
      """)
  void parse_normalises(String text, String expected, String os, String arch, String variant) {
    Platform platform = Platform.parse(text);

    assertThat(platform).hasToString(expected);
    assertThat(platform.os()).isEqualTo(os);
    assertThat(platform.architecture()).isEqualTo(arch);
    assertThat(platform.variant()).isEqualTo(variant);
  }

  @Test
  void parse_spellingsOfOnePlatformAreEqual() {
    assertThat(Platform.parse("aarch64"))
        .isEqualTo(Platform.parse("linux/arm64/v8"))
        .isEqualTo(Platform.parse("linux/arm64"))
        .isEqualTo(new Platform("linux", "arm64", ""))
        .hasSameHashCodeAs(new Platform("linux", "arm64", null));
  }

  @Test
  void equality_everyPartCounts() {
    Platform armV7 = new Platform("linux", "arm", "v7");
    assertThat(armV7).isEqualTo(new Platform("linux", "arm", "v7")).hasSameHashCodeAs(new Platform("linux", "arm", "v7"))
        .isNotEqualTo(new Platform("windows", "arm", "v7"))
        .isNotEqualTo(new Platform("linux", "arm64", "v7"))
        .isNotEqualTo(new Platform("linux", "arm", "v6"))
        .isNotEqualTo(new Platform("linux", "arm", null))
        .isNotEqualTo("linux/arm/v7")
        .isNotEqualTo(null);
    assertThat(new Platform(null, null, null)).isEqualTo(new Platform(null, null, null))
        .hasSameHashCodeAs(new Platform(null, null, null)).isNotEqualTo(armV7);
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "linux/", "/amd64", "linux//amd64", "linux/amd64/v8/extra", "linux amd64",
      "linux/arm-64", "linux/amd64,linux/arm64", "linux/ämd64", "linux\\amd64"})
  void parse_invalid_namesParameterAndFix(String text) {
    assertThatThrownBy(() -> Platform.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<platforms> (-Ddocker.platforms) '" + text + "' is not a platform: "
            + "use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7")
        .satisfies(e -> {
          InvalidValueException ive = (InvalidValueException) e;
          assertThat(ive.parameter()).isEqualTo("<platforms> (-Ddocker.platforms)");
          assertThat(ive.value()).isEqualTo(String.valueOf(text));
          assertThat(ive.fix()).startsWith("use os/arch");
        });
  }

  @Test
  void parse_x86dash64Alias_isAmd64() {
    assertThat(Platform.parse("x86-64")).isEqualTo(Platform.parse("linux/amd64"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "linux/amd64, amd64",
    "linux/arm64, arm64",
    "linux/arm/v7, armv7",
    "linux/arm/v6, armv6",
    "linux/amd64/v2, amd64v2",
    "linux/386, 386"
  })
  void archName_dockerShortName(String platform, String expected) {
    assertThat(Platform.parse(platform).archName()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} with {1}={2} -> {3}")
  @CsvSource({
    "linux/arm64, arm64, aarch64, aarch64",
    "linux/arm64, linux/arm64, aarch64, aarch64",
    "linux/amd64, amd64, x86_64, x86_64",
    "linux/arm/v7, armv7, arm32v7, arm32v7",
    "linux/arm/v7, arm, arm32, armv7",
    "linux/amd64, arm64, aarch64, amd64"
  })
  void archName_withAliases(String platform, String key, String alias, String expected) {
    assertThat(Platform.parse(platform).archName(Map.of(key, alias))).isEqualTo(expected);
  }

  @Test
  void archName_platformAliasWinsOverArchAlias() {
    Map<String, String> aliases = Map.of("arm64", "by-arch", "linux/arm64", "by-platform");

    assertThat(Platform.parse("linux/arm64").archName(aliases)).isEqualTo("by-platform");
    assertThat(Platform.parse("linux/arm64").archName(Map.of())).isEqualTo("arm64");
  }

  @Test
  void json_isThePlatformString() throws Exception {
    ObjectMapper json = Jackson.mapper();

    assertThat(json.writeValueAsString(Platform.parse("linux/arm/v7"))).isEqualTo("\"linux/arm/v7\"");
    assertThat(json.readValue("\"aarch64\"", Platform.class)).isEqualTo(Platform.parse("linux/arm64"));
  }
}
