package io.github.dockerbuild.mojo;

import io.github.dockerbuild.buildx.UnverifiedBaseException;
import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.engine.EngineException;
import io.github.dockerbuild.publish.PublishException;
import io.github.dockerbuild.registry.CredentialException;
import io.github.dockerbuild.registry.RegistryException;
import io.github.dockerbuild.signature.sign.SignException;
import io.github.dockerbuild.verify.VerificationFailedException;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * How a goal runs a stage: each typed failure of user input becomes one Maven error that names the
 * parameter and the fix; only unexpected failures keep their stack trace (shown with -e).
 */
final class StageCall {
  /** Work that may fail on user input. */
  @FunctionalInterface
  interface Stage<T> {
    T run() throws Exception;
  }

  private StageCall() {}

  /** @param image the image unexpected failures are named by */
  static <T> T run(Stage<T> stage, String image) throws MojoExecutionException, InterruptedException {
    try {
      return stage.run();
    } catch (InvalidConfigurationException | InvalidValueException | EngineException | PublishException
        | RegistryException | CredentialException | UnverifiedBaseException | VerificationFailedException
        | SignException e) {
      throw new MojoExecutionException(e.getMessage());
    } catch (InterruptedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MojoExecutionException("image " + image + ": unexpected failure: " + e, e);
    } catch (Exception e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
