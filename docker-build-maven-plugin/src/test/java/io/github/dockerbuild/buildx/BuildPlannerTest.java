package io.github.dockerbuild.buildx;

import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.ImagePlan;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.PlannedCache;
import io.github.dockerbuild.domain.PlannedValue;
import io.github.dockerbuild.domain.PlatformPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildPlannerTest {
  private static final Path WORK = Path.of("/src/app/target/docker-build");

  /** An HA-style image: per-arch repositories, the aarch64 alias, an arch label, a verified cache. */
  private static ImageSpec haStyle() {
    return spec().push(true).tags("3.23", "3.23-2026.03.1")
        .archImage("ghcr.io/o/{arch}-base").archAliases(Map.of("arm64", "aarch64"))
        .buildArg("BUILD_ARCH", "{arch}").buildArg("BUILD_FROM", "ghcr.io/o/{arch}-base:3.22")
        .buildArg("NPM_TOKEN", "s3cr3t")
        .label("org.opencontainers.image.version", "2026.03.1").label("io.hass.arch", "{arch}")
        .cacheFrom("type=registry,ref={archImage}:{tag}", "type=local,src=/cache/{arch}")
        .cacheTo("type=inline")
        .with(b -> b.unusedCache.add(new ImageSpec.UnusedCache(false,
            CacheEntry.parse("<cacheFrom>", "type=gha,scope={arch}-{scope}"), PlannedCache.Status.NO_GHA_RUNTIME)))
        .build();
  }

  @Test
  void plan_everyPlatformResolvedOnItsOwn() {
    ImagePlan plan = BuildPlanner.plan("docker", haStyle(), Set.of("BUILD_FROM", "NPM_TOKEN"), Set.of("io.hass.arch"),
        true, WORK);

    assertThat(plan.platforms()).extracting(PlatformPlan::platform).containsExactly(AMD64, ARM64);
    PlatformPlan arm = plan.platforms().get(1);
    assertThat(arm.arch()).isEqualTo("aarch64");
    assertThat(arm.reference()).isEqualTo("ghcr.io/o/aarch64-base:3.23");
    assertThat(arm.buildArgs()).containsExactly(
        new PlannedValue("BUILD_ARCH", "aarch64", PlannedValue.Origin.INJECTED),
        new PlannedValue("BUILD_FROM", "ghcr.io/o/aarch64-base:3.22", PlannedValue.Origin.POM),
        new PlannedValue("NPM_TOKEN", "***", PlannedValue.Origin.POM));
    assertThat(arm.labels()).containsExactly(
        new PlannedValue("org.opencontainers.image.version", "2026.03.1", PlannedValue.Origin.INJECTED),
        new PlannedValue("io.hass.arch", "aarch64", PlannedValue.Origin.POM));
    assertThat(arm.output()).isEqualTo("type=image,name=ghcr.io/o/aarch64-base:3.23,push=true,"
        + "compression=zstd,compression-level=9,force-compression=true,oci-mediatypes=true");
  }

  @Test
  void plan_cacheEntries_resolvedWithWhetherAndWhyTheyAreUsed() {
    PlatformPlan arm = BuildPlanner.plan("docker", haStyle(), Set.of(), Set.of(), true, WORK).platforms().get(1);

    assertThat(arm.cacheFrom()).extracting(c -> c.resolved().toArg() + " " + c.status()).containsExactly(
        "type=registry,ref=ghcr.io/o/aarch64-base:3.23 TO_VERIFY",
        "type=local,src=/cache/aarch64 USED",
        "type=gha,scope=aarch64-app NO_GHA_RUNTIME");
    assertThat(arm.cacheFrom().get(0).configured().toArg()).isEqualTo("type=registry,ref={archImage}:{tag}");
    assertThat(arm.cacheTo()).extracting(c -> c.resolved().toArg() + " " + c.status())
        .containsExactly("type=inline USED");
    PlatformPlan unverified = BuildPlanner.plan("docker", haStyle(), Set.of(), Set.of(), false, WORK).platforms().get(1);
    assertThat(unverified.cacheFrom().get(0).status()).isEqualTo(PlannedCache.Status.USED);
  }

  @Test
  void plan_commandIsTheOneTheBuildRuns_secretValuesRedacted() {
    ImageSpec spec = haStyle();
    PlatformPlan arm = BuildPlanner.plan("docker", spec, Set.of(), Set.of(), false, WORK).platforms().get(1);

    List<String> run = BuildxArguments.of("docker", spec, ARM64, BuildxArguments.metadataFile(WORK, spec, ARM64),
        List.of(CacheEntry.parse("<cacheFrom>", "type=registry,ref=ghcr.io/o/aarch64-base:3.23"),
            CacheEntry.parse("<cacheFrom>", "type=local,src=/cache/aarch64")), Map.of());
    assertThat(arm.buildx()).isEqualTo(BuildxArguments.redacted(run));
    assertThat(arm.buildx()).contains("NPM_TOKEN=***", "io.hass.arch=aarch64").doesNotContain("NPM_TOKEN=s3cr3t");
    assertThat(String.join(" ", arm.buildx())).doesNotContain("s3cr3t");
  }

  @Test
  void plan_notPushing_nativeLoadedUnderEveryTag_othersCacheOnly() {
    ImagePlan plan = BuildPlanner.plan("docker", spec().push(false).tags("1.0.0", "dev").build(), Set.of(), Set.of(),
        false, WORK);

    assertThat(plan.push()).isFalse();
    assertThat(plan.platforms().get(0).reference()).isEqualTo("ghcr.io/org/app:1.0.0, ghcr.io/org/app:dev");
    assertThat(plan.platforms().get(0).output()).isEqualTo("--load ghcr.io/org/app:1.0.0,ghcr.io/org/app:dev");
    assertThat(plan.platforms().get(1).reference()).isNull();
    assertThat(plan.platforms().get(1).output()).isEqualTo("type=cacheonly");
  }

  @Test
  void plan_argsOnlyTheDockerfileDeclares_withTheirDefault(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path dockerfile = java.nio.file.Files.writeString(dir.resolve("Dockerfile"),
        "ARG BUILD_FROM=busybox:1\nFROM ${BUILD_FROM}\nARG GREETING=hello\nARG BUILD_ARCH=unknown\nARG EMPTY\n");
    ImageSpec spec = spec().push(true).buildArg("BUILD_ARCH", "{arch}").with(b -> b.dockerfile = dockerfile).build();

    PlatformPlan amd = BuildPlanner.plan("docker", spec, Set.of(), Set.of(), false, WORK).platforms().get(0);

    assertThat(amd.buildArgs()).containsExactly(
        new PlannedValue("BUILD_ARCH", "amd64", PlannedValue.Origin.INJECTED),
        new PlannedValue("BUILD_FROM", "busybox:1", PlannedValue.Origin.DOCKERFILE),
        new PlannedValue("GREETING", "hello", PlannedValue.Origin.DOCKERFILE));
    assertThat(amd.buildx()).doesNotContain("GREETING=hello").as("a default is the Dockerfile's, not passed");
  }
}
