package io.github.dockerbuild.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Stands in for Maven in {@link ProcessRunnerShutdownTest}: runs a long child, then gets killed. */
public final class ChildOfMaven {
  private ChildOfMaven() {}

  public static void main(String[] args) throws Exception {
    Path pidFile = Path.of(args[0]);
    ProcessRunner.withEnvironment(Map.of()).run(
        List.of("/bin/sh", "-c", "sh -c 'echo $$ > " + pidFile + "; exec sleep 300'; sleep 300"),
        Duration.ofMinutes(5), line -> { });
  }
}
