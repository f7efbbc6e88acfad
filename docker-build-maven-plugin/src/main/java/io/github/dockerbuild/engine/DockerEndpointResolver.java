package io.github.dockerbuild.engine;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
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
      return fromDockerHost(host.trim());
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
          ? fromDockerHost(host.trim())
          : new DockerEndpoint(DockerEndpoint.DEFAULT_HOST, "the default socket");
    }
    Path meta = configDir.resolve("contexts").resolve("meta").resolve(sha256(name)).resolve("meta.json");
    try {
      Tree docker = Json.tree(meta).path("Endpoints").path("docker");
      Tree host = docker.path("Host");
      if (host.isText() && !host.asText().isBlank()) {
        // a context's TLS material lives beside its metadata: contexts/tls/<hash>/docker/{ca,cert,key}.pem
        Path tls = configDir.resolve("contexts").resolve("tls").resolve(sha256(name)).resolve("docker");
        boolean hasTls = host.asText().startsWith("tcp://") && Files.isDirectory(tls);
        return new DockerEndpoint(host.asText(), "docker context " + name, name, hasTls ? tls : null,
            hasTls && !docker.path("SkipTLSVerify").asBoolean(false));
      }
    } catch (IOException e) {
      // reported below
    }
    throw new EngineException("docker context '" + name + "' does not exist (no " + meta
        + "): create it with 'docker context create " + name + " --docker host=...' or fix the name");
  }

  /**
   * {@code DOCKER_HOST}, with TLS as the docker CLI takes it from the environment:
   * {@code DOCKER_TLS_VERIFY} set (to anything but empty or {@code 0}) speaks TLS and checks the
   * engine's certificate, with the files of {@code DOCKER_CERT_PATH} (default {@code ~/.docker}).
   */
  private DockerEndpoint fromDockerHost(String host) {
    String verify = env.get("DOCKER_TLS_VERIFY");
    boolean tls = host.startsWith("tcp://") && verify != null && !verify.isEmpty() && !verify.equals("0");
    if (!tls) {
      return new DockerEndpoint(host, "DOCKER_HOST");
    }
    String certPath = env.get("DOCKER_CERT_PATH");
    Path dir = certPath != null && !certPath.isBlank() ? Path.of(certPath) : configDir;
    return new DockerEndpoint(host, "DOCKER_HOST", null, dir, true);
  }

  private String currentContext() {
    Path config = configDir.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return null;
    }
    try {
      Tree node = Json.tree(config).path("currentContext");
      return node.isMissing() ? null : node.asText();
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
