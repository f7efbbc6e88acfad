package io.github.dockerbuild.domain;

import java.util.Objects;

/**
 * Where one platform is built: a buildx builder ({@code --builder}) and/or a docker context
 * ({@code docker --context NAME buildx build}, for a docker-driver builder of another engine).
 * Either may be null for the default.
 *
 * @param capacity how many builds the node takes at a time, or null when it does not say: then one
 *     at a time in a pool, and no limit for a platform's only node
 */
public record PlatformNode(String builder, String context, Integer capacity) {
  public static final PlatformNode DEFAULT = new PlatformNode(null, null);

  /** A node that does not say how many builds it takes. */
  public PlatformNode(String builder, String context) {
    this(builder, context, null);
  }

  /** The node without its capacity: the same builder of the same context is one node. */
  public PlatformNode where() {
    return capacity == null ? this : new PlatformNode(builder, context);
  }

  // written out: a record's generated equals and hashCode are linked through method handles at first
  // use (about 50 method-handle classes for this one), on the path of every build
  @Override
  public boolean equals(Object other) {
    return other instanceof PlatformNode n && Objects.equals(builder, n.builder) && Objects.equals(context, n.context)
        && Objects.equals(capacity, n.capacity);
  }

  @Override
  public int hashCode() {
    return (Objects.hashCode(builder) * 31 + Objects.hashCode(context)) * 31 + Objects.hashCode(capacity);
  }
}
