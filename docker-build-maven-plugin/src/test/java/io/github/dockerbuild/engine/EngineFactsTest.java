package io.github.dockerbuild.engine;

import static io.github.dockerbuild.engine.EngineFixtures.ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.domain.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineFactsTest {

  @Test
  void of_containerdStore_recordedAnswers() {
    EngineFacts facts = EngineFixtures.containerdEngine();

    assertThat(facts).isEqualTo(new EngineFacts(ENDPOINT, "26.1.5+dfsg1", "1.45", "linux/amd64", true));
  }

  @Test
  void of_classicStore_recordedAnswers() {
    EngineFacts facts = EngineFixtures.classicEngine();

    assertThat(facts).isEqualTo(new EngineFacts(ENDPOINT, "26.1.5+dfsg1", "1.45", "linux/amd64", false));
  }

  @Test
  void of_versionWithoutArch_usesInfoArchitecture() throws Exception {
    Tree version = Json.tree("{\"Version\":\"20.10.0\",\"ApiVersion\":\"1.41\"}");

    EngineFacts facts = DockerJavaQueries.facts(ENDPOINT, version, EngineFixtures.containerdInfo());

    assertThat(facts.platform()).as("os defaults to linux, arch from /info").isEqualTo("linux/x86_64");
    assertThat(Platform.parse(facts.platform())).isEqualTo(Platform.parse("linux/amd64"));
    assertThat(facts.serverVersion()).isEqualTo("20.10.0");
    assertThat(facts.apiVersion()).isEqualTo("1.41");
  }

  @Test
  void of_armEngine() throws Exception {
    Tree version = Json.tree("{\"Version\":\"27.0\",\"ApiVersion\":\"1.46\",\"Os\":\"linux\",\"Arch\":\"arm64\"}");

    assertThat(DockerJavaQueries.facts(ENDPOINT, version, EngineFixtures.classicInfo()).platform()).isEqualTo("linux/arm64");
  }

  @Test
  void of_noDriverStatus_isClassicStore() {
    Tree info = EngineFixtures.with(EngineFixtures.containerdInfo(), "DriverStatus", null);

    assertThat(DockerJavaQueries.facts(ENDPOINT, EngineFixtures.version(), info).containerdImageStore()).isFalse();
  }

  @Test
  void of_otherDriverType_isClassicStore() {
    Tree info = EngineFixtures.with(EngineFixtures.containerdInfo(), "DriverStatus",
        List.of(List.of("driver-type", "overlay2"), List.of("Backing Filesystem", "extfs")));

    assertThat(DockerJavaQueries.facts(ENDPOINT, EngineFixtures.version(), info).containerdImageStore()).isFalse();
  }

  @Test
  void of_containerdSnapshotterAmongOtherStatuses() {
    Tree info = EngineFixtures.with(EngineFixtures.classicInfo(), "DriverStatus",
        List.of(List.of("Backing Filesystem", "extfs"), List.of("odd"), List.of("driver-type",
            "io.containerd.snapshotter.v2")));

    assertThat(DockerJavaQueries.facts(ENDPOINT, EngineFixtures.version(), info).containerdImageStore()).isTrue();
  }
}
