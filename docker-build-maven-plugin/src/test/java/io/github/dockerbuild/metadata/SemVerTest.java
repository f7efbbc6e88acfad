package io.github.dockerbuild.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      1.4.2               | 1 | 4 | 2 | NULL
      v1.4.2              | 1 | 4 | 2 | NULL
      V10.20.30           | 10 | 20 | 30 | NULL
      1.4                 | 1 | 4 | 0 | NULL
      7                   | 7 | 0 | 0 | NULL
      0.0.0               | 0 | 0 | 0 | NULL
      1.4.0-rc.1          | 1 | 4 | 0 | rc.1
      1.4.0-SNAPSHOT      | 1 | 4 | 0 | SNAPSHOT
      2.0.0-alpha-2.x+b.1 | 2 | 0 | 0 | alpha-2.x
      1.2.3+build.7       | 1 | 2 | 3 | NULL
      ' 1.2.3 '           | 1 | 2 | 3 | NULL
      """)
  void parses(String version, long major, long minor, long patch, String preRelease) {
    SemVer v = SemVer.parse(version).orElseThrow();

    assertThat(v).isEqualTo(new SemVer(major, minor, patch, preRelease));
    assertThat(v.isPreRelease()).isEqualTo(preRelease != null);
  }

  @ParameterizedTest(name = "'{0}'")
  @ValueSource(strings = {"", "v", "0123456", "01.2.3", "1.02.3", "1.2.3.4", "1.2.3-", "1.2.3-rc..1", "1.2.3+", "main",
      "very-good", "1.x", "-1.2.3", "1.2.3 4", "99999999999999999999.0.0"})
  void refuses(String version) {
    assertThat(SemVer.parse(version)).isEmpty();
  }
}
