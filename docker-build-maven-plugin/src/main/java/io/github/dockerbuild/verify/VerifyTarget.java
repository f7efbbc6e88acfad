package io.github.dockerbuild.verify;

import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.registry.ImageRef;
import java.util.Objects;

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

  // written out: a record's generated equals and hashCode are linked through method handles at first
  // use (about 50 method-handle classes for this one), on the path of every verify
  @Override
  public boolean equals(Object other) {
    return other instanceof VerifyTarget t && role == t.role && Objects.equals(name, t.name)
        && Objects.equals(reference, t.reference);
  }

  @Override
  public int hashCode() {
    return (Objects.hashCode(role) * 31 + Objects.hashCode(name)) * 31 + Objects.hashCode(reference);
  }
}
