package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.registry.ImageRef;

/**
 * One image to sign, always by digest.
 *
 * @param image the repository and digest (no tag), e.g. {@code ghcr.io/org/app@sha256:...}
 * @param platform the platform of a per-arch image, or null for the index
 */
public record SignSubject(ImageRef image, String platform) {
  public SignSubject {
    if (image.digest() == null || image.tag() != null) {
      throw new IllegalArgumentException("a signature subject is a digest, not " + image);
    }
  }

  /** {@code repository@sha256:...}, plus the platform when there is one. */
  public String describe() {
    return image + (platform == null ? " (index)" : " (" + platform + ")");
  }
}
