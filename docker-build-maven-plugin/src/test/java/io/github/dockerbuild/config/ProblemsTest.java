package io.github.dockerbuild.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void invalidValueException_messageNamesParameterValueProblemAndFix() {
    InvalidValueException e = new InvalidValueException("<platforms>", "linux/", "is not a platform", "use os/arch");

    assertThat(e).hasMessage("<platforms> 'linux/' is not a platform: use os/arch");
    assertThat(e.parameter()).isEqualTo("<platforms>");
    assertThat(e.value()).isEqualTo("linux/");
    assertThat(e.fix()).isEqualTo("use os/arch");
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidValueException_withoutFix() {
    assertThat(new InvalidValueException("<x>", "v", "is odd", null)).hasMessage("<x> 'v' is odd");
  }

  @Test
  void attempt_success_returnsTheValueAndRecordsNothing() {
    Problems problems = new Problems();

    assertThat(problems.attempt(() -> "parsed", "fallback")).isEqualTo("parsed");
    assertThat(problems.isEmpty()).isTrue();
    problems.throwIfAny("img");
  }

  @Test
  void attempt_invalidValue_returnsFallbackAndRecordsTheMessage() {
    Problems problems = new Problems();

    String value = problems.attempt(() -> {
      throw new InvalidValueException("<mode>", "prod", "is not a build mode", "use release");
    }, "fallback");

    assertThat(value).isEqualTo("fallback");
    assertThat(problems.messages()).containsExactly("<mode> 'prod' is not a build mode: use release");
  }

  @Test
  void attempt_otherExceptions_propagate() {
    Problems problems = new Problems();

    assertThatThrownBy(() -> problems.attempt(() -> {
      throw new IllegalStateException("not a config problem");
    }, null)).isInstanceOf(IllegalStateException.class);
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void throwIfAny_listsEveryProblemForTheImage() {
    Problems problems = new Problems();
    problems.add("<a>", "1", "is bad", "fix a");
    problems.add("<b>", "2", "is worse", "fix b");

    assertThatThrownBy(() -> problems.throwIfAny("ghcr.io/org/app"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("image ghcr.io/org/app: <a> '1' is bad: fix a" + System.lineSeparator()
            + "image ghcr.io/org/app: <b> '2' is worse: fix b")
        .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems())
            .containsExactly("<a> '1' is bad: fix a", "<b> '2' is worse: fix b"));
  }

  @Test
  void messages_isACopy() {
    Problems problems = new Problems();
    problems.add("<a>", "1", "is bad", "fix");

    assertThatThrownBy(() -> problems.messages().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
