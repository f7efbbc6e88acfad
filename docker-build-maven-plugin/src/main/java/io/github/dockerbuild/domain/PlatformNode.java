package io.github.dockerbuild.domain;

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

  // written out, see Fields
  @Override
  public boolean equals(Object other) {
    return other instanceof PlatformNode n && Fields.equal(builder, n.builder, context, n.context, capacity, n.capacity);
  }

  @Override
  public int hashCode() {
    return Fields.hash(builder, context, capacity);
  }
}
