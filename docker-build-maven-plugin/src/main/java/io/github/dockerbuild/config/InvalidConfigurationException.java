package io.github.dockerbuild.config;

import java.util.List;

/** One or more invalid parameters of one image; each message names the parameter and the fix. */
public final class InvalidConfigurationException extends IllegalArgumentException {
  private final List<String> problems;

  public InvalidConfigurationException(String image, List<String> problems) {
    super(String.join(System.lineSeparator(), problems.stream().map(p -> "image " + image + ": " + p).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
