package io.github.dockerbuild.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Ends process trees without leaving orphans.
 *
 * <p>Killing a tree by walking it has a window: a parent whose child was just killed can start its
 * next command before the parent itself is killed, and that command, reparented to PID 1, is no
 * longer anybody's descendant. So, where {@code setsid} exists (Linux), every command starts as the
 * leader of a process group of its own, and is ended by signalling the whole group: the kernel
 * delivers a group signal atomically with respect to {@code fork}, and orphans stay in the group.
 * Elsewhere the tree is walked, which is the best that can be done without a group.
 *
 * <p>Ending is SIGTERM first (docker buildx cancels its build and tells BuildKit), then SIGKILL for
 * whatever is left once the leaders exited or the grace ran out.
 */
final class ProcessTree {
  /** How long a terminated command may take to exit before it is killed. */
  static final Duration GRACE = Duration.ofSeconds(3);

  private static final Optional<Path> SETSID = findOnPath("setsid", System.getenv("PATH"));

  private ProcessTree() {}

  /**
   * Makes the builder start its command as the leader of a new process group, when it can: the
   * executable is resolved on the JVM's {@code PATH} first (as {@link ProcessBuilder} would), so a
   * missing one still fails in {@link ProcessBuilder#start()} with the JVM's own message.
   *
   * @return true when the command will lead a group of its own
   */
  static boolean isolate(ProcessBuilder builder) {
    List<String> command = builder.command();
    if (SETSID.isEmpty() || command.isEmpty()) {
      return false;
    }
    Optional<Path> executable = resolve(command.get(0), builder.directory());
    if (executable.isEmpty()) {
      return false;
    }
    List<String> isolated = new ArrayList<>(command.size() + 1);
    isolated.add(SETSID.get().toString());
    isolated.add(executable.get().toString());
    isolated.addAll(command.subList(1, command.size()));
    builder.command(isolated);
    return true;
  }

  /**
   * Ends the given processes and everything descending from them: SIGTERM, up to {@code grace} for
   * the roots to exit, then SIGKILL. {@code groupLeaders} are the roots started by {@link
   * #isolate}, whose whole process group is signalled.
   */
  static void end(Collection<ProcessHandle> roots, Set<Long> groupLeaders, Duration grace) {
    List<Long> groups = new ArrayList<>();
    Set<ProcessHandle> walked = new LinkedHashSet<>();
    for (ProcessHandle root : roots) {
      if (groupLeaders.contains(root.pid())) {
        groups.add(root.pid());
      } else {
        walked.add(root);
        root.descendants().forEach(walked::add);
      }
    }
    signalGroups("TERM", groups);
    walked.forEach(ProcessHandle::destroy);
    awaitExit(roots, grace);
    signalGroups("KILL", groups);
    for (ProcessHandle root : roots) {
      root.descendants().forEach(walked::add);
      walked.add(root);
    }
    walked.forEach(ProcessHandle::destroyForcibly);
  }

  private static void awaitExit(Collection<ProcessHandle> roots, Duration grace) {
    try {
      CompletableFuture.allOf(roots.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // what still runs is killed next
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@code kill -s SIGNAL -- -PGID ...} through {@code /bin/sh}'s builtin: the JVM cannot signal a
   * group itself. A group that has emptied meanwhile is no error.
   */
  private static void signalGroups(String signal, List<Long> groups) {
    if (groups.isEmpty()) {
      return;
    }
    String targets = groups.stream().map(pid -> "-" + pid).collect(Collectors.joining(" "));
    ProcessBuilder kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " -- " + targets + " 2>/dev/null")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    boolean interrupted = Thread.interrupted();
    try {
      Process process = kill.start();
      while (true) {
        try {
          if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (IOException e) {
      // no shell: the walk over the tree that follows is what is left
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Optional<Path> resolve(String program, File directory) {
    if (program.contains("/")) {
      Path path = Path.of(program);
      if (!path.isAbsolute() && directory != null) {
        path = directory.toPath().resolve(path);
      }
      return Files.isRegularFile(path) && Files.isExecutable(path)
          ? Optional.of(path.toAbsolutePath()) : Optional.empty();
    }
    return findOnPath(program, System.getenv("PATH"));
  }

  static Optional<Path> findOnPath(String program, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
