package io.github.dockerbuild.mojo;

import io.github.dockerbuild.buildx.BuildFailedException;
import io.github.dockerbuild.buildx.BuildService;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.domain.BuildMetadata;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the image with {@code docker buildx build}, one build per platform, in parallel. Pushes
 * per-arch images when the build pushes; otherwise loads the native platform into the local engine.
 * A failed platform does not stop the others; the goal then fails naming it.
 *
 * @since 0.1.0
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractBuildMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILD_SKIP, defaultValue = "false")
  private boolean skipBuild;

  @Override
  String skipReason(BuildMetadata metadata) {
    return flagReason(skipBuild, PropertyNames.BUILD_SKIP);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped(skipBuild, PropertyNames.BUILD_SKIP)) {
      return;
    }
    try {
      ImageSpec spec = plannedSpec();
      BuildMetadata metadata = metadata();
      BuildLog log = buildLog();
      BuildService service = call(() -> buildService(log));
      call(() -> service.build(spec, metadata, recordStore(), module()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted: the buildx processes were stopped");
    } catch (MojoExecutionException e) {
      if (e.getCause() instanceof BuildFailedException failed) {
        throw new MojoFailureException(failed.getMessage());
      }
      throw e;
    }
  }
}
