package io.github.dockerbuild.engine;

import io.github.dockerbuild.config.LazyLibrary;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the engine(s) and buildx what they can do, then runs {@link PreflightChecks}. Engine queries
 * go through docker-java (Unix sockets, TCP with or without TLS) or, for endpoints only the CLI
 * speaks to ({@code ssh://}), through the CLI; buildx has no API and is asked through the CLI. Answers are cached per
 * node for the life of the probe (one Maven session), so a reactor of many image modules asks once;
 * the questions run concurrently.
 */
public final class EngineProbe {
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(20);

  private final String docker;
  private final ProcessRunner runner;
  private final DockerEndpointResolver resolver;
  private final Map<String, CompletableFuture<EngineFacts>> engines = new ConcurrentHashMap<>();
  private final Map<PlatformNode, CompletableFuture<BuilderFacts>> builders = new ConcurrentHashMap<>();
  private final CompletableFuture<String> buildxVersion = new CompletableFuture<>();
  private final AtomicBoolean buildxAsked = new AtomicBoolean();

  public EngineProbe(String docker, ProcessRunner runner, DockerEndpointResolver resolver) {
    this.docker = docker;
    this.runner = runner;
    this.resolver = resolver;
  }

  /**
   * Starts asking buildx (its version, and each node's builder) and the engine of each node of a
   * context in the background, so those questions overlap (a pool of SSH nodes is asked at once, not
   * one node after another) instead of following each other.
   */
  public void prefetch(Collection<PlatformNode> nodes, String image) {
    CompletableFuture.runAsync(this::askBuildxVersion, BACKGROUND);
    for (PlatformNode node : nodes) {
      builderFuture(node, image);
      if (node.context() != null) {
        CompletableFuture.runAsync(() -> {
          DockerEndpoint endpoint;
          try {
            endpoint = resolver.resolveContext(node.context());
          } catch (RuntimeException e) {
            return; // reported when the check asks
          }
          engineFuture(endpoint, image);
        }, BACKGROUND);
      }
    }
  }

  /**
   * Starts every question about the default engine and builder in the background and returns at
   * once; answers (or failures) wait in the probe for {@link #check}.
   */
  public void warmUp(String image) {
    prefetch(List.of(PlatformNode.DEFAULT), image);
    // even finding the endpoint (DOCKER_HOST, the docker context) happens off the caller's thread
    CompletableFuture.runAsync(() -> {
      DockerEndpoint endpoint;
      try {
        endpoint = resolver.resolve();
      } catch (RuntimeException e) {
        return; // reported when the build asks
      }
      engineFuture(endpoint, image);
    }, BACKGROUND);
  }

  /** The phases of the default lifecycle from {@code package} on, the build goal's default phase. */
  private static final java.util.Set<String> ENGINE_PHASES = java.util.Set.of("package", "pre-integration-test",
      "integration-test", "post-integration-test", "verify", "install", "deploy");

  /**
   * Whether these command-line tasks may run a goal that asks the engine (build, preflight,
   * compare): a phase from {@code package} on, or such a goal. A guess made before the plan, to
   * start the questions early; the plan asks again for the goals it finds, so a wrong guess costs
   * background work only.
   */
  public static boolean askedBy(List<String> tasks) {
    for (String task : tasks) {
      String goal = task.substring(task.lastIndexOf(':') + 1);
      if (ENGINE_PHASES.contains(task)
          || task.contains(":") && (goal.equals("build") || goal.equals("preflight") || goal.equals("compare"))) {
        return true;
      }
    }
    return false;
  }

  /** The engine of the default context: where builds go unless a node says otherwise. */
  public EngineFacts defaultEngine(String image) throws InterruptedException {
    return engine(resolver.resolve(), image);
  }

  /**
   * What the checks found: the buildx version, what each node of the build said, the spec with the
   * pools of the nodes that answered, and a warning per node of a pool that did not answer.
   */
  public record Checked(String buildx, Map<PlatformNode, PreflightChecks.Node> nodes, ImageSpec spec,
      List<String> warnings) {}

  /**
   * Checks that every node of {@code spec} can build what it asks, before any build starts. A
   * platform with a pool of nodes builds on those that answer ({@code NodeScheduler} spreads the
   * builds); one that does not is skipped with a warning, and a pool of which none answers is a
   * problem naming each.
   *
   * @param defaultEngine what {@link #defaultEngine} returned
   * @throws EngineException one line per problem, when any
   */
  public Checked check(ImageSpec spec, EngineFacts defaultEngine) throws InterruptedException {
    String buildx = buildxVersion();
    Map<PlatformNode, PreflightChecks.Node> nodes = new LinkedHashMap<>();
    Map<Platform, List<PlatformNode>> live = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    java.util.Set<String> warnings = new java.util.LinkedHashSet<>();
    if (buildx != null) {
      for (Platform platform : spec.platforms()) {
        List<PlatformNode> pool = spec.pool(platform);
        List<PlatformNode> answered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (PlatformNode node : pool) {
          try {
            if (!nodes.containsKey(node)) {
              EngineFacts engine = node.context() == null
                  ? defaultEngine : engine(resolver.resolveContext(node.context()), spec.image());
              nodes.put(node, new PreflightChecks.Node(node, engine, join(builderFuture(node, spec.image()))));
            }
            answered.add(node);
          } catch (EngineException e) {
            if (pool.size() == 1) {
              throw e;
            }
            failures.add("node " + describe(node) + ": " + e.getMessage());
          }
        }
        if (answered.isEmpty()) {
          problems.add("no node of " + platform + " answers (image " + spec.image() + "): "
              + String.join("; ", failures) + "; start one, or add a node that answers to the pool");
        } else {
          live.put(platform, answered);
          String on = answered.stream().map(EngineProbe::describe).collect(java.util.stream.Collectors.joining(", "));
          failures.forEach(failure -> warnings.add(platform + " skips " + failure + "; it builds on " + on));
        }
      }
    }
    ImageSpec checked = spec.withPools(live);
    problems.addAll(PreflightChecks.check(checked, buildx, nodes));
    if (!problems.isEmpty()) {
      throw new EngineException(String.join(System.lineSeparator(), problems));
    }
    return new Checked(buildx, Map.copyOf(nodes), checked, List.copyOf(warnings));
  }

  /** Describes the engine at {@code endpoint} (asked once per probe); fails with a one-line fix when none answers. */
  public EngineFacts engine(DockerEndpoint endpoint, String image) throws InterruptedException {
    return join(engineFuture(endpoint, image));
  }

  private CompletableFuture<EngineFacts> engineFuture(DockerEndpoint endpoint, String image) {
    return engines.computeIfAbsent(endpoint.host(),
        host -> CompletableFuture.supplyAsync(() -> queryEngine(endpoint, image), BACKGROUND));
  }

  private EngineFacts queryEngine(DockerEndpoint endpoint, String image) {
    if (!endpoint.dockerJavaCanReach()) {
      // ssh:// and the like: the CLI's own transport, asked through the CLI
      try {
        return CliEngineQueries.engine(docker, runner, endpoint, image);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    }
    // docker-java is not in the realm Maven makes at start-up: it joins it here, on this background thread
    try {
      LazyLibrary.DOCKER_JAVA.require("the engine's version and info");
      if (endpoint.tls() != null) {
        LazyLibrary.BOUNCY_CASTLE.require("the engine's TLS client key");
      }
    } catch (IllegalStateException e) {
      // e.g. offline with docker-java not in the local repository: one line, as every engine problem
      throw new EngineException("image " + image + ": " + e.getMessage());
    }
    return DockerJavaQueries.engine(endpoint, image);
  }

  /**
   * The id of the image the default engine holds under {@code reference}, or empty when it holds
   * none, cannot be asked through docker-java, or does not answer: for a check that builds when in
   * doubt.
   */
  public java.util.Optional<String> localImageId(String reference, String image) throws InterruptedException {
    EngineFacts engine;
    try {
      engine = defaultEngine(image);
    } catch (EngineException e) {
      return java.util.Optional.empty();
    }
    if (!engine.endpoint().dockerJavaCanReach()) {
      return java.util.Optional.empty();
    }
    try {
      LazyLibrary.DOCKER_JAVA.require("the engine's version and info");
      return DockerJavaQueries.imageId(engine.endpoint(), reference);
    } catch (RuntimeException | LinkageError e) {
      return java.util.Optional.empty();
    }
  }

  /** The first line of {@code docker buildx version}, or null when buildx is not installed. */
  public String buildxVersion() throws InterruptedException {
    askBuildxVersion();
    return join(buildxVersion);
  }

  private void askBuildxVersion() {
    if (!buildxAsked.compareAndSet(false, true)) {
      return;
    }
    try {
      ProcessRunner.Result result = runner.run(List.of(docker, "buildx", "version"), QUERY_TIMEOUT, line -> { });
      buildxVersion.complete(result.succeeded() && !result.tail().isEmpty() ? result.tail().get(0) : null);
    } catch (CommandFailedException e) {
      if (e.notStarted()) {
        // no docker CLI at all: saying buildx is missing would send the user to install the wrong thing
        buildxVersion.completeExceptionally(new EngineException("cannot run " + docker + " ("
            + e.getMessage().substring(e.getMessage().indexOf("could not start: ") + "could not start: ".length())
            + "): install the docker CLI, or set <dockerExecutable> (-Ddocker.executable) to its path"));
        return;
      }
      buildxVersion.complete(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      buildxVersion.completeExceptionally(e);
    }
  }

  private CompletableFuture<BuilderFacts> builderFuture(PlatformNode node, String image) {
    return builders.computeIfAbsent(node,
        n -> CompletableFuture.supplyAsync(() -> inspectBuilder(n, image), BACKGROUND));
  }

  private BuilderFacts inspectBuilder(PlatformNode node, String image) {
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
    return BuilderFacts.parse(out.toString());
  }

  /** Waits for a probe answer; rethrows its failure as it was thrown. */
  private static <T> T join(CompletableFuture<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
      if (cause instanceof InterruptedException ie) {
        throw ie;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static String describe(PlatformNode node) {
    String builder = node.builder() == null ? "(default)" : "'" + node.builder() + "'";
    return node.context() == null ? builder : builder + " of context '" + node.context() + "'";
  }

  private static final Executor BACKGROUND = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "docker-build-probe");
    t.setDaemon(true);
    return t;
  });
}
