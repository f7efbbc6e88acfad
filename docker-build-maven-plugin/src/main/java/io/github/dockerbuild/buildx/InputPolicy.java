package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import java.util.Map;

/**
 * Decides which registry inputs a platform's build may use, and pins them: the {@code verify}
 * stage's outcomes become a policy (see {@link VerifiedInputs}); without that stage every source is
 * used as configured and logged as unverified.
 */
@FunctionalInterface
public interface InputPolicy {

  /**
   * @param source a {@code type=registry} cache source, placeholders resolved
   * @param platform the platform being built
   * @return what the build does with it: the entry to pass to buildx (possibly pinned by digest), or
   *     dropped; the policy logs why
   */
  CacheUse cacheSource(CacheEntry source, Platform platform);

  /**
   * Build args to replace for one platform: base images pinned to their verified digests.
   *
   * @param args the build args with placeholders resolved for this platform
   */
  default Map<String, String> pinnedArgs(Platform platform, Map<String, String> args) {
    return Map.of();
  }

  static InputPolicy unverified(BuildLog log) {
    return (source, platform) -> {
      log.info("[" + platform + "] cache source " + source.registryRef() + " is used unverified");
      return CacheUse.unverified(source, "the verify goal has not run", null);
    };
  }
}
