package io.github.dockerbuild.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one external command (the docker CLI) behind an injectable {@link ProcessBuilder} factory,
 * streams its output line by line, keeps the tail for error messages, enforces a timeout and kills
 * the whole process tree when the calling thread is interrupted or the JVM shuts down (Ctrl-C or a
 * cancelled CI job ends Maven), so no child outlives the build.
 */
public final class ProcessRunner {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> RUNNING.forEach(ProcessRunner::kill), "docker-build-kill-children"));
  }

  /** Lines of output kept for an error message. */
  public static final int TAIL_LINES = 25;

  private final Function<List<String>, ProcessBuilder> factory;

  public ProcessRunner(Function<List<String>, ProcessBuilder> factory) {
    this.factory = Objects.requireNonNull(factory);
  }

  /** The production runner: the command as given, with extra environment variables. */
  public static ProcessRunner withEnvironment(Map<String, String> extraEnv) {
    Map<String, String> env = Map.copyOf(extraEnv);
    return new ProcessRunner(
        command -> {
          ProcessBuilder builder = new ProcessBuilder(command);
          builder.environment().putAll(env);
          return builder;
        });
  }

  /**
   * Runs the command to completion.
   *
   * @param command the argument list, executable first
   * @param timeout how long the command may take
   * @param lines receives every line of stdout and stderr as it arrives
   * @return the exit code and the last lines of output
   * @throws CommandFailedException when the command cannot start or does not finish in time
   * @throws InterruptedException when the calling thread is interrupted; the process tree is killed
   */
  public Result run(List<String> command, Duration timeout, Consumer<String> lines)
      throws CommandFailedException, InterruptedException {
    ProcessBuilder builder = factory.apply(List.copyOf(command)).redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CommandFailedException(command, -1, List.of(), "could not start: " + e.getMessage());
    }
    RUNNING.add(process);
    Deque<String> tail = new ArrayDeque<>();
    Thread pump = new Thread(() -> pump(process.getInputStream(), lines, tail), "process-output");
    pump.setDaemon(true);
    pump.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        pump.join(2000);
        throw new CommandFailedException(
            command, -1, snapshot(tail), "did not finish within " + timeout.toSeconds() + "s");
      }
      pump.join(5000);
      return new Result(process.exitValue(), snapshot(tail));
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    } finally {
      RUNNING.remove(process);
    }
  }

  private static void pump(InputStream in, Consumer<String> lines, Deque<String> tail) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        lines.accept(line);
      }
    } catch (IOException ignored) {
      // the process was killed; what was read is kept
    }
  }

  private static List<String> snapshot(Deque<String> tail) {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Exit code and the last {@value #TAIL_LINES} lines of output. */
  public record Result(int exitCode, List<String> tail) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }
}
