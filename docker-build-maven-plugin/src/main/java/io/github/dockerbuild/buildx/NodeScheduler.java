package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.PlatformNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads the builds of a platform with a pool of nodes across them, for the whole Maven session
 * (one instance per JVM: a reactor's modules under {@code -T} share it). A node of a pool takes
 * one build at a time; a build takes the least busy free node, then the one used least so far
 * (so builds that run one after another alternate too), then the first in the pool's order, and
 * waits while every node of its pool is busy. A platform with one node is not limited: its builds
 * run as they did before pools.
 */
public final class NodeScheduler {
  /** The session's scheduler. */
  public static final NodeScheduler SHARED = new NodeScheduler();

  NodeScheduler() {}

  private final Map<PlatformNode, Integer> busy = new HashMap<>();
  private final Map<PlatformNode, Integer> used = new HashMap<>();
  private int waiting;

  /** The node a build of a platform with this pool runs on; waits for one to be free. */
  public synchronized PlatformNode acquire(List<PlatformNode> pool) throws InterruptedException {
    if (pool.size() == 1) {
      return pool.get(0);
    }
    while (true) {
      PlatformNode best = null;
      for (PlatformNode node : pool) {
        if (busy.getOrDefault(node, 0) > 0) {
          continue;
        }
        if (best == null || used.getOrDefault(node, 0) < used.getOrDefault(best, 0)) {
          best = node;
        }
      }
      if (best != null) {
        busy.merge(best, 1, Integer::sum);
        used.merge(best, 1, Integer::sum);
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
    if (pool.size() == 1) {
      return;
    }
    busy.merge(node, -1, Integer::sum);
    notifyAll();
  }
}
