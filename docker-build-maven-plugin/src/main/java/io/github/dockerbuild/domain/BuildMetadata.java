package io.github.dockerbuild.domain;

import java.util.List;
import java.util.Map;

/**
 * Everything the metadata stage computed for one image: the contract the build, publish and report
 * stages read (through the build record when they run in another invocation).
 *
 * @param mode the build mode
 * @param push whether images are pushed (and later published and signed)
 * @param version the image version
 * @param created the build date, RFC 3339 UTC
 * @param createdSource where the date came from: {@code project.build.outputTimestamp},
 *     {@code SOURCE_DATE_EPOCH} or {@code clock}
 * @param sourceDateEpoch the date in epoch seconds when the build is reproducible, else null
 * @param revision the commit, or null
 * @param source the repository URL, or null
 * @param image the multi-arch repository
 * @param archImage the per-arch repository pattern
 * @param tags the tags, primary first
 * @param buildArgs injected then user build args ({@code {arch}} replaced per platform)
 * @param labels OCI then user labels
 * @param archAliases arch name aliases
 */
public record BuildMetadata(
    Mode mode,
    boolean push,
    String version,
    String created,
    String createdSource,
    Long sourceDateEpoch,
    String revision,
    String source,
    String image,
    String archImage,
    List<String> tags,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    Map<String, String> archAliases) {
  public BuildMetadata {
    tags = List.copyOf(tags);
    buildArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    archAliases = Map.copyOf(archAliases);
  }

  /**
   * This metadata as every output shows it: the value of each build arg whose name looks like a
   * secret is {@value PlannedValue#REDACTED}. Only the build itself receives the real values.
   */
  public BuildMetadata redacted() {
    java.util.Map<String, String> shown = new java.util.LinkedHashMap<>();
    buildArgs.forEach((name, value) -> shown.put(name, SecretNames.looksSecret(name) ? PlannedValue.REDACTED : value));
    return shown.equals(buildArgs) ? this : new BuildMetadata(mode, push, version, created, createdSource,
        sourceDateEpoch, revision, source, image, archImage, tags, shown, labels, archAliases);
  }

  /** The first 7 characters of the revision, or null. */
  public String shortRevision() {
    return revision == null ? null : revision.substring(0, Math.min(7, revision.length()));
  }
}
