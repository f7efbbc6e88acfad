package io.github.dockerbuild.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dockerbuild.buildx.BuildPlanner;
import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.ImageSpecBuilder;
import io.github.dockerbuild.domain.PlannedCache;
import io.github.dockerbuild.domain.PlannedGoal;
import io.github.dockerbuild.record.BuildRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The page made from the plan: each platform resolved, cache entries with their status, no placeholder left. */
class ImageReportFromPlanTest {

  /** The plan of the record {@link Fixtures#full()}: its image, platforms, args, labels and caches. */
  static BuildPlan plan() {
    ImageSpec spec = ImageSpecBuilder.spec().push(true).tags("1.0.0", "latest").with(b -> {
      b.image = "127.0.0.1:5000/it/app";
      b.archAliases = Map.of("arm64", "aarch64");
      b.contextDir = Path.of("/src/app");
      b.dockerfile = Path.of("/src/app/docker/Dockerfile");
      b.unusedCache.add(new ImageSpec.UnusedCache(false, CacheEntry.parse("<cacheFrom>", "type=gha,scope={arch}-{scope}"),
          PlannedCache.Status.NO_GHA_RUNTIME));
      b.unusedCache.add(new ImageSpec.UnusedCache(true, CacheEntry.parse("<cacheTo>", "type=registry,ref={archImage}:cache"),
          PlannedCache.Status.EXPORT_OFF));
    })
        .buildArg("BUILD_VERSION", "1.0.0").buildArg("BUILD_ARCH", "{arch}")
        .buildArg("BASE_IMAGE", "127.0.0.1:5000/test/busybox:1")
        .label("org.opencontainers.image.version", "1.0.0").label("com.example.arch", "{arch}")
        .cacheFrom("type=registry,ref={archImage}:cache-{arch}", "type=local,src=/c")
        .cacheTo("type=inline")
        .build();
    return new BuildPlan("it:app", "127.0.0.1:5000/it/app", Fixtures.metadata(true),
        List.of(PlannedGoal.running("build", "default", "package")), null,
        BuildPlanner.plan("docker", spec, Set.of("BASE_IMAGE"), Set.of("com.example.arch"), true, Path.of("/w")),
        null, null);
  }

  private static ImageReport report() {
    return ImageReportFactory.create("it:app", Fixtures.full(), plan(), Fixtures.DOCKERFILE);
  }

  @Test
  void buildArgs_eachPlatformsValue_andWhereItComesFrom() {
    assertThat(report().buildArgs()).extracting(ImageReport.ArgRow::name, ImageReport.ArgRow::value,
        ImageReport.ArgRow::source).startsWith(
        tuple("BUILD_VERSION", "1.0.0", "injected"),
        tuple("BUILD_ARCH", "linux/amd64: amd64; linux/arm64: aarch64", "injected"),
        tuple("BASE_IMAGE", "127.0.0.1:5000/test/busybox:1", "user"));
  }

  @Test
  void labels_resolvedPerPlatform() {
    assertThat(report().labels()).extracting(ImageReport.LabelRow::key, ImageReport.LabelRow::value,
        ImageReport.LabelRow::source).startsWith(
        tuple("org.opencontainers.image.version", "1.0.0", "injected"),
        tuple("com.example.arch", "linux/amd64: amd64; linux/arm64: aarch64", "user"));
  }

  @Test
  void cache_everyEntryWithItsStatus_verifiedOnesLinkedByTheirResolvedReference() {
    assertThat(report().cache()).extracting(ImageReport.CacheRow::platform, ImageReport.CacheRow::direction,
        ImageReport.CacheRow::entry, ImageReport.CacheRow::outcome).containsExactly(
        tuple("linux/amd64", "from", "type=registry,ref=127.0.0.1:5000/it/app:cache-amd64", "verified"),
        tuple("linux/amd64", "from", "type=local,src=/c", "used"),
        tuple("linux/amd64", "from", "type=gha,scope=amd64-app", "not used"),
        tuple("linux/amd64", "to", "type=inline", "exported"),
        tuple("linux/amd64", "to", "type=registry,ref=127.0.0.1:5000/it/app:cache", "not exported"),
        tuple("linux/arm64", "from", "type=registry,ref=127.0.0.1:5000/it/app:cache-aarch64", "not used"),
        tuple("linux/arm64", "from", "type=local,src=/c", "used"),
        tuple("linux/arm64", "from", "type=gha,scope=aarch64-app", "not used"),
        tuple("linux/arm64", "to", "type=inline", "exported"),
        tuple("linux/arm64", "to", "type=registry,ref=127.0.0.1:5000/it/app:cache", "not exported"),
        // the fixture's record verified another reference: shown resolved, never as the configured pattern
        tuple("", "from", "127.0.0.1:5000/it/app:cache-arm64", "dropped"));
    assertThat(report().cache()).filteredOn(c -> c.entry().contains("gha")).extracting(ImageReport.CacheRow::detail)
        .containsOnly("no GitHub Actions cache service here");
  }

  @Test
  void noPlaceholderLeftAnywhere_andTheSourcesAreNamed() {
    ImageReport r = report();

    assertThat(r.buildArgs()).allSatisfy(a -> assertThat(String.valueOf(a.value())).doesNotContain("{"));
    assertThat(r.labels()).allSatisfy(l -> assertThat(l.value()).doesNotContain("{"));
    assertThat(r.cache()).allSatisfy(c -> assertThat(c.entry()).doesNotContain("{"));
    assertThat(r.decisions()).contains(new ImageReport.Decision("Dockerfile", "/src/app/docker/Dockerfile"),
        new ImageReport.Decision("context directory", "/src/app"));
  }

  @Test
  void planOfAnotherImage_isNotUsed() {
    BuildPlan other = new BuildPlan("it:app", "127.0.0.1:5000/it/other", Fixtures.metadata(true), List.of(), null,
        plan().build(), null, null);

    ImageReport r = ImageReportFactory.create("it:app", Fixtures.full(), other, Fixtures.DOCKERFILE);

    assertThat(r.decisions()).extracting(ImageReport.Decision::name).doesNotContain("Dockerfile");
  }

  @Test
  void cache_onceBuilt_eachRowIsWhatTheBuildRecordedItDid_notWhatThePlanExpected() {
    CacheEntry aarch64 = CacheEntry.parse("<cacheFrom>", "type=registry,ref=127.0.0.1:5000/it/app:cache-aarch64");
    PlatformResult arm = Fixtures.arm64();
    PlatformResult ran = new PlatformResult(arm.platform(), true, arm.reference(), arm.digest(), null, arm.millis(),
        arm.builder(), List.of(CacheUse.dropped(aarch64, "the verify goal did not check it (run verify with the same "
            + "configuration)", null), CacheUse.plain(CacheEntry.parse("<cacheFrom>", "type=local,src=/c"))),
        List.of(), arm.output(), 0, 4, null, null);
    BuildRecord record = Fixtures.full().withBuild(new BuildRecord.Build("t", "b", true, List.of(Fixtures.amd64(), ran)));

    ImageReport r = ImageReportFactory.create("it:app", record, plan(), Fixtures.DOCKERFILE);

    assertThat(r.cache()).filteredOn(c -> c.platform().equals("linux/arm64") && c.direction().equals("from"))
        .extracting(ImageReport.CacheRow::entry, ImageReport.CacheRow::outcome, ImageReport.CacheRow::detail)
        .containsExactly(
            tuple(aarch64.toArg(), "dropped", "the verify goal did not check it (run verify with the same configuration)"),
            tuple("type=local,src=/c", "used", "not a registry source: nothing to verify"),
            tuple("type=gha,scope=aarch64-app", "not used", "no GitHub Actions cache service here"));
    assertThat(r.cache()).filteredOn(c -> c.entry().contains("cache-amd64")).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("pinned to sha256:" + "e".repeat(64)));
  }
}
