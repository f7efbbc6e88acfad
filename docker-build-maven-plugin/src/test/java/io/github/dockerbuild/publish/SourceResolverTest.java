package io.github.dockerbuild.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.Mode;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.registry.ImageRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceResolverTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64");
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private static final String D3 = "sha256:" + "3".repeat(64);

  private static BuildMetadata metadata(String archImage, String tag) {
    return new BuildMetadata(Mode.RELEASE, true, "1.0", "2026-01-01T00:00:00Z", "clock", null, null, null,
        "reg.example:5000/app", archImage, List.of(tag, "latest"), Map.of(), Map.of(), Map.of("arm64", "aarch64"));
  }

  private static BuildRecord record(BuildMetadata metadata, PlatformResult... results) {
    return BuildRecord.empty("g:a").withMetadata(metadata)
        .withBuild(new BuildRecord.Build("2026-01-01T00:00:00Z", "buildx", true, List.of(results)));
  }

  @Test
  void resolve_noRecord_perArchTagsWithAliases() {
    Map<Platform, ImageRef> sources = SourceResolver.resolve(metadata("{image}", "1.0"), List.of(AMD64, ARM64), null, List.of());

    assertThat(sources.get(AMD64)).hasToString("reg.example:5000/app:1.0-amd64");
    assertThat(sources.get(ARM64)).hasToString("reg.example:5000/app:1.0-aarch64");
  }

  @Test
  void resolve_archPattern_tagWithoutSuffix() {
    Map<Platform, ImageRef> sources = SourceResolver.resolve(
        metadata("ghcr.io/org/{arch}-app", "1.0"), List.of(ARM64), null, List.of());

    assertThat(sources.get(ARM64)).hasToString("ghcr.io/org/aarch64-app:1.0");
  }

  @Test
  void resolve_recordOfThisBuild_digestsWinAndFailedPlatformIsMissing() {
    BuildMetadata m = metadata("{image}", "1.0");
    BuildRecord record = record(m,
        new PlatformResult(AMD64, true, "reg.example:5000/app:1.0-amd64", D1, null, 1),
        new PlatformResult(ARM64, false, null, null, "exit code 1", 1));

    Map<Platform, ImageRef> sources = SourceResolver.resolve(m, List.of(AMD64, ARM64), record, List.of());

    assertThat(sources).containsOnlyKeys(AMD64);
    assertThat(sources.get(AMD64)).hasToString("reg.example:5000/app@" + D1);
  }

  @Test
  void resolve_recordOfAnotherVersion_ignored() {
    BuildRecord old = record(metadata("{image}", "0.9"),
        new PlatformResult(AMD64, true, "reg.example:5000/app:0.9-amd64", D1, null, 1));

    Map<Platform, ImageRef> sources = SourceResolver.resolve(metadata("{image}", "1.0"), List.of(AMD64), old, List.of());

    assertThat(sources.get(AMD64)).hasToString("reg.example:5000/app:1.0-amd64");
  }

  @Test
  void resolve_givenDigests_winOverRecordAndTags() {
    BuildMetadata m = metadata("{image}", "1.0");
    BuildRecord record = record(m, new PlatformResult(ARM64, true, "reg.example:5000/app:1.0-aarch64", D2, null, 1));

    Map<Platform, ImageRef> sources = SourceResolver.resolve(m, List.of(AMD64, ARM64), record,
        List.of("linux/amd64=" + D3, " ", "aarch64=" + D1));

    assertThat(sources.get(AMD64)).hasToString("reg.example:5000/app@" + D3);
    assertThat(sources.get(ARM64)).hasToString("reg.example:5000/app@" + D1);
  }

  @Test
  void resolve_badDigestEntry_namesTheParameter() {
    assertThatThrownBy(() -> SourceResolver.parseDigests(List.of("linux/amd64")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<digests> (-Ddocker.publish.digests) 'linux/amd64' is not PLATFORM=DIGEST: "
            + "write linux/arm64=sha256:<64 hex>");
    assertThatThrownBy(() -> SourceResolver.parseDigests(List.of("linux/amd64=sha256:abc")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<digests> (-Ddocker.publish.digests) 'linux/amd64=sha256:abc' has no valid digest: "
            + "write linux/arm64=sha256:<64 hex>");
  }
}
