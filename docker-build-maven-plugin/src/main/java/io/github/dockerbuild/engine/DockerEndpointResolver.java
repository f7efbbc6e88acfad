package io.github.dockerbuild.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Finds the engine the way the docker CLI does: {@code DOCKER_HOST}, else the context named by
 * {@code DOCKER_CONTEXT}, else the {@code currentContext} of {@code config.json}, else the default
 * socket. Context metadata lives in {@code contexts/meta/<sha256 of the name>/meta.json} beside
 * {@code config.json} ({@code DOCKER_CONFIG} or {@code ~/.docker}).
 */
public final class DockerEndpointResolver {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Path configDir;

  public DockerEndpointResolver(Map<String, String> env, Path userHome) {
    this.env = Map.copyOf(env);
    String dockerConfig = env.get("DOCKER_CONFIG");
    this.configDir = dockerConfig != null && !dockerConfig.isBlank()
        ? Path.of(dockerConfig) : userHome.resolve(".docker");
  }

  public static DockerEndpointResolver fromSystem() {
    return new DockerEndpointResolver(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The endpoint of the default context (no {@code --context} given). */
  public DockerEndpoint resolve() {
    String host = env.get("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return new DockerEndpoint(host.trim(), "DOCKER_HOST");
    }
    String context = env.get("DOCKER_CONTEXT");
    if (context == null || context.isBlank()) {
      context = currentContext();
    }
    if (context == null || context.isBlank() || context.equals("default")) {
      return new DockerEndpoint(DockerEndpoint.DEFAULT_HOST, "the default socket");
    }
    return resolveContext(context.trim());
  }

  /**
   * The endpoint of a named context ({@code docker --context NAME}).
   *
   * @throws EngineException when the context does not exist
   */
  public DockerEndpoint resolveContext(String name) {
    if (name.equals("default")) {
      String host = env.get("DOCKER_HOST");
      return host != null && !host.isBlank()
          ? new DockerEndpoint(host.trim(), "DOCKER_HOST")
          : new DockerEndpoint(DockerEndpoint.DEFAULT_HOST, "the default socket");
    }
    Path meta = configDir.resolve("contexts").resolve("meta").resolve(sha256(name)).resolve("meta.json");
    try {
      JsonNode host = JSON.readTree(meta.toFile()).path("Endpoints").path("docker").path("Host");
      if (host.isTextual() && !host.asText().isBlank()) {
        return new DockerEndpoint(host.asText(), "docker context " + name);
      }
    } catch (IOException e) {
      // reported below
    }
    throw new EngineException("docker context '" + name + "' does not exist (no " + meta
        + "): create it with 'docker context create " + name + " --docker host=...' or fix the name");
  }

  private String currentContext() {
    Path config = configDir.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(config.toFile()).get("currentContext");
      return node == null ? null : node.asText();
    } catch (IOException e) {
      return null;
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
