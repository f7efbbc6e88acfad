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
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one external command (the docker CLI) behind an injectable {@link ProcessBuilder} factory,
 * streams its output line by line, keeps the tail for error messages, enforces a timeout and ends
 * the whole process tree when the calling thread is interrupted or the JVM shuts down (Ctrl-C or a
 * cancelled CI job ends Maven), so no child outlives the build.
 *
 * <p>Each command leads a process group of its own ({@link ProcessTree}). The shutdown hook first
 * closes the door (a start and the hook exclude each other, so every command either started before
 * the hook looked, or is refused), then ends every child of the JVM, ours as groups, and finally
 * kills whatever still descends from the JVM.
 */
public final class ProcessRunner {
  /** Starts take the read lock, the shutdown hook the write lock. */
  private static final ReadWriteLock STARTS = new ReentrantReadWriteLock();
  /** Pids of running commands that lead their own process group. */
  private static final Set<Long> GROUP_LEADERS = ConcurrentHashMap.newKeySet();
  private static volatile boolean stopping;

  /**
   * The shutdown hook, installed before the first command starts: a goal that starts none leaves
   * none behind (it would load its classes while Maven closes the plugin's realm, and fail).
   */
  private static final class ShutdownHook {
    static {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRunner::endAll, "docker-build-end-children"));
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C before the first command): no command starts
        stopping = true;
      }
    }

    static void install() {
      // the class's initialisation does it, once
    }
  }

  /** Lines of output kept for an error message. */
  public static final int TAIL_LINES = 25;

  private final Function<List<String>, ProcessBuilder> factory;
  private final ExitWait exitWait;

  public ProcessRunner(Function<List<String>, ProcessBuilder> factory) {
    this(factory, ExitWait.CLOCK);
  }

  /** A runner whose timeout is decided by {@code exitWait} instead of the clock (tests). */
  public ProcessRunner(Function<List<String>, ProcessBuilder> factory, ExitWait exitWait) {
    this.factory = Objects.requireNonNull(factory);
    this.exitWait = Objects.requireNonNull(exitWait);
  }

  /** How {@link #run} waits for a command to exit: the seam behind its timeout. */
  @FunctionalInterface
  public interface ExitWait {
    /** Waits for the process to exit, up to the timeout on the wall clock. */
    ExitWait CLOCK = (process, timeout) -> process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);

    /** @return true when the process exited, false when its time is up */
    boolean await(Process process, Duration timeout) throws InterruptedException;
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
    boolean ownGroup = ProcessTree.isolate(builder);
    ShutdownHook.install();
    Process process;
    STARTS.readLock().lock();
    try {
      if (stopping) {
        throw new CommandFailedException(command, -1, List.of(), "not started: the build is stopping");
      }
      process = builder.start();
      if (ownGroup) {
        GROUP_LEADERS.add(process.pid());
      }
    } catch (IOException e) {
      throw new CommandFailedException(command, -1, List.of(), "could not start: " + e.getMessage());
    } finally {
      STARTS.readLock().unlock();
    }
    Deque<String> tail = new ArrayDeque<>();
    Thread pump = new Thread(() -> pump(process.getInputStream(), lines, tail), "process-output");
    pump.setDaemon(true);
    pump.start();
    try {
      if (!exitWait.await(process, timeout)) {
        end(process);
        pump.join(2000);
        throw new CommandFailedException(
            command, -1, snapshot(tail), "did not finish within " + timeout.toSeconds() + "s");
      }
      pump.join(5000);
      return new Result(process.exitValue(), snapshot(tail));
    } catch (InterruptedException e) {
      end(process);
      throw e;
    } finally {
      GROUP_LEADERS.remove(process.pid());
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

  private static void end(Process process) {
    ProcessTree.end(List.of(process.toHandle()), GROUP_LEADERS, ProcessTree.GRACE);
  }

  /** The shutdown hook: no command starts from now on; every child of the JVM is ended. */
  private static void endAll() {
    STARTS.writeLock().lock();
    try {
      stopping = true;
    } finally {
      STARTS.writeLock().unlock();
    }
    ProcessTree.end(ProcessHandle.current().children().toList(), GROUP_LEADERS, ProcessTree.GRACE);
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /** Exit code and the last {@value #TAIL_LINES} lines of output. */
  public record Result(int exitCode, List<String> tail) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }
}
