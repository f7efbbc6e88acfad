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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProcessRunnerTest {
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

  private static void assertDead(long pid) throws Exception {
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
  void run_timeout_killsTheProcessTreeAndThrows() throws Exception {
    String script = "echo $$ > '" + dir.resolve("pid") + "'; sleep 30 & echo $! > '" + dir.resolve("child")
        + "'; echo started; wait";
    long start = System.nanoTime();

    CommandFailedException e = catchThrowableOfType(CommandFailedException.class,
        () -> shell(script).run(COMMAND, Duration.ofSeconds(1), line -> { }));

    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo("'docker buildx build' did not finish within 1s; last output: started");
    assertThat(e.exitCode()).isEqualTo(-1);
    assertThat(e.tail()).containsExactly("started");
    assertThat(seconds).as("gave up long before the 30 s sleep ended").isLessThan(20);
    assertDead(pid("pid"));
    assertDead(pid("child"));
  }

  @Test
  void run_interrupted_killsTheProcessTreeAndThrows() throws Exception {
    String script = "echo $$ > '" + dir.resolve("pid") + "'; sleep 30 & echo $! > '" + dir.resolve("child")
        + "'; echo ready; wait";
    CountDownLatch ready = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread builder = new Thread(() -> {
      try {
        shell(script).run(COMMAND, Duration.ofSeconds(60), line -> {
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
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertDead(pid("pid"));
    assertDead(pid("child"));
  }

  @Test
  void withEnvironment_addsVariablesToTheInheritedOnes() throws Exception {
    ProcessRunner runner = ProcessRunner.withEnvironment(Map.of("DOCKER_BUILD_TEST_VAR", "from-test"));

    ProcessRunner.Result result = runner.run(
        List.of("/bin/sh", "-c", "echo $DOCKER_BUILD_TEST_VAR; test -n \"$PATH\" && echo has-path"), LONG, l -> { });

    assertThat(result.tail()).containsExactly("from-test", "has-path");
  }
}
