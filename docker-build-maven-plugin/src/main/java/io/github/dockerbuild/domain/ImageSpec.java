package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.Placeholders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to build one image for every platform: immutable, made by the mojo layer from
 * its parameters and by nothing else. {@code buildx.BuildxArguments} turns it into buildx arguments.
 *
 * @param name a short name for logs (the Maven module)
 * @param contextDir the build context directory
 * @param dockerfile the Dockerfile
 * @param image the multi-arch repository, e.g. {@code ghcr.io/org/app}
 * @param tags the tags, primary first, placeholders resolved
 * @param archImage the per-arch repository pattern with {@code {arch}} and {@code {image}}
 * @param platforms the platforms to build, in order
 * @param archAliases platform or arch name to the name used for {@code {arch}} and BUILD_ARCH
 * @param buildArgs injected then user build args; values may use placeholders ({@code {arch}})
 * @param labels OCI and user labels
 * @param push push per-arch images to the registry (else load the native one into the engine)
 * @param output compression and media types of pushed images
 * @param cacheFrom cache sources, placeholders unresolved
 * @param cacheTo cache exports, placeholders unresolved (empty when exports are off)
 * @param cacheScope the value of {@code {scope}} in cache entries
 * @param secrets BuildKit secrets
 * @param pull always pull base images
 * @param noCache build without any cache
 * @param target the Dockerfile stage to build, or null
 * @param provenance the {@code --provenance} value, or null for buildx's default
 * @param sbom the {@code --sbom} value, or null for buildx's default
 * @param nodes per-platform builder/context, missing platforms use the defaults
 * @param defaultNode builder/context for platforms without a node
 * @param nativePlatform the engine's own platform: the one loaded when not pushing
 * @param timeout how long one platform's build may take
 * @param unusedCache configured cache entries the build does not pass to buildx, with why
 * @param archTags the tags pushed to each per-arch image, primary first (every tag, or the primary
 *     one; see {@link #archReferences(Platform)})
 * @param reproducible push a reproducible image: BuildKit writes an OCI layout with every file's
 *     timestamp rewritten to {@code SOURCE_DATE_EPOCH}, and the plugin pushes it (the default
 *     {@code docker} driver's image exporter cannot rewrite timestamps)
 * @param pools per platform, the nodes it may build on in order of preference (a pool of more
 *     than one: the preflight drops the ones that do not answer); {@link #nodes} holds the chosen
 *     one of each, the first until the preflight chose
 * @param retryOnAnotherNode a platform whose build fails on a node of its pool for a reason that is
 *     not the build's own (a Dockerfile step, a missing file) is built again on another node of the pool
 */
public record ImageSpec(
    String name,
    Path contextDir,
    Path dockerfile,
    String image,
    List<String> tags,
    String archImage,
    List<Platform> platforms,
    Map<String, String> archAliases,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    boolean push,
    OutputOptions output,
    List<CacheEntry> cacheFrom,
    List<CacheEntry> cacheTo,
    String cacheScope,
    List<Secret> secrets,
    boolean pull,
    boolean noCache,
    String target,
    String provenance,
    String sbom,
    Map<Platform, PlatformNode> nodes,
    PlatformNode defaultNode,
    Platform nativePlatform,
    Duration timeout,
    List<UnusedCache> unusedCache,
    List<String> archTags,
    boolean reproducible,
    Map<Platform, List<PlatformNode>> pools,
    boolean retryOnAnotherNode) {

  /**
   * A configured cache entry the build leaves out.
   *
   * @param export true for a {@code <cacheTo>} entry, false for a {@code <cacheFrom>} one
   */
  public record UnusedCache(boolean export, CacheEntry entry, PlannedCache.Status status) {}

  public ImageSpec {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    archAliases = Map.copyOf(archAliases);
    buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
    secrets = List.copyOf(secrets);
    nodes = Map.copyOf(nodes);
    Map<Platform, List<PlatformNode>> pooled = new LinkedHashMap<>();
    (pools == null ? Map.<Platform, List<PlatformNode>>of() : pools).forEach((p, list) -> pooled.put(p, List.copyOf(list)));
    pools = java.util.Collections.unmodifiableMap(pooled);
    unusedCache = List.copyOf(unusedCache);
    archTags = archTags != null && !archTags.isEmpty() ? List.copyOf(archTags)
        : tags.isEmpty() ? List.of() : List.of(tags.get(0));
  }

  /** The name of a platform in {@code {arch}} and BUILD_ARCH. */
  public String archName(Platform platform) {
    return platform.archName(archAliases);
  }

  /** The primary tag (the first one). */
  public String primaryTag() {
    return tags.get(0);
  }

  /**
   * The per-arch image reference: the {@code archImage} repository with the primary tag; when the
   * pattern has no {@code {arch}} the tag gets an {@code -ARCH} suffix so platforms do not collide.
   */
  public String archReference(Platform platform) {
    return ArchReference.of(image, archImage, primaryTag(), archName(platform));
  }

  /**
   * Every reference a platform's build pushes, primary first: the per-arch repository with each of
   * {@link #archTags()} (with the {@code -ARCH} suffix when platforms share one repository).
   */
  public List<String> archReferences(Platform platform) {
    List<String> refs = new ArrayList<>();
    for (String tag : archTags) {
      refs.add(ArchReference.of(image, archImage, tag, archName(platform)));
    }
    return refs;
  }

  /**
   * This spec as a rebuild that checks reproducibility: no cache read or written, the reproducible
   * OCI layout as output, nothing pushed by it (the caller compares the layout with the registry).
   */
  public ImageSpec rebuildWithoutCache() {
    return new ImageSpec(name, contextDir, dockerfile, image, tags, archImage, platforms, archAliases, buildArgs, labels,
        true, output, List.of(), List.of(), cacheScope, secrets, pull, true, target, provenance, sbom, nodes,
        defaultNode, nativePlatform, timeout, List.of(), archTags, true, pools, retryOnAnotherNode);
  }

  /** This spec with these nodes chosen for their platforms (the others keep theirs). */
  public ImageSpec withNodes(Map<Platform, PlatformNode> chosen) {
    Map<Platform, PlatformNode> all = new LinkedHashMap<>(nodes);
    all.putAll(chosen);
    return new ImageSpec(name, contextDir, dockerfile, image, tags, archImage, platforms, archAliases, buildArgs, labels,
        push, output, cacheFrom, cacheTo, cacheScope, secrets, pull, noCache, target, provenance, sbom, all,
        defaultNode, nativePlatform, timeout, unusedCache, archTags, reproducible, pools, retryOnAnotherNode);
  }

  /** Every multi-arch reference, {@code image:tag} for each tag. */
  public List<String> references() {
    List<String> refs = new ArrayList<>();
    for (String tag : tags) {
      refs.add(image + ":" + tag);
    }
    return refs;
  }

  /** The labels of one platform, placeholders ({@code {arch}}, ...) replaced, in order. */
  public Map<String, String> labels(Platform platform) {
    Map<String, String> placeholders = placeholders(platform);
    Map<String, String> resolved = new LinkedHashMap<>();
    labels.forEach((k, v) -> resolved.put(k, Placeholders.replace(v, placeholders)));
    return resolved;
  }

  /** The build args of one platform, placeholders replaced, in order. */
  public Map<String, String> buildArgs(Platform platform) {
    Map<String, String> placeholders = placeholders(platform);
    Map<String, String> resolved = new LinkedHashMap<>();
    buildArgs.forEach((k, v) -> resolved.put(k, Placeholders.replace(v, placeholders)));
    return resolved;
  }

  /** Values for placeholders in cache entries of one platform. */
  public Map<String, String> placeholders(Platform platform) {
    String arch = archName(platform);
    String archRepo = Placeholders.replace(archImage, Map.of("arch", arch, "image", image));
    Map<String, String> values = new LinkedHashMap<>();
    values.put("arch", arch);
    values.put("platform", platform.toString());
    values.put("image", image);
    values.put("archImage", archRepo);
    values.put("tag", primaryTag());
    values.put("scope", cacheScope);
    return values;
  }

  public PlatformNode node(Platform platform) {
    return nodes.getOrDefault(platform, defaultNode);
  }

  /**
   * This spec with the pools the preflight kept (the nodes that answered, in order), each
   * platform's first one chosen.
   */
  public ImageSpec withPools(Map<Platform, List<PlatformNode>> live) {
    Map<Platform, PlatformNode> first = new LinkedHashMap<>(nodes);
    live.forEach((platform, pool) -> first.put(platform, pool.get(0)));
    return new ImageSpec(name, contextDir, dockerfile, image, tags, archImage, platforms, archAliases, buildArgs, labels,
        push, output, cacheFrom, cacheTo, cacheScope, secrets, pull, noCache, target, provenance, sbom, first,
        defaultNode, nativePlatform, timeout, unusedCache, archTags, reproducible, live, retryOnAnotherNode);
  }

  /** The nodes a platform may build on, in order of preference: its pool, or its one node. */
  public List<PlatformNode> pool(Platform platform) {
    List<PlatformNode> pool = pools.get(platform);
    return pool == null || pool.isEmpty() ? List.of(node(platform)) : pool;
  }
}
