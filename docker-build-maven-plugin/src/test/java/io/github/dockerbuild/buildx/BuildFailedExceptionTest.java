package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildFailedExceptionTest {
  static PlatformResult failed(String platform, String builder) {
    return new PlatformResult(Platform.parse(platform), false, null, null, "exit code 1", 10, builder, null, null,
        null, null, null, null, null);
  }

  @Test
  void namesEachFailedPlatform_andTheNodeItFailedOnUnlessTheDefault() {
    assertThat(new BuildFailedException("ghcr.io/org/app", List.of(failed("linux/arm64", "context arm-2"),
        failed("linux/amd64", "default"))))
        .hasMessage("image ghcr.io/org/app: the build failed for linux/arm64 (on context arm-2), linux/amd64 "
            + "(exit code 1); nothing multi-arch is published. The log lines prefixed [linux/arm64] show why");
    assertThat(new BuildFailedException("ghcr.io/org/app", List.of(failed("linux/arm64", null))).getMessage())
        .startsWith("image ghcr.io/org/app: the build failed for linux/arm64 (exit code 1)");
  }
}
