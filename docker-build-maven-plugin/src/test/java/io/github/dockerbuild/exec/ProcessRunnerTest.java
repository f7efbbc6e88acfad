package io.github.dockerbuild.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProcessRunnerTest {
  private static final String MARK = "DOCKER_BUILD_RUNNER_TEST";
  private static final List<String> COMMAND = List.of("docker", "buildx", "build");
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** A runner whose every command runs {@code script} with /bin/sh instead. */
  private static ProcessRunner shell(String script) {
    return new ProcessRunner(command -> new ProcessBuilder("/bin/sh", "-c", script));
  }

  private static List<String> collector() {
    return Collections.synchronizedList(new ArrayList<>());
  }

  /**
   * The process is gone, or dying: on Linux, read at once from /proc, since a killed orphan stays a
   * zombie for as long as PID 1 takes to reap it, and {@link ProcessHandle#isAlive()} calls a
   * zombie alive.
   */
  private static void assertDead(long pid) throws Exception {
    if (Files.isDirectory(Path.of("/proc/self"))) {
      assertThat(LinuxProcesses.running(pid)).as("process %d still runs", pid).isFalse();
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isPresent()) {
      handle.get().onExit().get(10, TimeUnit.SECONDS);
      assertThat(handle.get().isAlive()).as("process %d is still alive", pid).isFalse();
    }
  }

  private long pid(String file) throws IOException {
    return Long.parseLong(Files.readString(dir.resolve(file)).trim());
  }

  @Test
  void run_exitZero_succeeded() throws Exception {
    ProcessRunner.Result result = shell("echo hello").run(COMMAND, LONG, line -> { });

    assertThat(result.exitCode()).isZero();
    assertThat(result.succeeded()).isTrue();
    assertThat(result.tail()).containsExactly("hello");
  }

  @Test
  void run_nonZeroExit_isAResultNotAnException() throws Exception {
    ProcessRunner.Result result = shell("echo oops; exit 3").run(COMMAND, LONG, line -> { });

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.tail()).containsExactly("oops");
  }

  @Test
  void run_streamsStdoutAndStderrInOrder() throws Exception {
    List<String> lines = collector();

    shell("echo one; echo two >&2; echo three; printf 'no newline at end'").run(COMMAND, LONG, lines::add);

    assertThat(lines).containsExactly("one", "two", "three", "no newline at end");
  }

  @Test
  void run_linesArriveWhileTheProcessRuns() throws Exception {
    Path flag = dir.resolve("seen-first");
    List<String> lines = collector();
    // the script only goes on once the consumer has seen its first line: it would wait forever (until the
    // timeout) if output were delivered only at the end
    String script = "echo first; while [ ! -f '" + flag + "' ]; do sleep 0.05; done; echo second";

    ProcessRunner.Result result = shell(script).run(COMMAND, Duration.ofSeconds(20), line -> {
      lines.add(line);
      if (line.equals("first")) {
        try {
          Files.createFile(flag);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });

    assertThat(result.succeeded()).isTrue();
    assertThat(lines).containsExactly("first", "second");
  }

  @Test
  void run_tailKeepsTheLast25Lines() throws Exception {
    List<String> lines = collector();

    ProcessRunner.Result result = shell("seq 1 30").run(COMMAND, LONG, lines::add);

    assertThat(ProcessRunner.TAIL_LINES).isEqualTo(25);
    assertThat(lines).hasSize(30);
    assertThat(result.tail()).containsExactlyElementsOf(
        IntStream.rangeClosed(6, 30).mapToObj(Integer::toString).toList());
  }

  @Test
  void run_factoryReceivesTheCommand() throws Exception {
    AtomicReference<List<String>> seen = new AtomicReference<>();
    ProcessRunner runner = new ProcessRunner(command -> {
      seen.set(command);
      return new ProcessBuilder("/bin/sh", "-c", "true");
    });
    List<String> command = new ArrayList<>(List.of("docker", "version"));

    runner.run(command, LONG, line -> { });
    command.add("changed later");

    assertThat(seen.get()).containsExactly("docker", "version");
  }

  @Test
  void run_cannotStart_commandFailedException() {
    ProcessRunner runner = new ProcessRunner(command -> new ProcessBuilder(dir.resolve("no-such-docker").toString()));

    CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
        () -> runner.run(List.of("docker", "buildx", "version"), LONG, line -> { }));

    assertThat(e.exitCode()).isEqualTo(-1);
    assertThat(e.command()).containsExactly("docker", "buildx", "version");
    assertThat(e.getMessage()).startsWith("'docker buildx version' could not start: Cannot run program \""
        + dir.resolve("no-such-docker") + "\"");
  }

  @Test
  void run_timeout_endsTheProcessTreeAndThrows() throws Exception {
    TimesUpAfter timesUp = new TimesUpAfter(dir);
    String script = "echo $$ > '" + dir.resolve("pid") + "'; sleep 30 & echo $! > '" + dir.resolve("child")
        + "'; echo started; " + timesUp.touch() + "; wait";
    ProcessRunner runner = new ProcessRunner(command -> new ProcessBuilder("/bin/sh", "-c", script), timesUp);

    CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
        () -> runner.run(COMMAND, Duration.ofSeconds(1), line -> { }));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo("'docker buildx build' did not finish within 1s; last output: started");
    assertThat(e.exitCode()).isEqualTo(-1);
    assertThat(e.tail()).containsExactly("started");
    assertDead(pid("pid"));
    assertDead(pid("child"));
  }

  @Test
  void run_timeout_onTheClock() throws Exception {
    long start = System.nanoTime();

    CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
        () -> shell("exec sleep 30").run(COMMAND, Duration.ofSeconds(1), line -> { }));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("'docker buildx build' did not finish within 1s");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
        .as("gave up long before the 30 s sleep ended").isLessThan(20);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void run_timeout_killsWhatIgnoresSigterm() throws Exception {
    String mark = UUID.randomUUID().toString();
    ProcessRunner runner = marked(mark, "trap '' TERM; sleep 30 & echo started; wait; sleep 30");

    CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
        () -> runner.run(COMMAND, Duration.ofSeconds(1), line -> { }));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("'docker buildx build' did not finish within 1s");
    assertThat(survivors(mark)).isEmpty();
  }

  @Test
  void run_interrupted_killsTheProcessTreeAndThrows() throws Exception {
    String script = "echo $$ > '" + dir.resolve("pid") + "'; sleep 30 & echo $! > '" + dir.resolve("child")
        + "'; echo ready; wait";

    Throwable thrown = interruptAfterReady(shell(script));

    assertThat(thrown).isInstanceOf(InterruptedException.class);
    assertDead(pid("pid"));
    assertDead(pid("child"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void run_interrupted_endsEveryDescendantEvenOnesStartedDuringTheKill() throws Exception {
    // a shell that starts its next command as soon as its child dies: walking the tree would
    // orphan that command; the process group takes it too
    String mark = UUID.randomUUID().toString();
    ProcessRunner runner = marked(mark, "sh -c 'echo ready; exec sleep 30'; sleep 30; sleep 30");

    Throwable thrown = interruptAfterReady(runner);

    assertThat(thrown).isInstanceOf(InterruptedException.class);
    assertThat(survivors(mark)).isEmpty();
  }

  /** Runs the command on another thread, interrupts it once it printed "ready", returns what it threw. */
  private static Throwable interruptAfterReady(ProcessRunner runner) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread builder = new Thread(() -> {
      try {
        runner.run(COMMAND, Duration.ofSeconds(60), line -> {
          if (line.equals("ready")) {
            ready.countDown();
          }
        });
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    builder.start();

    assertThat(ready.await(20, TimeUnit.SECONDS)).as("the script started").isTrue();
    builder.interrupt();
    builder.join(20_000);

    assertThat(builder.isAlive()).isFalse();
    return thrown.get();
  }

  /** A runner whose every command runs {@code script}, in processes carrying the variable {@code MARK=mark}. */
  private static ProcessRunner marked(String mark, String script) {
    return new ProcessRunner(command -> {
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script);
      builder.environment().put(MARK, mark);
      return builder;
    });
  }

  /** Marked processes still running, neither gone nor already dying: none may be left once run returned. */
  private static List<String> survivors(String mark) throws IOException {
    return LinuxProcesses.withEnvironment(MARK, mark).stream()
        .filter(LinuxProcesses::running).map(LinuxProcesses::describe).toList();
  }

  @Test
  void isolate_startsTheResolvedExecutableUnderSetsid() {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "true");

    boolean isolated = ProcessTree.isolate(builder);

    if (ProcessTree.findOnPath("setsid", System.getenv("PATH")).isPresent()) {
      assertThat(isolated).isTrue();
      assertThat(builder.command()).hasSize(4);
      assertThat(Path.of(builder.command().get(0)).getFileName()).hasToString("setsid");
      assertThat(Path.of(builder.command().get(1))).isAbsolute().hasFileName("sh");
      assertThat(builder.command().subList(2, 4)).containsExactly("-c", "true");
    } else {
      assertThat(isolated).isFalse();
      assertThat(builder.command()).containsExactly("sh", "-c", "true");
    }
  }

  @Test
  void isolate_missingExecutable_isLeftForStartToReport() {
    ProcessBuilder builder = new ProcessBuilder(dir.resolve("no-such-docker").toString(), "version");

    assertThat(ProcessTree.isolate(builder)).isFalse();
    assertThat(builder.command()).containsExactly(dir.resolve("no-such-docker").toString(), "version");
  }

  @Test
  void findOnPath_firstExecutableMatchWins() throws IOException {
    Path first = Files.createDirectories(dir.resolve("first"));
    Path second = Files.createDirectories(dir.resolve("second"));
    Files.writeString(first.resolve("docker"), "not executable");
    Path executable = Files.writeString(second.resolve("docker"), "#!/bin/sh\n");
    executable.toFile().setExecutable(true);
    String path = dir.resolve("missing") + java.io.File.pathSeparator + first + java.io.File.pathSeparator
        + java.io.File.pathSeparator + second;

    assertThat(ProcessTree.findOnPath("docker", path)).contains(executable.toAbsolutePath());
    assertThat(ProcessTree.findOnPath("docker", null)).isEmpty();
    assertThat(ProcessTree.findOnPath("cosign", path)).isEmpty();
  }

  @Test
  void withEnvironment_addsVariablesToTheInheritedOnes() throws Exception {
    ProcessRunner runner = ProcessRunner.withEnvironment(Map.of("DOCKER_BUILD_TEST_VAR", "from-test"));

    ProcessRunner.Result result = runner.run(
        List.of("/bin/sh", "-c", "echo $DOCKER_BUILD_TEST_VAR; test -n \"$PATH\" && echo has-path"), LONG, l -> { });

    assertThat(result.tail()).containsExactly("from-test", "has-path");
  }
}
