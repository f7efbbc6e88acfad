package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnFailureTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "ERROR: failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2",
      "ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref x: \"/app.jar\": not found",
      "ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN",
      "ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory",
      "ERROR: failed to solve: target stage \"prod\" could not be found",
      "ERROR: failed to solve: failed to push r/app:1-amd64: unauthorized: authentication required",
      "ERROR: failed to solve: failed to push r/app:1-amd64: denied: requested access to the resource is denied"})
  void theBuildsOwnFailures_areNamed(String line) {
    assertThat(OwnFailure.of("'docker buildx build ...' failed (exit code 1); last output: " + line)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ERROR: failed to solve: rpc error: code = Unavailable desc = error reading from server: EOF",
      "ERROR: Error response from daemon: failed to resolve reference \"docker.io/moby/buildkit:buildx-stable-1\"",
      "error during connect: Get \"http://docker.example/v1.45/info\": ssh: connect to host: Connection refused",
      "ERROR: failed to solve: write /var/lib/docker/tmp/x: no space left on device",
      "timed out after 3600 s"})
  void aNodesFailures_areNot(String line) {
    assertThat(OwnFailure.of("'docker buildx build ...' failed (exit code 1); last output: " + line)).isNull();
  }

  @Test
  void noError_isNotTheBuildsOwn() {
    assertThat(OwnFailure.of(null)).isNull();
  }

  @Test
  void theMarkerFoundIsReturned_caseAside() {
    assertThat(OwnFailure.of("Process Did Not Complete Successfully: Exit Code: 1"))
        .isEqualTo("did not complete successfully: exit code");
  }
}
