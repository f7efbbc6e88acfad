package io.github.dockerbuild.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that expires once the command has reached a point of its own: it has created the file
 * named by its pid in {@code flags} ({@code touch "$FLAGS/$$"} in a shell script). A test of "did
 * not finish in time; last output: ..." then does not depend on the command printing its line
 * within some wall-clock second, however loaded the machine is. A command that never creates its
 * file is given all the time it takes.
 */
public final class TimesUpAfter implements ProcessRunner.ExitWait {
  private final Path flags;

  public TimesUpAfter(Path flags) {
    this.flags = flags;
  }

  /** The shell command that ends a script's time, for a script run under this wait. */
  public String touch() {
    return "touch '" + flags + "'/$$";
  }

  @Override
  public boolean await(Process process, Duration timeout) throws InterruptedException {
    Path flag = flags.resolve(Long.toString(process.pid()));
    // a deadline for a script that is broken, not a delay: the flag normally exists in milliseconds
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(flag) && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (Files.exists(flag)) {
      return !process.isAlive();
    }
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
