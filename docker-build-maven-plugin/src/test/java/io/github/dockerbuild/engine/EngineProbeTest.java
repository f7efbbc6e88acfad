package io.github.dockerbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.exec.ProcessRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineProbeTest {
  @TempDir Path home;

  @Test
  void buildxVersion_dockerCliMissing_saysItCannotRunIt_notThatBuildxIsMissing() {
    String docker = home.resolve("bin/docker").toString();
    EngineProbe probe = new EngineProbe(docker, ProcessRunner.withEnvironment(Map.of()),
        new DockerEndpointResolver(Map.of(), home));

    EngineException e = catchThrowableOfType(EngineException.class, probe::buildxVersion);

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("cannot run " + docker + " (Cannot run program \"" + docker + "\"")
        .endsWith("): install the docker CLI, or set <dockerExecutable> (-Ddocker.executable) to its path")
        .doesNotContain("buildx is not installed").doesNotContain("\n");
  }

  @Test
  void buildxVersion_buildxMissing_isNull() throws Exception {
    // a docker CLI without the buildx plugin answers, with a failure
    EngineProbe probe = new EngineProbe("/bin/false", ProcessRunner.withEnvironment(Map.of()),
        new DockerEndpointResolver(Map.of(), home));

    assertThat(probe.buildxVersion()).isNull();
  }

  @Test
  void docker_javaCannotBeHad_isOneEngineProblemNamingTheFix() throws Exception {
    io.github.dockerbuild.config.LazyLibrary.DOCKER_JAVA.install(why -> {
      throw new Exception("docker-build: " + why + " needs com.github.docker-java:docker-java-transport-zerodep:3.7.0 and its"
          + " dependencies, which cannot be resolved: run once online");
    });
    try {
      EngineProbe probe = new EngineProbe("/bin/false", ProcessRunner.withEnvironment(Map.of()),
          new DockerEndpointResolver(Map.of(), home));

      EngineException e = catchThrowableOfType(EngineException.class, () -> probe.defaultEngine("ghcr.io/org/app"));

      assertThat(e).hasMessage("image ghcr.io/org/app: docker-build: the engine's version and info needs "
          + "com.github.docker-java:docker-java-transport-zerodep:3.7.0 and its dependencies, which cannot be resolved: run once online");
    } finally {
      io.github.dockerbuild.config.LazyLibrary.DOCKER_JAVA.install(why -> { });
    }
  }
}
