package io.github.dockerbuild.publish;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.domain.ArchReference;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.ImageRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides where each platform's image comes from, in this order: a digest given on the command
 * line; this run's build record (a platform that failed there is missing, never taken from an older
 * push); else the per-arch tag in the registry, for a merge job after per-arch jobs on other machines.
 */
public final class SourceResolver {
  private SourceResolver() {}

  /**
   * @param metadata this run's metadata (image, tags, archImage, aliases)
   * @param platforms the platforms the index must hold
   * @param record the module's build record, or null
   * @param digests {@code os/arch=sha256:...} entries, may be empty
   * @return the source of every platform that has one, in platform order
   */
  public static Map<Platform, ImageRef> resolve(
      BuildMetadata metadata, List<Platform> platforms, BuildRecord record, List<String> digests) {
    return resolve(metadata, platforms, record, parseDigests(digests));
  }

  /** {@link #resolve(BuildMetadata, List, BuildRecord, List)} with the digests given already parsed. */
  public static Map<Platform, ImageRef> resolve(
      BuildMetadata metadata, List<Platform> platforms, BuildRecord record, Map<Platform, Digest> given) {
    String primaryTag = metadata.tags().get(0);
    boolean recordIsThisBuild = record != null && record.build() != null && record.metadata() != null
        && !record.metadata().tags().isEmpty() && record.metadata().tags().get(0).equals(primaryTag)
        && record.metadata().image().equals(metadata.image());
    Map<Platform, ImageRef> sources = new LinkedHashMap<>();
    for (Platform platform : platforms) {
      String archRef = ArchReference.of(metadata.image(), metadata.archImage(), primaryTag,
          platform.archName(metadata.archAliases()));
      if (given.containsKey(platform)) {
        sources.put(platform, ImageRef.parse(archRef).withDigest(given.get(platform)));
        continue;
      }
      PlatformResult built = recordIsThisBuild ? find(record.build().platforms(), platform) : null;
      if (built != null) {
        if (built.succeeded() && built.digest() != null && built.reference() != null) {
          sources.put(platform, ImageRef.parse(built.reference()).withDigest(Digest.parse(built.digest())));
        }
        continue; // failed in this build: missing
      }
      sources.put(platform, ImageRef.parse(archRef));
    }
    return sources;
  }

  private static PlatformResult find(List<PlatformResult> results, Platform platform) {
    return results.stream().filter(r -> r.platform().equals(platform)).findFirst().orElse(null);
  }

  public static Map<Platform, Digest> parseDigests(List<String> digests) {
    Map<Platform, Digest> parsed = new LinkedHashMap<>();
    for (String entry : digests) {
      if (entry == null || entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new InvalidValueException("<digests> (-Ddocker.publish.digests)", entry, "is not PLATFORM=DIGEST",
            "write linux/arm64=sha256:<64 hex>");
      }
      Platform platform = Platform.parse(entry.substring(0, eq).trim());
      try {
        parsed.put(platform, Digest.parse(entry.substring(eq + 1).trim()));
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("<digests> (-Ddocker.publish.digests)", entry, "has no valid digest",
            "write linux/arm64=sha256:<64 hex>");
      }
    }
    return parsed;
  }
}
