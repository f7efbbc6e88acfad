package io.github.dockerbuild.metadata;

import io.github.dockerbuild.config.InvalidValueException;
import java.io.File;

/**
 * Whether a module has an image to make: the rule that lets a parent POM bind the plugin for every
 * module. A module without its Dockerfile is skipped, unless the Dockerfile was named explicitly,
 * which is then a mistake.
 */
public final class ImageModule {
  private ImageModule() {}

  /**
   * Why no goal of the plugin runs in this module (one line), or null.
   *
   * @param skipAll whether every goal is skipped ({@code -Ddocker.skip})
   * @param skipProperty that flag's property, for the line
   * @param dockerfile the module's Dockerfile
   * @param explicit whether it was named on the command line or in the POM, not left at its default
   * @param dockerfileParameter the element and property naming it, for the error
   * @throws InvalidValueException when an explicitly named Dockerfile does not exist
   */
  public static String skipReason(boolean skipAll, String skipProperty, File dockerfile, boolean explicit,
      String dockerfileParameter) {
    if (skipAll) {
      return skipProperty + " is true";
    }
    if (!dockerfile.isFile()) {
      if (explicit) {
        throw new InvalidValueException(dockerfileParameter, dockerfile.toString(), "does not exist",
            "point it at the image's Dockerfile, or leave it unset in modules without an image");
      }
      return "no Dockerfile at " + dockerfile + " (set <dockerfile> if the module has an image)";
    }
    return null;
  }
}
