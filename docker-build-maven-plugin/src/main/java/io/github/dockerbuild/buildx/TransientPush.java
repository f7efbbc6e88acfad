package io.github.dockerbuild.buildx;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a failed {@code docker buildx build} failed pushing on a registry error worth another
 * try: a 5xx or 429 answer, or a connection that broke, after BuildKit's own retries. A build error
 * (a step that failed, a Dockerfile mistake) or a push the registry refused (401, 403, 404, a tag
 * it will not overwrite) is never one: running it again would fail the same way, or hide a real
 * failure.
 */
final class TransientPush {
  private TransientPush() {}

  private static final Pattern PUSH = Pattern.compile("failed to push|pushing manifest|failed commit on ref");
  private static final Pattern TRANSIENT = Pattern.compile(
      ": 5\\d\\d [A-Z][a-zA-Z ]+$|: 5\\d\\d [A-Z][a-zA-Z ]+[^a-zA-Z ]|429 Too Many Requests|connection reset by peer"
          + "|connection refused|broken pipe|i/o timeout|unexpected EOF|TLS handshake timeout|server misbehaving");

  /** The line that says so (BuildKit's final error), or null when the failure is not a transient push error. */
  static String of(List<String> tail) {
    for (int i = tail.size() - 1; i >= 0; i--) {
      String line = tail.get(i);
      if (line.startsWith("ERROR: ")) {
        return PUSH.matcher(line).find() && TRANSIENT.matcher(line).find() ? line : null;
      }
    }
    return null;
  }
}
