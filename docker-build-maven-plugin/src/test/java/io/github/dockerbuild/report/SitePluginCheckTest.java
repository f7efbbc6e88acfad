package io.github.dockerbuild.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SitePluginCheckTest {

  @ParameterizedTest(name = "{0} warns: {1}")
  @CsvSource(nullValues = "NULL", value = {
      "3.12.1, true", "3.19.9, true", "2.4, true", "3.20.0, false", "3.21.0, false", "3.22.0-SNAPSHOT, false",
      "4.0.0-M16, false", "NULL, true", "'', true"})
  void warning(String version, boolean warns) {
    String warning = SitePluginCheck.warning(version);
    if (warns) {
      assertThat(warning).contains("empty page").contains("3.20.0 or newer");
    } else {
      assertThat(warning).isNull();
    }
  }
}
