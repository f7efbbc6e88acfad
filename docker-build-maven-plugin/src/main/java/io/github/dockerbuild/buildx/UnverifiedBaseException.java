package io.github.dockerbuild.buildx;

import java.util.List;

/** The verify stage failed a base image that this build would use: nothing is built. */
public final class UnverifiedBaseException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnverifiedBaseException(String image, List<String> failed) {
    super("image " + image + ": base image " + String.join("; ", failed) + "; nothing was built: the verify "
        + "goal failed it (see the build record), sign it, fix <basePolicy>, or pick a verified base image");
  }
}
