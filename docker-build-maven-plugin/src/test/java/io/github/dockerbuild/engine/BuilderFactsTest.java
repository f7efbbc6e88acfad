package io.github.dockerbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.Platform;
import org.junit.jupiter.api.Test;

class BuilderFactsTest {

  @Test
  void parse_recordedDockerDriver() {
    BuilderFacts facts = EngineFixtures.dockerDriverBuilder();

    assertThat(facts.name()).isEqualTo("default");
    assertThat(facts.driver()).isEqualTo("docker");
    assertThat(facts.usesEngineStore()).isTrue();
    assertThat(facts.platforms()).extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/amd64/v2", "linux/amd64/v3", "linux/amd64/v4", "linux/arm64");
  }

  @Test
  void parse_dockerContainerWithSeveralNodes() {
    String inspect = """
        Name:          multi
        Driver:        docker-container
        Last Activity: 2026-11-28 16:19:48 +0000 UTC

        Nodes:
        Name:                  multi0
        Endpoint:              unix:///var/run/docker.sock
        Driver Options:        image="moby/buildkit:latest"
        Status:                running
        Platforms:             linux/amd64*, linux/arm64*, linux/386

        Name:                  multi1
        Endpoint:              ssh://arm-host
        Status:                running
        Platforms:             linux/arm64, linux/arm/v7, linux/arm/v6, linux/mips64le, weird/plat/form/x
        """;

    BuilderFacts facts = BuilderFacts.parse(inspect);

    assertThat(facts.name()).as("the builder's name, not a node's").isEqualTo("multi");
    assertThat(facts.driver()).isEqualTo("docker-container");
    assertThat(facts.usesEngineStore()).isFalse();
    assertThat(facts.platforms()).extracting(Platform::toString).containsExactly(
        "linux/amd64", "linux/arm64", "linux/386", "linux/arm/v7", "linux/arm/v6", "linux/mips64le");
  }

  @Test
  void parse_windowsLineEndings() {
    BuilderFacts facts = BuilderFacts.parse("Name: b\r\nDriver: remote\r\nPlatforms: linux/riscv64\r\n");

    assertThat(facts).isEqualTo(new BuilderFacts("b", "remote", java.util.List.of(Platform.parse("linux/riscv64"))));
  }

  @Test
  void parse_emptyOutput_defaults() {
    BuilderFacts facts = BuilderFacts.parse("");

    assertThat(facts.name()).isEqualTo("default");
    assertThat(facts.driver()).isEqualTo("unknown");
    assertThat(facts.platforms()).isEmpty();
    assertThat(facts.usesEngineStore()).isFalse();
  }
}
