package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.DockerfileFacts;
import io.github.dockerbuild.domain.ImagePlan;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.PlannedCache;
import io.github.dockerbuild.domain.PlannedValue;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformPlan;
import io.github.dockerbuild.domain.SecretNames;
import io.github.dockerbuild.domain.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a checked {@link ImageSpec} into what each platform's build receives: build args and
 * labels with their origin, cache entries with whether they are used, the output, and the exact
 * argument list, made by {@link BuildxArguments} as the build makes it. Before verification: a
 * registry cache source the verify goal checks is used by its verified digest, or dropped.
 */
public final class BuildPlanner {
  private BuildPlanner() {}

  /**
   * @param docker the docker CLI
   * @param spec the checked spec
   * @param pomBuildArgs names of the build args the POM gives (the others are injected)
   * @param pomLabels names of the labels the POM gives
   * @param verifiesCache whether the verify goal of this run checks registry cache sources
   * @param workDir where the build writes buildx's result files
   */
  public static ImagePlan plan(String docker, ImageSpec spec, Set<String> pomBuildArgs, Set<String> pomLabels,
      boolean verifiesCache, Path workDir) {
    List<PlatformPlan> platforms = new ArrayList<>();
    for (Platform platform : spec.platforms()) {
      platforms.add(platform(docker, spec, platform, pomBuildArgs, pomLabels, verifiesCache, workDir));
    }
    return new ImagePlan(spec.contextDir().toString(), spec.dockerfile().toString(), spec.tags(), spec.push(),
        spec.nativePlatform(), spec.secrets().stream().map(Secret::id).toList(), spec.timeout().toSeconds(),
        platforms);
  }

  /** The defaults of the Dockerfile's ARGs, first declaration wins; none when it cannot be read. */
  private static Map<String, String> dockerfileDefaults(ImageSpec spec) {
    Map<String, String> defaults = new java.util.LinkedHashMap<>();
    try {
      for (DockerfileFacts.Arg arg : DockerfileFacts.parse(java.nio.file.Files.readString(spec.dockerfile())).args()) {
        if (arg.defaultValue() != null) {
          defaults.putIfAbsent(arg.name(), arg.defaultValue());
        }
      }
    } catch (java.io.IOException e) {
      // the plan is checked before this: a Dockerfile that vanished since only loses its defaults here
    }
    return defaults;
  }

  private static PlatformPlan platform(String docker, ImageSpec spec, Platform platform, Set<String> pomBuildArgs,
      Set<String> pomLabels, boolean verifiesCache, Path workDir) {
    Map<String, String> placeholders = spec.placeholders(platform);
    List<PlannedCache> from = new ArrayList<>();
    List<CacheEntry> sources = new ArrayList<>();
    for (CacheEntry entry : spec.cacheFrom()) {
      CacheEntry resolved = entry.resolve(placeholders);
      boolean verified = verifiesCache && resolved.registryRef() != null;
      from.add(new PlannedCache(entry, resolved, verified ? PlannedCache.Status.TO_VERIFY : PlannedCache.Status.USED));
      sources.add(resolved);
    }
    List<PlannedCache> to = new ArrayList<>();
    for (CacheEntry entry : spec.cacheTo()) {
      to.add(new PlannedCache(entry, entry.resolve(placeholders), PlannedCache.Status.USED));
    }
    for (ImageSpec.UnusedCache unused : spec.unusedCache()) {
      (unused.export() ? to : from).add(
          new PlannedCache(unused.entry(), unused.entry().resolve(placeholders), unused.status()));
    }
    List<PlannedValue> args = new ArrayList<>();
    Map<String, String> passed = spec.buildArgs(platform);
    passed.forEach((name, value) -> args.add(new PlannedValue(name,
        SecretNames.looksSecret(name) ? PlannedValue.REDACTED : value,
        pomBuildArgs.contains(name) ? PlannedValue.Origin.POM : PlannedValue.Origin.INJECTED)));
    dockerfileDefaults(spec).forEach((name, value) -> {
      if (!passed.containsKey(name)) {
        args.add(new PlannedValue(name, SecretNames.looksSecret(name) ? PlannedValue.REDACTED : value,
            PlannedValue.Origin.DOCKERFILE));
      }
    });
    List<PlannedValue> labels = new ArrayList<>();
    spec.labels(platform).forEach((name, value) -> labels.add(new PlannedValue(name, value,
        pomLabels.contains(name) ? PlannedValue.Origin.POM : PlannedValue.Origin.INJECTED)));
    List<String> command = BuildxArguments.redacted(BuildxArguments.of(docker, spec, platform,
        BuildxArguments.metadataFile(workDir, spec, platform), sources, Map.of()));
    String reference = spec.push() ? spec.archReference(platform)
        : platform.equals(spec.nativePlatform()) ? String.join(", ", spec.references()) : null;
    String output = BuildxService.output(command);
    return new PlatformPlan(platform, spec.archName(platform), reference, spec.node(platform), args, labels, from, to,
        output == null ? "type=cacheonly" : output, command);
  }
}
