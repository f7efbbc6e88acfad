package io.github.dockerbuild.buildx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.CommandFailedException;
import io.github.dockerbuild.exec.ProcessRunner;
import io.github.dockerbuild.exec.StepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds one image for all its platforms: one {@code docker buildx build} per platform, in
 * parallel, each streamed to the log with a {@code [os/arch]} prefix. A failing platform never stops
 * the others; the caller gets every platform's result.
 */
public final class BuildxService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String docker;
  private final ProcessRunner runner;
  private final StepRunner steps;
  private final BuildLog log;

  public BuildxService(String docker, ProcessRunner runner, StepRunner steps, BuildLog log) {
    this.docker = docker;
    this.runner = runner;
    this.steps = steps;
    this.log = log;
  }

  /**
   * Builds every platform of {@code spec}.
   *
   * @param workDir where per-platform metadata files are written
   * @param inputs decides on each registry cache source and pins verified base images
   */
  public List<PlatformResult> build(ImageSpec spec, Path workDir, InputPolicy inputs)
      throws InterruptedException, IOException {
    Files.createDirectories(workDir);
    List<StepRunner.Step<PlatformResult>> work = new ArrayList<>();
    for (Platform platform : spec.platforms()) {
      work.add(new StepRunner.Step<>(platform.toString(), () -> buildOne(spec, platform, workDir, inputs)));
    }
    List<PlatformResult> results = new ArrayList<>();
    for (StepRunner.Outcome<PlatformResult> outcome : steps.run(work)) {
      if (outcome.succeeded()) {
        results.add(outcome.value());
      } else {
        if (outcome.failure() instanceof InterruptedException ie) {
          throw ie;
        }
        Platform platform = Platform.parse(outcome.name());
        results.add(new PlatformResult(platform, false, null, null, String.valueOf(outcome.failure().getMessage()), 0));
      }
    }
    return results;
  }

  private PlatformResult buildOne(ImageSpec spec, Platform platform, Path workDir, InputPolicy inputs)
      throws InterruptedException, IOException {
    String prefix = "[" + platform + "] ";
    Path metadata = workDir.resolve(spec.name() + "-" + platform.toString().replace('/', '-') + ".metadata.json");
    Files.deleteIfExists(metadata);
    List<CacheEntry> sources = new ArrayList<>();
    for (CacheEntry entry : spec.cacheFrom()) {
      CacheEntry resolved = entry.resolve(spec.placeholders(platform));
      if (resolved.registryRef() == null) {
        sources.add(resolved);
      } else {
        inputs.cacheSource(resolved, platform).ifPresent(sources::add);
      }
    }
    Map<String, String> pinned = inputs.pinnedArgs(platform, spec.buildArgs(platform));
    List<String> command = BuildxArguments.of(docker, spec, platform, metadata, sources, pinned);
    log.info(prefix + "building " + describeTarget(spec, platform));
    long start = System.nanoTime();
    try {
      ProcessRunner.Result result = runner.run(command, spec.timeout(), line -> log.output(prefix + line));
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!result.succeeded()) {
        String why = new CommandFailedException(command, result.exitCode(), result.tail(), "failed").getMessage();
        log.warn(prefix + "FAILED after " + millis + " ms: " + why);
        return new PlatformResult(platform, false, null, null, why, millis);
      }
      String digest;
      try {
        digest = readDigest(metadata);
      } catch (IOException e) {
        long after = (System.nanoTime() - start) / 1_000_000;
        String why = "buildx succeeded but its result " + metadata + " cannot be read: " + e.getMessage();
        log.warn(prefix + "FAILED after " + after + " ms: " + why);
        return new PlatformResult(platform, false, null, null, why, after);
      }
      log.info(prefix + "done in " + millis + " ms" + (digest == null ? "" : ": " + digest));
      return new PlatformResult(platform, true, target(spec, platform), digest, null, millis);
    } catch (CommandFailedException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      log.warn(prefix + "FAILED: " + e.getMessage());
      return new PlatformResult(platform, false, null, null, e.getMessage(), millis);
    }
  }

  private static String target(ImageSpec spec, Platform platform) {
    if (spec.push()) {
      return spec.archReference(platform);
    }
    return platform.equals(spec.nativePlatform()) ? spec.references().get(0) : null;
  }

  private static String describeTarget(ImageSpec spec, Platform platform) {
    if (spec.push()) {
      return "and pushing " + spec.archReference(platform);
    }
    if (platform.equals(spec.nativePlatform())) {
      return "and loading " + String.join(", ", spec.references()) + " into the local engine";
    }
    return "(not pushed, not loaded: only the native platform can be loaded into the local engine)";
  }

  /** The digest buildx wrote to its metadata file, or null when it reported none. */
  static String readDigest(Path metadata) throws IOException {
    if (!Files.isRegularFile(metadata)) {
      return null;
    }
    JsonNode root = JSON.readTree(metadata.toFile());
    JsonNode digest = root.get("containerimage.digest");
    return digest == null || digest.isNull() ? null : digest.asText();
  }
}
