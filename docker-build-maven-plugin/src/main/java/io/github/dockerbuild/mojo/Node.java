package io.github.dockerbuild.mojo;

/**
 * {@code <node>}: where one platform is built; several for one platform are its pool, which
 * shares its builds (the nodes that answer the preflight, one build at a time each unless its
 * {@code <capacity>} says more; the {@code default} context in a pool is the local engine).
 *
 * <pre>{@code
 * <nodes>
 *   <node><platform>linux/arm64</platform><context>arm-node</context></node>
 * </nodes>
 * }</pre>
 */
public class Node {
  /** The platform, e.g. {@code linux/arm64}. */
  public String platform;

  /** A buildx builder name ({@code --builder}). */
  public String builder;

  /** A docker context ({@code docker --context NAME buildx build}). */
  public String context;

  /**
   * How many builds the node takes at a time; without it, one at a time in a pool, and no limit for
   * a platform's only node.
   */
  public Integer capacity;

  /** The nodes by platform, in the order given: several nodes of one platform are its pool. */
  static java.util.Map<String, java.util.List<io.github.dockerbuild.domain.PlatformNode>> byPlatform(
      java.util.List<Node> nodes) {
    java.util.Map<String, java.util.List<io.github.dockerbuild.domain.PlatformNode>> map = new java.util.LinkedHashMap<>();
    for (Node node : nodes == null ? java.util.List.<Node>of() : nodes) {
      map.computeIfAbsent(node.platform == null ? "" : node.platform, p -> new java.util.ArrayList<>())
          .add(new io.github.dockerbuild.domain.PlatformNode(io.github.dockerbuild.config.Values.blankToNull(node.builder),
              io.github.dockerbuild.config.Values.blankToNull(node.context), node.capacity));
    }
    return map;
  }
}
