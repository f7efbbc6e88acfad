package io.github.dockerbuild.metadata;

import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The commit of a directory; null when it is not a git work tree or git is missing.
 *
 * <p>The repository's files are read first: {@code HEAD}, the branch's loose ref or
 * {@code packed-refs}, also through a worktree's {@code .git} file. That answers a plain clone, a
 * detached checkout (CI) and a worktree without starting a process. Anything else (a variable naming
 * the repository, reftable refs, a branch without a commit, files it cannot read) is asked of
 * {@code git rev-parse HEAD}, as before. A repository git would refuse to read as another user's
 * ({@code safe.directory}) still gives its commit.
 */
public final class GitRevision {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  /** Variables that move the repository away from the {@code .git} found above the directory. */
  private static final List<String> GIT_PLACE = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR",
      "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM");

  private GitRevision() {}

  public static String read(ProcessRunner runner, Path dir) throws InterruptedException {
    String fromFiles = fromFiles(dir, System.getenv());
    return fromFiles != null ? fromFiles : ask(runner, dir);
  }

  private static String ask(ProcessRunner runner, Path dir) throws InterruptedException {
    try {
      ProcessRunner.Result result = runner.run(
          List.of("git", "-C", dir.toString(), "rev-parse", "HEAD"), Duration.ofSeconds(10), line -> { });
      if (result.succeeded() && !result.tail().isEmpty() && HASH.matcher(result.tail().get(0)).matches()) {
        return result.tail().get(0);
      }
    } catch (CommandFailedException e) {
      // no git: the revision stays unknown
    }
    return null;
  }

  /**
   * The commit {@code HEAD} names, read from the repository's files; null when they do not answer
   * plainly (then git is asked).
   */
  static String fromFiles(Path dir, Map<String, String> environment) {
    for (String name : GIT_PLACE) {
      if (environment.containsKey(name)) {
        return null;
      }
    }
    try {
      Path gitDir = gitDir(dir.toAbsolutePath().normalize());
      if (gitDir == null) {
        return null;
      }
      Path commonDir = gitDir;
      Path commondirFile = gitDir.resolve("commondir");
      if (Files.isRegularFile(commondirFile)) {
        commonDir = gitDir.resolve(firstLine(commondirFile)).normalize();
      }
      if (usesOtherRefStorage(commonDir.resolve("config"))) {
        return null;
      }
      return resolve(gitDir, commonDir, firstLine(gitDir.resolve("HEAD")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The repository directory of the work tree holding {@code dir}: its {@code .git}, or where a {@code .git} file points. */
  private static Path gitDir(Path dir) throws IOException {
    for (Path at = dir; at != null; at = at.getParent()) {
      Path dotGit = at.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return Files.isRegularFile(dotGit.resolve("HEAD")) ? dotGit : null;
      }
      if (Files.isRegularFile(dotGit)) {
        String line = firstLine(dotGit);
        return line.startsWith("gitdir: ") ? at.resolve(line.substring("gitdir: ".length()).trim()).normalize() : null;
      }
    }
    return null;
  }

  private static boolean usesOtherRefStorage(Path config) throws IOException {
    return Files.isRegularFile(config)
        && Files.readString(config, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("refstorage");
  }

  /** Follows {@code HEAD}'s symbolic refs (a few at most) to a commit. */
  private static String resolve(Path gitDir, Path commonDir, String head) throws IOException {
    String value = head;
    for (int depth = 0; depth < 5; depth++) {
      if (HASH.matcher(value).matches()) {
        return value;
      }
      if (!value.startsWith("ref: ")) {
        return null;
      }
      String ref = value.substring("ref: ".length()).trim();
      if (!ref.startsWith("refs/") || ref.contains("..")) {
        return null;
      }
      value = loose(gitDir, commonDir, ref);
      if (value == null) {
        return packed(commonDir, ref);
      }
    }
    return null;
  }

  private static String loose(Path gitDir, Path commonDir, String ref) throws IOException {
    for (Path base : List.of(gitDir, commonDir)) {
      Path file = base.resolve(ref);
      if (Files.isRegularFile(file)) {
        return firstLine(file);
      }
    }
    return null;
  }

  private static String packed(Path commonDir, String ref) throws IOException {
    Path file = commonDir.resolve("packed-refs");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      if (space > 0 && line.substring(space + 1).equals(ref) && HASH.matcher(line.substring(0, space)).matches()) {
        return line.substring(0, space);
      }
    }
    return null;
  }

  private static String firstLine(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).trim();
  }
}
