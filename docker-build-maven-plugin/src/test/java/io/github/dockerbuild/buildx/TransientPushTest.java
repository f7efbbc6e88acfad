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
    assertThat(TransientPush.of(List.of("#7 pushing layers", "------", line))).isEqualTo(line);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ERROR: failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2",
      "ERROR: failed to solve: failed to push r/app:1: unexpected status from PUT request to"
          + " http://r/v2/app/manifests/1: 401 Unauthorized",
      "ERROR: failed to solve: failed to push r/app:1: unexpected status from PUT request to"
          + " http://r/v2/app/manifests/1: 403 Forbidden",
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
}
