package io.github.dockerbuild.buildx;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a failed {@code docker buildx build} failed pushing on a registry error worth another
 * try, and how many: a 5xx or 429 answer, or a connection that broke, after BuildKit's own retries,
 * under the retry policy; a manifest {@code PUT} answered 400 once more (see {@link #once()}). A
 * build error (a step that failed, a Dockerfile mistake) or a push the registry refused (401, 403,
 * 404, a tag it will not overwrite) is never one: running it again would fail the same way, or
 * hide a real failure.
 *
 * @param line BuildKit's final error line
 * @param once true when the error earns one more push, not the policy's attempts
 */
record TransientPush(String line, boolean once) {

  private static final Pattern PUSH = Pattern.compile("failed to push|pushing manifest|failed commit on ref");
  private static final Pattern TRANSIENT = Pattern.compile(
      ": 5\\d\\d [A-Z][a-zA-Z ]+$|: 5\\d\\d [A-Z][a-zA-Z ]+[^a-zA-Z ]|429 Too Many Requests|connection reset by peer"
          + "|connection refused|broken pipe|i/o timeout|unexpected EOF|TLS handshake timeout|server misbehaving");
  /**
   * A manifest PUT the registry answered 400, and what follows it: nothing (BuildKit's containerd
   * does not show the body), or the registry's error body.
   */
  private static final Pattern MANIFEST_PUT_400 =
      Pattern.compile("unexpected status from PUT request to \\S+/manifests/\\S+: 400 Bad Request(.*)$");
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

  /** The retry log line's reason for a manifest PUT answered 400. */
  static final String WHY_ONCE = "a registry answers a manifest PUT with 400 MANIFEST_BLOB_UNKNOWN when it read a"
      + " layer while another push of the same layer (another platform's, sharing it) was committing it";

  /** What the failure earns, or null when it is not a transient push error. */
  static TransientPush of(List<String> tail) {
    for (int i = tail.size() - 1; i >= 0; i--) {
      String line = tail.get(i);
      if (line.startsWith("ERROR: ")) {
        if (!PUSH.matcher(line).find()) {
          return null;
        }
        if (TRANSIENT.matcher(line).find()) {
          return new TransientPush(line, false);
        }
        return blobUnknownRace(line) ? new TransientPush(line, true) : null;
      }
    }
    return null;
  }

  /**
   * A manifest PUT answered 400 is what the race between two pushes of one layer looks like (the
   * registry read the layer's link while the other push rewrote it), as much as a manifest the
   * registry will never take. One more push tells them apart: by then the layer is committed.
   * When the registry's codes are shown, only {@code MANIFEST_BLOB_UNKNOWN} earns it.
   */
  private static boolean blobUnknownRace(String line) {
    Matcher put = MANIFEST_PUT_400.matcher(line);
    if (!put.find()) {
      return false;
    }
    Matcher code = CODE.matcher(put.group(1));
    boolean coded = false;
    while (code.find()) {
      if (code.group(1).equals("MANIFEST_BLOB_UNKNOWN")) {
        return true;
      }
      coded = true;
    }
    return !coded;
  }

  /** Attempts in all this error allows under a policy of {@code maxAttempts}. */
  int attempts(int maxAttempts) {
    return once ? Math.min(2, maxAttempts) : maxAttempts;
  }
}
