package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code -D} overrides of list parameters. */
class OverridesTest {
  private static Overrides with(String property, String value) {
    Properties user = new Properties();
    if (value != null) {
      user.setProperty(property, value);
    }
    return new Overrides(user, new File("."));
  }

  @Test
  void list_commaSeparatedAndTrimmed_blanksDropped_elseThePoms() {
    assertThat(with("t", " a, ,b ").list("t", List.of("pom"))).containsExactly("a", "b");
    assertThat(with("t", null).list("t", List.of("pom"))).containsExactly("pom");
    assertThat(with("t", "").list("t", List.of("pom"))).as("given, but empty").isEmpty();
  }

  @Test
  void listKeepingBlanks_onlyBlanksGiven_areKept_forTheSpecToRefuse() {
    assertThat(with("t", "").listKeepingBlanks("t", List.of("pom"))).containsExactly("");
    assertThat(with("t", ",,").listKeepingBlanks("t", List.of("pom"))).containsExactly("", "", "");
    assertThat(with("t", "a,,b").listKeepingBlanks("t", List.of("pom"))).containsExactly("a", "b");
    assertThat(with("t", null).listKeepingBlanks("t", List.of("pom"))).containsExactly("pom");
  }
}
