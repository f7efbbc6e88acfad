package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.PlatformNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spreads the builds of a platform with a pool of nodes across them, for the whole Maven session
 * (one instance per JVM: a reactor's modules under {@code -T} share it). A node takes as many builds
 * at a time as its capacity says; in a pool, a node that does not say takes one. A build takes the
 * least busy node with room, then the one used least so far (so builds that run one after another
 * alternate too), then the first in the pool's order, and waits while every node of its pool is
 * full. A platform's only node without a capacity is not limited: its builds run as they did before
 * pools.
 */
public final class NodeScheduler {
  /** The session's scheduler. */
  public static final NodeScheduler SHARED = new NodeScheduler();

  NodeScheduler() {}

  // keyed by where a node is: two modules naming the same node share its capacity
  private final Map<PlatformNode, Integer> busy = new HashMap<>();
  private final Map<PlatformNode, Integer> used = new HashMap<>();
  private int waiting;

  /** The node a build of a platform with this pool runs on; waits for one with room. */
  public PlatformNode acquire(List<PlatformNode> pool) throws InterruptedException {
    return acquire(pool, Set.of());
  }

  /**
   * The node a build runs on, not one of {@code tried} (the nodes it already failed on); waits for
   * one with room.
   *
   * @throws IllegalArgumentException when every node of the pool was tried
   */
  public synchronized PlatformNode acquire(List<PlatformNode> pool, Collection<PlatformNode> tried)
      throws InterruptedException {
    if (tried.containsAll(pool)) {
      throw new IllegalArgumentException("every node of the pool was tried: " + pool);
    }
    if (unlimited(pool)) {
      return pool.get(0);
    }
    while (true) {
      PlatformNode best = null;
      for (PlatformNode node : pool) {
        if (tried.contains(node) || busy(node) >= limit(node)) {
          continue;
        }
        if (best == null || busy(node) < busy(best)
            || busy(node) == busy(best) && used.getOrDefault(node.where(), 0) < used.getOrDefault(best.where(), 0)) {
          best = node;
        }
      }
      if (best != null) {
        busy.merge(best.where(), 1, Integer::sum);
        used.merge(best.where(), 1, Integer::sum);
        return best;
      }
      waiting++;
      try {
        wait();
      } finally {
        waiting--;
      }
    }
  }

  /** How many builds wait for a node now. */
  synchronized int waiting() {
    return waiting;
  }

  /** Gives back a node {@link #acquire} returned for this pool. */
  public synchronized void release(PlatformNode node, List<PlatformNode> pool) {
    if (unlimited(pool)) {
      return;
    }
    busy.merge(node.where(), -1, Integer::sum);
    notifyAll();
  }

  private int busy(PlatformNode node) {
    return busy.getOrDefault(node.where(), 0);
  }

  private static int limit(PlatformNode node) {
    return node.capacity() == null ? 1 : node.capacity();
  }

  private static boolean unlimited(List<PlatformNode> pool) {
    return pool.size() == 1 && pool.get(0).capacity() == null;
  }
}
