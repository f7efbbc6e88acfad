package io.github.dockerbuild.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ending the JVM (Ctrl-C, a cancelled CI job) must not leave docker processes behind.
 *
 * <p>The stopped JVM's descendants are found by an environment variable that only they carry, so
 * an orphan (reparented to PID 1 once its parent died) counts as much as the process whose pid was
 * recorded. The check after the JVM exited does not wait: each marked process must be gone, a
 * zombie, or already dying (SIGKILL pending, or exiting), which the hook guarantees before the JVM
 * exits. A process that merely has not been killed yet counts as a survivor, however loaded the
 * machine is.
 */
@EnabledOnOs(OS.LINUX)
class ProcessRunnerShutdownTest {
  private static final String MARK = "DOCKER_BUILD_SHUTDOWN_TEST";

  /** coreutils 8.31 and later: {@code env --default-signal}. */
  private static boolean envRestoresSignals() throws Exception {
    try {
      Process env = new ProcessBuilder("env", "--default-signal=INT", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return env.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void stoppingTheJvm_endsEveryProcessItStarted(String signal, @TempDir Path dir) throws Exception {
    String mark = UUID.randomUUID().toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // a JVM started with SIGINT ignored (as a background job's children are) keeps ignoring it:
    // coreutils' env restores the default, so the stand-in reacts to Ctrl-C as Maven in a terminal does
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        ChildOfMaven.class.getName(), dir.toString()));
    if (envRestoresSignals()) {
      command.addAll(0, List.of("env", "--default-signal=" + signal));
    }
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put(MARK, mark);
    Process jvm = builder.start();
    try {
      // a deadline, not a delay: the JVM writes the file once every tree runs, or it has failed
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(dir.resolve("ready")) && jvm.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(dir.resolve("ready")).as("the stand-in started its process trees").exists();
      List<Long> running = LinuxProcesses.withEnvironment(MARK, mark);
      for (String tree : List.of("respawn", "ignore", "raw")) {
        long pid = Long.parseLong(Files.readString(dir.resolve(tree + ".pid")).trim());
        assertThat(running).as("%s tree runs before the stop", tree).contains(pid);
      }
      assumeFalse(LinuxProcesses.ignores(jvm.pid(), signal),
          "this JVM was started with SIG" + signal + " ignored, as a background job is");

      LinuxProcesses.signal(jvm.pid(), signal);
      assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).as("the JVM ended").isTrue();

      List<String> survivors = LinuxProcesses.withEnvironment(MARK, mark).stream()
          .filter(LinuxProcesses::running).map(LinuxProcesses::describe).toList();
      assertThat(survivors).as("processes that outlived the JVM stopped by SIG%s", signal).isEmpty();
    } finally {
      jvm.destroyForcibly();
      LinuxProcesses.withEnvironment(MARK, mark).forEach(
          pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }
}
