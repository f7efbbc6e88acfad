package io.github.dockerbuild.buildx;

import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How each platform's BuildKit output reaches the log ({@code -Ddocker.progress}). {@code plain}:
 * every line, prefixed with the platform (blank lines left out). {@code quiet}: per platform a
 * start line and a result line (steps, cached steps, time, digest); the whole output is printed only
 * when that platform fails. Either way the whole output is kept in
 * {@code target/docker-build/<os>-<arch>.log}. The prefix names the module too when several modules
 * build at once ({@code -T}).
 */
public final class BuildOutput {
  /** The two ways to show a build. */
  public enum Mode {
    PLAIN,
    QUIET
  }

  /** Every line, with the platform prefix: what tests and tools that read the log expect. */
  public static final BuildOutput PLAIN = new BuildOutput(Mode.PLAIN, null);

  private final Mode mode;
  private final String module;

  /** @param module the module's name in the prefix, or null when one module builds at a time */
  public BuildOutput(Mode mode, String module) {
    this.mode = mode;
    this.module = module;
  }

  /**
   * {@code auto} (or nothing): {@code plain} at a terminal outside CI, else {@code quiet}, since a CI
   * log is read after the fact, where the steps of every platform interleaved drown the result lines.
   *
   * @throws InvalidValueException for another word
   */
  public static Mode parse(String given, boolean terminal, boolean ci) {
    String word = given == null || given.isBlank() ? "auto" : given.trim().toLowerCase(Locale.ROOT);
    return switch (word) {
      case "auto" -> terminal && !ci ? Mode.PLAIN : Mode.QUIET;
      case "plain" -> Mode.PLAIN;
      case "quiet" -> Mode.QUIET;
      default -> throw new InvalidValueException("<progress> (-Ddocker.progress)", given,
          "is not a progress mode", "use auto, plain (every BuildKit line) or quiet (a start and a result line per platform)");
    };
  }

  public Mode mode() {
    return mode;
  }

  /** Whether every step of the build is shown. */
  public boolean verbose() {
    return mode == Mode.PLAIN;
  }

  /** {@code [linux/arm64] } or, when several modules build at once, {@code [orders linux/arm64] }. */
  public String prefix(Platform platform) {
    return "[" + (module == null ? "" : module + " ") + platform + "] ";
  }

  /** The file that keeps one platform's whole output. */
  public static Path file(Path workDir, Platform platform) {
    return workDir.resolve(platform.toString().replace('/', '-') + ".log");
  }

  /** Where one platform's output goes while it builds; a new file for each build. */
  public Sink open(Path workDir, Platform platform, BuildLog log) throws IOException {
    Path file = file(workDir, platform);
    Files.createDirectories(workDir);
    return new Sink(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8), prefix(platform), log);
  }

  /** One platform's output: to the file, and in plain mode to the log too. Thread-safe. */
  public final class Sink implements AutoCloseable {
    private final Path file;
    private final BufferedWriter writer;
    private final String prefix;
    private final BuildLog log;

    private Sink(Path file, BufferedWriter writer, String prefix, BuildLog log) {
      this.file = file;
      this.writer = writer;
      this.prefix = prefix;
      this.log = log;
    }

    public Path file() {
      return file;
    }

    public synchronized void line(String line) {
      try {
        writer.write(line);
        writer.newLine();
      } catch (IOException e) {
        // the log file is a copy: the build goes on, and the log still has what plain mode shows
      }
      if (mode == Mode.PLAIN && !line.isBlank()) {
        log.output(prefix + line);
      }
    }

    /** After a failure: in quiet mode, the whole output, which the log has not shown. */
    public synchronized void failed() {
      if (mode != Mode.QUIET) {
        return;
      }
      try {
        writer.flush();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        log.info(prefix + "BuildKit's output (" + file + "):");
        for (String line : lines) {
          if (!line.isBlank()) {
            log.output(prefix + line);
          }
        }
      } catch (IOException e) {
        log.warn(prefix + "BuildKit's output cannot be read back from " + file + ": " + e.getMessage());
      }
    }

    @Override
    public synchronized void close() {
      try {
        writer.close();
      } catch (IOException e) {
        // nothing more to keep
      }
    }
  }
}
