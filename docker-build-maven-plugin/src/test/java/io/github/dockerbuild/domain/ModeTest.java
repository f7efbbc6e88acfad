package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ModeTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      release        | RELEASE
      RELEASE        | RELEASE
      ' branch '     | BRANCH
      pull-request   | PULL_REQUEST
      Pull-Request   | PULL_REQUEST
      PULL_REQUEST   | PULL_REQUEST
      pull_request   | PULL_REQUEST
      local          | LOCAL
      """)
  void parse_idsAndNames(String text, Mode expected) {
    assertThat(Mode.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "auto", "AUTO", " Auto "})
  void parse_autoOrBlank_isNull(String text) {
    assertThat(Mode.parse(text)).isNull();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"prod", "pr", "pull request", "releases"})
  void parse_unknown_namesParameterAndChoices(String text) {
    assertThatThrownBy(() -> Mode.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<mode> (-Ddocker.mode) '" + text + "' is not a build mode: use auto, release, branch, pull-request or local");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"RELEASE, release", "BRANCH, branch", "PULL_REQUEST, pull-request", "LOCAL, local"})
  void id_parsesBack(Mode mode, String id) {
    assertThat(mode.id()).isEqualTo(id);
    assertThat(Mode.parse(id)).isEqualTo(mode);
  }
}
