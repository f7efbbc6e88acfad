package io.github.dockerbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.exec.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine questions for endpoints only the docker CLI reaches (ssh://), against a stand-in CLI. */
class CliEngineQueriesTest {
  static final String SERVER = "{\"Platform\":{\"Name\":\"\"},\"Version\":\"26.1.5+dfsg1\",\"ApiVersion\":\"1.45\","
      + "\"MinAPIVersion\":\"1.24\",\"Os\":\"linux\",\"Arch\":\"arm64\",\"KernelVersion\":\"6.1\"}";
  static final String INFO = "{\"ServerVersion\":\"26.1.5+dfsg1\",\"Architecture\":\"aarch64\","
      + "\"DriverStatus\":[[\"driver-type\",\"io.containerd.snapshotter.v1\"]],\"HTTPSProxy\":\"http://xxxxx:xxxxx@p:3128\"}";
  static final DockerEndpoint SSH = new DockerEndpoint("ssh://builder@arm-host", "docker context arm", "arm", null,
      false);

  @TempDir Path dir;

  /** A docker CLI that logs its arguments and answers version and info as given. */
  Path cli(String version, String info, int exit) throws Exception {
    Path script = dir.resolve("docker");
    Files.writeString(script, "#!/bin/sh\n"
        + "echo \"$@\" >> " + dir.resolve("args") + "\n"
        + "echo 'Warning: Permanently added arm-host to the list of known hosts.' >&2\n"
        + "case \"$3\" in\n"
        + "  version) printf '%s\\n' '" + version + "' ;;\n"
        + "  info) printf '%s\\n' '" + info + "' ;;\n"
        + "esac\n"
        + "exit " + exit + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void theCliIsAskedThroughTheEndpointsContext_andItsAnswersBecomeTheEngineFacts() throws Exception {
    Path docker = cli(SERVER, INFO, 0);

    EngineFacts facts = CliEngineQueries.engine(docker.toString(), ProcessRunner.withEnvironment(Map.of()), SSH,
        "ghcr.io/org/app");

    assertThat(facts).isEqualTo(new EngineFacts(SSH, "26.1.5+dfsg1", "1.45", "linux/arm64", true, true));
    assertThat(Files.readAllLines(dir.resolve("args"))).containsExactly(
        "--context arm version --format {{json .Server}}", "--context arm info --format {{json .}}");
  }

  @Test
  void anEngineThatDoesNotAnswer_isNamedWithWhatTheCliSaid() throws Exception {
    Path docker = cli("error during connect: ssh: connect to host arm-host port 22: Connection refused", "", 1);

    EngineException e = catchThrowableOfType(EngineException.class, () -> CliEngineQueries.engine(docker.toString(),
        ProcessRunner.withEnvironment(Map.of()), SSH, "ghcr.io/org/app"));

    assertThat(e).hasMessage("no Docker engine answers at ssh://builder@arm-host (docker context arm) (image "
        + "ghcr.io/org/app): docker version said: error during connect: ssh: connect to host arm-host port 22: "
        + "Connection refused; check that the host is reachable (for ssh://, that 'ssh' logs in without a prompt "
        + "and the far side has the docker CLI), or point DOCKER_HOST or the docker context at a running engine");
  }

  @Test
  void anEngineWithTheClassicStoreAndNoProxy() throws Exception {
    EngineFacts facts = CliEngineQueries.facts(SSH, io.github.dockerbuild.json.Json.tree(SERVER),
        io.github.dockerbuild.json.Json.tree("{\"DriverStatus\":[[\"Backing Filesystem\","
            + "\"extfs\"]],\"HTTPSProxy\":\"\"}"));
    assertThat(facts.containerdImageStore()).isFalse();
    assertThat(facts.httpsProxy()).isFalse();
  }
}
