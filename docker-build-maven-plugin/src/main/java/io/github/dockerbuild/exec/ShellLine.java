package io.github.dockerbuild.exec;

import java.util.List;

/** A command as a person would type it. */
public final class ShellLine {
  private ShellLine() {}

  /**
   * The command as a POSIX shell line a person can paste: an argument holding anything but letters,
   * digits and {@code _/.,:=@%+-} is single-quoted.
   */
  public static String of(List<String> args) {
    StringBuilder line = new StringBuilder();
    for (String arg : args) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(!arg.isEmpty() && arg.matches("[A-Za-z0-9_/.,:=@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return line.toString();
  }
}
