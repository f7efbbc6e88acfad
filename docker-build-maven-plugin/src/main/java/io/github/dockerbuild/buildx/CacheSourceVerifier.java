package io.github.dockerbuild.buildx;

import io.github.dockerbuild.exec.BuildLog;

/**
 * Decides whether a registry cache source may be used. The {@code verify} stage plugs in a cosign
 * check; without one every source is used and logged as unverified.
 */
@FunctionalInterface
public interface CacheSourceVerifier {

  /**
   * @param source a resolved {@code type=registry} cache source
   * @param platform the platform being built
   * @return true to use it; false drops it (the verifier logs why)
   */
  boolean accept(CacheEntry source, Platform platform);

  static CacheSourceVerifier unverified(BuildLog log) {
    return (source, platform) -> {
      log.info("[" + platform + "] cache source " + source.registryRef() + " is used unverified");
      return true;
    };
  }
}
