package io.github.dockerbuild.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ending the JVM (Ctrl-C, a cancelled CI job) must not leave docker processes behind. */
class ProcessRunnerShutdownTest {

  @Test
  void jvmShutdown_killsTheWholeChildTree(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ChildOfMaven.class.getName(), pidFile.toString()).inheritIO().start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(pidFile).exists();
      long grandchild = Long.parseLong(Files.readString(pidFile).trim());
      assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);

      jvm.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as when Maven is stopped
      assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).isTrue();

      // up to 20 s: a loaded CI machine may take a while to deliver and reap; a zombie (killed,
      // waiting for a parent to reap it) is gone, though ProcessHandle still calls it alive
      boolean gone = false;
      for (int i = 0; i < 400 && !gone; i++) {
        gone = ProcessHandle.of(grandchild).map(h -> !h.isAlive()).orElse(true) || zombie(grandchild);
        Thread.sleep(50);
      }
      assertThat(gone).as("grandchild %d outlived the JVM", grandchild).isTrue();
    } finally {
      jvm.destroyForcibly();
      List.of(pidFile).forEach(p -> p.toFile().delete());
    }
  }

  /** Linux: the process has ended and only its exit status waits to be collected. */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
