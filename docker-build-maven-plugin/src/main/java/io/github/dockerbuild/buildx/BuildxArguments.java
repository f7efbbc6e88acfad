package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.PlannedValue;
import io.github.dockerbuild.domain.SecretNames;

import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Secret;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.config.Placeholders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where buildx arguments are made: {@link ImageSpec} + platform to the
 * {@code docker buildx build} argument list. Pure: no I/O, no environment, so it is tested
 * exhaustively.
 */
public final class BuildxArguments {
  private BuildxArguments() {}

  /** Where buildx writes one platform's result (its digest) as JSON. */
  static Path metadataFile(Path workDir, ImageSpec spec, Platform platform) {
    return workDir.resolve(spec.name() + "-" + platform.toString().replace('/', '-') + ".metadata.json");
  }

  /**
   * The argument list for one platform's build.
   *
   * @param docker the docker executable
   * @param spec the image
   * @param platform one of {@code spec.platforms()}
   * @param metadataFile where buildx writes the result (digest) as JSON
   * @param cacheFrom the cache sources to use for this platform, resolved and verified
   * @param pinnedArgs build args whose values are replaced for this platform (verified base images)
   */
  public static List<String> of(
      String docker, ImageSpec spec, Platform platform, Path metadataFile, List<CacheEntry> cacheFrom,
      Map<String, String> pinnedArgs) {
    PlatformNode node = spec.node(platform);
    List<String> args = new ArrayList<>();
    args.add(docker);
    if (node.context() != null) {
      args.add("--context");
      args.add(node.context());
    }
    args.add("buildx");
    args.add("build");
    if (node.builder() != null) {
      args.add("--builder");
      args.add(node.builder());
    }
    args.add("--progress=plain");
    args.add("--platform");
    args.add(platform.toString());
    args.add("--file");
    args.add(spec.dockerfile().toString());
    if (spec.pull()) {
      args.add("--pull");
    }
    if (spec.noCache()) {
      args.add("--no-cache");
    }
    if (spec.target() != null) {
      args.add("--target");
      args.add(spec.target());
    }
    Map<String, String> placeholders = spec.placeholders(platform);
    for (Map.Entry<String, String> arg : spec.buildArgs(platform).entrySet()) {
      addPair(args, "--build-arg", arg.getKey(), pinnedArgs.getOrDefault(arg.getKey(), arg.getValue()));
    }
    for (Map.Entry<String, String> label : spec.labels(platform).entrySet()) {
      addPair(args, "--label", label.getKey(), label.getValue());
    }
    for (Secret secret : spec.secrets()) {
      args.add("--secret");
      args.add(secret.toArg());
    }
    if (spec.provenance() != null) {
      args.add("--provenance=" + spec.provenance());
    }
    if (spec.sbom() != null) {
      args.add("--sbom=" + spec.sbom());
    }
    for (CacheEntry entry : cacheFrom) {
      args.add("--cache-from");
      args.add(entry.resolve(placeholders).toArg());
    }
    for (CacheEntry entry : spec.cacheTo()) {
      args.add("--cache-to");
      args.add(entry.resolve(placeholders).toArg());
    }
    args.add("--metadata-file");
    args.add(metadataFile.toString());
    addOutput(args, spec, platform, metadataFile);
    args.add(spec.contextDir().toString());
    return List.copyOf(args);
  }

  /**
   * The argument list as the plan, the record and the log show it: the value of every build arg
   * whose name looks like a secret is {@value PlannedValue#REDACTED}.
   */
  public static List<String> redacted(List<String> args) {
    List<String> shown = new ArrayList<>(args);
    for (int i = 0; i + 1 < shown.size(); i++) {
      if (shown.get(i).equals("--build-arg")) {
        String pair = shown.get(i + 1);
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (SecretNames.looksSecret(name)) {
          shown.set(i + 1, name + "=" + PlannedValue.REDACTED);
        }
      }
    }
    return List.copyOf(shown);
  }

  /**
   * Where a reproducible build writes its OCI layout, beside the metadata file: the plugin pushes
   * it from there.
   */
  public static Path layoutDir(Path metadataFile) {
    String name = metadataFile.getFileName().toString().replace(".metadata.json", "");
    return metadataFile.resolveSibling(name + ".oci");
  }

  private static void addOutput(List<String> args, ImageSpec spec, Platform platform, Path metadata) {
    if (spec.push() && spec.reproducible()) {
      args.add("--output");
      args.add("type=oci,dest=" + layoutDir(metadata) + ",tar=false,rewrite-timestamp=true," + spec.output().toAttributes());
    } else if (spec.push()) {
      args.add("--output");
      List<String> names = spec.archReferences(platform);
      // buildx reads --output as CSV: several names are one quoted field
      String name = names.size() == 1 ? "name=" + names.get(0) : "\"name=" + String.join(",", names) + "\"";
      args.add("type=image," + name + ",push=true," + spec.output().toAttributes());
    } else if (platform.equals(spec.nativePlatform())) {
      for (String ref : spec.references()) {
        args.add("--tag");
        args.add(ref);
      }
      args.add("--load");
    } else {
      args.add("--output");
      args.add("type=cacheonly");
    }
  }

  private static void addPair(List<String> args, String flag, String key, String value) {
    args.add(flag);
    args.add(key + "=" + (value == null ? "" : value));
  }
}
