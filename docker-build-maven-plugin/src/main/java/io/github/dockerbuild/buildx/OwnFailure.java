package io.github.dockerbuild.buildx;

import java.util.List;
import java.util.Locale;

/**
 * Whether a platform's failed build failed for a reason of its own, which another node would meet
 * the same way: a Dockerfile step that exits non-zero, a file the build context lacks, a Dockerfile
 * that does not parse, a stage that does not exist, a registry that refuses the credentials. Such a
 * failure is never retried on another node (it would hide nothing and cost a second build); any
 * other failure (a node that went away, a builder that cannot start, a connection reset) may be.
 */
final class OwnFailure {
  /** BuildKit's and buildx's words for those failures, lower case. */
  private static final List<String> MARKERS = List.of(
      "did not complete successfully: exit code",
      "failed to compute cache key",
      "dockerfile parse error",
      "failed to read dockerfile",
      "unknown instruction",
      "could not be found", // target stage "x" could not be found
      "unauthorized: ",
      "denied: ");

  private OwnFailure() {}

  /** The marker {@code error} holds, or null when it is not the build's own failure. */
  static String of(String error) {
    if (error == null) {
      return null;
    }
    String lower = error.toLowerCase(Locale.ROOT);
    return MARKERS.stream().filter(lower::contains).findFirst().orElse(null);
  }
}
