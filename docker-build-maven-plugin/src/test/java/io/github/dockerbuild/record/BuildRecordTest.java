package io.github.dockerbuild.record;

import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildRecordTest {
  private static BuildMetadata metadata(String image, String created, String... tags) {
    return new BuildMetadata(Mode.LOCAL, true, "1.0", created, "clock", null, null, null, image, "{image}",
        List.of(tags), Map.of(), Map.of(), Map.of());
  }

  private static BuildRecord built(BuildMetadata metadata) {
    return BuildRecord.empty("g:a").withMetadata(metadata)
        .withBuild(new BuildRecord.Build("t", "buildx", true, List.of(
            new PlatformResult(Platform.parse("linux/amd64"), true, "r:1.0-amd64", "sha256:" + "a".repeat(64), null, 1))))
        .withPublish(new BuildRecord.Publish("t", "sha256:" + "b".repeat(64), List.of("r:1.0"), List.of(), false))
        .withVerify(new BuildRecord.Verify("t", List.of(new BuildRecord.Verification(InputRole.BASE, "BUILD_FROM",
            "r/base:1", "sha256:" + "c".repeat(64), VerifyOutcome.VERIFIED, null, null, "SHA256:key", "legacy"))))
        .withSign(new BuildRecord.Sign("t", List.of(new BuildRecord.Signature("r@sha256:" + "b".repeat(64), null,
            "legacy", "r:sha256-" + "b".repeat(64) + ".sig", "SHA256:key"))));
  }

  @Test
  void withMetadata_sameImageAndTags_keepsBuildAndPublish() {
    BuildRecord record = built(metadata("r", "2026-01-01T00:00:00Z", "1.0"))
        .withMetadata(metadata("r", "2026-01-02T00:00:00Z", "1.0"));

    assertThat(record.build()).isNotNull();
    assertThat(record.publish()).isNotNull();
    assertThat(record.sign()).isNotNull();
    assertThat(record.verify()).isNotNull();
    assertThat(record.metadata().created()).isEqualTo("2026-01-02T00:00:00Z");
  }

  @Test
  void withMetadata_otherImage_dropsWhatBelongedToTheOldOne() {
    BuildRecord record = built(metadata("r", "t", "1.0")).withMetadata(metadata("other", "t", "1.0"));

    assertThat(record.build()).isNull();
    assertThat(record.publish()).isNull();
    assertThat(record.sign()).isNull();
  }

  @Test
  void withMetadata_otherImage_keepsTheVerificationOfTheInputs() {
    BuildRecord record = built(metadata("r", "t", "1.0")).withMetadata(metadata("other", "t", "1.0"));

    assertThat(record.verify().images()).extracting(BuildRecord.Verification::outcome).containsExactly(VerifyOutcome.VERIFIED);
  }

  @Test
  void withMetadata_otherTags_dropsWhatBelongedToTheOldOnes() {
    BuildRecord record = built(metadata("r", "t", "1.0")).withMetadata(metadata("r", "t", "1.1"));

    assertThat(record.build()).isNull();
  }
}
