package io.github.dockerbuild.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordStoreTest {
  private static final String MODULE = "org.example:app";

  @TempDir Path dir;

  static BuildMetadata metadata() {
    Map<String, String> buildArgs = new LinkedHashMap<>();
    buildArgs.put("BUILD_VERSION", "1.2.3");
    buildArgs.put("BUILD_ARCH", "{arch}");
    buildArgs.put("SOURCE_DATE_EPOCH", "1795824000");
    buildArgs.put("A_USER_ARG", "");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.created", "2026-11-28T00:00:00Z");
    labels.put("org.opencontainers.image.version", "1.2.3");
    labels.put("team", "platform");
    return new BuildMetadata(Mode.RELEASE, true, "1.2.3", "2026-11-28T00:00:00Z", "project.build.outputTimestamp",
        1795824000L, "0123456789abcdef0123456789abcdef01234567", "https://github.com/org/app", "ghcr.io/org/app",
        "ghcr.io/org/{arch}-app", List.of("1.2.3", "latest"), buildArgs, labels, Map.of("arm64", "aarch64"));
  }

  static BuildRecord.Build build() {
    return new BuildRecord.Build("2026-11-28T00:05:00Z", "github.com/docker/buildx 0.13.1", true, List.of(
        new PlatformResult(Platform.parse("linux/amd64"), true, "ghcr.io/org/amd64-app:1.2.3",
            "sha256:" + "a".repeat(64), null, 61_000),
        new PlatformResult(Platform.parse("linux/arm64"), false, null, null, "'docker buildx build' failed", 5)));
  }

  static BuildRecord full() {
    return BuildRecord.empty(MODULE).withMetadata(metadata()).withBuild(build());
  }

  @Test
  void read_noFile_empty() throws IOException {
    assertThat(new RecordStore(dir).read()).isEmpty();
  }

  @Test
  void file_isBuildRecordJsonInTheDirectory() {
    assertThat(new RecordStore(dir).file()).isEqualTo(dir.resolve("build-record.json"));
  }

  @Test
  void write_read_roundTripOfAFullRecord() throws IOException {
    RecordStore store = new RecordStore(dir);
    BuildRecord record = full();

    store.write(record);
    BuildRecord read = store.read().orElseThrow();

    assertThat(read).isEqualTo(record);
    assertThat(read.schema()).isEqualTo(BuildRecord.SCHEMA);
    assertThat(read.metadata().buildArgs()).containsExactlyEntriesOf(record.metadata().buildArgs());
    assertThat(read.metadata().labels()).containsExactlyEntriesOf(record.metadata().labels());
    assertThat(read.build().platforms().get(1).platform()).isEqualTo(Platform.parse("linux/arm64"));
  }

  @Test
  void write_read_keepsTheFingerprintAndWhetherTheBuildWasLeftOut() throws IOException {
    RecordStore store = new RecordStore(dir);
    BuildRecord.Build b = build();
    BuildRecord.Build fingerprinted = new BuildRecord.Build(b.finishedAt(), b.buildx(), b.pushed(), b.platforms(),
        "sha256:" + "f".repeat(64), false);
    store.write(BuildRecord.empty(MODULE).withMetadata(metadata()).withBuild(fingerprinted.leftOut()));

    BuildRecord.Build read = store.read().orElseThrow().build();

    assertThat(read.inputs()).isEqualTo("sha256:" + "f".repeat(64));
    assertThat(read.upToDate()).isTrue();
    assertThat(read).isEqualTo(fingerprinted.leftOut());
    store.write(full());
    assertThat(store.read().orElseThrow().build().inputs()).isNull();
    assertThat(store.read().orElseThrow().build().upToDate()).isFalse();
  }

  @Test
  void write_platformIsAPlainString() throws IOException {
    RecordStore store = new RecordStore(dir);

    store.write(full());

    JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.file().toFile());
    assertThat(json.at("/build/platforms/0/platform").isTextual()).isTrue();
    assertThat(json.at("/build/platforms/0/platform").asText()).isEqualTo("linux/amd64");
    assertThat(json.at("/build/platforms/1/platform").asText()).isEqualTo("linux/arm64");
    assertThat(json.at("/schema").asInt()).isEqualTo(BuildRecord.SCHEMA);
    assertThat(json.at("/module").asText()).isEqualTo(MODULE);
    assertThat(json.at("/metadata/mode").asText()).isEqualTo("RELEASE");
    assertThat(json.at("/metadata/sourceDateEpoch").asLong()).isEqualTo(1795824000L);
  }

  @Test
  void read_unknownFieldsIgnored() throws IOException {
    Files.writeString(dir.resolve("build-record.json"), """
        {
          "schema": 2,
          "module": "org.example:app",
          "writtenBy": "a future version",
          "metadata": null,
          "build": {
            "finishedAt": "2026-11-28T00:05:00Z",
            "buildx": "v0.13.1",
            "pushed": false,
            "signed": true,
            "platforms": [
              {"platform": "aarch64", "succeeded": true, "reference": "app:1", "digest": "sha256:1",
               "error": null, "millis": 12, "cacheHits": 7}
            ]
          }
        }
        """);

    BuildRecord read = new RecordStore(dir).read().orElseThrow();

    assertThat(read.module()).isEqualTo(MODULE);
    assertThat(read.metadata()).isNull();
    assertThat(read.build().platforms()).containsExactly(
        new PlatformResult(Platform.parse("linux/arm64"), true, "app:1", "sha256:1", null, 12));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"{ not json", "", "[1, 2]",
      "{\"schema\":2,\"build\":{\"platforms\":[{\"platform\":\"linux/\"}]}}"})
  void read_corruptFile_saysDeleteItOrMvnClean(String content) throws IOException {
    Files.writeString(dir.resolve("build-record.json"), content);
    RecordStore store = new RecordStore(dir);

    IOException e = catchThrowableOfType(IOException.class, store::read);

    assertThat(e.getMessage())
        .startsWith("the build record " + store.file() + " cannot be read (")
        .endsWith("): delete it or run 'mvn clean'");
    assertThat(e.getCause() != null || e.getMessage().contains("(it is not a build record: no schema number)"))
        .as("a parse failure keeps its cause; a file without a schema says so").isTrue();
  }

  @Test
  void write_leavesNoTemporaryFiles() throws IOException {
    RecordStore store = new RecordStore(dir);

    store.write(BuildRecord.empty(MODULE));
    store.write(full());
    store.update(MODULE, r -> r.withBuild(null));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("build-record.json");
    }
  }

  @Test
  void write_createsTheDirectory() throws IOException {
    RecordStore store = new RecordStore(dir.resolve("target/docker-build"));

    store.write(BuildRecord.empty(MODULE));

    assertThat(store.file()).isRegularFile();
  }

  @Test
  void update_startsFromAnEmptyRecord() throws IOException {
    RecordStore store = new RecordStore(dir);

    BuildRecord written = store.update(MODULE, r -> r.withMetadata(metadata()));

    assertThat(written).isEqualTo(new BuildRecord(BuildRecord.SCHEMA, MODULE, metadata(), null, null, null, null));
    assertThat(store.read()).contains(written);
  }

  @Test
  void update_keepsWhatOtherStagesWrote() throws IOException {
    RecordStore store = new RecordStore(dir);
    store.update(MODULE, r -> r.withMetadata(metadata()));

    store.update("ignored:when-a-record-exists", r -> r.withBuild(build()));

    assertThat(store.read()).contains(full());
  }
}
