package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.OciIndexTemplate;
import io.github.dockerbuild.registry.OciLayoutPusher;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds each platform without any cache and compares the result with the image the registry
 * holds under its per-arch reference, as {@code maven-artifact-plugin:compare} does for jars: the
 * same digest means the image is reproducible; otherwise the first difference is named (the config,
 * a layer by number, or the number of layers).
 */
public final class CompareService {
  private final String docker;
  private final ProcessRunner runner;
  private final RegistryClient client;
  private final BuildLog log;

  public CompareService(String docker, ProcessRunner runner, RegistryClient client, BuildLog log) {
    this.docker = docker;
    this.runner = runner;
    this.client = client;
    this.log = log;
  }

  /**
   * One platform's verdict.
   *
   * @param reference the per-arch image compared with
   * @param published its digest in the registry, or null when it has none
   * @param rebuilt the digest of the rebuild
   * @param difference null when they match, else the first difference
   */
  public record Comparison(Platform platform, String reference, String published, String rebuilt, String difference) {
    public boolean reproducible() {
      return difference == null;
    }

    /** {@code linux/arm64: reproducible (sha256:...)}, or what differs. */
    public String line() {
      return platform + ": " + (reproducible() ? "reproducible (" + rebuilt + ")"
          : "NOT reproducible: " + difference + " (" + reference + " is " + published + ", the rebuild " + rebuilt + ")");
    }
  }

  public List<Comparison> compare(ImageSpec spec, Path workDir)
      throws IOException, InterruptedException, CommandFailedException {
    ImageSpec rebuild = spec.rebuildWithoutCache();
    Files.createDirectories(workDir);
    List<Comparison> results = new ArrayList<>();
    for (Platform platform : spec.platforms()) {
      String prefix = "[" + platform + "] ";
      Path metadata = workDir.resolve("compare-" + platform.toString().replace('/', '-') + ".metadata.json");
      Path layout = BuildxArguments.layoutDir(metadata);
      BuildxService.deleteTree(layout);
      List<String> command = BuildxArguments.of(docker, rebuild, platform, metadata, List.of(), Map.of());
      log.info(prefix + "rebuilding without cache to compare with " + spec.archReference(platform));
      ProcessRunner.Result result = runner.run(command, spec.timeout(), line -> log.output(prefix + line));
      if (!result.succeeded()) {
        throw new CommandFailedException(command, result.exitCode(), result.tail(), "failed");
      }
      RawManifest rebuilt = imageOf(OciLayoutPusher.image(layout), platform, d -> OciLayoutPusher.manifest(layout, d));
      ImageRef reference = ImageRef.parse(spec.archReference(platform));
      RawManifest published;
      try {
        RawManifest top = client.pullManifest(reference);
        published = imageOf(top, platform, d -> client.pullManifest(reference.withDigest(d.toDigest())));
      } catch (RuntimeException e) {
        results.add(new Comparison(platform, reference.toString(), null, rebuilt.digest().value(),
            "the registry has no image to compare with (" + e.getMessage() + ")"));
        continue;
      }
      Comparison c = new Comparison(platform, reference.toString(), published.digest().value(),
          rebuilt.digest().value(), difference(published, rebuilt));
      log.info(prefix + c.line());
      results.add(c);
    }
    return results;
  }

  /** The first difference between two image manifests, or null when they are the same bytes. */
  static String difference(RawManifest published, RawManifest rebuilt) {
    if (published.digest().equals(rebuilt.digest())) {
      return null;
    }
    ManifestTemplate a = published.toManifest();
    ManifestTemplate b = rebuilt.toManifest();
    List<DescriptorTemplate> la = a.layers();
    List<DescriptorTemplate> lb = b.layers();
    for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
      if (!la.get(i).digest().equals(lb.get(i).digest())) {
        return "layer " + (i + 1) + " of " + la.size() + " differs (" + la.get(i).digest() + " published, "
            + lb.get(i).digest() + " rebuilt)";
      }
    }
    if (la.size() != lb.size()) {
      return "the published image has " + la.size() + " layers, the rebuild " + lb.size();
    }
    if (a.config() != null && b.config() != null && !a.config().digest().equals(b.config().digest())) {
      return "the config differs (" + a.config().digest() + " published, " + b.config().digest() + " rebuilt): the"
          + " layers match, so a date, label or build arg does not";
    }
    return "the manifests differ, their layers and configs do not (media types or annotations)";
  }

  @FunctionalInterface
  private interface Child {
    RawManifest read(DescriptorTemplate descriptor) throws IOException;
  }

  /** The platform's image manifest: the manifest itself, or its platform's child of an index. */
  private static RawManifest imageOf(RawManifest top, Platform platform, Child child) throws IOException {
    if (!top.isIndex()) {
      return top;
    }
    OciIndexTemplate index = top.toIndex();
    for (DescriptorTemplate d : index.manifests()) {
      if (d.platform() != null && platform.os().equals(d.platform().os())
          && platform.architecture().equals(d.platform().architecture())) {
        return child.read(d);
      }
    }
    throw new IOException("the index " + top.digest() + " has no " + platform + " image");
  }
}
