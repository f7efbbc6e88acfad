package io.github.dockerbuild.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What {@code /proc} says about processes, for tests that must see orphans and dying processes. */
final class LinuxProcesses {
  private static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "KILL", 9, "TERM", 15);
  private static final long PF_EXITING = 0x4;

  private LinuxProcesses() {}

  /** Every process whose environment holds {@code name=value}, wherever it was reparented to. */
  static List<Long> withEnvironment(String name, String value) throws IOException {
    byte[] wanted = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String pid = entry.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          byte[] environ = Files.readAllBytes(entry.resolve("environ"));
          if (containsEntry(environ, wanted)) {
            found.add(Long.parseLong(pid));
          }
        } catch (IOException gone) {
          // ended while we looked, or not ours to read
        }
      }
    }
    return found;
  }

  private static boolean containsEntry(byte[] environ, byte[] wanted) {
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (i - start == wanted.length && java.util.Arrays.equals(environ, start, i, wanted, 0, wanted.length)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /**
   * True while the process runs and nothing has doomed it: not gone, not a zombie, no SIGKILL
   * pending and not already exiting.
   */
  static boolean running(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String[] stat = fieldsAfterName(Files.readString(proc.resolve("stat")));
      char state = stat[0].charAt(0);
      long flags = Long.parseLong(stat[6]);
      if (state == 'Z' || state == 'X' || (flags & PF_EXITING) != 0) {
        return false;
      }
      long kill = 1L << (SIGNALS.get("KILL") - 1);
      return (mask(proc, "SigPnd") & kill) == 0 && (mask(proc, "ShdPnd") & kill) == 0;
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  /** True when the process was started with the signal ignored (the JVM then keeps ignoring it). */
  static boolean ignores(long pid, String signal) throws IOException {
    return (mask(Path.of("/proc", Long.toString(pid)), "SigIgn") & (1L << (SIGNALS.get(signal) - 1))) != 0;
  }

  /** Sends SIG{@code signal} to one process, as {@code kill -s} does. */
  static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " " + pid).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -s " + signal + " " + pid + " failed");
    }
  }

  /** pid, state, parent and command line, for a failure message. */
  static String describe(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String[] stat = fieldsAfterName(Files.readString(proc.resolve("stat")));
      String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ').trim();
      return pid + " (state " + stat[0] + ", parent " + stat[1] + "): " + cmdline;
    } catch (IOException e) {
      return pid + " (gone)";
    }
  }

  /** The fields of {@code /proc/PID/stat} after the command name, which may hold spaces. */
  private static String[] fieldsAfterName(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
  }

  private static long mask(Path proc, String field) throws IOException {
    for (String line : Files.readAllLines(proc.resolve("status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseUnsignedLong(line.substring(field.length() + 1).trim(), 16);
      }
    }
    throw new IOException("no " + field + " in " + proc.resolve("status"));
  }
}
