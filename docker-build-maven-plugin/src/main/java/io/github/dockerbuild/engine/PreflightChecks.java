package io.github.dockerbuild.engine;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.Compression;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks made before any build starts, on what the engine and buildx said (pure: tested on
 * recorded answers). Each problem is one line: what is missing, for which image, and how to fix it.
 */
public final class PreflightChecks {
  /** Docker 20.10: the oldest engine whose BuildKit the plugin drives. */
  static final String MIN_API = "1.41";

  private PreflightChecks() {}

  /** What one build node (a builder of a context) said. */
  public record Node(PlatformNode node, EngineFacts engine, BuilderFacts builder) {}

  /**
   * @param spec the image to build
   * @param buildxVersion the output of {@code docker buildx version}, null when buildx is missing
   * @param nodes the facts for every node a platform of {@code spec} is built on
   * @return the problems, empty when the build can start
   */
  public static List<String> check(ImageSpec spec, String buildxVersion, Map<PlatformNode, Node> nodes) {
    List<String> problems = new ArrayList<>();
    String image = spec.image();
    if (buildxVersion == null) {
      problems.add("docker buildx is not installed (image " + image + "): install the buildx plugin "
          + "(Debian/Ubuntu package docker-buildx, or the docker-buildx binary in ~/.docker/cli-plugins/)");
      return problems;
    }
    for (Node node : nodes.values()) {
      EngineFacts engine = node.engine();
      if (engine != null && compareVersions(engine.apiVersion(), MIN_API) < 0) {
        problems.add("the Docker engine at " + engine.endpoint() + " speaks API " + engine.apiVersion()
            + " (image " + image + "): upgrade it to Docker 20.10 (API " + MIN_API + ") or newer");
      }
    }
    for (Platform platform : spec.platforms()) {
      for (PlatformNode member : spec.pool(platform)) {
        Node node = nodes.get(member);
        if (node == null) {
          continue;
        }
        BuilderFacts builder = node.builder();
        if (!builder.platforms().isEmpty() && !builder.platforms().contains(platform)) {
          problems.add("builder '" + builder.name() + "' cannot build " + platform + " (image " + image
              + "; it builds " + builder.platforms().stream().map(Platform::toString).collect(Collectors.joining(", "))
              + "): register QEMU for it (apt-get install qemu-user-static, then restart the engine) "
              + "or build it on a native node with <nodes>");
        }
      }
    }
    for (Node node : nodes.values()) {
      if (!node.builder().usesEngineStore() || node.engine() == null || node.engine().containerdImageStore()) {
        continue;
      }
      String where = "builder '" + node.builder().name() + "' (docker driver of " + node.engine().endpoint()
          + ") uses the classic image store";
      String fix = ": enable the containerd image store ({\"features\":{\"containerd-snapshotter\":true}} "
          + "in /etc/docker/daemon.json, restart dockerd) or use a docker-container builder (<builder>)";
      if (spec.push() && spec.output().compression() != Compression.GZIP) {
        problems.add(where + " and cannot push " + spec.output().compression().buildkitName()
            + " layers (image " + image + ", <compression>)" + fix + ", or set <compression>gzip");
      }
      List<String> exports = spec.cacheTo().stream()
          .filter(e -> !e.type().equals("inline"))
          .map(CacheEntry::type)
          .distinct()
          .toList();
      if (!exports.isEmpty()) {
        problems.add(where + " and cannot export type=" + String.join(",", exports) + " caches (image " + image
            + ", <cacheTo>)" + fix + ", or -Ddocker.cache.export=false");
      }
    }
    return problems;
  }

  /** Compares dotted versions numerically ({@code 1.9 < 1.41}). */
  /**
   * Warnings for pushes that may miss the proxy: a node whose builder is the engine's own (the
   * {@code docker} driver) pushes from the engine, with the engine's proxy settings, not the
   * plugin's; when the plugin reaches a registry the node pushes to or caches in through a proxy
   * and that engine has none, the push goes out directly. A warning, not a problem: the registry
   * may be reachable both ways.
   *
   * @param proxyFor the proxy the plugin's client uses for an HTTPS registry, described, or empty
   */
  public static List<String> proxyWarnings(ImageSpec spec, Map<PlatformNode, Node> nodes,
      java.util.function.Function<String, java.util.Optional<String>> proxyFor) {
    List<String> warnings = new ArrayList<>();
    if (!spec.push()) {
      return warnings;
    }
    for (Node node : nodes.values()) {
      if (node.engine() == null || node.builder() == null || !node.builder().usesEngineStore()
          || node.engine().httpsProxy()) {
        continue;
      }
      java.util.SortedSet<String> registries = new java.util.TreeSet<>();
      for (Platform platform : spec.platforms()) {
        if (spec.pool(platform).contains(node.node())) {
          registries.addAll(registriesOf(spec, platform));
        }
      }
      for (String registry : registries) {
        proxyFor.apply(registry).ifPresent(proxy -> warnings.add("image " + spec.image() + ": the plugin reaches "
            + registry + " through the proxy " + proxy + ", but the engine at " + node.engine().endpoint().host()
            + " has no HTTPS proxy and pushes there directly (BuildKit's pushes leave from the engine): set "
            + "\"proxies\" in its daemon.json if the registry is reachable only through the proxy"));
      }
    }
    return warnings;
  }

  /** The registries a platform's build pushes to and reads or writes registry caches in. */
  public static java.util.Set<String> registriesOf(ImageSpec spec, Platform platform) {
    java.util.Set<String> registries = new java.util.TreeSet<>();
    spec.archReferences(platform).forEach(ref -> registries.add(io.github.dockerbuild.registry.ImageRef.parse(ref)
        .registry()));
    java.util.stream.Stream.concat(spec.cacheFrom().stream(), spec.cacheTo().stream())
        .map(entry -> entry.resolve(spec.placeholders(platform)).registryRef()).filter(java.util.Objects::nonNull)
        .forEach(ref -> registries.add(io.github.dockerbuild.registry.ImageRef.parse(ref).registry()));
    return registries;
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? parseInt(x[i]) : 0;
      int yi = i < y.length ? parseInt(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static int parseInt(String s) {
    String digits = s.replaceAll("\\D.*$", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
