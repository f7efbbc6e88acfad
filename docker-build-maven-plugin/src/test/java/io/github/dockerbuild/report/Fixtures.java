package io.github.dockerbuild.report;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.Mode;
import io.github.dockerbuild.record.BuildRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Build records as the stages write them, every section filled. */
final class Fixtures {
  static final String AMD = "sha256:" + "a".repeat(64);
  static final String ARM = "sha256:" + "b".repeat(64);
  static final String INDEX = "sha256:" + "c".repeat(64);
  static final String BASE_DIGEST = "sha256:" + "d".repeat(64);

  static final String DOCKERFILE = """
      # syntax=docker/dockerfile:1
      ARG BASE_IMAGE=127.0.0.1:5000/test/busybox:1
      FROM ${BASE_IMAGE} AS build
      ARG BUILD_ARCH
      ARG GREETING="hello world"
      LABEL stage.note=builder
      RUN echo "$GREETING" > /g
      FROM ${BASE_IMAGE}
      ARG BUILD_VERSION
      LABEL com.example.team=dockerfile-team \\
            com.example.tier="back end"
      COPY --from=build /g /g
      """;

  private Fixtures() {}

  static BuildMetadata metadata(boolean push) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("BUILD_VERSION", "1.0.0");
    args.put("BUILD_DATE", "2026-01-02T03:04:05Z");
    args.put("BUILD_ARCH", "{arch}");
    args.put("BUILD_REPOSITORY", "https://example.org/scm/app");
    args.put("BASE_IMAGE", "127.0.0.1:5000/test/busybox:1");
    args.put("NPM_REGISTRY", "https://npm.example.org");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.version", "1.0.0");
    labels.put("org.opencontainers.image.title", "App <one>");
    labels.put("com.example.team", "platform");
    return new BuildMetadata(push ? Mode.RELEASE : Mode.LOCAL, push, "1.0.0", "2026-01-02T03:04:05Z", "clock", null,
        "0123456789abcdef", "https://example.org/scm/app", "127.0.0.1:5000/it/app", "{image}",
        List.of("1.0.0", "latest"), args, labels, Map.of());
  }

  static PlatformResult amd64() {
    return new PlatformResult(Platform.parse("linux/amd64"), true, "127.0.0.1:5000/it/app:1.0.0-amd64", AMD, null,
        12_300, "default", List.of(
            CacheUse.verified(cache("type=registry,ref=127.0.0.1:5000/it/app:cache-amd64"), "sha256:" + "e".repeat(64),
                "127.0.0.1:5000/it/app:cache-amd64"),
            CacheUse.plain(cache("type=local,src=/c"))),
        List.of(CacheEntry.parse("<cacheTo>", "type=inline")), "type=image,name=127.0.0.1:5000/it/app:1.0.0-amd64,push=true,compression=zstd,"
        + "compression-level=9,force-compression=true,oci-mediatypes=true", 3, 1, 3_145_828L, List.of(3_000_000L, 145_728L));
  }

  static PlatformResult arm64Failed() {
    return new PlatformResult(Platform.parse("linux/arm64"), false, null, null,
        "'docker buildx build ...' failed (exit code 1); last output: ERROR: <boom> & \"quoted\"", 4_100,
        "context node2", List.of(), List.of(), "type=image,name=127.0.0.1:5000/it/app:1.0.0-arm64,push=true", 1, 0,
        null, null);
  }

  static PlatformResult arm64() {
    return new PlatformResult(Platform.parse("linux/arm64"), true, "127.0.0.1:5000/it/app:1.0.0-arm64", ARM, null,
        24_600, "context node2", List.of(CacheUse.dropped(cache("type=registry,ref=127.0.0.1:5000/it/app:cache-arm64"),
            "dropped by verify: signature: no signature found", "127.0.0.1:5000/it/app:cache-arm64")), List.of(),
        "type=image,name=127.0.0.1:5000/it/app:1.0.0-arm64,push=true,compression=gzip", 0, 4, 2_000_000L,
        List.of(1_500_000L, 500_000L));
  }

  static CacheEntry cache(String entry) {
    return CacheEntry.parse("<cacheFrom>", entry);
  }

  static BuildRecord.Verify verify() {
    return new BuildRecord.Verify("2026-01-02T03:05:00Z", List.of(
        new BuildRecord.Verification(InputRole.BASE, "BASE_IMAGE", "127.0.0.1:5000/test/busybox:1", BASE_DIGEST, VerifyOutcome.VERIFIED,
            null, null, "SHA256:keyfp", "legacy"),
        new BuildRecord.Verification(InputRole.CACHE, "type=registry,ref={archImage}:cache-{arch}",
            "127.0.0.1:5000/it/app:cache-amd64", "sha256:" + "e".repeat(64), VerifyOutcome.VERIFIED, null, null, "SHA256:keyfp",
            "bundle"),
        new BuildRecord.Verification(InputRole.CACHE, "type=registry,ref={archImage}:cache-{arch}",
            "127.0.0.1:5000/it/app:cache-arm64", null, VerifyOutcome.DROPPED, "signature", "no signature found", null, null)));
  }

  static BuildRecord full() {
    BuildMetadata m = metadata(true);
    return BuildRecord.empty("it:app").withMetadata(m).withVerify(verify())
        .withBuild(new BuildRecord.Build("2026-01-02T03:06:00Z", "github.com/docker/buildx v0.13.1", true,
            List.of(amd64(), arm64())))
        .withPublish(new BuildRecord.Publish("2026-01-02T03:07:00Z", INDEX,
            List.of("127.0.0.1:5000/it/app:1.0.0", "127.0.0.1:5000/it/app:latest"),
            List.of("linux/amd64 " + AMD + " (from build record)", "linux/arm64 " + ARM + " (from build record)"), false))
        .withSign(new BuildRecord.Sign("2026-01-02T03:08:00Z", List.of(
            new BuildRecord.Signature("127.0.0.1:5000/it/app@" + INDEX, null, "legacy",
                "sha256-" + "c".repeat(64) + ".sig", "SHA256:keyfp"),
            new BuildRecord.Signature("127.0.0.1:5000/it/app@" + AMD, "linux/amd64", "bundle",
                "sha256:" + "f".repeat(64), "SHA256:keyfp"))));
  }
}
