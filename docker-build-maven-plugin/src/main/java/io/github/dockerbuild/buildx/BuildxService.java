package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.registry.RetryPolicy;
import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import io.github.dockerbuild.exec.StepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds one image for all its platforms: one {@code docker buildx build} per platform, in
 * parallel, each streamed to the log with a {@code [os/arch]} prefix. A failing platform never stops
 * the others; the caller gets every platform's result.
 */
public final class BuildxService {
  private final String docker;
  private final ProcessRunner runner;
  private final StepRunner steps;
  private final BuildLog log;
  private final RetryPolicy retries;
  private final LayoutPush layouts;
  private final ManifestReader manifests;
  private final BuildOutput output;
  private final NodeScheduler scheduler;

  public BuildxService(String docker, ProcessRunner runner, StepRunner steps, BuildLog log) {
    this(docker, runner, steps, log, RetryPolicy.DEFAULT, LayoutPush.NONE, ManifestReader.NONE);
  }

  /**
   * @param layouts pushes what a reproducible build wrote as an OCI layout
   * @param manifests reads the pushed manifests, for the layer sizes
   */
  public BuildxService(String docker, ProcessRunner runner, StepRunner steps, BuildLog log, LayoutPush layouts,
      ManifestReader manifests) {
    this(docker, runner, steps, log, RetryPolicy.DEFAULT, layouts, manifests);
  }

  /**
   * A build whose reproducible images are pushed from their OCI layouts, and whose pushed manifests
   * are read for their layer sizes, by the plugin's own registry client (its retries, its login):
   * no {@code imagetools} process per platform.
   */
  public static BuildxService withRegistry(String docker, ProcessRunner runner, StepRunner steps, BuildLog log,
      io.github.dockerbuild.registry.RegistryClient client) {
    LayoutPush layouts = (layout, references) -> new io.github.dockerbuild.registry.OciLayoutPusher(client)
        .push(layout, references.stream().map(io.github.dockerbuild.registry.ImageRef::parse).toList()).value();
    ManifestReader manifests = reference -> {
      try {
        return client.pullManifest(io.github.dockerbuild.registry.ImageRef.parse(reference)).bytes();
      } catch (io.github.dockerbuild.registry.RegistryException e) {
        throw new IOException(e.getMessage(), e);
      }
    };
    return new BuildxService(docker, runner, steps, log, layouts, manifests);
  }

  /** @param retries how often a push that failed on a transient registry error is tried again (publish's policy) */
  BuildxService(String docker, ProcessRunner runner, StepRunner steps, BuildLog log, RetryPolicy retries,
      LayoutPush layouts, ManifestReader manifests) {
    this(docker, runner, steps, log, retries, layouts, manifests, BuildOutput.PLAIN, NodeScheduler.SHARED);
  }

  private BuildxService(String docker, ProcessRunner runner, StepRunner steps, BuildLog log, RetryPolicy retries,
      LayoutPush layouts, ManifestReader manifests, BuildOutput output, NodeScheduler scheduler) {
    this.scheduler = scheduler;
    this.output = output;
    this.docker = docker;
    this.runner = runner;
    this.steps = steps;
    this.log = log;
    this.retries = retries;
    this.layouts = layouts;
    this.manifests = manifests;
  }

  /** This service showing BuildKit's output as {@code output} says (plain by default). */
  public BuildxService withOutput(BuildOutput output) {
    return new BuildxService(docker, runner, steps, log, retries, layouts, manifests, output, scheduler);
  }

  /** This service spreading pools' builds with {@code scheduler} (the session's by default). */
  BuildxService withScheduler(NodeScheduler scheduler) {
    return new BuildxService(docker, runner, steps, log, retries, layouts, manifests, output, scheduler);
  }

  /**
   * Builds every platform of {@code spec}.
   *
   * @param workDir where per-platform metadata files are written
   * @param inputs decides on each registry cache source and pins verified base images
   */
  public List<PlatformResult> build(ImageSpec spec, Path workDir, InputPolicy inputs)
      throws InterruptedException, IOException {
    Files.createDirectories(workDir);
    List<StepRunner.Step<PlatformResult>> work = new ArrayList<>();
    for (Platform platform : spec.platforms()) {
      work.add(new StepRunner.Step<>(platform.toString(), () -> buildOne(spec, platform, workDir, inputs)));
    }
    List<PlatformResult> results = new ArrayList<>();
    for (StepRunner.Outcome<PlatformResult> outcome : steps.run(work)) {
      if (outcome.succeeded()) {
        results.add(outcome.value());
      } else {
        if (outcome.failure() instanceof InterruptedException ie) {
          throw ie;
        }
        Platform platform = Platform.parse(outcome.name());
        results.add(new PlatformResult(platform, false, null, null, String.valueOf(outcome.failure().getMessage()), 0));
      }
    }
    return results;
  }

  /**
   * Builds a platform on a node of its pool ({@link NodeScheduler}), or on its one node; with
   * {@code retryOnAnotherNode}, a failure that is not the build's own ({@link OwnFailure}) is built
   * again on a node of the pool it has not failed on, each retry a warning and each failure kept in
   * the result.
   */
  private PlatformResult buildOne(ImageSpec spec, Platform platform, Path workDir, InputPolicy inputs)
      throws InterruptedException, IOException {
    List<PlatformNode> pool = spec.pool(platform);
    List<PlatformNode> tried = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    while (true) {
      PlatformNode node = scheduler.acquire(pool, tried);
      PlatformResult result;
      try {
        result = buildOn(pool.size() == 1 ? spec : spec.withNodes(Map.of(platform, node)), platform, workDir, inputs);
      } finally {
        scheduler.release(node, pool);
      }
      tried.add(node);
      if (result.succeeded() || !spec.retryOnAnotherNode() || tried.containsAll(pool)) {
        return result.afterFailures(failures);
      }
      String own = OwnFailure.of(result.error());
      if (own != null) {
        log.info(output.prefix(platform) + "not built again on another node: the failure is the build's own (\""
            + own.trim() + "\"), every node would meet it");
        return result.afterFailures(failures);
      }
      failures.add(describe(node) + ": " + result.error());
      log.warn(output.prefix(platform) + "failed on " + describe(node) + "; building it again on another node of "
          + "its pool (retryOnAnotherNode)");
    }
  }

  private PlatformResult buildOn(ImageSpec spec, Platform platform, Path workDir, InputPolicy inputs)
      throws InterruptedException, IOException {
    String prefix = output.prefix(platform);
    Path metadata = BuildxArguments.metadataFile(workDir, spec, platform);
    Files.deleteIfExists(metadata);
    Path layout = BuildxArguments.layoutDir(metadata);
    deleteTree(layout);
    List<CacheUse> uses = new ArrayList<>();
    for (CacheEntry entry : spec.cacheFrom()) {
      CacheEntry resolved = entry.resolve(spec.placeholders(platform));
      uses.add(resolved.registryRef() == null ? CacheUse.plain(resolved) : inputs.cacheSource(resolved, platform));
    }
    List<CacheEntry> sources = uses.stream().map(CacheUse::passed).filter(java.util.Objects::nonNull).toList();
    Map<String, String> pinned = inputs.pinnedArgs(platform, spec.buildArgs(platform));
    List<String> command = BuildxArguments.of(docker, spec, platform, metadata, sources, pinned);
    log.debug(prefix + "command: " + io.github.dockerbuild.exec.ShellLine.of(BuildxArguments.redacted(command)));
    Details details = new Details(describe(spec.node(platform)), uses,
        spec.cacheTo().stream().map(e -> e.resolve(spec.placeholders(platform))).toList(),
        output(command), BuildxArguments.redacted(command));
    // the first attempt's steps are the build's; a retried push finds them in BuildKit's cache
    ProgressTally stepCounts = new ProgressTally();
    ProgressTally tally = stepCounts;
    // a platform with a pool says which of its nodes took this build
    log.info(prefix + "building " + describeTarget(spec, platform)
        + (spec.pool(platform).size() > 1 ? " on " + describe(spec.node(platform)) : ""));
    long start = System.nanoTime();
    BuildOutput.Sink sink = output.open(workDir, platform, log);
    try {
      ProcessRunner.Result result;
      for (int attempt = 1; ; attempt++) {
        ProgressTally current = tally;
        result = runner.run(command, spec.timeout(), line -> {
          current.accept(line);
          sink.line(line);
        });
        TransientPush transientPush = result.succeeded() ? null : TransientPush.of(result.tail());
        if (transientPush == null || attempt >= transientPush.attempts(retries.maxAttempts())) {
          break;
        }
        java.time.Duration delay = retries.delay(attempt, java.util.Optional.empty(), Math.random());
        log.warn(prefix + (transientPush.once()
            ? "the push failed on a manifest PUT answered 400 (" + transientPush.line().substring(7) + "); "
                + TransientPush.WHY_ONCE + "; pushing once more from BuildKit's cache in "
                + RetryPolicy.seconds(delay)
            : "the push failed on a transient registry error (" + transientPush.line().substring(7)
                + "); pushing again from BuildKit's cache, " + retries.nextAttempt(attempt, delay)));
        Thread.sleep(delay.toMillis());
        tally = new ProgressTally();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!result.succeeded()) {
        String why = new CommandFailedException(command, result.exitCode(), result.tail(), "failed").getMessage();
        sink.failed();
        log.warn(prefix + "FAILED after " + millis + " ms: " + why);
        return details.result(platform, false, null, null, why, millis, stepCounts, null);
      }
      String digest;
      try {
        digest = readDigest(metadata);
      } catch (IOException e) {
        long after = (System.nanoTime() - start) / 1_000_000;
        String why = "buildx succeeded but its result " + metadata + " cannot be read: " + e.getMessage();
        sink.failed();
        log.warn(prefix + "FAILED after " + after + " ms: " + why);
        return details.result(platform, false, null, null, why, after, stepCounts, null);
      }
      if (spec.push() && spec.reproducible()) {
        String pushed;
        try {
          pushed = layouts.push(layout, spec.archReferences(platform));
        } catch (IOException | RuntimeException e) {
          long after = (System.nanoTime() - start) / 1_000_000;
          String why = "built, but pushing " + spec.archReference(platform) + " failed: " + e.getMessage();
          sink.failed();
          log.warn(prefix + "FAILED after " + after + " ms: " + why);
          return details.result(platform, false, null, null, why, after, stepCounts, null);
        }
        if (digest != null && !digest.equals(pushed)) {
          throw new IOException("buildx reported " + digest + " but its OCI layout holds " + pushed);
        }
        digest = pushed;
      }
      // one result line: the steps, the digest and, for a reproducible image, where it was pushed
      log.info(prefix + "done in " + millis + " ms (" + steps(stepCounts) + ")" + (digest == null ? "" : ": " + digest)
          + (spec.push() && spec.reproducible() ? ", the reproducible image pushed as "
              + String.join(", ", spec.archReferences(platform)) : ""));
      warnCacheErrors(spec, prefix, tally);
      List<String> retried = tally.retriedErrors();
      if (!retried.isEmpty()) {
        // BuildKit retried by itself and succeeded: the transient error still belongs in the warnings
        log.warn(prefix + "the push hit " + retried.size() + " transient registry error" + (retried.size() == 1 ? "" : "s")
            + ", retried by BuildKit: " + retried.get(0));
      }
      Sizes sizes = spec.push() && digest != null ? sizes(spec.archReference(platform), digest, platform, prefix) : null;
      return details.result(platform, true, target(spec, platform), digest, null, millis, stepCounts, sizes);
    } catch (CommandFailedException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      sink.failed();
      log.warn(prefix + "FAILED: " + e.getMessage());
      return details.result(platform, false, null, null, e.getMessage(), millis, stepCounts, null);
    } finally {
      sink.close();
    }
  }

  /** {@code 4 steps, 3 cached}: the Dockerfile steps of the build. */
  static String steps(ProgressTally tally) {
    int cached = tally.cached();
    int total = cached + tally.executed();
    return total + (total == 1 ? " step, " : " steps, ") + cached + " cached";
  }

  /**
   * One warning for the cache a successful build could not read or write: a person scanning the CI
   * log for warnings must see that the build ran (or ends) without its cache.
   */
  private void warnCacheErrors(ImageSpec spec, String prefix, ProgressTally tally) {
    List<String> errors = tally.cacheErrors();
    if (!errors.isEmpty()) {
      log.warn(prefix + "image " + spec.image() + ": the build succeeded without part of its cache: "
          + String.join("; ", errors));
    }
  }

  /** Removes an OCI layout directory of an earlier build, so BuildKit writes a fresh one. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }


  /** What is known of a platform's build before it runs, for the record. */
  private record Details(String builder, List<CacheUse> cacheFrom, List<CacheEntry> cacheTo, String output,
      List<String> command) {
    PlatformResult result(Platform platform, boolean ok, String reference, String digest, String error, long millis,
        ProgressTally tally, Sizes sizes) {
      return new PlatformResult(platform, ok, reference, digest, error, millis, builder, cacheFrom, cacheTo, output,
          tally.cached(), tally.executed(), sizes == null ? null : sizes.total(), sizes == null ? null : sizes.layers(),
          command);
    }
  }

  /** The compressed sizes of a pushed image: layers and config, and each layer. */
  record Sizes(long total, List<Long> layers) {}

  /**
   * Reads the layer sizes of a pushed image from the registry (in process, no imagetools); the per-arch digest may be an index
   * (when buildx attached attestations), then its child of this platform is read. A failure only
   * costs the sizes, never the build.
   */
  private Sizes sizes(String archReference, String digest, Platform platform, String prefix) throws InterruptedException {
    String repository = repository(archReference);
    try {
      Tree manifest = inspect(repository + "@" + digest);
      if (manifest.has("manifests")) {
        String child = childOf(manifest, platform);
        if (child == null) {
          log.info(prefix + "layer sizes not recorded: the index " + digest + " has no " + platform + " image");
          return null;
        }
        manifest = inspect(repository + "@" + child);
      }
      return sizesOf(manifest);
    } catch (IOException e) {
      log.info(prefix + "layer sizes not recorded: " + e.getMessage());
      return null;
    }
  }

  private Tree inspect(String reference) throws InterruptedException, IOException {
    return Json.tree(manifests.read(reference));
  }

  /** The digest of the index child for {@code platform}, skipping attestation manifests. */
  static String childOf(Tree index, Platform platform) {
    for (Tree m : index.path("manifests").elements()) {
      Tree p = m.path("platform");
      String variant = p.path("variant").exists() ? p.path("variant").asText() : null;
      if (platform.os().equals(p.path("os").asText()) && platform.architecture().equals(p.path("architecture").asText())
          && (platform.variant() == null || platform.variant().equals(variant))) {
        return m.path("digest").asText(null);
      }
    }
    return null;
  }

  static Sizes sizesOf(Tree manifest) throws IOException {
    if (!manifest.has("layers")) {
      throw new IOException("the manifest has no layers");
    }
    List<Long> layers = new ArrayList<>();
    long total = manifest.path("config").path("size").asLong(0);
    for (Tree layer : manifest.path("layers").elements()) {
      long size = layer.path("size").asLong(0);
      layers.add(size);
      total += size;
    }
    return new Sizes(total, layers);
  }

  /** {@code host/repo:tag} to {@code host/repo}. */
  static String repository(String reference) {
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    return colon > slash ? reference.substring(0, colon) : reference;
  }

  /** {@code default}, {@code builder NAME}, {@code context NAME} or both. */
  static String describe(PlatformNode node) {
    List<String> parts = new ArrayList<>();
    if (node.context() != null) {
      parts.add("context " + node.context());
    }
    if (node.builder() != null) {
      parts.add("builder " + node.builder());
    }
    return parts.isEmpty() ? "default" : String.join(", ", parts);
  }

  /** What buildx does with the result: the {@code --output} value, or {@code --load} with the tags. */
  static String output(List<String> command) {
    int i = command.indexOf("--output");
    if (i >= 0 && i + 1 < command.size()) {
      return command.get(i + 1);
    }
    if (command.contains("--load")) {
      List<String> tags = new ArrayList<>();
      for (int t = 0; t + 1 < command.size(); t++) {
        if (command.get(t).equals("--tag")) {
          tags.add(command.get(t + 1));
        }
      }
      return "--load " + String.join(",", tags);
    }
    return null;
  }

  private static String target(ImageSpec spec, Platform platform) {
    if (spec.push()) {
      return spec.archReference(platform);
    }
    return platform.equals(spec.nativePlatform()) ? spec.references().get(0) : null;
  }

  private static String describeTarget(ImageSpec spec, Platform platform) {
    if (spec.push()) {
      return "and pushing " + spec.archReference(platform);
    }
    if (platform.equals(spec.nativePlatform())) {
      return "and loading " + String.join(", ", spec.references()) + " into the local engine";
    }
    return "(not pushed, not loaded: only the native platform can be loaded into the local engine)";
  }

  /** The digest buildx wrote to its metadata file, or null when it reported none. */
  static String readDigest(Path metadata) throws IOException {
    if (!Files.isRegularFile(metadata)) {
      return null;
    }
    Tree digest = Json.tree(metadata).path("containerimage.digest");
    return digest.exists() ? digest.asText() : null;
  }
}
