package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.Pinned;
import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.RecordingBuildLog;
import io.github.dockerbuild.record.BuildRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifiedInputsTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private final RecordingBuildLog log = new RecordingBuildLog();

  private static BuildRecord.Verification v(String role, String name, String ref, String digest, String outcome,
      String check, String reason) {
    boolean verified = outcome.equals("verified");
    return new BuildRecord.Verification(InputRole.of(role), name, ref, digest, VerifyOutcome.of(outcome), check, reason,
        verified ? "ECDSA P-256 key SHA256:k" : null, verified ? "legacy" : null);
  }

  private VerifiedInputs inputs(BuildRecord.Verification... outcomes) {
    return new VerifiedInputs(new BuildRecord.Verify("t", List.of(outcomes)), log);
  }

  private static CacheEntry cache(String ref) {
    return CacheEntry.parse("<cacheFrom>", "type=registry,ref=" + ref + ",mode=max");
  }

  @Test
  void of_withoutAVerifySection_usesEverySourceUnverified() {
    InputPolicy policy = VerifiedInputs.of(null, log);

    assertThat(policy.cacheSource(cache("r/app:cache"), AMD64))
        .isEqualTo(CacheUse.unverified(cache("r/app:cache"), "the verify goal has not run", null));
    assertThat(policy.pinnedArgs(AMD64, Map.of("BASE", "r/base:1"))).isEmpty();
    assertThat(log.info).containsExactly("[linux/amd64] cache source r/app:cache is used unverified");
  }

  @Test
  void cacheSource_verified_pinnedToTheVerifiedDigest_otherAttributesKept() {
    VerifiedInputs inputs = inputs(v("cache", "type=registry,ref={image}:cache", "r/app:cache", D1, "verified", null, null));

    CacheUse used = inputs.cacheSource(cache("r/app:cache"), AMD64);

    assertThat(used.passed().toArg()).isEqualTo("type=registry,ref=r/app@" + D1 + ",mode=max");
    assertThat(used.entry()).as("the planned source, for the record").isEqualTo(cache("r/app:cache"));
    assertThat(used.use()).isEqualTo(CacheUse.Use.VERIFIED);
    assertThat(used.verified()).as("linked to the verification that pinned it").isEqualTo("r/app:cache");
    assertThat(log.info).singleElement().asString()
        .isEqualTo("[linux/amd64] cache source r/app:cache is used as r/app@" + D1
            + " (verified, signed by ECDSA P-256 key SHA256:k)");
  }

  @Test
  void cacheSource_dropped_notUsed_sayingWhy() {
    VerifiedInputs inputs = inputs(v("cache", "e", "r/app:cache", D1, "dropped", "signature", "expected a signature by K"));

    assertThat(inputs.cacheSource(cache("r/app:cache"), ARM64)).isEqualTo(CacheUse.dropped(cache("r/app:cache"),
        "dropped by verify: signature: expected a signature by K", "r/app:cache"));
    assertThat(log.info).containsExactly("[linux/arm64] cache source r/app:cache is not used (dropped by verify: "
        + "signature: expected a signature by K)");
  }

  @Test
  void cacheSource_skippedForWantOfAPolicy_usedAsConfigured() {
    VerifiedInputs inputs = inputs(v("cache", "e", "r/app:cache", null, "skipped", null, "no <cachePolicy> is configured"));

    assertThat(inputs.cacheSource(cache("r/app:cache"), AMD64)).isEqualTo(
        CacheUse.unverified(cache("r/app:cache"), "no <cachePolicy> is configured", "r/app:cache"));
    assertThat(log.info).containsExactly(
        "[linux/amd64] cache source r/app:cache is used unverified (no <cachePolicy> is configured)");
  }

  @Test
  void cacheSource_theVerifyStageDidNotSee_notUsed() {
    VerifiedInputs inputs = inputs(v("cache", "e", "r/app:other", D1, "verified", null, null));

    CacheUse use = inputs.cacheSource(cache("r/app:cache"), AMD64);
    assertThat(use.use()).isEqualTo(CacheUse.Use.DROPPED);
    assertThat(use.passed()).isNull();
    assertThat(use.verified()).isNull();
    assertThat(log.warn).singleElement().asString().contains("the verify goal did not check it");
  }

  @Test
  void cacheSource_aBaseOutcomeForTheSameReference_doesNotCount() {
    VerifiedInputs inputs = inputs(v("base", "BASE", "r/app:cache", D1, "verified", null, null));

    assertThat(inputs.cacheSource(cache("r/app:cache"), AMD64).use()).isEqualTo(CacheUse.Use.DROPPED);
  }

  @Test
  void pinnedArgs_onlyVerifiedBaseArgsWhoseValueWasVerified() {
    VerifiedInputs inputs = inputs(
        v("base", "BUILD_FROM", "r/amd64-base:1", D1, "verified", null, null),
        v("base", "BUILD_FROM", "r/arm64-base:1", D2, "verified", null, null),
        v("base", "OTHER", "r/other:1", null, "skipped", null, "no <basePolicy> is configured"));
    Map<String, String> args = new LinkedHashMap<>();
    args.put("BUILD_FROM", "r/arm64-base:1");
    args.put("OTHER", "r/other:1");
    args.put("BUILD_ARCH", "arm64");

    assertThat(inputs.pinnedArgs(ARM64, args)).containsExactly(Map.entry("BUILD_FROM", "r/arm64-base@" + D2));
  }

  @Test
  void pinnedArgs_sameImageUnderAnotherArg_notPinned() {
    VerifiedInputs inputs = inputs(v("base", "BUILD_FROM", "r/base:1", D1, "verified", null, null));

    assertThat(inputs.pinnedArgs(AMD64, Map.of("OTHER_FROM", "r/base:1"))).isEmpty();
  }

  @Test
  void failedBases_namesEachFailedBaseThisBuildUses_once() {
    VerifiedInputs inputs = inputs(
        v("base", "BUILD_FROM", "r/base:1", D1, "failed", "signature-present", "expected a signature, found none"),
        v("base", "BUILD_FROM", "r/base:0", D2, "failed", null, "the registry has no such image"));
    Map<Platform, Map<String, String>> args = new LinkedHashMap<>();
    args.put(AMD64, Map.of("BUILD_FROM", "r/base:1"));
    args.put(ARM64, Map.of("BUILD_FROM", "r/base:1"));

    assertThat(inputs.failedBases(args)).containsExactly(
        "r/base:1 (build arg BUILD_FROM): signature-present: expected a signature, found none");
  }

  @Test
  void failedBases_noneWhenTheBuildUsesAnotherBase() {
    VerifiedInputs inputs = inputs(v("base", "BUILD_FROM", "r/base:1", D1, "failed", null, "x"));

    assertThat(inputs.failedBases(Map.of(AMD64, Map.of("BUILD_FROM", "r/base:2")))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "ghcr.io/org/base:1.0, ghcr.io/org/base",
      "localhost:5000/base:1, localhost:5000/base",
      "localhost:5000/base, localhost:5000/base",
      "base, base",
      "r/base:1@sha256:9999999999999999999999999999999999999999999999999999999999999999, r/base",
      "r/base@sha256:9999999999999999999999999999999999999999999999999999999999999999, r/base",
  })
  void pin_replacesTagAndDigestWithTheVerifiedDigest(String reference, String name) {
    assertThat(Pinned.reference(reference, D1)).isEqualTo(name + "@" + D1);
  }
}
