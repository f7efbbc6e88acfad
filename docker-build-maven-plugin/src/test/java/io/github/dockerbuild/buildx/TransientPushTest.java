package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failed pushes are worth another try: BuildKit's final error line decides. */
class TransientPushTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "ERROR: failed to solve: failed to push r/app:1: failed commit on ref \"manifest-sha256:9\": unexpected status from"
          + " PUT request to http://r/v2/app/manifests/sha256:9: 503 Service Unavailable",
      "ERROR: failed to solve: failed to push r/app:1: unexpected status from HEAD request to"
          + " http://r/v2/app/manifests/sha256:2: 500 Internal Server Error",
      "ERROR: failed to solve: failed to push r/app:1: unexpected status from POST request to"
          + " http://r/v2/app/blobs/uploads/: 429 Too Many Requests",
      "ERROR: failed to solve: failed to push r/app:1: failed to do request: Put \"https://r/v2/app/blobs/x\": read tcp"
          + " 10.0.0.2:5->10.0.0.3:443: read: connection reset by peer",
      "ERROR: failed to solve: failed to push r/app:1: failed to copy: io: read/write on closed pipe: broken pipe",
      "ERROR: failed to solve: failed to push r/app:1: failed to do request: Head \"https://r/v2/\": net/http: TLS"
          + " handshake timeout",
      "ERROR: failed to solve: failed to push r/app:1: 502 Bad Gateway (body)"})
  void transientPushErrors(String line) {
    assertThat(TransientPush.of(List.of("#7 pushing layers", "------", line))).isEqualTo(new TransientPush(line, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ERROR: failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2",
      "ERROR: failed to solve: failed to push r/app:1: unexpected status from PUT request to"
          + " http://r/v2/app/manifests/1: 401 Unauthorized",
      "ERROR: failed to solve: failed to push r/app:1: unexpected status from PUT request to"
          + " http://r/v2/app/manifests/1: 403 Forbidden",
      "ERROR: failed to solve: failed to push r/app:1: unexpected status from PUT request to"
          + " http://r/v2/app/blobs/uploads/u?digest=sha256%3A1: 400 Bad Request",
      "ERROR: failed to solve: failed to push r/app:1: failed commit on ref \"manifest-sha256:2\": unexpected status"
          + " from PUT request to http://r/v2/app/manifests/1: 400 Bad Request: {\"errors\":[{\"code\":\"MANIFEST_INVALID\","
          + "\"message\":\"manifest invalid\"}]}",
      "ERROR: failed to solve: failed to push r/app:1: failed commit on ref \"manifest-sha256:2\": unexpected status"
          + " from PUT request to http://r/v2/app/manifests/1: 404 Not Found",
      "ERROR: failed to solve: failed to push r/app:1: denied: tag invalid: the tag 1 already exists and cannot be"
          + " overwritten",
      "ERROR: failed to solve: r/base:1: failed to resolve source metadata for r/base:1: 503 Service Unavailable",
      "ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN"})
  void buildErrorsAndRefusals_areNot(String line) {
    assertThat(TransientPush.of(List.of("#5 ERROR: x", line))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no error line at all", "503 Service Unavailable failed to push, but no ERROR prefix"})
  void withoutBuildKitsFinalErrorLine_nothingIsRetried(String line) {
    assertThat(TransientPush.of(List.of(line))).isNull();
  }

  /**
   * What two pushes of one layer into one repository at once can bring on a registry that rewrites
   * the layer's link in place (distribution 2.8's filesystem storage): the other push's commit
   * truncated the link just as this push's manifest PUT read it. Seen here with two per-platform
   * builds whose images share a layer; one more push finds the layer committed.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "ERROR: failed to solve: failed to push 127.0.0.1:5000/it/race:1.0.0-arm64: failed commit on ref"
          + " \"manifest-sha256:2e5c\": unexpected status from PUT request to"
          + " http://127.0.0.1:5000/v2/it/race/manifests/1.0.0-arm64: 400 Bad Request",
      "ERROR: failed to solve: failed to push r/app:1: failed commit on ref \"manifest-sha256:2\": unexpected status"
          + " from PUT request to https://r/v2/org/app/manifests/1: 400 Bad Request: {\"errors\":[{\"code\":\"DIGEST_INVALID\"},"
          + "{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"detail\":\"sha256:6b5b\"}]}"})
  void aManifestPutAnswered400_earnsOneMorePush(String line) {
    TransientPush push = TransientPush.of(List.of("#6 pushing manifest for r/app:1 done", line));

    assertThat(push).isEqualTo(new TransientPush(line, true));
    assertThat(push.attempts(5)).as("one more, whatever the policy allows").isEqualTo(2);
    assertThat(push.attempts(1)).as("but not when the policy allows none").isEqualTo(1);
  }

  @org.junit.jupiter.api.Test
  void aTransientError_takesThePolicysAttempts() {
    assertThat(new TransientPush("ERROR: x", false).attempts(5)).isEqualTo(5);
  }
}
