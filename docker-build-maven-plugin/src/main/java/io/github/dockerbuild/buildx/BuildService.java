package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.PlannedCache;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.engine.EngineFacts;
import io.github.dockerbuild.engine.EngineProbe;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.RecordStore;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The build stage: preflight, the image spec, one buildx build per platform, the build record.
 * Knows nothing of Maven.
 */
public final class BuildService {
  private final EngineProbe probe;
  private final BuildxService buildx;
  private final BuildLog log;
  private final Map<String, String> env;
  private final java.util.function.Function<String, java.util.Optional<String>> proxyFor;
  private final UpToDateCheck upToDate;

  /**
   * How a build is found up to date ({@link UpToDate}).
   *
   * @param plugin the plugin's jar, an input of every image
   * @param digestOf what a reference resolves to in its registry now, empty when it does not
   * @param force build even when up to date (the fingerprint is still recorded, for the next run)
   */
  public record UpToDateCheck(java.nio.file.Path plugin,
      java.util.function.Function<String, java.util.Optional<String>> digestOf, boolean force) {

    /**
     * The check of the plugin's own jar, whose references resolve through {@code client}; one that
     * does not resolve, for any reason, makes the build run.
     */
    public static UpToDateCheck of(io.github.dockerbuild.registry.RegistryClient client, boolean force) {
      java.nio.file.Path plugin;
      try {
        plugin = java.nio.file.Path.of(BuildService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (java.net.URISyntaxException | RuntimeException e) {
        plugin = null; // the check then blocks: the plugin's jar is not known
      }
      return new UpToDateCheck(plugin, reference -> {
        try {
          return client.checkManifest(io.github.dockerbuild.registry.ImageRef.parse(reference))
              .map(info -> info.digest().value());
        } catch (RuntimeException e) {
          return java.util.Optional.empty();
        }
      }, force);
    }
  }

  /**
   * The build stage as the goals run it: buildx through {@code docker}, its processes with
   * {@code environment} besides the plugin's, the platforms one after another or {@code parallelism}
   * at once, pushed references checked through {@code registry}.
   *
   * @param proxies the proxies the plugin's own client uses, to warn about a pushing engine without one
   */
  public static BuildService create(EngineProbe probe, String docker, Map<String, String> environment, boolean serial,
      int parallelism, BuildLog log, io.github.dockerbuild.registry.RegistryClient registry, BuildOutput output,
      io.github.dockerbuild.registry.Proxies proxies) {
    io.github.dockerbuild.exec.StepRunner steps = serial ? io.github.dockerbuild.exec.StepRunner.serial()
        : io.github.dockerbuild.exec.StepRunner.parallel(Math.max(1, parallelism));
    BuildxService buildx = BuildxService.withRegistry(docker,
        io.github.dockerbuild.exec.ProcessRunner.withEnvironment(environment), steps, log, registry).withOutput(output);
    return new BuildService(probe, buildx, log, System.getenv(),
        host -> proxies.forRegistry("https", host).map(io.github.dockerbuild.registry.Proxies.Proxy::describe));
  }

  public BuildService(EngineProbe probe, BuildxService buildx, BuildLog log, Map<String, String> env) {
    this(probe, buildx, log, env, registry -> java.util.Optional.empty());
  }

  /**
   * @param proxyFor the proxy the plugin's own client reaches an HTTPS registry through, described,
   *     or empty: a pushing engine without one is warned about
   */
  public BuildService(EngineProbe probe, BuildxService buildx, BuildLog log, Map<String, String> env,
      java.util.function.Function<String, java.util.Optional<String>> proxyFor) {
    this(probe, buildx, log, env, proxyFor, null);
  }

  private BuildService(EngineProbe probe, BuildxService buildx, BuildLog log, Map<String, String> env,
      java.util.function.Function<String, java.util.Optional<String>> proxyFor, UpToDateCheck upToDate) {
    this.probe = probe;
    this.buildx = buildx;
    this.log = log;
    this.env = Map.copyOf(env);
    this.proxyFor = proxyFor;
    this.upToDate = upToDate;
  }

  /**
   * This service fingerprinting what each build is made from, and leaving out a build whose inputs
   * did not change unless forced ({@link UpToDate}); with null it builds always and records no
   * fingerprint.
   */
  public BuildService withUpToDate(UpToDateCheck check) {
    return new BuildService(probe, buildx, log, env, proxyFor, check);
  }

  /**
   * Builds every platform, records the results, and fails naming the platforms that failed.
   *
   * @param ci whether this runs in CI (for {@code cacheExport=auto})
   * @param store the module's build record
   * @param module the module name for the record
   * @throws UnverifiedBaseException when the verify stage failed a base image this build would use
   */
  public List<PlatformResult> build(ImageSpec spec, BuildMetadata metadata, RecordStore store, String module)
      throws BuildFailedException, UnverifiedBaseException, InterruptedException, IOException {
    java.util.Optional<BuildRecord> before = store.read();
    BuildRecord.Verify verify = before.map(BuildRecord::verify).orElse(null);
    InputPolicy inputs = VerifiedInputs.of(verify, log);
    if (inputs instanceof VerifiedInputs verified) {
      Map<Platform, Map<String, String>> args = new java.util.LinkedHashMap<>();
      spec.platforms().forEach(p -> args.put(p, spec.buildArgs(p)));
      List<String> failedBases = verified.failedBases(args);
      if (!failedBases.isEmpty()) {
        throw new UnverifiedBaseException(spec.image(), failedBases);
      }
    }
    UpToDate.Inputs fingerprint = null;
    if (upToDate != null) {
      fingerprint = UpToDate.inputs(spec, upToDate.plugin(), store.file().getParent(), upToDate.digestOf());
      if (upToDate.force()) {
        log.debug("image " + spec.image() + ": building, -Ddocker.build.force=true");
      } else {
        BuildRecord.Build last = before.map(BuildRecord::build).orElse(null);
        UpToDate.Decision decision = UpToDate.decide(spec, last, fingerprint, upToDate.digestOf(),
            reference -> localImageId(reference, spec.image()));
        if (decision.skip()) {
          log.info("image " + spec.image() + " [" + String.join(", ", spec.tags()) + "] is up to date, not built: "
              + decision.reason() + "; -Ddocker.build.force=true builds it anyway");
          BuildRecord.Build kept = decision.results().leftOut();
          store.update(module, r -> r.withMetadata(metadata).withBuild(kept));
          return kept.platforms();
        }
        // why it builds is news only when an earlier build's fingerprint is there to compare with
        String why = "image " + spec.image() + ": building, " + decision.reason();
        if (last != null && last.inputs() != null) {
          log.info(why);
        } else {
          log.debug(why);
        }
      }
    }
    Prepared prepared = prepare(spec);
    log.info("image " + spec.image() + " [" + String.join(", ", spec.tags()) + "] for "
        + spec.platforms().stream().map(Platform::toString).collect(Collectors.joining(", "))
        + " (" + metadata.mode().id() + " build, " + (spec.push() ? "push" : "no push") + ") on "
        + prepared.engine().endpoint().host() + ", " + prepared.buildx());
    log.info("cache from: " + describe(spec.cacheFrom()) + "; cache to: " + describe(spec.cacheTo()));

    List<PlatformResult> results = buildx.build(prepared.spec(), store.file().getParent(), inputs);
    String taken = fingerprint == null ? null : fingerprint.fingerprint();
    store.update(module, r -> r.withMetadata(metadata).withBuild(new BuildRecord.Build(
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), prepared.buildx(), spec.push(), results,
        taken, false)));
    List<PlatformResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
    if (!failed.isEmpty()) {
      throw new BuildFailedException(spec.image(), failed);
    }
    return results;
  }

  private java.util.Optional<String> localImageId(String reference, String image) {
    try {
      return probe.localImageId(reference, image);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  /** The checked spec, the engine it builds on, and the buildx version. */
  public record Prepared(ImageSpec spec, EngineFacts engine, String buildx) {}

  /**
   * Everything before the first build of the planned spec: the engine's and builders' answers and
   * the preflight checks.
   *
   * @throws io.github.dockerbuild.engine.EngineException when the engine or buildx cannot do it
   */
  public Prepared prepare(ImageSpec spec) throws InterruptedException {
    List<PlatformNode> nodes = new ArrayList<>();
    spec.platforms().forEach(platform -> nodes.addAll(spec.pool(platform)));
    nodes.add(spec.defaultNode());
    probe.prefetch(nodes, spec.image());
    EngineFacts engine = probe.defaultEngine(spec.image());
    if (spec.unusedCache().stream().anyMatch(u -> u.status() == PlannedCache.Status.NO_GHA_RUNTIME)) {
      log.info("GitHub Actions cache entries skipped: no cache service here (ACTIONS_RUNTIME_TOKEN and "
          + "ACTIONS_CACHE_URL are set only inside GitHub Actions)");
    }
    io.github.dockerbuild.engine.EngineProbe.Checked checked = probe.check(spec, engine);
    String buildxVersion = checked.buildx();
    checked.warnings().forEach(warning -> log.warn("image " + spec.image() + ": " + warning));
    io.github.dockerbuild.engine.PreflightChecks.proxyWarnings(checked.spec(), checked.nodes(), proxyFor)
        .forEach(log::warn);
    warnAboutSecretArgs(spec);
    return new Prepared(checked.spec(), engine, buildxVersion);
  }

  /** GitHub's cache service exists only inside Actions: without it, gha entries are left out. */
  public static boolean ghaCacheService(Map<String, String> env) {
    return env.containsKey("ACTIONS_RUNTIME_TOKEN")
        && (env.containsKey("ACTIONS_CACHE_URL") || env.containsKey("ACTIONS_RESULTS_URL"));
  }

  private void warnAboutSecretArgs(ImageSpec spec) {
    for (String name : spec.buildArgs().keySet()) {
      // only an allowed one gets here (the plan refuses the others): it is built, with this warning
      if (io.github.dockerbuild.domain.SecretNames.looksSecret(name)) {
        log.warn("image " + spec.image() + ": build arg " + name + " looks like a secret; build args are kept "
            + "in the image history: pass it with <secrets><secret><id>" + name.toLowerCase() + "</id><env>"
            + name + "</env></secret></secrets> and RUN --mount=type=secret instead");
      }
    }
  }

  private static String describe(List<CacheEntry> entries) {
    return entries.isEmpty() ? "none" : entries.stream().map(CacheEntry::toArg).collect(Collectors.joining(" | "));
  }
}
