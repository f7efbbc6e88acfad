package io.github.dockerbuild.mojo;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;

/**
 * What the modules of one Maven run share (the engine probe, trust roots, verdicts), keyed by the
 * run's request: Maven gives each module of a parallel (-T) build a copy of the session, but one
 * request. Held weakly, so a daemon that runs many builds keeps none of them.
 */
final class RunScope {
  private static final Map<Object, Map<String, Object>> SHARED = new WeakHashMap<>();

  private RunScope() {}

  /**
   * One {@code T} per Maven run and {@code key}, made by the first module that asks.
   *
   * @param owner what to key by without a session (tests)
   */
  @SuppressWarnings("unchecked")
  static <T> T shared(MavenSession session, Object owner, String key, Supplier<T> make) {
    Object run = session == null ? owner : session.getRequest() == null ? session : session.getRequest();
    synchronized (SHARED) {
      return (T) SHARED.computeIfAbsent(run, r -> new HashMap<>()).computeIfAbsent(key, k -> make.get());
    }
  }
}
