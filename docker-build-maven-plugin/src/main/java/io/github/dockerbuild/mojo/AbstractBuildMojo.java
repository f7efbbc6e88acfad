package io.github.dockerbuild.mojo;

import io.github.dockerbuild.buildx.ImageSpecFactory;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.buildx.BuildOutput;
import io.github.dockerbuild.buildx.DockerConfigOverlay;
import io.github.dockerbuild.buildx.BuildService;
import io.github.dockerbuild.buildx.BuildSettings;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.ProcessRunner;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The build parameters, shared by {@code build} and {@code preflight} (which checks them against the
 * engine without building), and the wiring of the build stage.
 */
abstract class AbstractBuildMojo extends AbstractRegistryMojo {

  /**
   * The build context.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONTEXT_DIRECTORY, defaultValue = "${project.basedir}")
  protected File contextDirectory;

  /**
   * Always pull base images ({@code --pull}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PULL, defaultValue = "false")
  protected boolean pull;

  /**
   * Build without cache ({@code --no-cache}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.NO_CACHE, defaultValue = "false")
  protected boolean noCache;

  /**
   * The Dockerfile stage to build ({@code --target}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TARGET)
  protected String target;

  /**
   * Layer compression of pushed images: {@code zstd}, {@code gzip}, {@code estargz}, {@code uncompressed}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMPRESSION, defaultValue = "zstd")
  protected String compression;

  /**
   * Compression level (zstd 0-22, gzip 0-9).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMPRESSION_LEVEL, defaultValue = "9")
  protected String compressionLevel;

  /**
   * Recompress base-image layers too, so every layer has the chosen compression.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FORCE_COMPRESSION, defaultValue = "true")
  protected boolean forceCompression;

  /**
   * OCI media types for pushed images (required for zstd).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.OCI_MEDIA_TYPES, defaultValue = "true")
  protected boolean ociMediaTypes;

  /**
   * Cache sources in buildx form, with placeholders <code>{arch}</code>, <code>{image}</code>,
   * <code>{archImage}</code>, <code>{tag}</code>, <code>{scope}</code>: e.g. <code>type=registry,ref={archImage}:cache-{arch}</code>,
   * {@code type=gha}, {@code type=local,src=/cache}.
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CACHE_FROM)
  protected List<String> cacheFrom;

  /**
   * Cache exports in buildx form, e.g. {@code type=inline}, {@code type=gha,mode=max}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CACHE_TO)
  protected List<String> cacheTo;

  /**
   * Export caches: {@code auto} (in CI only), {@code true}, {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CACHE_EXPORT, defaultValue = "auto")
  protected String cacheExport;

  /**
   * The value of <code>{scope}</code> in cache entries; gha caches are scoped <code>{arch}-{scope}</code>.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CACHE_SCOPE, defaultValue = "${project.artifactId}")
  protected String cacheScope;

  /**
   * BuildKit secrets ({@code --secret}); values never reach the log or the image.
   *
   * @since 0.1.0
   */
  @Parameter
  protected List<SecretConfig> secrets;

  /**
   * {@code --provenance} ({@code false}, {@code mode=min}, {@code mode=max}); default: buildx's.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROVENANCE)
  protected String provenance;

  /**
   * {@code --sbom} ({@code true}, {@code false}); default: buildx's.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SBOM)
  protected String sbom;

  /**
   * The buildx builder for platforms without a node.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILDER)
  protected String builder;

  /**
   * The docker context for platforms without a node.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONTEXT)
  protected String dockerContext;

  /**
   * A builder or docker context per platform, to build each on a native node; several for one
   * platform are its pool: the nodes that answer the preflight share its builds, one at a time each
   * unless a node's {@code <capacity>} says it takes more.
   *
   * @since 0.1.0
   */
  @Parameter
  protected List<Node> nodes;

  /**
   * Build a platform again on another node of its pool when its build failed on one for a reason
   * that is not the build's own (a node that went away, a builder that cannot start); a failing
   * Dockerfile step, a missing file or a refused push fails as it would anywhere, and is not
   * retried. Each retry is a warning, and the record keeps the failure.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RETRY_ON_ANOTHER_NODE, defaultValue = "false")
  protected boolean retryOnAnotherNode;

  /**
   * How many platforms build at once.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PARALLELISM, defaultValue = "4")
  protected String parallelism;

  /**
   * Build platforms one after another (to reproduce a failure).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SERIAL, defaultValue = "false")
  protected boolean serial;

  /**
   * How BuildKit's output is shown: {@code auto} ({@code plain} at a terminal outside CI, else
   * {@code quiet}), {@code plain} (every line, with a {@code [os/arch]} prefix), {@code quiet} (per
   * platform a start line and a result line with its steps, cached steps, time and digest; the
   * whole output printed when the platform fails). Either way each platform's whole output is kept
   * in {@code target/docker-build/<os>-<arch>.log}; with {@code -T} and several modules the prefix
   * names the module.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.PROGRESS, defaultValue = "auto")
  protected String progress;

  /**
   * Seconds one platform's build may take.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILD_TIMEOUT, defaultValue = "3600")
  protected String timeout;

  /**
   * Which tags each per-arch image is pushed with: {@code all} of the image's tags, or the
   * {@code primary} (first) one. {@code auto}: all where per-arch images have repositories of their
   * own ({@code {arch}} in {@code <archImage>}: {@code ghcr.io/o/aarch64-base:3.23}, {@code :latest},
   * ...), the primary one where they share the multi-arch repository ({@code IMAGE:PRIMARY-ARCH}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ARCH_TAGS, defaultValue = "auto")
  protected String archTags;

  /**
   * Push reproducible images: the same sources, POM and date give the same digests on every run.
   * BuildKit then rewrites every file's timestamp to {@code SOURCE_DATE_EPOCH} and writes an OCI
   * layout, which this plugin pushes (the default {@code docker} driver's image exporter cannot
   * rewrite timestamps); a provenance attestation, which records when it was built, is left out
   * unless {@code <provenance>} asks for it. {@code auto}: when the build has a fixed date
   * ({@code project.build.outputTimestamp} or {@code SOURCE_DATE_EPOCH}) and pushes; {@code true},
   * {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPRODUCIBLE, defaultValue = "auto")
  protected String reproducible;

  final void planSpec(PlanAssembly plan) throws InterruptedException {
    if (plan.spec != null || plan.specFailed) {
      return;
    }
    Integer parallel = plan.attempt(this::parallelism);
    if (parallel != null) {
      plan.attempt(() -> {
        ImageSpecFactory.checkParallelism(parallel, PropertyNames.PARALLELISM);
        return null;
      });
    }
    plan.attempt(this::proxies);
    BuildSettings settings = plan.attempt(this::settings);
    if (settings != null && plan.metadata == null) {
      plan.attempt(() -> {
        ImageSpecFactory.checkWithoutMetadata(settings);
        return null;
      });
    }
    ImageSpec spec = settings == null || plan.metadata == null ? null
        : plan.attempt(() -> imageSpec(plan.metadata, settings));
    if (spec == null) {
      plan.specFailed = true;
    } else {
      plan.spec = spec;
    }
  }

  @Override
  void plan(PlanAssembly plan) throws InterruptedException {
    planSpec(plan);
    plan.attempt(this::buildOutput);
  }

  /** How BuildKit's output is shown ({@code <progress>}); the module is named when modules build at once. */
  final BuildOutput buildOutput() {
    BuildOutput.Mode mode = BuildOutput.parse(overrides().string(PropertyNames.PROGRESS, progress),
        System.console() != null, ci().isCi());
    boolean together = session != null && session.isParallel() && session.getProjects().size() > 1;
    return new BuildOutput(mode, together ? project.getArtifactId() : null);
  }

  /** The spec of this run's plan, which the build goals execute; made now only if the plan has none. */
  final ImageSpec plannedSpec() throws MojoExecutionException, InterruptedException {
    plan();
    Object planned = project.getContextValue(PlanMaker.SPEC_KEY);
    if (planned instanceof ImageSpec spec) {
      return spec;
    }
    BuildMetadata metadata = metadata();
    return call(() -> imageSpec(metadata, settings()));
  }

  private Integer parallelism() {
    return overrides().whole(PropertyNames.PARALLELISM, parallelism, "parallelism", "4");
  }

  private long timeoutSeconds(Overrides d) {
    Integer seconds = d.whole(PropertyNames.BUILD_TIMEOUT, timeout, "timeout", "3600");
    return seconds == null ? 3600 : seconds;
  }

  protected final BuildService buildService(BuildLog log) {
    return buildService(log, Map.of());
  }

  /**
   * The Docker config the buildx processes of {@code spec} run with: the registries it pushes to
   * and caches in that have a {@code settings.xml} server get its credentials, and the
   * {@code settings.xml} proxies become Docker's client proxies, which buildx hands to {@code RUN}
   * steps ({@link DockerConfigOverlay}); null when there is neither (buildx then uses Docker's own
   * configuration).
   */
  protected final DockerConfigOverlay buildxLogin(ImageSpec spec) throws java.io.IOException {
    Map<String, String> proxies = proxies().dockerClientProxies();
    DockerConfigOverlay overlay = DockerConfigOverlay.forBuild(spec,
        new io.github.dockerbuild.registry.StaticCredentialSource(settingsServers()), proxies,
        workDirectory.toPath(), System.getenv(), System.getProperty("user.home"));
    DockerConfigOverlay.describe(overlay, proxies).forEach(getLog()::info);
    return overlay;
  }

  /** @param environment what the buildx processes run with besides the plugin's environment */
  protected final BuildService buildService(BuildLog log, Map<String, String> environment) {
    Integer given = parallelism();
    return BuildService.create(probe(dockerExecutable(), ProcessRunner.withEnvironment(Map.of())), dockerExecutable(),
        environment, overrides().bool(PropertyNames.SERIAL, serial), given == null ? 4 : given, log, registryClient(),
        buildOutput(), proxies());
  }

  /**
   * How the build goal finds an image up to date, through the plugin's registry client (its
   * credentials and proxies) with one attempt per question.
   *
   * @param force build even when up to date
   */
  protected final BuildService.UpToDateCheck upToDateCheck(boolean force) {
    return BuildService.UpToDateCheck.of(registryClient(io.github.dockerbuild.registry.RetryPolicy.ONCE), force);
  }

  /** The image spec the plan holds; the engine is asked for its platform only where it matters. */
  protected final ImageSpec imageSpec(BuildMetadata metadata, BuildSettings settings) throws InterruptedException {
    return ImageSpecFactory.create(metadata, settings,
        () -> probe(dockerExecutable(), ProcessRunner.withEnvironment(Map.of())).defaultEngine(metadata.image()).platform(),
        ci().isCi(), BuildService.ghaCacheService(System.getenv()));
  }

  protected final BuildSettings settings() {
    Overrides d = overrides();
    return new BuildSettings(
        project.getArtifactId(),
        d.file(PropertyNames.CONTEXT_DIRECTORY, contextDirectory).toPath(),
        dockerfile().toPath(),
        d.list(PropertyNames.PLATFORMS, platforms),
        d.bool(PropertyNames.PULL, pull),
        d.bool(PropertyNames.NO_CACHE, noCache),
        d.string(PropertyNames.TARGET, target),
        d.string(PropertyNames.COMPRESSION, compression),
        d.whole(PropertyNames.COMPRESSION_LEVEL, compressionLevel, "compressionLevel", "9"),
        d.bool(PropertyNames.FORCE_COMPRESSION, forceCompression),
        d.bool(PropertyNames.OCI_MEDIA_TYPES, ociMediaTypes),
        d.list(PropertyNames.CACHE_FROM, cacheFrom),
        d.list(PropertyNames.CACHE_TO, cacheTo),
        d.string(PropertyNames.CACHE_EXPORT, cacheExport),
        d.string(PropertyNames.CACHE_SCOPE, cacheScope),
        SecretConfig.toSecrets(secrets),
        d.string(PropertyNames.PROVENANCE, provenance),
        d.string(PropertyNames.SBOM, sbom),
        d.string(PropertyNames.BUILDER, builder),
        d.string(PropertyNames.CONTEXT, dockerContext),
        Node.byPlatform(nodes),
        timeoutSeconds(d),
        d.string(PropertyNames.ARCH_TAGS, archTags),
        d.string(PropertyNames.REPRODUCIBLE, reproducible),
        d.bool(PropertyNames.RETRY_ON_ANOTHER_NODE, retryOnAnotherNode));
  }

}
