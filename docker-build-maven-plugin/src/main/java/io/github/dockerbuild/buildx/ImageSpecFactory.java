package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.PlannedCache;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.OutputOptions;
import io.github.dockerbuild.domain.Compression;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.config.Values;
import io.github.dockerbuild.config.Problems;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.DockerfileFacts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the computed metadata and the build parameters into one {@link ImageSpec}, reporting every
 * invalid or conflicting parameter at once, before any process starts.
 */
public final class ImageSpecFactory {
  private ImageSpecFactory() {}

  /**
   * The spec, the engine asked for its platform only when it matters: when no platforms are
   * configured (the build then builds the native one), or when the build does not push (the native
   * platform is the one loaded into the engine).
   *
   * @param enginePlatform the platform of the engine that builds by default, asked when needed
   */
  public static <E extends Exception> ImageSpec create(BuildMetadata metadata, BuildSettings settings,
      EnginePlatform<E> enginePlatform, boolean ci, boolean ghaCacheService) throws E {
    Platform nativePlatform = settings.platforms().isEmpty() || !metadata.push()
        ? Platform.parse(enginePlatform.ask())
        : Platform.parse(settings.platforms().get(0));
    return create(metadata, settings, nativePlatform, ci, ghaCacheService);
  }

  /** The image the build parameters are checked on when the module's metadata cannot be computed. */
  private static final BuildMetadata STAND_IN = new BuildMetadata(io.github.dockerbuild.domain.Mode.RELEASE, true, "0",
      "1970-01-01T00:00:00Z", "clock", null, null, null, "example.invalid/image", "{image}", List.of("0"),
      java.util.Map.of(), java.util.Map.of(), java.util.Map.of());

  /**
   * Checks the build parameters when the module's metadata has problems of its own: on a stand-in
   * image, asking no engine, so the first goal names every problem of the run at once.
   *
   * @throws io.github.dockerbuild.config.InvalidConfigurationException listing every problem
   */
  public static void checkWithoutMetadata(BuildSettings settings) {
    create(STAND_IN, settings, Platform.parse("linux/amd64"), false, false);
  }

  /**
   * How many platforms may build at once.
   *
   * @throws io.github.dockerbuild.config.InvalidValueException when it is not a positive number
   */
  public static void checkParallelism(int parallelism, String property) {
    if (parallelism < 1) {
      throw new io.github.dockerbuild.config.InvalidValueException("<parallelism> (-D" + property + ")",
          Integer.toString(parallelism), "is not a positive number",
          "give how many platforms may build at once, e.g. 4, or set <serial>true</serial>");
    }
  }

  /** The default engine's platform, {@code os/arch}, asked of it. */
  @FunctionalInterface
  public interface EnginePlatform<E extends Exception> {
    String ask() throws E;
  }

  /**
   * @param nativePlatform the platform of the engine that builds by default
   * @param ci whether this runs in CI (for {@code cacheExport=auto})
   * @param ghaCacheService whether GitHub Actions' cache service is there (only inside Actions)
   * @throws io.github.dockerbuild.config.InvalidConfigurationException listing every problem
   */
  public static ImageSpec create(
      BuildMetadata metadata, BuildSettings settings, Platform nativePlatform, boolean ci, boolean ghaCacheService) {
    Problems problems = new Problems();
    if (!Files.isDirectory(settings.contextDir())) {
      problems.add("<contextDirectory> (-Ddocker.contextDirectory)", settings.contextDir().toString(),
          "is not a directory", "point it at the build context");
    }
    if (!Files.isRegularFile(settings.dockerfile())) {
      problems.add("<dockerfile> (-Ddocker.dockerfile)", settings.dockerfile().toString(), "does not exist",
          "point it at the image's Dockerfile");
    }

    List<Platform> platforms = new ArrayList<>();
    for (String text : settings.platforms()) {
      if (text == null || text.isBlank()) {
        continue;
      }
      Platform platform = problems.attempt(() -> Platform.parse(text), null);
      if (platform != null && !platforms.contains(platform)) {
        platforms.add(platform);
      }
    }
    if (platforms.isEmpty()) {
      platforms.add(nativePlatform);
    }

    Compression compression = problems.attempt(
        () -> Compression.parse(settings.compression() == null ? "zstd" : settings.compression()), Compression.ZSTD);
    OutputOptions output = problems.attempt(
        () -> new OutputOptions(compression, settings.compressionLevel(), settings.forceCompression(),
            settings.ociMediaTypes()), OutputOptions.DEFAULT);

    List<CacheEntry> cacheFrom = parseCache(problems, "<cacheFrom> (-Ddocker.cacheFrom)", settings.cacheFrom());
    // a cache export that fails never fails the build: BuildKit goes on without it (the build warns once);
    // an entry that says ignore-error=false keeps BuildKit's failure
    List<CacheEntry> cacheTo = parseCache(problems, "<cacheTo> (-Ddocker.cacheTo)", settings.cacheTo()).stream()
        .map(e -> e.type().equals("inline") || e.attributes().containsKey("ignore-error") ? e : e.with("ignore-error", "true"))
        .toList();
    String export = settings.cacheExport() == null || settings.cacheExport().isBlank()
        ? "auto" : settings.cacheExport().trim().toLowerCase(Locale.ROOT);
    boolean exportOn = switch (export) {
      case "auto" -> ci;
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add("<cacheExport> (-Ddocker.cache.export)", export, "is not auto, true or false",
            "use auto (export in CI only), true or false");
        yield false;
      }
    };
    if (settings.noCache() && !cacheFrom.isEmpty()) {
      problems.add("<noCache> (-Ddocker.noCache)", "true", "conflicts with <cacheFrom>",
          "drop one: noCache ignores every cache source");
    }
    List<ImageSpec.UnusedCache> unused = new ArrayList<>();
    List<CacheEntry> usedFrom = new ArrayList<>();
    for (CacheEntry entry : cacheFrom) {
      if (entry.type().equals("gha") && !ghaCacheService) {
        unused.add(new ImageSpec.UnusedCache(false, entry, PlannedCache.Status.NO_GHA_RUNTIME));
      } else {
        usedFrom.add(entry);
      }
    }
    List<CacheEntry> usedTo = new ArrayList<>();
    for (CacheEntry entry : cacheTo) {
      // a build that does not push writes nothing to a registry, cache included
      if (!exportOn || (!metadata.push() && entry.type().equals("registry"))) {
        unused.add(new ImageSpec.UnusedCache(true, entry, PlannedCache.Status.EXPORT_OFF));
      } else if (entry.type().equals("gha") && !ghaCacheService) {
        unused.add(new ImageSpec.UnusedCache(true, entry, PlannedCache.Status.NO_GHA_RUNTIME));
      } else {
        usedTo.add(entry);
      }
    }

    Map<Platform, PlatformNode> nodes = new LinkedHashMap<>();
    Map<Platform, List<PlatformNode>> pools = new LinkedHashMap<>();
    settings.nodes().forEach((platformText, pool) -> {
      Platform platform = null;
      try {
        platform = Platform.parse(platformText);
      } catch (IllegalArgumentException e) {
        problems.add("<nodes><node><platform>", platformText, "is not a platform",
            "use os/arch[/variant] of one of the platforms built, such as linux/arm64");
      }
      if (platform != null) {
        if (!platforms.contains(platform)) {
          problems.add("<nodes><node><platform>", platformText, "is not one of the platforms built ("
              + platforms + ")", "add it to <platforms> or remove the node");
        }
        if (!pool.isEmpty()) {
          nodes.put(platform, pool.get(0));
          if (pool.stream().map(PlatformNode::where).distinct().count() < pool.size()) {
            problems.add("<nodes><node>", platformText, "lists the same builder and context twice",
                "name each node of a platform once");
          }
          pools.put(platform, pool);
          for (PlatformNode node : pool) {
            if (node.capacity() != null && node.capacity() < 1) {
              problems.add("<nodes><node><capacity>", String.valueOf(node.capacity()), "of a node of " + platformText
                  + " is less than 1", "give how many builds the node takes at a time (1 or more), or leave it out");
            }
          }
        }
      }
    });

    if (settings.provenance() != null && !settings.provenance().isBlank()) {
      checkAttestation(problems, "<provenance> (-Ddocker.provenance)", settings.provenance());
    }
    if (settings.sbom() != null && !settings.sbom().isBlank()) {
      checkAttestation(problems, "<sbom> (-Ddocker.sbom)", settings.sbom());
    }
    if (settings.timeoutSeconds() <= 0) {
      problems.add("<timeout> (-Ddocker.build.timeout)", Long.toString(settings.timeoutSeconds()),
          "is not a positive number of seconds", "give the longest a platform build may take, e.g. 3600");
    }

    String scope = settings.cacheScope();
    if (scope != null && !scope.isBlank() && !scope.trim().matches("[^\\s,=]+")) {
      problems.add("<cacheScope> (-Ddocker.cacheScope)", scope, "holds a space, comma or '='",
          "give one word such as the artifactId: it becomes part of buildx's key=value cache entries");
    }
    checkTarget(problems, settings);
    List<String> archTags = archTags(problems, settings.archTags(), metadata);
    boolean reproducible = reproducible(problems, settings.reproducible(), metadata);

    problems.throwIfAny(metadata.image());
    return new ImageSpec(
        settings.name(),
        settings.contextDir(),
        settings.dockerfile(),
        metadata.image(),
        metadata.tags(),
        metadata.archImage(),
        platforms,
        metadata.archAliases(),
        metadata.buildArgs(),
        metadata.labels(),
        metadata.push(),
        output,
        usedFrom,
        usedTo,
        settings.cacheScope() == null || settings.cacheScope().isBlank() ? settings.name() : settings.cacheScope(),
        settings.secrets(),
        settings.pull(),
        settings.noCache(),
        Values.blankToNull(settings.target()),
        // a provenance attestation records when and by which invocation it was built: a reproducible
        // build leaves it out unless <provenance> asks for it (the promise then covers the image only)
        Values.blankToNull(settings.provenance()) == null && reproducible ? "false" : Values.blankToNull(settings.provenance()),
        Values.blankToNull(settings.sbom()),
        nodes,
        new PlatformNode(Values.blankToNull(settings.builder()), Values.blankToNull(settings.context())),
        nativePlatform,
        Duration.ofSeconds(Math.max(1, settings.timeoutSeconds())),
        unused,
        archTags,
        reproducible,
        pools,
        settings.retryOnAnotherNode());
  }

  /**
   * The tags each per-arch image is pushed with: {@code all} of them, or the {@code primary} one;
   * {@code auto} is all where per-arch images have repositories of their own ({@code {arch}} in
   * {@code <archImage>}, as home-assistant's {@code aarch64-base:latest}), and the primary one where
   * they share the multi-arch repository ({@code IMAGE:TAG-ARCH}), which would otherwise get a tag
   * per tag and architecture.
   */
  private static List<String> archTags(Problems problems, String given, BuildMetadata metadata) {
    String rule = given == null || given.isBlank() ? "auto" : given.trim().toLowerCase(Locale.ROOT);
    List<String> tags = metadata.tags();
    if (tags.isEmpty()) {
      return List.of();
    }
    return switch (rule) {
      case "all" -> tags;
      case "primary" -> List.of(tags.get(0));
      case "auto" -> metadata.archImage().contains("{arch}") ? tags : List.of(tags.get(0));
      default -> {
        problems.add("<archTags> (-Ddocker.archTags)", given, "is not a per-arch tag rule",
            "use auto (every tag in per-arch repositories, the primary one in a shared repository), all or primary");
        yield List.of(tags.get(0));
      }
    };
  }

  /**
   * Whether to push a reproducible image: {@code auto} when the build has a fixed date
   * ({@code project.build.outputTimestamp} or {@code SOURCE_DATE_EPOCH}) and pushes.
   */
  private static boolean reproducible(Problems problems, String given, BuildMetadata metadata) {
    String rule = given == null || given.isBlank() ? "auto" : given.trim().toLowerCase(Locale.ROOT);
    return switch (rule) {
      case "auto" -> metadata.push() && metadata.sourceDateEpoch() != null;
      case "true" -> {
        if (metadata.sourceDateEpoch() == null) {
          problems.add("<reproducible> (-Ddocker.reproducible)", given, "needs a fixed build date",
              "set project.build.outputTimestamp (or SOURCE_DATE_EPOCH), or leave <reproducible> at auto");
        }
        yield metadata.push();
      }
      case "false" -> false;
      default -> {
        problems.add("<reproducible> (-Ddocker.reproducible)", given, "is not auto, true or false",
            "use auto (when the build has a fixed date and pushes), true or false");
        yield false;
      }
    };
  }

  /** {@code <target>} must name a stage of the Dockerfile (BuildKit compares stage names ignoring case). */
  private static void checkTarget(Problems problems, BuildSettings settings) {
    String target = Values.blankToNull(settings.target());
    if (target == null || !Files.isRegularFile(settings.dockerfile())) {
      return;
    }
    List<String> stages;
    try {
      stages = DockerfileFacts.parse(Files.readString(settings.dockerfile())).stages().stream()
          .map(DockerfileFacts.Stage::name).filter(java.util.Objects::nonNull).toList();
    } catch (java.io.IOException e) {
      return; // the build reports a Dockerfile it cannot read
    }
    if (stages.stream().noneMatch(stage -> stage.equalsIgnoreCase(target.trim()))) {
      problems.add("<target> (-Ddocker.target)", target, "is no stage of " + settings.dockerfile(),
          stages.isEmpty() ? "name a stage (FROM ... AS NAME) or remove <target>"
              : "use one of " + String.join(", ", stages));
    }
  }

  private static List<CacheEntry> parseCache(Problems problems, String parameter, List<String> entries) {
    List<CacheEntry> parsed = new ArrayList<>();
    for (String text : entries) {
      if (text == null || text.isBlank()) {
        continue;
      }
      CacheEntry entry = problems.attempt(() -> CacheEntry.parse(parameter, text), null);
      if (entry != null) {
        if (entry.type().equals("gha") && !entry.attributes().containsKey("scope")) {
          Map<String, String> attrs = new LinkedHashMap<>(entry.attributes());
          attrs.put("scope", "{arch}-{scope}");
          entry = new CacheEntry("gha", attrs);
        }
        parsed.add(entry);
      }
    }
    return parsed;
  }

  private static void checkAttestation(Problems problems, String parameter, String value) {
    String v = value.trim();
    boolean ok = v.equals("true") || v.equals("false") || v.startsWith("mode=") || v.startsWith("generator=")
        || v.startsWith("disabled=");
    if (!ok) {
      problems.add(parameter, v, "is not an attestation setting", "use true, false or buildx's form such as mode=max");
    }
  }

}
