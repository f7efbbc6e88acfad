package io.github.dockerbuild.record;

import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.BuildMetadata;
import java.util.List;

/**
 * What the stages of one image module produced, written as JSON to
 * {@code target/docker-build/build-record.json}: the contract between goals that run in different
 * Maven invocations, the input of the site report, and a file CI can keep as an artifact.
 *
 * @param schema the format version: 2 since each platform's cache sources are typed ({@link
 *     io.github.dockerbuild.domain.CacheUse})
 * @param module the Maven module ({@code groupId:artifactId})
 * @param metadata what the metadata stage computed, or null
 * @param build what the build stage did, or null
 * @param verify what the verify stage decided about base and cache images, or null
 * @param publish what the publish stage did, or null
 * @param sign what the sign stage wrote, or null
 */
public record BuildRecord(
    int schema, String module, BuildMetadata metadata, Verify verify, Build build, Publish publish, Sign sign) {
  public static final int SCHEMA = 2;

  public static BuildRecord empty(String module) {
    return new BuildRecord(SCHEMA, module, null, null, null, null, null);
  }

  /**
   * This record with new metadata. The build and publish sections belong to the image and tags
   * they were made for: when those change, the sections are dropped, so no later goal mistakes
   * another image's digests for this one's. The verify section is about the inputs (base and
   * cache images), not the image, and stays.
   */
  /** This record with the metadata of the run, secret build-arg values redacted. */
  public BuildRecord withMetadata(BuildMetadata given) {
    BuildMetadata value = given == null ? null : given.redacted();
    boolean sameImage = metadata != null && value != null
        && metadata.image().equals(value.image())
        && metadata.archImage().equals(value.archImage())
        && metadata.tags().equals(value.tags());
    return sameImage
        ? new BuildRecord(schema, module, value, verify, build, publish, sign)
        : new BuildRecord(schema, module, value, verify, null, null, null);
  }

  public BuildRecord withVerify(Verify value) {
    return new BuildRecord(schema, module, metadata, value, build, publish, sign);
  }

  public BuildRecord withBuild(Build value) {
    return new BuildRecord(schema, module, metadata, verify, value, publish, sign);
  }

  public BuildRecord withPublish(Publish value) {
    return new BuildRecord(schema, module, metadata, verify, build, value, sign);
  }

  public BuildRecord withSign(Sign value) {
    return new BuildRecord(schema, module, metadata, verify, build, publish, value);
  }

  /**
   * @param finishedAt RFC 3339 time the build stage ended
   * @param buildx the buildx version that built
   * @param pushed whether the per-arch images were pushed
   * @param platforms every platform's result, in configured order
   * @param inputs the fingerprint of what the image was made from ({@link
   *     io.github.dockerbuild.buildx.UpToDate}), or null when none was taken
   * @param upToDate whether this run left the build out because nothing changed: the results are
   *     those of the build that ended at {@code finishedAt}
   */
  public record Build(String finishedAt, String buildx, boolean pushed, List<PlatformResult> platforms, String inputs,
      boolean upToDate) {
    public Build {
      platforms = List.copyOf(platforms);
    }

    /** A build without a fingerprint. */
    public Build(String finishedAt, String buildx, boolean pushed, List<PlatformResult> platforms) {
      this(finishedAt, buildx, pushed, platforms, null, false);
    }

    /** This build, left out in a later run because nothing changed. */
    public Build leftOut() {
      return new Build(finishedAt, buildx, pushed, platforms, inputs, true);
    }
  }

  /**
   * @param finishedAt RFC 3339 time the publish stage ended
   * @param indexDigest the digest of the published index
   * @param references every {@code image:tag} pointing at it
   * @param children each child as {@code platform digest (source)}
   * @param dryRun whether nothing was written
   */
  public record Publish(
      String finishedAt, String indexDigest, List<String> references, List<String> children, boolean dryRun) {
    public Publish {
      references = List.copyOf(references);
      children = List.copyOf(children);
    }
  }

  /**
   * @param finishedAt RFC 3339 time the verify stage ended
   * @param images one outcome per verified image (base images and registry cache sources)
   */
  public record Verify(String finishedAt, List<Verification> images) {
    public Verify {
      images = List.copyOf(images);
    }
  }

  /**
   * The verification outcome of one base image or registry cache source.
   *
   * @param role a base image or a cache source
   * @param name what configured it: the build arg name of a base image, the cache entry of a source
   * @param reference the reference as configured (tag or digest)
   * @param digest the digest it resolved to and that was verified, or null when it did not resolve
   * @param outcome verified (pinned), dropped (a cache source not used), failed (a base image: the
   *     build stopped) or skipped (not checked, and why)
   * @param check the name of the check that failed, or null
   * @param reason one line on why, or null when verified
   * @param signer the key fingerprint or certificate identity that signed, or null
   * @param format the signature format that was accepted ({@code legacy} or {@code bundle}), or null
   */
  public record Verification(
      InputRole role, String name, String reference, String digest, VerifyOutcome outcome, String check,
      String reason, String signer, String format) {}

  /**
   * @param finishedAt RFC 3339 time the sign stage ended
   * @param signatures every signature written
   */
  public record Sign(String finishedAt, List<Signature> signatures) {
    public Sign {
      signatures = List.copyOf(signatures);
    }
  }

  /**
   * One signature written.
   *
   * @param subject the signed image as {@code repository@sha256:...}
   * @param platform the platform of a per-arch image, or null for the index
   * @param format {@code legacy} (the {@code sha256-<hex>.sig} tag) or {@code bundle} (an OCI referrer)
   * @param location where it was stored: the signature tag or the referrer's digest
   * @param signer the key fingerprint or certificate identity
   */
  public record Signature(String subject, String platform, String format, String location, String signer) {}
}
