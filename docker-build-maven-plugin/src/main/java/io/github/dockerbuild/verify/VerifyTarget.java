package io.github.dockerbuild.verify;

import io.github.dockerbuild.domain.Fields;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.registry.ImageRef;

/**
 * One image to verify before building.
 *
 * @param role {@link #BASE} (a failure stops the build) or {@link #CACHE} (a failure drops the source)
 * @param name what configured it: the build arg of a base image, the cache entry of a source
 * @param reference the image as configured for one platform, placeholders replaced
 */
public record VerifyTarget(InputRole role, String name, String reference) {
  public boolean isBase() {
    return role == InputRole.BASE;
  }

  /** The reference parsed; an unparsable one is reported by the caller. */
  public ImageRef ref() {
    return ImageRef.parse(reference);
  }

  // written out, see Fields
  @Override
  public boolean equals(Object other) {
    return other instanceof VerifyTarget t && Fields.equal(role, t.role, name, t.name, reference, t.reference);
  }

  @Override
  public int hashCode() {
    return Fields.hash(role, name, reference);
  }
}
