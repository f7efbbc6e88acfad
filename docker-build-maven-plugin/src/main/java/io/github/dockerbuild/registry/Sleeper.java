package io.github.dockerbuild.registry;

import java.time.Duration;

/** Waits between retries; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
