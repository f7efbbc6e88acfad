package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.RecordingBuildLog;
import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dockerbuild.exec.ProcessRunner;
import io.github.dockerbuild.exec.StepRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the build stage records about each platform for the report: builder, cache, output, steps, sizes. */
@Timeout(60)
class BuildxServiceDetailsTest {
  private static final String INDEX = "sha256:" + "1".repeat(64);
  private static final String CHILD = "sha256:" + "2".repeat(64);
  private static final String ATTESTATION = "sha256:" + "3".repeat(64);
  private static final String ARM_DIGEST = "sha256:" + "4".repeat(64);

  @TempDir Path work;

  private final Map<String, String> builds = new HashMap<>();
  private final Map<String, String> registry = new HashMap<>();
  private final List<String> inspected = Collections.synchronizedList(new ArrayList<>());
  private final List<List<String>> processes = Collections.synchronizedList(new ArrayList<>());
  private final RecordingBuildLog log = new RecordingBuildLog();

  /** Builds run the script of their platform; the registry client answers from {@link #registry}. */
  private BuildxService service() {
    ProcessRunner runner = new ProcessRunner(command -> {
      processes.add(command);
      String platform = command.get(command.indexOf("--platform") + 1);
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", builds.getOrDefault(platform, "exit 99"));
      builder.environment().put("METADATA", command.get(command.indexOf("--metadata-file") + 1));
      return builder;
    });
    ManifestReader manifests = reference -> {
      inspected.add(reference);
      String body = registry.get(reference);
      if (body == null) {
        throw new java.io.IOException("GET " + reference + ": 404 MANIFEST_UNKNOWN");
      }
      return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    };
    return new BuildxService("docker", runner, StepRunner.serial(), log, LayoutPush.NONE, manifests);
  }

  /** Plain progress of a 3-step Dockerfile: FROM and the first RUN cached, the second RUN executed. */
  private static String progress(String digest) {
    return "echo '#1 [internal] load build definition from Dockerfile'; echo '#1 DONE 0.0s'; "
        + "echo '#4 [1/3] FROM 127.0.0.1:5000/test/busybox:1'; echo '#4 CACHED'; "
        + "echo '#5 [2/3] RUN apk add x'; echo '#5 CACHED'; "
        + "echo '#6 [3/3] RUN make'; echo '#6 0.301 compiling'; echo '#6 DONE 0.5s'; "
        + "echo '#7 exporting to image'; echo '#7 DONE 0.2s'; "
        + "printf '{\"containerimage.digest\":\"" + digest + "\"}' > \"$METADATA\"";
  }

  private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
      + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:c\",\"size\":100},"
      + "\"layers\":[{\"digest\":\"sha256:l1\",\"size\":1000},{\"digest\":\"sha256:l2\",\"size\":2000}]}";

  @Test
  void build_pushing_recordsBuilderCacheOutputStepsAndLayerSizesOfTheIndexChild() throws Exception {
    builds.put("linux/amd64", progress(INDEX));
    builds.put("linux/arm64", progress(ARM_DIGEST));
    registry.put("ghcr.io/org/app@" + INDEX, "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + "{\"digest\":\"" + CHILD + "\",\"size\":500,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
        + "{\"digest\":\"" + ATTESTATION + "\",\"size\":300,\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}");
    registry.put("ghcr.io/org/app@" + CHILD, MANIFEST);
    registry.put("ghcr.io/org/app@" + ARM_DIGEST, MANIFEST);
    ImageSpec spec = spec().push(true)
        .cacheFrom("type=registry,ref={archImage}:cache-{arch}", "type=local,src=/cache")
        .cacheTo("type=inline")
        .with(s -> s.nodes.put(ARM64, new PlatformNode("b2", "node2")))
        .build();

    List<PlatformResult> results = service().build(spec, work, (source, platform) -> CacheUse.unverified(source, "no policy", null));

    PlatformResult amd = results.get(0);
    assertThat(amd.succeeded()).isTrue();
    assertThat(amd.builder()).isEqualTo("default");
    assertThat(results.get(1).builder()).isEqualTo("context node2, builder b2");
    assertThat(amd.cacheFrom()).extracting(u -> u.passed().toArg(), CacheUse::use).containsExactly(
        tuple("type=registry,ref=ghcr.io/org/app:cache-amd64", CacheUse.Use.UNVERIFIED),
        tuple("type=local,src=/cache", CacheUse.Use.USED));
    assertThat(results.get(1).cacheFrom()).extracting(u -> u.passed().toArg()).containsExactly(
        "type=registry,ref=ghcr.io/org/app:cache-arm64", "type=local,src=/cache");
    assertThat(amd.cacheTo()).extracting(CacheEntry::toArg).containsExactly("type=inline");
    assertThat(amd.output()).isEqualTo("type=image,name=ghcr.io/org/app:1.0.0-amd64,push=true,compression=zstd,"
        + "compression-level=9,force-compression=true,oci-mediatypes=true");
    assertThat(amd.cachedSteps()).isEqualTo(2);
    assertThat(amd.executedSteps()).as("internal and export vertices are not Dockerfile steps").isEqualTo(1);
    assertThat(amd.layerSizes()).containsExactly(1000L, 2000L);
    assertThat(amd.compressedSize()).as("layers and config").isEqualTo(3100L);
    assertThat(results.get(1).layerSizes()).as("a plain manifest is read directly").containsExactly(1000L, 2000L);
    assertThat(inspected)
        .containsExactly("ghcr.io/org/app@" + INDEX, "ghcr.io/org/app@" + CHILD, "ghcr.io/org/app@" + ARM_DIGEST);
    assertThat(processes).as("one buildx process per platform, nothing else").hasSize(2)
        .allSatisfy(c -> assertThat(c.get(c.indexOf("buildx") + 1)).isEqualTo("build"));
  }

  @Test
  void build_notPushing_outputIsTheLoadOrCacheOnly_andTheRegistryIsNotAsked() throws Exception {
    builds.put("linux/amd64", progress(INDEX));
    builds.put("linux/arm64", progress(ARM_DIGEST));

    List<PlatformResult> results = service().build(spec().tags("1.0.0", "latest").build(), work, (s, p) -> CacheUse.unverified(s, "no policy", null));

    assertThat(results.get(0).output()).isEqualTo("--load ghcr.io/org/app:1.0.0,ghcr.io/org/app:latest");
    assertThat(results.get(1).output()).isEqualTo("type=cacheonly");
    assertThat(results).allSatisfy(r -> {
      assertThat(r.layerSizes()).isNull();
      assertThat(r.compressedSize()).isNull();
      assertThat(r.cacheFrom()).isEmpty();
      assertThat(r.cacheTo()).isEmpty();
    });
    assertThat(inspected).isEmpty();
  }

  @Test
  void build_registryCannotBeRead_sizesNotRecordedButTheBuildSucceeds() throws Exception {
    builds.put("linux/amd64", progress(INDEX));

    List<PlatformResult> results = service().build(spec().push(true).platforms("linux/amd64").build(), work,
        (s, p) -> CacheUse.unverified(s, "no policy", null));

    assertThat(results.get(0).succeeded()).isTrue();
    assertThat(results.get(0).layerSizes()).isNull();
    assertThat(results.get(0).cachedSteps()).isEqualTo(2);
    assertThat(log.info).contains("[linux/amd64] layer sizes not recorded: GET ghcr.io/org/app@" + INDEX
        + ": 404 MANIFEST_UNKNOWN");
    assertThat(log.warn).isEmpty();
  }

  @Test
  void build_failedPlatform_keepsWhatRanBeforeTheFailure() throws Exception {
    builds.put("linux/amd64", "echo '#4 [1/2] FROM base'; echo '#4 CACHED'; echo '#5 [2/2] RUN false'; "
        + "echo '#5 ERROR: process did not complete'; exit 1");

    PlatformResult r = service().build(spec().push(true).platforms("linux/amd64").build(), work, (s, p) -> CacheUse.unverified(s, "no policy", null)).get(0);

    assertThat(r.succeeded()).isFalse();
    assertThat(r.cachedSteps()).isEqualTo(1);
    assertThat(r.executedSteps()).as("the failed step never finished").isZero();
    assertThat(r.builder()).isEqualTo("default");
    assertThat(r.layerSizes()).isNull();
    assertThat(inspected).isEmpty();
  }

  @Test
  void droppedCacheSource_isRecordedAsDroppedWithItsReason_andNotPassed() throws Exception {
    builds.put("linux/amd64", progress(INDEX));

    PlatformResult r = service().build(spec().platforms("linux/amd64")
            .cacheFrom("type=registry,ref=ghcr.io/org/app:cache").build(), work,
        (s, p) -> CacheUse.dropped(s, "dropped by verify: signature: no signature found", "ghcr.io/org/app:cache"))
        .get(0);

    assertThat(r.cacheFrom()).containsExactly(new CacheUse(CacheEntry.parse("<cacheFrom>",
        "type=registry,ref=ghcr.io/org/app:cache"), null, CacheUse.Use.DROPPED,
        "dropped by verify: signature: no signature found", "ghcr.io/org/app:cache"));
    assertThat(r.command()).noneMatch(a -> a.contains("app:cache"));
  }

  @Test
  void childOf_matchesOsArchAndVariant() throws Exception {
    var index = io.github.dockerbuild.json.Json.tree("{\"manifests\":["
        + "{\"digest\":\"sha256:v6\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v6\"}},"
        + "{\"digest\":\"sha256:v7\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}}]}");
    assertThat(BuildxService.childOf(index, Platform.parse("linux/arm/v7"))).isEqualTo("sha256:v7");
    assertThat(BuildxService.childOf(index, AMD64)).isNull();
  }

  @Test
  void repository_dropsTheTagButNotARegistryPort() {
    assertThat(BuildxService.repository("127.0.0.1:5000/it/app:1.0.0-amd64")).isEqualTo("127.0.0.1:5000/it/app");
    assertThat(BuildxService.repository("127.0.0.1:5000/it/app")).isEqualTo("127.0.0.1:5000/it/app");
  }
}
