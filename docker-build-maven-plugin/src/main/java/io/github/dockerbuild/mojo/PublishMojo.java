package io.github.dockerbuild.mojo;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.config.Values;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.publish.PublishResult;
import io.github.dockerbuild.publish.PublishService;
import io.github.dockerbuild.publish.SourceResolver;
import io.github.dockerbuild.registry.RegistryClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes the multi-arch image: an OCI index over the per-arch images of this build (or, on a
 * merge job, of the per-arch tags in the registry), pushed once, then every tag pointed at it.
 * A platform that is missing or failed stops it before any tag moves.
 *
 * @since 0.1.0
 */
@Mojo(name = "publish", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PublishMojo extends AbstractRegistryMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUBLISH_SKIP, defaultValue = "false")
  private boolean skipPublish;

  /**
   * Print the plan (sources, digests, index, tags) and write nothing.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUBLISH_DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  /**
   * Publish even when some platforms are missing or failed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUBLISH_ALLOW_PARTIAL, defaultValue = "false")
  private boolean allowPartial;

  /**
   * Per-arch digests from other jobs, {@code linux/arm64=sha256:...}; they win over the record and tags.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUBLISH_DIGESTS)
  private List<String> digests;

  /**
   * Annotate the index with the OCI version, revision, source (and created, when reproducible).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUBLISH_ANNOTATE, defaultValue = "true")
  private boolean annotateIndex;

  @Override
  String skipReason(BuildMetadata metadata) {
    return skipUnlessPushing(skipPublish, PropertyNames.PUBLISH_SKIP, metadata, "publish");
  }

  @Override
  void plan(PlanAssembly plan) throws InterruptedException {
    planRegistry(plan);
    Overrides d = overrides();
    List<Platform> configured = plan.attempt(() -> configuredPlatforms(d));
    Map<Platform, String> given = new LinkedHashMap<>();
    Map<Platform, io.github.dockerbuild.registry.Digest> digests = plan.attempt(() ->
        SourceResolver.parseDigests(Values.list(d.list(PropertyNames.PUBLISH_DIGESTS, this.digests))));
    if (digests != null) {
      digests.forEach((platform, digest) -> given.put(platform, digest.toString()));
    }
    if (configured != null && configured.isEmpty() && plan.spec == null && !plan.specFailed
        && plan.attempt(() -> recordStore().read().isEmpty()) == Boolean.TRUE) {
      plan.problem(new io.github.dockerbuild.config.InvalidValueException("<platforms> (-Ddocker.platforms)", "",
          "is empty, no goal of this run builds, and there is no build record",
          "list the platforms the index must hold").getMessage());
    }
    if (plan.metadata != null && configured != null) {
      List<Platform> platforms = !configured.isEmpty() || plan.spec == null ? configured : plan.spec.platforms();
      plan.publish = new io.github.dockerbuild.domain.PublishPlan(plan.metadata.image(), plan.metadata.tags(),
          platforms, given, plan.attempt(() -> annotations(plan.metadata, d)),
          plan.attempt(() -> d.bool(PropertyNames.PUBLISH_ALLOW_PARTIAL, allowPartial)) == Boolean.TRUE,
          plan.attempt(() -> d.bool(PropertyNames.PUBLISH_DRY_RUN, dryRun)) == Boolean.TRUE);
    }
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (skipped(skipPublish, PropertyNames.PUBLISH_SKIP)) {
      return;
    }
    try {
      io.github.dockerbuild.domain.BuildPlan plan = plan();
      BuildMetadata metadata = metadata();
      String notPushing = skipReason(metadata);
      if (notPushing != null) {
        getLog().info("Not publishing " + metadata.image() + ": " + notPushing);
        return;
      }
      io.github.dockerbuild.domain.PublishPlan planned = plan.publish();
      if (planned == null) {
        throw new MojoExecutionException("image " + metadata.image() + ": this run's plan has no publish part");
      }
      BuildLog log = buildLog();
      RegistryClient client = call(this::registryClient);
      PublishResult result = call(() -> new PublishService(client, StepRunner.parallel(4), log)
          .run(planned, metadata, recordStore(), module()));
      getLog().info("registry requests: " + result.requests() + ", bytes uploaded: " + result.bytesUploaded()
          + ", blobs mounted or copied: " + result.copied());
      writeCiOutputs();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted: nothing was tagged after the interruption");
    }
  }

  private List<Platform> configuredPlatforms(Overrides d) {
    List<Platform> result = new ArrayList<>();
    for (String p : Values.list(d.list(PropertyNames.PLATFORMS, platforms))) {
      Platform platform = Platform.parse(p);
      if (!result.contains(platform)) {
        result.add(platform);
      }
    }
    return result;
  }

  private Map<String, String> annotations(BuildMetadata metadata, Overrides d) {
    return d.bool(PropertyNames.PUBLISH_ANNOTATE, annotateIndex) ? annotations(metadata) : Map.of();
  }

  private static Map<String, String> annotations(BuildMetadata metadata) {
    Map<String, String> a = new LinkedHashMap<>();
    if (metadata.sourceDateEpoch() != null) {
      a.put("org.opencontainers.image.created", metadata.created());
    }
    a.put("org.opencontainers.image.version", metadata.version());
    if (metadata.revision() != null) {
      a.put("org.opencontainers.image.revision", metadata.revision());
    }
    if (metadata.source() != null) {
      a.put("org.opencontainers.image.source", metadata.source());
    }
    return a;
  }
}
