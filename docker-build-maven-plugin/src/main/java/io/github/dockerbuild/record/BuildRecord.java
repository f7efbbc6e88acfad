package io.github.dockerbuild.record;

import io.github.dockerbuild.buildx.PlatformResult;
import io.github.dockerbuild.metadata.BuildMetadata;
import java.util.List;

/**
 * What the stages of one image module produced, written as JSON to
 * {@code target/docker-build/build-record.json}: the contract between goals that run in different
 * Maven invocations, the input of the site report, and a file CI can keep as an artifact.
 *
 * @param schema the format version
 * @param module the Maven module ({@code groupId:artifactId})
 * @param metadata what the metadata stage computed, or null
 * @param build what the build stage did, or null
 * @param publish what the publish stage did, or null
 */
public record BuildRecord(int schema, String module, BuildMetadata metadata, Build build, Publish publish) {
  public static final int SCHEMA = 1;

  public static BuildRecord empty(String module) {
    return new BuildRecord(SCHEMA, module, null, null, null);
  }

  /**
   * This record with new metadata. The build and publish sections belong to the image and tags
   * they were made for: when those change, the sections are dropped, so no later goal mistakes
   * another image's digests for this one's.
   */
  public BuildRecord withMetadata(BuildMetadata value) {
    boolean sameImage = metadata != null && value != null
        && metadata.image().equals(value.image())
        && metadata.archImage().equals(value.archImage())
        && metadata.tags().equals(value.tags());
    return sameImage
        ? new BuildRecord(schema, module, value, build, publish)
        : new BuildRecord(schema, module, value, null, null);
  }

  public BuildRecord withBuild(Build value) {
    return new BuildRecord(schema, module, metadata, value, publish);
  }

  public BuildRecord withPublish(Publish value) {
    return new BuildRecord(schema, module, metadata, build, value);
  }

  /**
   * @param finishedAt RFC 3339 time the build stage ended
   * @param buildx the buildx version that built
   * @param pushed whether the per-arch images were pushed
   * @param platforms every platform's result, in configured order
   */
  public record Build(String finishedAt, String buildx, boolean pushed, List<PlatformResult> platforms) {
    public Build {
      platforms = List.copyOf(platforms);
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
}
