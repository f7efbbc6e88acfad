package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProgressTallyTest {

  static Stream<Arguments> logs() {
    return Stream.of(
        Arguments.of("nothing", List.of(), 0, 0),
        Arguments.of("internal vertices are not steps",
            List.of("#1 [internal] load build definition from Dockerfile", "#1 DONE 0.0s",
                "#2 [internal] load metadata for x", "#2 DONE 0.1s", "#8 exporting to image", "#8 DONE 1.0s"), 0, 0),
        Arguments.of("cached and executed",
            List.of("#4 [1/3] FROM busybox", "#4 CACHED", "#5 [2/3] RUN a", "#5 0.1 out", "#5 DONE 0.3s",
                "#6 [3/3] COPY . /", "#6 DONE 0.0s"), 1, 2),
        Arguments.of("multi-stage names and a platform in the vertex name",
            List.of("#4 [linux/arm64 build 1/2] FROM golang", "#4 CACHED", "#5 [build 2/2] RUN go build",
                "#5 DONE 9.0s", "#6 [stage-1 1/1] COPY --from=build /app /app", "#6 CACHED"), 2, 1),
        Arguments.of("a step that fails neither cached nor executed",
            List.of("#5 [2/2] RUN false", "#5 ERROR: process did not complete"), 0, 0),
        Arguments.of("progress lines with the step number repeated count once",
            List.of("#5 [2/2] RUN make", "#5 [2/2] RUN make", "#5 DONE 1.0s"), 0, 1),
        Arguments.of("CACHED inside a step's own output is not the cache",
            List.of("#5 [2/2] RUN echo CACHED", "#5 0.2 CACHED", "#5 DONE 0.2s"), 0, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void tally(String name, List<String> lines, int cached, int executed) {
    ProgressTally tally = new ProgressTally();
    lines.forEach(tally::accept);
    assertThat(tally.cached()).isEqualTo(cached);
    assertThat(tally.executed()).isEqualTo(executed);
  }

  @Test
  void cacheErrors_theImportAndExportVerticesThatFailed_notTheSteps() {
    ProgressTally tally = new ProgressTally();
    List.of("#4 importing cache manifest from gha:120478",
        "#4 ERROR: Get \"http://127.0.0.1:9/_apis/artifactcache/cache?keys=index\": dial tcp 127.0.0.1:9: connect: connection refused",
        "#5 [1/2] FROM base", "#5 CACHED", "#6 [2/2] RUN false", "#6 ERROR: process did not complete",
        "#7 importing cache manifest from 127.0.0.1:5000/app:cache",
        "#7 ERROR: failed to configure registry cache importer: 127.0.0.1:5000/app:cache: not found",
        "#8 preparing build cache for export 0.0s done",
        "#8 ERROR: Get \"http://127.0.0.1:9/_apis/artifactcache/cache?keys=blob\": dial tcp 127.0.0.1:9: connect: connection refused",
        "#9 exporting to image", "#9 DONE 0.1s").forEach(tally::accept);

    assertThat(tally.cacheErrors()).containsExactly(
        "importing cache manifest from gha:120478: Get \"http://127.0.0.1:9/_apis/artifactcache/cache?keys=index\": dial tcp"
            + " 127.0.0.1:9: connect: connection refused",
        "importing cache manifest from 127.0.0.1:5000/app:cache: failed to configure registry cache importer:"
            + " 127.0.0.1:5000/app:cache: not found",
        "preparing build cache for export 0.0s done: Get \"http://127.0.0.1:9/_apis/artifactcache/cache?keys=blob\": dial"
            + " tcp 127.0.0.1:9: connect: connection refused");
  }

  @Test
  void retriedErrors_whatBuildKitRetriedByItself() {
    ProgressTally tally = new ProgressTally();
    List.of("#6 pushing manifest for r/app:1@sha256:0b",
        "#6 0.240 error: failed commit on ref \"manifest-sha256:5f\": unexpected status from PUT request to"
            + " http://r/v2/app/manifests/sha256:5f: 503 Service Unavailable",
        "#6 0.240 retrying in 1s",
        "#6 pushing manifest for r/app:1@sha256:0b 1.1s done", "#6 DONE 1.3s",
        "#7 0.100 error: printed by a RUN step, not retried").forEach(tally::accept);

    assertThat(tally.retriedErrors()).containsExactly("failed commit on ref \"manifest-sha256:5f\": unexpected status"
        + " from PUT request to http://r/v2/app/manifests/sha256:5f: 503 Service Unavailable");
  }
}
