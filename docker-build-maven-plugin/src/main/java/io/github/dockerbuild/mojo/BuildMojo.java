package io.github.dockerbuild.mojo;

import io.github.dockerbuild.buildx.BuildFailedException;
import io.github.dockerbuild.buildx.BuildService;
import io.github.dockerbuild.buildx.DockerConfigOverlay;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.signature.sign.SignResult;
import io.github.dockerbuild.signature.sign.SignService;
import io.github.dockerbuild.signature.sign.Signer;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
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

  /**
   * Builds even when the image is up to date: by default a build is left out when nothing it is
   * made from changed since the module's last build (the same plugin, build values, Dockerfile,
   * context files by size and time, and external images resolving to the same digests) and its
   * outputs are still there (the per-arch tags it pushed at the recorded digests, or the default
   * engine holding the loaded image under every tag). Builds without cache, with a cache export,
   * that load into another engine than the default one, or that {@code ADD} a remote source always
   * run.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BUILD_FORCE, defaultValue = "false")
  private boolean force;

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
      try (DockerConfigOverlay login = call(() -> buildxLogin(spec))) {
        BuildService service = call(() -> buildService(log,
            login == null ? Map.of() : login.environment(System.getenv("PATH"))))
            .withUpToDate(upToDateCheck(overrides().bool(PropertyNames.BUILD_FORCE, force)));
        call(() -> service.build(spec, metadata, recordStore(), module()));
      } catch (MojoExecutionException e) {
        if (e.getCause() instanceof BuildFailedException failed) {
          throw new MojoFailureException(failed.getMessage() + signPushed(metadata, log));
        }
        throw e;
      }
      writeCiOutputs();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted: the buildx processes were stopped");
    }
  }

  /**
   * After a partial failure, the per-arch images the other platforms pushed are signed, with the
   * sign goal's planned signer, when that goal runs in this build (see
   * {@link SignService#runAfterPartialFailure}). Returns what to add to the failure.
   */
  private String signPushed(BuildMetadata metadata, BuildLog log) throws InterruptedException {
    try {
      Object signer = project.getContextValue(PlanMaker.SIGNER_KEY);
      offerSignatureLibraries();
      SignResult result = new SignService(registryClient(), StepRunner.parallel(4), log, Clock.systemUTC())
          .runAfterPartialFailure(plan().sign(), signer instanceof Signer s ? s : null, metadata.image(), recordStore(),
              module(), metadata);
      return result == null ? "" : "; the pushed platforms are signed (" + result.signatures().size() + " signature"
          + (result.signatures().size() == 1 ? "" : "s") + ", -Ddocker.sign.partial=false not to)";
    } catch (MojoExecutionException | IOException | RuntimeException e) {
      getLog().warn("image " + metadata.image() + ": the pushed platforms could not be signed: " + e.getMessage());
      return "; the pushed platforms could not be signed (" + e.getMessage() + ")";
    }
  }
}
