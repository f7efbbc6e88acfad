package io.github.dockerbuild.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: an {@link ImageSpec} with plain defaults (image {@code ghcr.io/org/app}, tag
 * {@code 1.0.0}, platforms linux/amd64 + linux/arm64, native linux/amd64, no push, nothing optional
 * set) where each test changes only the field it is about.
 */
public final class ImageSpecBuilder {
  public static final Platform AMD64 = Platform.parse("linux/amd64");
  public static final Platform ARM64 = Platform.parse("linux/arm64");

  public String name = "app";
  public Path contextDir = Path.of("/src/app");
  public Path dockerfile = Path.of("/src/app/Dockerfile");
  public String image = "ghcr.io/org/app";
  public List<String> tags = List.of("1.0.0");
  public String archImage = "{image}";
  public List<Platform> platforms = List.of(AMD64, ARM64);
  public Map<String, String> archAliases = Map.of();
  public Map<String, String> buildArgs = new LinkedHashMap<>();
  public Map<String, String> labels = new LinkedHashMap<>();
  public boolean push;
  public OutputOptions output = OutputOptions.DEFAULT;
  public List<CacheEntry> cacheFrom = new ArrayList<>();
  public List<CacheEntry> cacheTo = new ArrayList<>();
  public String cacheScope = "app";
  public List<Secret> secrets = new ArrayList<>();
  public boolean pull;
  public boolean noCache;
  public String target;
  public String provenance;
  public String sbom;
  public Map<Platform, PlatformNode> nodes = new LinkedHashMap<>();
  public Map<Platform, List<PlatformNode>> pools = new LinkedHashMap<>();
  public PlatformNode defaultNode = PlatformNode.DEFAULT;
  public Platform nativePlatform = AMD64;
  public Duration timeout = Duration.ofHours(1);
  public List<ImageSpec.UnusedCache> unusedCache = new ArrayList<>();

  public static ImageSpecBuilder spec() {
    return new ImageSpecBuilder();
  }

  /** Applies a change to this builder and returns it, for one-line variations. */
  public ImageSpecBuilder with(java.util.function.Consumer<ImageSpecBuilder> change) {
    change.accept(this);
    return this;
  }

  public ImageSpecBuilder push(boolean value) {
    push = value;
    return this;
  }

  public ImageSpecBuilder tags(String... values) {
    tags = List.of(values);
    return this;
  }

  public ImageSpecBuilder platforms(String... values) {
    List<Platform> list = new ArrayList<>();
    for (String v : values) {
      list.add(Platform.parse(v));
    }
    platforms = list;
    return this;
  }

  public ImageSpecBuilder archImage(String value) {
    archImage = value;
    return this;
  }

  public ImageSpecBuilder archAliases(Map<String, String> value) {
    archAliases = value;
    return this;
  }

  public ImageSpecBuilder buildArg(String key, String value) {
    buildArgs.put(key, value);
    return this;
  }

  public ImageSpecBuilder label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  public ImageSpecBuilder cacheFrom(String... entries) {
    for (String e : entries) {
      cacheFrom.add(CacheEntry.parse("<cacheFrom>", e));
    }
    return this;
  }

  public ImageSpecBuilder cacheTo(String... entries) {
    for (String e : entries) {
      cacheTo.add(CacheEntry.parse("<cacheTo>", e));
    }
    return this;
  }

  public ImageSpecBuilder output(OutputOptions value) {
    output = value;
    return this;
  }

  public ImageSpecBuilder node(String platform, String builder, String context) {
    nodes.put(Platform.parse(platform), new PlatformNode(builder, context));
    return this;
  }

  /** A pool for the platform: its nodes in order of preference, the first one chosen. */
  public ImageSpecBuilder pool(String platform, PlatformNode... members) {
    nodes.put(Platform.parse(platform), members[0]);
    pools.put(Platform.parse(platform), List.of(members));
    return this;
  }

  public boolean reproducible;

  /** Build a platform again on another node of its pool after a failure that is not the build's own. */
  public boolean retryOnAnotherNode;

  /** The tags each per-arch image gets; null: the primary one. */
  public List<String> archTags;

  public ImageSpecBuilder archTags(String... values) {
    archTags = List.of(values);
    return this;
  }

  public ImageSpecBuilder timeout(Duration value) {
    timeout = value;
    return this;
  }

  public ImageSpec build() {
    return new ImageSpec(name, contextDir, dockerfile, image, tags, archImage, platforms, archAliases, buildArgs,
        labels, push, output, cacheFrom, cacheTo, cacheScope, secrets, pull, noCache, target, provenance, sbom,
        nodes, defaultNode, nativePlatform, timeout, unusedCache, archTags, reproducible, pools,
        retryOnAnotherNode);
  }
}
