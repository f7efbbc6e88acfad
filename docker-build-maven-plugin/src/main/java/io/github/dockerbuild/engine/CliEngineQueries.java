package io.github.dockerbuild.engine;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine questions through the docker CLI, for endpoints docker-java cannot speak to
 * ({@code ssh://}, whose transport is the CLI's own: it runs {@code docker system dial-stdio} on the
 * far side through the user's {@code ssh}). The same two questions as docker-java's:
 * {@code docker version} (the server part) and {@code docker info}, as JSON.
 */
final class CliEngineQueries {

  private CliEngineQueries() {}

  static EngineFacts engine(String docker, ProcessRunner runner, DockerEndpoint endpoint, String image)
      throws InterruptedException {
    String version = ask(docker, runner, endpoint, image, "version", "{{json .Server}}");
    String info = ask(docker, runner, endpoint, image, "info", "{{json .}}");
    try {
      return facts(endpoint, Json.tree(version), Json.tree(info));
    } catch (IOException e) {
      throw new EngineException("the engine at " + endpoint + " (image " + image + ") gave no readable answer to "
          + "docker version/info: " + e.getMessage());
    }
  }

  /** The facts of {@code docker version}'s server part and {@code docker info}, both JSON. */
  static EngineFacts facts(DockerEndpoint endpoint, Tree server, Tree info) {
    boolean containerd = false;
    for (Tree pair : info.path("DriverStatus").elements()) {
      if (pair.size() == 2 && pair.path(0).asText().equals("driver-type")
          && pair.path(1).asText().startsWith("io.containerd.snapshotter")) {
        containerd = true;
      }
    }
    String os = server.path("Os").asText("linux");
    String arch = server.path("Arch").asText(info.path("Architecture").asText());
    return new EngineFacts(endpoint, server.path("Version").asText(), server.path("ApiVersion").asText(),
        os + "/" + arch, containerd, !info.path("HTTPSProxy").asText("").isBlank());
  }

  private static String ask(String docker, ProcessRunner runner, DockerEndpoint endpoint, String image,
      String command, String format) throws InterruptedException {
    List<String> line = new ArrayList<>(List.of(docker));
    line.addAll(endpoint.cliOptions());
    line.addAll(List.of(command, "--format", format));
    // stderr comes on the same stream (ssh's warnings, say): the answer is the JSON line
    StringBuilder out = new StringBuilder();
    ProcessRunner.Result result;
    try {
      result = runner.run(line, EngineProbe.QUERY_TIMEOUT, text -> {
        if (text.startsWith("{")) {
          out.setLength(0);
          out.append(text);
        }
      });
    } catch (CommandFailedException e) {
      throw new EngineException("cannot run docker (image " + image + "): " + e.getMessage()
          + "; install the docker CLI or set <dockerExecutable>");
    }
    String answer = out.toString().strip();
    if (!result.succeeded() || !answer.startsWith("{")) {
      String said = result.tail().stream().map(String::strip).filter(text -> !text.isEmpty())
          .reduce((first, second) -> second).orElse("exit code " + result.exitCode());
      throw new EngineException("no Docker engine answers at " + endpoint + " (image " + image + "): docker "
          + command + " said: " + said + "; check that the host is reachable (for ssh://, that 'ssh' logs in without a "
          + "prompt and the far side has the docker CLI), or point DOCKER_HOST or the docker context at a running engine");
    }
    return answer;
  }
}
