package io.github.dockerbuild.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stands in for Maven in {@link ProcessRunnerShutdownTest}: starts the kinds of process trees that a
 * stopped build must not leave behind, writes {@code ready} into the given folder once all of them
 * run, and waits to be stopped.
 *
 * <ul>
 *   <li>{@code respawn}: a shell that starts its next command as soon as its child dies, the window
 *       a descendants-first kill leaves open;
 *   <li>{@code ignore}: a tree that ignores SIGTERM, which only SIGKILL ends;
 *   <li>{@code raw}: a child the JVM started itself, not through {@link ProcessRunner};
 *   <li>a shutdown hook of its own that keeps starting commands while the runner's hook runs (hooks
 *       run concurrently): none of them may outlive the JVM either.
 * </ul>
 */
public final class ChildOfMaven {
  private ChildOfMaven() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    ProcessRunner runner = ProcessRunner.withEnvironment(Map.of());
    run(runner, "sh -c 'echo $$ > " + dir.resolve("respawn.pid") + "; exec sleep 300'; sleep 300");
    run(runner, "trap '' TERM; sleep 300 & echo $! > " + dir.resolve("ignore.pid") + "; wait; sleep 300");
    Process raw = new ProcessBuilder("sleep", "300").start();
    Files.writeString(dir.resolve("raw.pid"), Long.toString(raw.pid()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> startUntilRefused(runner), "late-starter"));

    for (String name : List.of("respawn.pid", "ignore.pid")) {
      while (!(Files.exists(dir.resolve(name)) && Files.size(dir.resolve(name)) > 0)) {
        Thread.sleep(20);
      }
    }
    Files.writeString(dir.resolve("ready"), "ready");
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void run(ProcessRunner runner, String script) {
    Thread thread = new Thread(() -> {
      try {
        runner.run(List.of("/bin/sh", "-c", script), Duration.ofMinutes(5), line -> { });
      } catch (Exception e) {
        // ended by the shutdown hook
      }
    });
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts long commands until the runner refuses to start one, because the JVM is stopping. */
  private static void startUntilRefused(ProcessRunner runner) {
    for (int i = 0; i < 1000; i++) {
      try {
        runner.run(List.of("sleep", "300"), Duration.ofMinutes(5), line -> { });
      } catch (CommandFailedException refused) {
        if (refused.getMessage().contains("the build is stopping")) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
