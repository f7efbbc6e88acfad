package io.github.dockerbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineProbeAskedByTest {
  @Test
  void aPhaseFromPackageOn_orAGoalThatAsksTheEngine() {
    assertThat(EngineProbe.askedBy(List.of("clean", "deploy"))).isTrue();
    assertThat(EngineProbe.askedBy(List.of("package"))).isTrue();
    assertThat(EngineProbe.askedBy(List.of("docker-build:preflight"))).isTrue();
    assertThat(EngineProbe.askedBy(List.of("g:a:1.0:compare"))).isTrue();
    assertThat(EngineProbe.askedBy(List.of("test", "docker-build:publish", "build"))).isFalse();
    assertThat(EngineProbe.askedBy(List.of())).isFalse();
  }
}
