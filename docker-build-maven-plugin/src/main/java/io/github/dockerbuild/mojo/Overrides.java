package io.github.dockerbuild.mojo;

import io.github.dockerbuild.config.InvalidValueException;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The one precedence rule: a {@code -D} property given on the command line wins over the POM, the
 * POM over the default. Maven alone applies a property only when the POM leaves a parameter unset,
 * so a parent POM's value could never be overridden from a CI command line; this class closes that
 * gap for every parameter.
 */
final class Overrides {
  private final Properties user;
  private final File basedir;

  /**
   * @param user the session's user properties (the {@code -D} ones)
   * @param basedir the module directory, for relative paths
   */
  Overrides(Properties user, File basedir) {
    this.user = user == null ? new Properties() : user;
    this.basedir = basedir;
  }

  String string(String property, String pom) {
    String value = user.getProperty(property);
    return value != null ? value : pom;
  }

  boolean bool(String property, boolean pom) {
    Boolean value = optionalBool(property, pom);
    return value;
  }

  Boolean optionalBool(String property, Boolean pom) {
    String value = user.getProperty(property);
    if (value == null) {
      return pom;
    }
    String v = value.trim();
    if (v.isEmpty() || v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new InvalidValueException("-D" + property, value, "is not true or false", "use -D" + property + "=true or =false");
  }

  Integer integer(String property, Integer pom) {
    String value = user.getProperty(property);
    if (value == null) {
      return pom;
    }
    try {
      return value.isBlank() ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("-D" + property, value, "is not a whole number", "give a number such as 9");
    }
  }

  /**
   * A whole number the POM gives as text (so Maven never fails converting it) or {@code -D}
   * overrides; null when neither gives one.
   *
   * @param element the POM element, e.g. {@code compressionLevel}
   * @param example a valid value for the message
   */
  Integer whole(String property, String pom, String element, String example) {
    String value = user.getProperty(property);
    String text = value != null ? value : pom;
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("<" + element + "> (-D" + property + ")", text, "is not a whole number",
          "give a number such as " + example);
    }
  }

  long number(String property, long pom) {
    Integer value = integer(property, null);
    return value == null ? pom : value;
  }

  /** A comma-separated {@code -D} list replaces the POM's list; {@code -Dname=} empties it. */
  List<String> list(String property, List<String> pom) {
    String value = user.getProperty(property);
    if (value == null) {
      return pom;
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * As {@link #list}, but a {@code -D} value of only blanks and commas ({@code -Ddocker.tags=},
   * {@code =,,}) gives its blank entries, for the spec to refuse, not the POM's list.
   */
  List<String> listKeepingBlanks(String property, List<String> pom) {
    List<String> given = list(property, pom);
    String raw = user.getProperty(property);
    return raw != null && given.isEmpty() ? Arrays.asList(raw.split(",", -1)) : given;
  }

  File file(String property, File pom) {
    String value = user.getProperty(property);
    if (value == null || value.isBlank()) {
      return pom;
    }
    File f = new File(value.trim());
    return f.isAbsolute() ? f : new File(basedir, value.trim());
  }
}
