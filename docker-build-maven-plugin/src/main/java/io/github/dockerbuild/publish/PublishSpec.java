package io.github.dockerbuild.publish;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.registry.ImageRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to publish: one index over the per-arch images, under every tag.
 *
 * @param image the multi-arch repository, e.g. {@code ghcr.io/org/app}
 * @param tags the tags, primary first
 * @param platforms every platform the index must hold, in order
 * @param sources where each platform's image is (by digest or tag); missing platforms are absent
 * @param annotations index annotations
 * @param allowPartial publish even when platforms are missing
 * @param dryRun compute and print the plan, write nothing
 */
public record PublishSpec(
    String image,
    List<String> tags,
    List<Platform> platforms,
    Map<Platform, ImageRef> sources,
    Map<String, String> annotations,
    boolean allowPartial,
    boolean dryRun) {
  public PublishSpec {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }
}
