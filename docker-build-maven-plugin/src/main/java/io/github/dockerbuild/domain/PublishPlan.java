package io.github.dockerbuild.domain;

import java.util.List;
import java.util.Map;

/**
 * What publish will do.
 *
 * @param image the multi-arch repository
 * @param tags every tag the index gets
 * @param platforms the platforms the index holds (empty: those of the build record)
 * @param digests per-arch digests given on the command line, by platform
 * @param annotations the index's annotations
 * @param allowPartial publish without missing platforms
 * @param dryRun print what would be pushed, push nothing
 */
public record PublishPlan(
    String image,
    List<String> tags,
    List<Platform> platforms,
    Map<Platform, String> digests,
    Map<String, String> annotations,
    boolean allowPartial,
    boolean dryRun) {

  public PublishPlan {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    digests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(digests));
    annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
  }
}
