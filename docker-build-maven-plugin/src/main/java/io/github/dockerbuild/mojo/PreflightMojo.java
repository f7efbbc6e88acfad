package io.github.dockerbuild.mojo;

import io.github.dockerbuild.buildx.BuildService;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.BuildMetadata;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks, without building, that the engine, buildx and the builders can do what the configuration
 * asks (platforms, compression, cache exports), and that every parameter is valid. The build goal
 * runs the same checks first; this goal lets a pipeline fail in seconds.
 *
 * @since 0.1.0
 */
@Mojo(name = "preflight", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class PreflightMojo extends AbstractBuildMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "docker.preflight.skip", defaultValue = "false")
  private boolean skipPreflight;

  @Override
  String skipReason(BuildMetadata metadata) {
    return flagReason(skipPreflight, "docker.preflight.skip");
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (skipped(skipPreflight, "docker.preflight.skip")) {
      return;
    }
    try {
      ImageSpec spec = plannedSpec();
      BuildService service = call(() -> buildService(buildLog()));
      BuildService.Prepared prepared = call(() -> service.prepare(spec));
      getLog().info("preflight passed for " + prepared.spec().image() + ": engine "
          + prepared.engine().serverVersion() + " (API " + prepared.engine().apiVersion() + ", "
          + (prepared.engine().containerdImageStore() ? "containerd image store" : "classic image store") + ") at "
          + prepared.engine().endpoint() + ", " + prepared.buildx() + ", platforms "
          + prepared.spec().platforms().stream().map(Platform::toString).collect(Collectors.joining(", ")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted");
    }
  }
}
