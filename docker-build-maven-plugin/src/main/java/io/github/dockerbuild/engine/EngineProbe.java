package io.github.dockerbuild.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.dockerbuild.buildx.ImageSpec;
import io.github.dockerbuild.buildx.Platform;
import io.github.dockerbuild.buildx.PlatformNode;
import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the engine(s) and buildx what they can do, then runs {@link PreflightChecks}. Engine queries
 * go through docker-java; buildx has no API and is asked through the CLI. Answers are cached per
 * node for the life of the probe (one Maven build), so a reactor of many image modules asks once.
 */
public final class EngineProbe {
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(20);

  private final String docker;
  private final ProcessRunner runner;
  private final DockerEndpointResolver resolver;
  private final Map<String, EngineFacts> engines = new ConcurrentHashMap<>();
  private final Map<PlatformNode, BuilderFacts> builders = new ConcurrentHashMap<>();
  private volatile String buildxVersion;

  public EngineProbe(String docker, ProcessRunner runner, DockerEndpointResolver resolver) {
    this.docker = docker;
    this.runner = runner;
    this.resolver = resolver;
  }

  /** The engine of the default context: where builds go unless a node says otherwise. */
  public EngineFacts defaultEngine(String image) {
    return engine(resolver.resolve(), image);
  }

  /**
   * Checks that every node of {@code spec} can build what it asks, before any build starts.
   *
   * @param defaultEngine what {@link #defaultEngine} returned
   * @return the buildx version
   * @throws EngineException one line per problem, when any
   */
  public String check(ImageSpec spec, EngineFacts defaultEngine) throws InterruptedException {
    String buildx = buildxVersion();
    Map<PlatformNode, PreflightChecks.Node> nodes = new LinkedHashMap<>();
    if (buildx != null) {
      for (Platform platform : spec.platforms()) {
        PlatformNode node = spec.node(platform);
        if (!nodes.containsKey(node)) {
          EngineFacts engine = node.context() == null
              ? defaultEngine : engine(resolver.resolveContext(node.context()), spec.image());
          nodes.put(node, new PreflightChecks.Node(node, engine, builder(node, spec.image())));
        }
      }
    }
    List<String> problems = PreflightChecks.check(spec, buildx, nodes);
    if (!problems.isEmpty()) {
      throw new EngineException(String.join(System.lineSeparator(), problems));
    }
    return buildx;
  }

  /** Pings and describes the engine at {@code endpoint}; fails with a one-line fix when none answers. */
  public EngineFacts engine(DockerEndpoint endpoint, String image) {
    EngineFacts known = engines.get(endpoint.host());
    if (known != null) {
      return known;
    }
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint.host()).build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(QUERY_TIMEOUT)
        .build();
    try (DockerClient client = DockerClientImpl.getInstance(config, http)) {
      client.pingCmd().exec();
      EngineFacts facts = EngineFacts.of(endpoint, client.versionCmd().exec(), client.infoCmd().exec());
      engines.put(endpoint.host(), facts);
      return facts;
    } catch (IOException | RuntimeException e) {
      throw new EngineException("no Docker engine answers at " + endpoint + " (image " + image + "): "
          + "start Docker, or point DOCKER_HOST or the docker context at a running engine; "
          + "-Ddocker.skip=true skips the image goals");
    }
  }

  /** The first line of {@code docker buildx version}, or null when buildx is not installed. */
  public String buildxVersion() throws InterruptedException {
    if (buildxVersion == null) {
      try {
        ProcessRunner.Result result = runner.run(List.of(docker, "buildx", "version"), QUERY_TIMEOUT, line -> { });
        buildxVersion = result.succeeded() && !result.tail().isEmpty() ? result.tail().get(0) : null;
      } catch (CommandFailedException e) {
        buildxVersion = null;
      }
    }
    return buildxVersion;
  }

  private BuilderFacts builder(PlatformNode node, String image) throws InterruptedException {
    BuilderFacts known = builders.get(node);
    if (known != null) {
      return known;
    }
    List<String> command = new ArrayList<>(List.of(docker));
    if (node.context() != null) {
      command.addAll(List.of("--context", node.context()));
    }
    command.addAll(List.of("buildx", "inspect"));
    if (node.builder() != null) {
      command.add(node.builder());
    }
    StringBuilder out = new StringBuilder();
    try {
      ProcessRunner.Result result = runner.run(command, QUERY_TIMEOUT, line -> out.append(line).append('\n'));
      if (!result.succeeded()) {
        throw new EngineException("buildx builder " + describe(node) + " is not usable (image " + image + "): "
            + (result.tail().isEmpty() ? "exit code " + result.exitCode() : result.tail().get(result.tail().size() - 1))
            + "; list builders with 'docker buildx ls' and fix <builder>/<nodes>");
      }
    } catch (CommandFailedException e) {
      throw new EngineException("cannot run docker (image " + image + "): " + e.getMessage()
          + "; install the docker CLI or set <dockerExecutable>");
    }
    BuilderFacts facts = BuilderFacts.parse(out.toString());
    builders.put(node, facts);
    return facts;
  }

  private static String describe(PlatformNode node) {
    String builder = node.builder() == null ? "(default)" : "'" + node.builder() + "'";
    return node.context() == null ? builder : builder + " of context '" + node.context() + "'";
  }
}
