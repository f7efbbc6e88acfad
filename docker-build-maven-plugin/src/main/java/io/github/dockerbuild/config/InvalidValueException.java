package io.github.dockerbuild.config;

/**
 * A configuration value that cannot be used. Carries the parameter (its POM element), the bad value
 * and what to do, so the mojo layer can turn it into one line for the user.
 */
public class InvalidValueException extends IllegalArgumentException {
  private final String parameter;
  private final String value;
  private final String fix;

  public InvalidValueException(String parameter, String value, String problem, String fix) {
    super(parameter + " '" + value + "' " + problem + (fix == null ? "" : ": " + fix));
    this.parameter = parameter;
    this.value = value;
    this.fix = fix;
  }

  public String parameter() {
    return parameter;
  }

  public String value() {
    return value;
  }

  public String fix() {
    return fix;
  }
}
