package io.github.dockerbuild.metadata;

import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Asks git for the commit of a directory; null when it is not a git work tree or git is missing. */
public final class GitRevision {
  private GitRevision() {}

  public static String read(ProcessRunner runner, Path dir) throws InterruptedException {
    try {
      ProcessRunner.Result result = runner.run(
          List.of("git", "-C", dir.toString(), "rev-parse", "HEAD"), Duration.ofSeconds(10), line -> { });
      if (result.succeeded() && !result.tail().isEmpty() && result.tail().get(0).matches("[0-9a-f]{40,64}")) {
        return result.tail().get(0);
      }
    } catch (CommandFailedException e) {
      // no git: the revision stays unknown
    }
    return null;
  }
}
