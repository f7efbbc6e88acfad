package io.github.dockerbuild.domain;

import java.util.Objects;

/**
 * The equality of a record of three components, for the records whose {@code equals} and
 * {@code hashCode} are written out: a record's generated ones are linked through method handles at
 * their first use (about 50 method-handle classes for the first record hashed), on the path of every
 * goal's start. Written out for the records compared or hashed there ({@link Platform},
 * {@link PlatformNode}, {@code VerifyTarget}); the others keep the generated ones.
 */
public final class Fields {
  private Fields() {}

  /** Whether each pair is equal, as a record's {@code equals} compares its components. */
  public static boolean equal(Object a, Object otherA, Object b, Object otherB, Object c, Object otherC) {
    return Objects.equals(a, otherA) && Objects.equals(b, otherB) && Objects.equals(c, otherC);
  }

  /** A hash of the three components. */
  public static int hash(Object a, Object b, Object c) {
    return (Objects.hashCode(a) * 31 + Objects.hashCode(b)) * 31 + Objects.hashCode(c);
  }
}
