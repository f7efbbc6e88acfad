package io.github.dockerbuild.domain;

import java.util.List;

/**
 * The result of one platform's build.
 *
 * <p>The fields after {@code millis} describe how the platform was built, for the site report; each
 * is null when it was not recorded (records written before they existed, or a build that never
 * started).
 *
 * @param platform the platform
 * @param succeeded whether buildx exited 0
 * @param reference the per-arch reference pushed, or the local tag loaded, or null
 * @param digest the image (or per-arch index) digest buildx reported, or null
 * @param error one line on why it failed, or null
 * @param millis how long the build took
 * @param builder where it was built: {@code default}, {@code builder NAME}, {@code context NAME} or both
 * @param cacheFrom every cache source of the platform, resolved, with what the build did with it
 * @param cacheTo the cache exports, resolved
 * @param output what buildx was told to do with the result: the {@code --output} value, or
 *     {@code --load} with the tags
 * @param cachedSteps Dockerfile steps BuildKit took from the cache ({@code CACHED} in its progress)
 * @param executedSteps Dockerfile steps BuildKit ran
 * @param compressedSize the compressed size of the pushed image: its layers and config, in bytes
 * @param layerSizes the compressed size of each layer of the pushed image, in bytes, in order
 * @param command the {@code docker buildx build} argument list that ran, secret values redacted
 * @param earlierFailures the platform's failed attempts on other nodes of its pool before this one
 *     ({@code retryOnAnotherNode}), each {@code NODE: why}; null when there were none
 */
public record PlatformResult(
    Platform platform, boolean succeeded, String reference, String digest, String error, long millis,
    String builder, List<CacheUse> cacheFrom, List<CacheEntry> cacheTo, String output, Integer cachedSteps,
    Integer executedSteps, Long compressedSize, List<Long> layerSizes, List<String> command,
    List<String> earlierFailures) {

  public PlatformResult {
    command = command == null ? null : List.copyOf(command);
    earlierFailures = earlierFailures == null || earlierFailures.isEmpty() ? null : List.copyOf(earlierFailures);
    cacheFrom = cacheFrom == null ? null : List.copyOf(cacheFrom);
    cacheTo = cacheTo == null ? null : List.copyOf(cacheTo);
    layerSizes = layerSizes == null ? null : List.copyOf(layerSizes);
  }

  /** A result without earlier attempts. */
  public PlatformResult(
      Platform platform, boolean succeeded, String reference, String digest, String error, long millis,
      String builder, List<CacheUse> cacheFrom, List<CacheEntry> cacheTo, String output, Integer cachedSteps,
      Integer executedSteps, Long compressedSize, List<Long> layerSizes, List<String> command) {
    this(platform, succeeded, reference, digest, error, millis, builder, cacheFrom, cacheTo, output, cachedSteps,
        executedSteps, compressedSize, layerSizes, command, null);
  }

  /** A result without the command that ran. */
  public PlatformResult(
      Platform platform, boolean succeeded, String reference, String digest, String error, long millis,
      String builder, List<CacheUse> cacheFrom, List<CacheEntry> cacheTo, String output, Integer cachedSteps,
      Integer executedSteps, Long compressedSize, List<Long> layerSizes) {
    this(platform, succeeded, reference, digest, error, millis, builder, cacheFrom, cacheTo, output, cachedSteps,
        executedSteps, compressedSize, layerSizes, null);
  }

  /** A result without the build details (nothing recorded about builder, cache, output or sizes). */
  public PlatformResult(
      Platform platform, boolean succeeded, String reference, String digest, String error, long millis) {
    this(platform, succeeded, reference, digest, error, millis, null, null, null, null, null, null, null, null, null);
  }

  /** The nodes of {@link #earlierFailures}, in order; empty when there were none. */
  public List<String> failedOn() {
    return earlierFailures == null ? List.of()
        : earlierFailures.stream().map(f -> f.substring(0, Math.max(0, f.indexOf(": ")))).toList();
  }

  /** This result after failed attempts on other nodes, each {@code NODE: why}. */
  public PlatformResult afterFailures(List<String> failures) {
    return new PlatformResult(platform, succeeded, reference, digest, error, millis, builder, cacheFrom, cacheTo,
        output, cachedSteps, executedSteps, compressedSize, layerSizes, command, failures);
  }
}
