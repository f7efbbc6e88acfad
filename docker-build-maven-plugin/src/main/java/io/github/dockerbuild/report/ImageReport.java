package io.github.dockerbuild.report;

import java.util.List;

/**
 * The view model of one image module's report page: plain values, every decision about what to
 * show already made (by {@link ImageReportFactory}), so rendering is a straight walk.
 *
 * @param module the Maven module
 * @param status what the record holds
 * @param message one sentence on the status, shown on top
 * @param image the multi-arch repository, or null without metadata
 * @param archImage the per-arch repository pattern, or null
 * @param tags every tag, the primary first
 * @param platforms one row per platform
 * @param buildArgs injected, user and Dockerfile build args
 * @param labels injected, user and Dockerfile labels
 * @param baseImages the base images of the Dockerfile's stages, with their verification
 * @param cache cache sources and exports per platform, with each source's verification
 * @param decisions the mode and what it decided
 * @param build when the build ran and with which buildx, or null
 * @param publish the published index, or null
 * @param signatures every signature written, or null when the sign stage did not run
 */
public record ImageReport(
    String module,
    Status status,
    String message,
    String image,
    String archImage,
    List<Tag> tags,
    List<PlatformRow> platforms,
    List<ArgRow> buildArgs,
    List<LabelRow> labels,
    List<BaseImageRow> baseImages,
    List<CacheRow> cache,
    List<Decision> decisions,
    BuildInfo build,
    PublishInfo publish,
    List<SignatureRow> signatures) {

  /** Shown where the record lacks a value. */
  public static final String NOT_RECORDED = "not recorded";

  public ImageReport {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    buildArgs = List.copyOf(buildArgs);
    labels = List.copyOf(labels);
    baseImages = List.copyOf(baseImages);
    cache = List.copyOf(cache);
    decisions = List.copyOf(decisions);
    signatures = signatures == null ? null : List.copyOf(signatures);
  }

  public enum Status {
    /** No build record: nothing ran yet in this module. */
    NO_RECORD,
    /** Metadata (or verification) recorded, no build. */
    NOT_BUILT,
    /** Every platform built. */
    BUILT,
    /** At least one platform failed. */
    FAILED
  }

  /** @param reference {@code image:tag} */
  public record Tag(String name, boolean primary, String reference) {}

  /**
   * @param outcome {@code built} or {@code failed} (followed by {@code after failing on NODES} when the
   *     platform was built again on another node), or {@code not built}
   * @param millis the build time, or null when the platform did not build
   * @param cachedSteps null when not recorded
   * @param compressedSize null when not recorded
   * @param layerSizes null when not recorded
   */
  public record PlatformRow(
      String platform, String archReference, String builder, String outcome, String digest, Long millis,
      Integer cachedSteps, Integer executedSteps, Long compressedSize, List<Long> layerSizes, String output,
      String compression, String error) {
    public PlatformRow {
      layerSizes = layerSizes == null ? null : List.copyOf(layerSizes);
    }

    public boolean failed() {
      return outcome.startsWith("failed");
    }
  }

  /**
   * @param source {@code injected}, {@code user} or {@code Dockerfile}
   * @param value the value passed to the build, or null when only the Dockerfile default applies
   * @param dockerfileDefault the Dockerfile's default, or null
   * @param note e.g. not declared in the Dockerfile
   */
  public record ArgRow(String name, String value, String source, String dockerfileDefault, String note) {}

  /** @param source {@code injected}, {@code user} or {@code Dockerfile}; @param note e.g. overridden */
  public record LabelRow(String key, String value, String source, String note) {}

  /**
   * @param stage the stage ({@code 0} or its name)
   * @param written the FROM reference as written
   * @param resolved after build-arg expansion
   * @param outcome {@code verified}, {@code failed}, {@code skipped}, {@code not verified}
   * @param detail signer, digest, check, reason
   */
  public record BaseImageRow(String stage, String written, String resolved, String outcome, String detail) {}

  /**
   * @param direction {@code from} or {@code to}
   * @param outcome for sources: {@code verified}, {@code dropped}, {@code failed}, {@code skipped},
   *     {@code used unverified}; for exports: {@code exported}
   */
  public record CacheRow(String platform, String direction, String entry, String outcome, String detail) {}

  public record Decision(String name, String value) {}

  /** @param upToDate whether the last run left the build out: nothing it is made from had changed */
  public record BuildInfo(String finishedAt, String buildx, boolean pushed, boolean upToDate) {}

  public record PublishInfo(String finishedAt, String indexDigest, List<String> references, List<String> children,
      boolean dryRun) {
    public PublishInfo {
      references = List.copyOf(references);
      children = List.copyOf(children);
    }
  }

  public record SignatureRow(String subject, String platform, String format, String location, String signer) {}
}
