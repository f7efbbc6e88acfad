package io.github.dockerbuild.report;

import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.DockerfileFacts;
import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.PlatformResult;
import static io.github.dockerbuild.report.Fixtures.DOCKERFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.report.ImageReport.ArgRow;
import io.github.dockerbuild.report.ImageReport.BaseImageRow;
import io.github.dockerbuild.report.ImageReport.CacheRow;
import io.github.dockerbuild.report.ImageReport.Decision;
import io.github.dockerbuild.report.ImageReport.LabelRow;
import io.github.dockerbuild.report.ImageReport.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReportFactoryTest {

  @Test
  void noRecord_saysSoAndShowsNothingElse() {
    ImageReport r = ImageReportFactory.create("it:app", null, DOCKERFILE);
    assertThat(r.status()).isEqualTo(Status.NO_RECORD);
    assertThat(r.message()).startsWith("No build record yet");
    assertThat(r.platforms()).isEmpty();
    assertThat(r.tags()).isEmpty();
    assertThat(r.publish()).isNull();
    assertThat(r.signatures()).isNull();
    assertThat(r.baseImages()).as("the Dockerfile alone still names its base image")
        .extracting(BaseImageRow::resolved, BaseImageRow::outcome)
        .containsExactly(tuple("127.0.0.1:5000/test/busybox:1", "not verified"),
            tuple("127.0.0.1:5000/test/busybox:1", "not verified"));
  }

  @Test
  void emptyRecord_isNotBuilt() {
    ImageReport r = ImageReportFactory.create("it:app", BuildRecord.empty("it:app"), null);
    assertThat(r.status()).isEqualTo(Status.NOT_BUILT);
    assertThat(r.image()).isNull();
    assertThat(r.decisions()).extracting(Decision::value).containsExactly(ImageReport.NOT_RECORDED);
  }

  @Test
  void metadataOnly_isNotBuilt_withTagsAndDecisions() {
    ImageReport r = ImageReportFactory.create("it:app",
        BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(false)), DOCKERFILE);
    assertThat(r.status()).isEqualTo(Status.NOT_BUILT);
    assertThat(r.tags()).extracting(ImageReport.Tag::name, ImageReport.Tag::primary, ImageReport.Tag::reference)
        .containsExactly(tuple("1.0.0", true, "127.0.0.1:5000/it/app:1.0.0"),
            tuple("latest", false, "127.0.0.1:5000/it/app:latest"));
    assertThat(r.decisions()).extracting(Decision::name, Decision::value).contains(
        tuple("push", "no: the native platform is loaded into the local engine"),
        tuple("publish", "no: a local build that does not push publishes nothing"),
        tuple("sign", "no: nothing is pushed, so nothing is signed"));
  }

  @Test
  void fullRecord_platformsDigestsSizesStepsAndBuilders() {
    ImageReport r = ImageReportFactory.create("it:app", Fixtures.full(), DOCKERFILE);
    assertThat(r.status()).isEqualTo(Status.BUILT);
    assertThat(r.message()).isEqualTo("Built 2 platforms and pushed them.");
    assertThat(r.platforms()).extracting(ImageReport.PlatformRow::platform, ImageReport.PlatformRow::digest,
            ImageReport.PlatformRow::builder, ImageReport.PlatformRow::cachedSteps,
            ImageReport.PlatformRow::executedSteps, ImageReport.PlatformRow::compressedSize,
            ImageReport.PlatformRow::compression)
        .containsExactly(
            tuple("linux/amd64", Fixtures.AMD, "default", 3, 1, 3_145_828L, "zstd level 9, forced"),
            tuple("linux/arm64", Fixtures.ARM, "context node2", 0, 4, 2_000_000L, "gzip"));
    assertThat(r.publish().indexDigest()).isEqualTo(Fixtures.INDEX);
    assertThat(r.publish().references()).containsExactly("127.0.0.1:5000/it/app:1.0.0", "127.0.0.1:5000/it/app:latest");
    assertThat(r.signatures()).extracting(ImageReport.SignatureRow::platform, ImageReport.SignatureRow::format)
        .containsExactly(tuple(null, "legacy"), tuple("linux/amd64", "bundle"));
    assertThat(r.decisions()).extracting(Decision::name, Decision::value).contains(
        tuple("publish", "published index " + Fixtures.INDEX + " as 2 tags"),
        tuple("sign", "2 signatures written"));
  }

  @Test
  void failedPlatform_shownFailedWithItsReason() {
    BuildRecord record = BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true))
        .withBuild(new BuildRecord.Build("t", "buildx", true, List.of(Fixtures.amd64(), Fixtures.arm64Failed())));
    ImageReport r = ImageReportFactory.create("it:app", record, DOCKERFILE);
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.message()).isEqualTo("The last build failed for linux/arm64.");
    ImageReport.PlatformRow arm = r.platforms().get(1);
    assertThat(arm.failed()).isTrue();
    assertThat(arm.outcome()).isEqualTo("failed");
    assertThat(arm.error()).contains("ERROR: <boom>");
    assertThat(arm.archReference()).as("computed from the metadata when the build pushed nothing")
        .isEqualTo("127.0.0.1:5000/it/app:1.0.0-arm64");
    assertThat(r.decisions()).extracting(Decision::name, Decision::value)
        .contains(tuple("publish", "no: linux/arm64 failed, so no index was published and no multi-arch tag moved"));
  }

  @Test
  void aPlatformBuiltAfterFailingOnAnotherNode_saysSo() {
    BuildRecord record = BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true))
        .withBuild(new BuildRecord.Build("t", "buildx", true, List.of(Fixtures.amd64().afterFailures(
            List.of("builder amd-broken: 'docker buildx build ...' failed (exit code 1)")))));
    ImageReport r = ImageReportFactory.create("it:app", record, DOCKERFILE);
    assertThat(r.platforms().get(0).outcome()).isEqualTo("built after failing on builder amd-broken");
  }

  @Test
  void oldRecordWithoutDetails_showsNotRecorded() {
    BuildRecord record = BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true))
        .withBuild(new BuildRecord.Build("t", "buildx", true, List.of(new io.github.dockerbuild.domain.PlatformResult(
            io.github.dockerbuild.domain.Platform.parse("linux/amd64"), true, "r", Fixtures.AMD, null, 5))));
    ImageReport r = ImageReportFactory.create("it:app", record, null);
    ImageReport.PlatformRow row = r.platforms().get(0);
    assertThat(row.builder()).isEqualTo(ImageReport.NOT_RECORDED);
    assertThat(row.output()).isEqualTo(ImageReport.NOT_RECORDED);
    assertThat(row.compression()).isEqualTo(ImageReport.NOT_RECORDED);
    assertThat(row.cachedSteps()).isNull();
    assertThat(row.layerSizes()).isNull();
    assertThat(r.cache()).extracting(CacheRow::entry).containsExactly(ImageReport.NOT_RECORDED);
  }

  @Test
  void buildArgs_injectedUserAndDockerfileDefaults() {
    ImageReport r = ImageReportFactory.create("it:app", Fixtures.full(), DOCKERFILE);
    assertThat(r.buildArgs()).containsExactly(
        new ArgRow("BUILD_VERSION", "1.0.0", "injected", null, null),
        new ArgRow("BUILD_DATE", "2026-01-02T03:04:05Z", "injected", null, "not declared in the Dockerfile"),
        new ArgRow("BUILD_ARCH", "{arch}", "injected", null, null),
        new ArgRow("BUILD_REPOSITORY", "https://example.org/scm/app", "injected", null, "not declared in the Dockerfile"),
        new ArgRow("BASE_IMAGE", "127.0.0.1:5000/test/busybox:1", "user", "127.0.0.1:5000/test/busybox:1", null),
        new ArgRow("NPM_REGISTRY", "https://npm.example.org", "user", null, "not declared in the Dockerfile"),
        new ArgRow("GREETING", null, "Dockerfile", "hello world", null));
  }

  @Test
  void buildArgs_userOverridingAnInjectedName_isTheUsers() {
    var m = Fixtures.metadata(true);
    var args = new java.util.LinkedHashMap<>(m.buildArgs());
    args.put("BUILD_VERSION", "custom");
    var changed = new io.github.dockerbuild.domain.BuildMetadata(m.mode(), m.push(), m.version(), m.created(),
        m.createdSource(), m.sourceDateEpoch(), m.revision(), m.source(), m.image(), m.archImage(), m.tags(), args,
        m.labels(), m.archAliases());
    List<ArgRow> rows = ImageReportFactory.buildArgs(changed, DockerfileFacts.parse(DOCKERFILE));
    assertThat(rows.get(0)).isEqualTo(new ArgRow("BUILD_VERSION", "custom", "user", null, null));
    assertThat(rows).extracting(ArgRow::source)
        .containsExactly("user", "injected", "injected", "injected", "user", "user", "Dockerfile");
  }

  @Test
  void labels_injectedUserAndDockerfile_withOverridesAndStages() {
    ImageReport r = ImageReportFactory.create("it:app", Fixtures.full(), DOCKERFILE);
    assertThat(r.labels()).containsExactly(
        new LabelRow("org.opencontainers.image.version", "1.0.0", "injected", null),
        new LabelRow("org.opencontainers.image.title", "App <one>", "injected", null),
        new LabelRow("com.example.team", "platform", "user", null),
        new LabelRow("stage.note", "builder", "Dockerfile", "in stage build, not the final image unless it builds FROM it"),
        new LabelRow("com.example.team", "dockerfile-team", "Dockerfile", "overridden by the build's label"),
        new LabelRow("com.example.tier", "back end", "Dockerfile", null));
  }

  @Test
  void baseImages_verifiedThroughTheBuildArgName() {
    ImageReport r = ImageReportFactory.create("it:app", Fixtures.full(), DOCKERFILE);
    assertThat(r.baseImages()).extracting(BaseImageRow::stage, BaseImageRow::written, BaseImageRow::resolved,
            BaseImageRow::outcome)
        .containsExactly(
            tuple("build", "${BASE_IMAGE}", "127.0.0.1:5000/test/busybox:1", "verified"),
            tuple("1", "${BASE_IMAGE}", "127.0.0.1:5000/test/busybox:1", "verified"));
    assertThat(r.baseImages().get(0).detail())
        .isEqualTo("signed by SHA256:keyfp; legacy signature; pinned to " + Fixtures.BASE_DIGEST);
  }

  static Stream<Arguments> baseCases() {
    return Stream.of(
        Arguments.of("scratch needs nothing", "FROM scratch", List.of(tuple("0", "scratch", "none needed"))),
        Arguments.of("FROM an earlier stage is not a base image", "FROM alpine:3 AS a\nFROM a\nFROM A",
            List.of(tuple("a", "alpine:3", "not verified"))),
        Arguments.of("default from the Dockerfile when no build arg", "ARG B=debian:12\nFROM $B",
            List.of(tuple("0", "debian:12", "not verified"))),
        Arguments.of("no Dockerfile, no base images", null, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("baseCases")
  void baseImages_table(String name, String dockerfile, List<org.assertj.core.groups.Tuple> expected) {
    ImageReport r = ImageReportFactory.create("it:app", BuildRecord.empty("it:app"), dockerfile);
    assertThat(r.baseImages()).extracting(BaseImageRow::stage, BaseImageRow::resolved, BaseImageRow::outcome)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void baseImage_failedVerification_namesTheCheck() {
    BuildRecord record = BuildRecord.empty("it:app").withVerify(new BuildRecord.Verify("t", List.of(
        new BuildRecord.Verification(InputRole.BASE, "B", "alpine:3", null, VerifyOutcome.FAILED, "identity", "signed by someone else",
            null, null))));
    ImageReport r = ImageReportFactory.create("it:app", record, "ARG B=alpine:3\nFROM ${B}");
    assertThat(r.baseImages()).extracting(BaseImageRow::outcome, BaseImageRow::detail)
        .containsExactly(tuple("failed", "check identity; signed by someone else"));
  }

  @Test
  void cache_eachSourceWithItsVerificationOutcome() {
    ImageReport r = ImageReportFactory.create("it:app", Fixtures.full(), DOCKERFILE);
    assertThat(r.cache()).extracting(CacheRow::platform, CacheRow::direction, CacheRow::entry, CacheRow::outcome)
        .containsExactly(
            tuple("linux/amd64", "from", "type=registry,ref=127.0.0.1:5000/it/app:cache-amd64", "verified"),
            tuple("linux/amd64", "from", "type=local,src=/c", "used"),
            tuple("linux/amd64", "to", "type=inline", "exported"),
            tuple("linux/arm64", "from", "type=registry,ref=127.0.0.1:5000/it/app:cache-arm64", "dropped"));
    assertThat(r.cache().get(3).detail()).isEqualTo("check signature; no signature found");
  }

  @Test
  void cache_aVerifiedSourceTheBuildReadByDigest_showsItsVerification() {
    String digest = "sha256:" + "9".repeat(64);
    PlatformResult amd64 = Fixtures.amd64();
    PlatformResult pinned = new PlatformResult(amd64.platform(), true, amd64.reference(), amd64.digest(), null,
        amd64.millis(), amd64.builder(), List.of(CacheUse.verified(
            Fixtures.cache("type=registry,ref=127.0.0.1:5000/it/app:cache-amd64"), digest,
            "127.0.0.1:5000/it/app:cache-amd64")), List.of(),
        amd64.output(), amd64.cachedSteps(), amd64.executedSteps(), amd64.compressedSize(), amd64.layerSizes());
    BuildRecord record = BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true))
        .withVerify(new BuildRecord.Verify("t", List.of(new BuildRecord.Verification(InputRole.CACHE,
            "type=registry,ref={archImage}:cache-{arch}", "127.0.0.1:5000/it/app:cache-amd64", digest, VerifyOutcome.VERIFIED,
            null, null, "ECDSA P-256 key SHA256:k", "legacy"))))
        .withBuild(new BuildRecord.Build("t", "b", true, List.of(pinned)));

    ImageReport r = ImageReportFactory.create("it:app", record, DOCKERFILE);

    assertThat(r.cache()).extracting(CacheRow::platform, CacheRow::outcome)
        .containsExactly(tuple("linux/amd64", "verified"));
    assertThat(r.cache().get(0).detail()).contains("signed by ECDSA P-256 key SHA256:k").contains("pinned to " + digest);
  }

  @Test
  void detail_onlyAVerifiedImageIsPinned() {
    String digest = "sha256:" + "8".repeat(64);
    BuildRecord.Verification dropped = new BuildRecord.Verification(InputRole.CACHE, "e", "r:c", digest, VerifyOutcome.DROPPED,
        "signature", "does not verify with the key", null, null);
    BuildRecord.Verification restated = new BuildRecord.Verification(InputRole.CACHE, "e", "r:c", digest, VerifyOutcome.DROPPED,
        "signature-present", "expected a signature of " + digest + ", found none", null, null);

    assertThat(ImageReportFactory.detail(dropped))
        .isEqualTo("check signature; does not verify with the key; digest " + digest);
    assertThat(ImageReportFactory.detail(restated))
        .isEqualTo("check signature-present; expected a signature of " + digest + ", found none");
  }

  @Test
  void cache_withoutVerifyStage_isUsedUnverified() {
    PlatformResult a = Fixtures.amd64();
    PlatformResult unverified = new PlatformResult(a.platform(), true, a.reference(), a.digest(), null, a.millis(),
        a.builder(), List.of(CacheUse.unverified(Fixtures.cache("type=registry,ref=127.0.0.1:5000/it/app:cache-amd64"),
            "the verify goal has not run", null)), List.of(), a.output(), 1, 1, null, null);
    BuildRecord record = BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true))
        .withBuild(new BuildRecord.Build("t", "b", true, List.of(unverified)));
    ImageReport r = ImageReportFactory.create("it:app", record, DOCKERFILE);
    assertThat(r.cache().get(0).entry()).isEqualTo("type=registry,ref=127.0.0.1:5000/it/app:cache-amd64");
    assertThat(r.cache().get(0).outcome()).isEqualTo("used unverified");
    assertThat(r.cache().get(0).detail()).isEqualTo("the verify goal has not run");
  }

  static Stream<Arguments> compressions() {
    return Stream.of(
        Arguments.of(null, ImageReport.NOT_RECORDED),
        Arguments.of("type=image,name=x,push=true,compression=zstd,compression-level=3,oci-mediatypes=true", "zstd level 3"),
        Arguments.of("type=image,name=x,push=true,compression=uncompressed,force-compression=true", "uncompressed, forced"),
        Arguments.of("--load x:1", "engine's own (loaded)"),
        Arguments.of("type=cacheonly", "none (cache only)"),
        Arguments.of("type=image,name=x,push=true", "BuildKit default"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compressions")
  void compression(String output, String expected) {
    assertThat(ImageReportFactory.compression(output)).isEqualTo(expected);
  }

  @Test
  void signStageRanWithoutSignatures_isAnEmptyListNotNull() {
    BuildRecord record = Fixtures.full().withSign(new BuildRecord.Sign("t", List.of()));
    assertThat(ImageReportFactory.create("it:app", record, null).signatures()).isEmpty();
  }
}
