package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.Pinned;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.record.BuildRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verify stage's outcomes as the build's input policy: a verified base image or cache source is
 * used by its verified digest ({@code repo@sha256:...}), so what was verified is what is built
 * from; a cache source that was dropped, or that the verify stage did not see, is not used; a
 * source or base image the stage skipped (no policy) is used as configured.
 */
public final class VerifiedInputs implements InputPolicy {

  private final List<BuildRecord.Verification> outcomes;
  private final BuildLog log;

  public VerifiedInputs(BuildRecord.Verify verify, BuildLog log) {
    this.outcomes = verify.images();
    this.log = log;
  }

  /** The policy for a build: the record's verify section if the verify stage ran, else unverified. */
  public static InputPolicy of(BuildRecord.Verify verify, BuildLog log) {
    return verify == null ? InputPolicy.unverified(log) : new VerifiedInputs(verify, log);
  }

  @Override
  public CacheUse cacheSource(CacheEntry source, Platform platform) {
    String ref = source.registryRef();
    Optional<BuildRecord.Verification> found = find(InputRole.CACHE, null, ref);
    String prefix = "[" + platform + "] cache source " + ref;
    if (found.isEmpty()) {
      String why = "the verify goal did not check it (run verify with the same configuration)";
      log.warn(prefix + " is not used: " + why);
      return CacheUse.dropped(source, why, null);
    }
    BuildRecord.Verification v = found.get();
    switch (v.outcome()) {
      case VERIFIED -> {
        CacheUse use = CacheUse.verified(source, v.digest(), v.reference());
        log.info(prefix + " is used as " + use.passed().registryRef() + " (verified, signed by " + v.signer() + ")");
        return use;
      }
      case SKIPPED -> {
        log.info(prefix + " is used unverified (" + v.reason() + ")");
        return CacheUse.unverified(source, v.reason(), v.reference());
      }
      default -> {
        String why = v.outcome().id() + " by verify: " + (v.check() == null ? "" : v.check() + ": ") + v.reason();
        log.info(prefix + " is not used (" + why + ")");
        return CacheUse.dropped(source, why, v.reference());
      }
    }
  }

  @Override
  public Map<String, String> pinnedArgs(Platform platform, Map<String, String> args) {
    Map<String, String> pinned = new LinkedHashMap<>();
    args.forEach((name, value) -> find(InputRole.BASE, name, value)
        .filter(v -> v.outcome() == VerifyOutcome.VERIFIED)
        .ifPresent(v -> {
          String ref = Pinned.reference(value, v.digest());
          log.info("[" + platform + "] base image " + value + " (build arg " + name + ") is used as " + ref
              + " (verified, signed by " + v.signer() + ")");
          pinned.put(name, ref);
        }));
    return pinned;
  }

  /**
   * The base images the verify stage failed that this build would use, as one line each; empty
   * when none.
   *
   * @param argsPerPlatform every platform's build args, placeholders resolved
   */
  public List<String> failedBases(Map<Platform, Map<String, String>> argsPerPlatform) {
    return argsPerPlatform.values().stream()
        .flatMap(args -> args.entrySet().stream())
        .map(arg -> find(InputRole.BASE, arg.getKey(), arg.getValue()).filter(v -> v.outcome() == VerifyOutcome.FAILED))
        .flatMap(Optional::stream)
        .distinct()
        .map(v -> v.reference() + " (build arg " + v.name() + "): " + (v.check() == null ? "" : v.check() + ": ")
            + v.reason())
        .toList();
  }

  private Optional<BuildRecord.Verification> find(InputRole role, String name, String reference) {
    return outcomes.stream()
        .filter(v -> v.role() == role && v.reference().equals(reference)
            && (name == null || v.name().equals(name)))
        .findFirst();
  }
}
