package io.github.dockerbuild.domain;

import java.util.List;

/**
 * One platform's build, every value resolved.
 *
 * @param platform e.g. {@code linux/arm64}
 * @param arch its name in {@code {arch}} and the arch build arg (after aliases), e.g. {@code aarch64}
 * @param reference where the per-arch image goes ({@code REPO:TAG}), or the local tags when not pushing
 * @param node the builder and docker context it builds on
 * @param buildArgs every build arg as buildx receives it
 * @param labels every label as buildx receives it
 * @param cacheFrom every cache source, with whether it is used
 * @param cacheTo every cache export, with whether it is used
 * @param output what buildx does with the result ({@code --output} value, {@code --load}, or cache only)
 * @param buildx the exact {@code docker buildx build} argument list, secret values redacted
 */
public record PlatformPlan(
    Platform platform,
    String arch,
    String reference,
    PlatformNode node,
    List<PlannedValue> buildArgs,
    List<PlannedValue> labels,
    List<PlannedCache> cacheFrom,
    List<PlannedCache> cacheTo,
    String output,
    List<String> buildx) {

  public PlatformPlan {
    buildArgs = List.copyOf(buildArgs);
    labels = List.copyOf(labels);
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
    buildx = List.copyOf(buildx);
  }
}
