package io.github.dockerbuild.buildx;

import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.ImageSpecBuilder;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.Secret;
import io.github.dockerbuild.record.BuildRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpToDateTest {
  private static final String BASE = "registry.test/base:1";
  private static final String BASE_DIGEST = "sha256:" + "b".repeat(64);
  private static final String AMD_DIGEST = "sha256:" + "1".repeat(64);
  private static final String ARM_DIGEST = "sha256:" + "2".repeat(64);

  @TempDir Path dir;
  private Path context;
  private Path work;
  private Path plugin;
  private final Map<String, String> registry = new HashMap<>();
  private final Function<String, Optional<String>> digestOf = ref -> Optional.ofNullable(registry.get(ref));
  private final Map<String, String> engine = new HashMap<>();
  private final Function<String, Optional<String>> localIdOf = ref -> Optional.ofNullable(engine.get(ref));

  @BeforeEach
  void setUp() throws IOException {
    context = Files.createDirectories(dir.resolve("app"));
    work = Files.createDirectories(context.resolve("target/docker-build"));
    plugin = Files.writeString(dir.resolve("plugin.jar"), "jar");
    Files.writeString(context.resolve("Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY app.txt /app.txt\n");
    Files.writeString(context.resolve("app.txt"), "hello");
    registry.put(BASE, BASE_DIGEST);
    registry.put("ghcr.io/org/app:1.0.0-amd64", AMD_DIGEST);
    registry.put("ghcr.io/org/app:1.0.0-arm64", ARM_DIGEST);
  }

  private ImageSpecBuilder pushing() {
    ImageSpecBuilder b = spec().push(true).buildArg("BASE_IMAGE", BASE);
    b.contextDir = context;
    b.dockerfile = context.resolve("Dockerfile");
    return b;
  }

  private UpToDate.Inputs inputs(ImageSpec spec) throws IOException {
    return UpToDate.inputs(spec, plugin, work, digestOf);
  }

  private String fingerprint(Consumer<ImageSpecBuilder> change) throws IOException {
    UpToDate.Inputs inputs = inputs(pushing().with(change).build());
    assertThat(inputs.blocker()).isNull();
    return inputs.fingerprint();
  }

  private static BuildRecord.Build built(String fingerprint) {
    return new BuildRecord.Build("2026-12-01T10:00:00Z", "buildx 0.13", true, List.of(
        new PlatformResult(AMD64, true, "ghcr.io/org/app:1.0.0-amd64", AMD_DIGEST, null, 400),
        new PlatformResult(ARM64, true, "ghcr.io/org/app:1.0.0-arm64", ARM_DIGEST, null, 500)), fingerprint, false);
  }

  @Test
  void theSameInputsGiveTheSameFingerprintAndTheBuildIsLeftOut() throws IOException {
    ImageSpec spec = pushing().build();
    UpToDate.Inputs first = inputs(spec);
    UpToDate.Inputs second = inputs(spec);
    assertThat(first.fingerprint()).startsWith("sha256:").isEqualTo(second.fingerprint());
    assertThat(first.files()).isEqualTo(2);
    assertThat(first.images()).isEqualTo(1);

    UpToDate.Decision decision = UpToDate.decide(spec, built(first.fingerprint()), second, digestOf, localIdOf);
    assertThat(decision.skip()).isTrue();
    assertThat(decision.results().platforms()).extracting(PlatformResult::digest).containsExactly(AMD_DIGEST, ARM_DIGEST);
    assertThat(decision.reason()).isEqualTo("nothing it is made from changed since the build of 2026-12-01T10:00:00Z "
        + "(2 context files, 1 image resolved, 2 pushed tags checked)");
  }

  @Test
  void everyValueOfTheBuildIsAnInput() throws IOException {
    String base = fingerprint(b -> { });
    List<Consumer<ImageSpecBuilder>> changes = List.of(
        b -> b.buildArg("X", "1"),
        b -> b.label("org.opencontainers.image.version", "2"),
        b -> b.tags("1.0.1"),
        b -> b.archTags("1.0.0", "latest"),
        b -> b.archImage("{image}-{arch}"),
        b -> b.platforms("linux/amd64"),
        b -> b.target = "runtime",
        b -> b.provenance = "mode=max",
        b -> b.sbom = "true",
        b -> b.pull = true,
        b -> b.reproducible = true,
        b -> b.cacheFrom("type=registry,ref=ghcr.io/org/app:cache"),
        b -> b.secrets.add(new Secret("token", "TOKEN", null)),
        b -> b.node("linux/arm64", "arm-builder", null),
        b -> b.output(new io.github.dockerbuild.domain.OutputOptions(
            io.github.dockerbuild.domain.Compression.GZIP, 6, true, true)));
    Set<String> seen = new TreeSet<>(List.of(base));
    for (Consumer<ImageSpecBuilder> change : changes) {
      assertThat(seen.add(fingerprint(change))).as("a change left the fingerprint as it was").isTrue();
    }
  }

  @Test
  void aSecretValueIsNoInputItsSourceIs() throws IOException {
    String token = fingerprint(b -> b.secrets.add(new Secret("token", "TOKEN", null)));
    assertThat(fingerprint(b -> b.secrets.add(new Secret("token", "TOKEN", null)))).isEqualTo(token);
    assertThat(fingerprint(b -> b.secrets.add(new Secret("token", "OTHER", null)))).isNotEqualTo(token);
  }

  @Test
  void theMapOrderOfArgsIsNoInput() throws IOException {
    assertThat(fingerprint(b -> b.buildArg("A", "1").buildArg("B", "2")))
        .isEqualTo(fingerprint(b -> b.buildArg("B", "2").buildArg("A", "1")));
  }

  @Test
  void contextFilesCountByPathSizeTimeAndMode() throws IOException {
    String before = fingerprint(b -> { });
    Path app = context.resolve("app.txt");
    FileTime time = Files.getLastModifiedTime(app);

    Files.writeString(app, "hellO"); // the same size
    Files.setLastModifiedTime(app, time);
    assertThat(fingerprint(b -> { })).as("same size and time: not seen, as make and BuildKit's context transfer")
        .isEqualTo(before);

    Files.setLastModifiedTime(app, FileTime.from(time.toInstant().plusMillis(1)));
    assertThat(fingerprint(b -> { })).isNotEqualTo(before);
    Files.setLastModifiedTime(app, time);

    Files.writeString(app, "hello!");
    Files.setLastModifiedTime(app, time);
    assertThat(fingerprint(b -> { })).isNotEqualTo(before);
    Files.writeString(app, "hello");
    Files.setLastModifiedTime(app, time);
    assertThat(fingerprint(b -> { })).isEqualTo(before);

    Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(fingerprint(b -> { })).isNotEqualTo(before);
  }

  @Test
  void aNewFileAnywhereInTheContextIsAnInputButThePluginsWorkDirectoryIsNot() throws IOException {
    String before = fingerprint(b -> { });
    Files.writeString(work.resolve("build-record.json"), "{}");
    Files.writeString(work.resolve("image.json"), "{}");
    assertThat(fingerprint(b -> { })).isEqualTo(before);

    Files.createDirectories(context.resolve("target/classes"));
    Files.writeString(context.resolve("target/classes/A.class"), "x");
    assertThat(fingerprint(b -> { })).isNotEqualTo(before);
  }

  @Test
  void whatDockerignoreLeavesOutIsNoInputButTheIgnoreFileIs() throws IOException {
    Files.writeString(context.resolve(".dockerignore"), "*\n!Dockerfile\n!app.txt\n");
    String before = fingerprint(b -> { });
    assertThat(inputs(pushing().build()).files()).isEqualTo(2);
    Files.writeString(context.resolve("build.log"), "a run");
    Files.createDirectories(context.resolve("target/surefire-reports"));
    Files.writeString(context.resolve("target/surefire-reports/T.xml"), "<x/>");
    assertThat(fingerprint(b -> { })).isEqualTo(before);

    Files.writeString(context.resolve("app.txt"), "hello, changed");
    String changed = fingerprint(b -> { });
    assertThat(changed).isNotEqualTo(before);

    Files.writeString(context.resolve(".dockerignore"), "*\n!Dockerfile\n!app.txt\n!build.log\n");
    assertThat(fingerprint(b -> { })).isNotEqualTo(changed);
  }

  @Test
  void aNewEmptyDirectoryIsAnInput() throws IOException {
    String before = fingerprint(b -> { });
    Files.createDirectories(context.resolve("data"));
    assertThat(fingerprint(b -> { })).isNotEqualTo(before);
  }

  @Test
  void theDockerfileAndThePluginAreInputs() throws IOException {
    String before = fingerprint(b -> { });
    Files.writeString(context.resolve("Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY app.txt /app\n");
    String changed = fingerprint(b -> { });
    assertThat(changed).isNotEqualTo(before);

    Files.setLastModifiedTime(plugin, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(fingerprint(b -> { })).isNotEqualTo(changed);
  }

  @Test
  void aMovedBaseImageTagChangesTheFingerprint() throws IOException {
    String before = fingerprint(b -> { });
    registry.put(BASE, "sha256:" + "c".repeat(64));
    assertThat(fingerprint(b -> { })).isNotEqualTo(before);
  }

  @Test
  void everyExternalImageTheDockerfileNamesIsResolvedStagesAndScratchAreNot() {
    String dockerfile = """
        # syntax=registry.test/dockerfile:1
        ARG GO=registry.test/golang:1.22
        FROM --platform=$BUILDPLATFORM ${GO} AS build
        RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=registry.test/tools:2,source=/bin,target=/t \\
            go build
        FROM scratch AS empty
        FROM registry.test/base:${TARGETARCH}
        COPY --from=build /out /out
        COPY --from=0 /a /a
        COPY --from=registry.test/certs:3 /etc/ssl /etc/ssl
        COPY --from=empty / /
        """;
    Set<String> images = new TreeSet<>();
    assertThat(UpToDate.externalImages(dockerfile, spec().build(), images)).isNull();
    assertThat(images).containsExactly("registry.test/base:amd64", "registry.test/base:arm64", "registry.test/certs:3",
        "registry.test/dockerfile:1", "registry.test/golang:1.22", "registry.test/tools:2");
  }

  @Test
  void anImageThatDoesNotResolveMakesTheBuildRun() throws IOException {
    registry.remove(BASE);
    UpToDate.Inputs inputs = inputs(pushing().build());
    assertThat(inputs.fingerprint()).isNull();
    assertThat(inputs.blocker()).isEqualTo("image registry.test/base:1 did not resolve");
  }

  @Test
  void aVariableWithoutValueInAnImageNameMakesTheBuildRun() throws IOException {
    Files.writeString(context.resolve("Dockerfile"), "FROM ${UNSET}\n");
    assertThat(inputs(pushing().build()).blocker())
        .isEqualTo("an image name in the Dockerfile has a variable the build args do not give");
    Files.writeString(context.resolve("Dockerfile"), "FROM base:1\nCOPY --from=$UNSET / /\n");
    assertThat(inputs(pushing().build()).blocker())
        .isEqualTo("an image name in the Dockerfile has a variable the build args do not give");
  }

  @Test
  void aFileItCannotReadMakesTheBuildRunNeverFailsIt() throws IOException {
    Files.write(context.resolve(".dockerignore"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    assertThat(inputs(pushing().build()).blocker()).startsWith("the build's files could not all be read (");
  }

  @Test
  void aRemoteAddMakesTheBuildRun() throws IOException {
    for (String add : List.of("ADD https://example.test/a.tgz /a", "ADD --checksum=sha256:00 http://x.test/b /b",
        "ADD git@github.com:org/repo.git /src", "add \"https://example.test/q\" /q",
        "ADD \\\n  https://example.test/c /c")) {
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n" + add + "\n");
      assertThat(inputs(pushing().build()).blocker()).as(add)
          .isEqualTo("the Dockerfile ADDs a remote source (only BuildKit can tell whether it changed)");
    }
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nADD app.tgz /app\nCOPY a /a\n");
    assertThat(inputs(pushing().build()).blocker()).isNull();
  }

  @Test
  void buildsThatMustRunAreNeverFingerprinted() throws IOException {
    assertThat(inputs(pushing().with(b -> b.noCache = true).build()).blocker()).isEqualTo("noCache is set");
    assertThat(inputs(pushing().cacheTo("type=registry,ref=ghcr.io/org/app:cache").build()).blocker())
        .isEqualTo("the build exports a cache");
    assertThat(inputs(pushing().push(false).node("linux/amd64", "remote", null).build()).blocker())
        .isEqualTo("the image is loaded into another engine than the default one, which is not asked");
    assertThat(UpToDate.inputs(pushing().build(), null, work, digestOf).blocker())
        .isEqualTo("the plugin's own jar is not known");
    assertThat(UpToDate.inputs(pushing().build(), dir.resolve("gone.jar"), work, digestOf).blocker())
        .isEqualTo("the plugin's own jar is not known");
    Files.delete(context.resolve("Dockerfile"));
    assertThat(inputs(pushing().build()).blocker()).isEqualTo("no Dockerfile or context to fingerprint");
  }

  @Test
  void theBuildRunsUnlessTheLastOneStandsForIt() throws IOException {
    ImageSpec spec = pushing().build();
    UpToDate.Inputs inputs = inputs(spec);
    String fp = inputs.fingerprint();

    assertThat(UpToDate.decide(spec, null, inputs, digestOf, localIdOf).reason())
        .isEqualTo("no earlier build of these inputs is recorded");
    assertThat(UpToDate.decide(spec, built(null), inputs, digestOf, localIdOf).reason())
        .isEqualTo("no earlier build of these inputs is recorded");
    assertThat(UpToDate.decide(spec, built("sha256:" + "0".repeat(64)), inputs, digestOf, localIdOf).reason())
        .isEqualTo("what the image is made from changed since the build of 2026-12-01T10:00:00Z");

    BuildRecord.Build failed = new BuildRecord.Build("2026-12-01T10:00:00Z", "buildx", true, List.of(
        new PlatformResult(AMD64, true, "ghcr.io/org/app:1.0.0-amd64", AMD_DIGEST, null, 400),
        new PlatformResult(ARM64, false, null, null, "exit 1", 500)), fp, false);
    assertThat(UpToDate.decide(spec, failed, inputs, digestOf, localIdOf).reason()).isEqualTo("the last build failed linux/arm64");

    BuildRecord.Build notPushed = new BuildRecord.Build("2026-12-01T10:00:00Z", "buildx", false,
        built(fp).platforms(), fp, false);
    assertThat(UpToDate.decide(spec, notPushed, inputs, digestOf, localIdOf).reason())
        .isEqualTo("the last build had other outputs");

    registry.put("ghcr.io/org/app:1.0.0-arm64", "sha256:" + "9".repeat(64));
    assertThat(UpToDate.decide(spec, built(fp), inputs, digestOf, localIdOf).reason())
        .isEqualTo("ghcr.io/org/app:1.0.0-arm64 no longer points at the image built on 2026-12-01T10:00:00Z");
    registry.remove("ghcr.io/org/app:1.0.0-arm64");
    assertThat(UpToDate.decide(spec, built(fp), inputs, digestOf, localIdOf).skip()).isFalse();

    UpToDate.Inputs blocked = UpToDate.inputs(pushing().with(b -> b.noCache = true).build(), plugin, work, digestOf);
    assertThat(UpToDate.decide(spec, built(fp), blocked, digestOf, localIdOf).reason()).isEqualTo("noCache is set");
  }

  @Test
  void everyTagAPlatformPushedIsChecked() throws IOException {
    ImageSpec spec = pushing().archImage("ghcr.io/org/{arch}-app").tags("1.0.0", "latest").archTags("1.0.0", "latest")
        .build();
    registry.put("ghcr.io/org/amd64-app:1.0.0", AMD_DIGEST);
    registry.put("ghcr.io/org/amd64-app:latest", AMD_DIGEST);
    registry.put("ghcr.io/org/arm64-app:1.0.0", ARM_DIGEST);
    registry.put("ghcr.io/org/arm64-app:latest", ARM_DIGEST);
    UpToDate.Inputs inputs = inputs(spec);
    BuildRecord.Build last = new BuildRecord.Build("2026-12-01T10:00:00Z", "buildx", true, List.of(
        new PlatformResult(AMD64, true, "ghcr.io/org/amd64-app:1.0.0", AMD_DIGEST, null, 400),
        new PlatformResult(ARM64, true, "ghcr.io/org/arm64-app:1.0.0", ARM_DIGEST, null, 500)),
        inputs.fingerprint(), false);
    assertThat(UpToDate.decide(spec, last, inputs, digestOf, localIdOf).reason()).endsWith(", 4 pushed tags checked)");

    registry.put("ghcr.io/org/arm64-app:latest", "sha256:" + "7".repeat(64));
    assertThat(UpToDate.decide(spec, last, inputs, digestOf, localIdOf).reason())
        .isEqualTo("ghcr.io/org/arm64-app:latest no longer points at the image built on 2026-12-01T10:00:00Z");
  }

  @Test
  void aLoadedBuildIsLeftOutWhileTheDefaultEngineHoldsItUnderEveryTag() throws IOException {
    ImageSpec spec = pushing().push(false).tags("1.0.0", "dev").build();
    UpToDate.Inputs inputs = inputs(spec);
    assertThat(inputs.blocker()).isNull();
    String image = "sha256:" + "e".repeat(64);
    BuildRecord.Build last = new BuildRecord.Build("2026-12-01T10:00:00Z", "buildx", false, List.of(
        new PlatformResult(AMD64, true, "ghcr.io/org/app:1.0.0", image, null, 400),
        new PlatformResult(ARM64, true, null, null, null, 500)), inputs.fingerprint(), false);
    engine.put("ghcr.io/org/app:1.0.0", image);
    engine.put("ghcr.io/org/app:dev", image);

    UpToDate.Decision decision = UpToDate.decide(spec, last, inputs, digestOf, localIdOf);
    assertThat(decision.skip()).isTrue();
    assertThat(decision.reason()).endsWith(", 2 local tags checked)");
    assertThat(fingerprint(b -> b.push(false))).isNotEqualTo(fingerprint(b -> { }));

    engine.put("ghcr.io/org/app:dev", "sha256:" + "d".repeat(64)); // the tag went to another image
    assertThat(UpToDate.decide(spec, last, inputs, digestOf, localIdOf).reason())
        .isEqualTo("ghcr.io/org/app:dev no longer points at the image built on 2026-12-01T10:00:00Z");
    engine.remove("ghcr.io/org/app:dev"); // docker rmi
    assertThat(UpToDate.decide(spec, last, inputs, digestOf, localIdOf).skip()).isFalse();

    BuildRecord.Build pushed = new BuildRecord.Build("2026-12-01T10:00:00Z", "buildx", true, last.platforms(),
        inputs.fingerprint(), false);
    assertThat(UpToDate.decide(spec, pushed, inputs, digestOf, localIdOf).reason())
        .isEqualTo("the last build had other outputs");
  }

  @Test
  void theLeftOutBuildKeepsItsResultsAndSaysSo() {
    BuildRecord.Build kept = built("sha256:" + "a".repeat(64)).leftOut();
    assertThat(kept.upToDate()).isTrue();
    assertThat(kept.finishedAt()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(kept.inputs()).isEqualTo("sha256:" + "a".repeat(64));
    assertThat(kept.platforms()).hasSize(2);
  }
}
