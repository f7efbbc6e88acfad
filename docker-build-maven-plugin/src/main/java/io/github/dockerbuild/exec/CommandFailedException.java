package io.github.dockerbuild.exec;

import java.util.List;

/** An external command that failed: quotes the command, its exit code and its last output. */
public final class CommandFailedException extends Exception {
  private final List<String> command;
  private final int exitCode;
  private final List<String> tail;

  public CommandFailedException(List<String> command, int exitCode, List<String> tail, String what) {
    super(describe(command, exitCode, tail, what));
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.tail = List.copyOf(tail);
  }

  public List<String> command() {
    return command;
  }

  public int exitCode() {
    return exitCode;
  }

  public List<String> tail() {
    return tail;
  }

  /** True when the program could not be started at all (not found, not executable). */
  public boolean notStarted() {
    return exitCode == -1 && getMessage().contains("' could not start: ");
  }

  /**
   * The command as one line, at most the first 12 arguments; values of {@code --build-arg} and
   * {@code --label} are left out (they may hold things the user would not want in a CI log).
   */
  public static String quote(List<String> command) {
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(command.size(), 12);
    for (int i = 0; i < shown; i++) {
      String arg = command.get(i);
      if (i > 0) {
        sb.append(' ');
        String flag = command.get(i - 1);
        if ((flag.equals("--build-arg") || flag.equals("--label")) && arg.indexOf('=') > 0) {
          arg = arg.substring(0, arg.indexOf('=') + 1) + "...";
        }
      }
      sb.append(arg);
    }
    return command.size() > shown ? sb.append(" ...").toString() : sb.toString();
  }

  private static String describe(List<String> command, int exitCode, List<String> tail, String what) {
    StringBuilder sb = new StringBuilder("'").append(quote(command)).append("' ").append(what);
    if (exitCode >= 0) {
      sb.append(" (exit code ").append(exitCode).append(')');
    }
    if (!tail.isEmpty()) {
      sb.append("; last output: ").append(tail.get(tail.size() - 1));
    }
    return sb.toString();
  }
}
