package io.github.dockerbuild.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-platform build details survive the record file, and records written before them still read. */
class PlatformDetailsJsonTest {
  @TempDir Path dir;

  @Test
  void details_roundTrip() throws Exception {
    PlatformResult result = new PlatformResult(Platform.parse("linux/arm64"), true, "r:1-arm64", "sha256:" + "a".repeat(64),
        null, 1234, "context node2", List.of(
            CacheUse.verified(CacheEntry.parse("<cacheFrom>", "type=registry,ref=r:cache"), "sha256:" + "c".repeat(64),
                "r:cache"),
            CacheUse.dropped(CacheEntry.parse("<cacheFrom>", "type=registry,ref=r:old"), "dropped by verify: x", "r:old"),
            CacheUse.plain(CacheEntry.parse("<cacheFrom>", "type=local,src=/c"))),
        List.of(CacheEntry.parse("<cacheTo>", "type=inline")),
        "type=image,name=r:1-arm64,push=true,compression=zstd", 3, 2, 4096L, List.of(4000L, 50L));
    RecordStore store = new RecordStore(dir);
    store.write(BuildRecord.empty("g:a").withBuild(new BuildRecord.Build("t", "b", true, List.of(result))));

    assertThat(store.read().orElseThrow().build().platforms()).containsExactly(result);
    io.github.dockerbuild.json.Tree written = io.github.dockerbuild.json.Json.tree(store.file()).path("build")
        .path("platforms").path(0);
    assertThat(written.path("cachedSteps").asInt(-1)).isEqualTo(3);
    assertThat(written.path("layerSizes").toString()).isEqualTo("[4000,50]");
    assertThat(written.path("cacheFrom").elements()).extracting(c -> c.path("use").asText())
        .containsExactly("verified", "dropped", "used");
    assertThat(written.path("cacheFrom").path(1).path("passed").isNull()).as("written as null").isTrue();
  }

  @Test
  void recordWithoutDetails_readsWithNulls() throws Exception {
    Files.writeString(dir.resolve(RecordStore.FILE_NAME), """
        {"schema":2,"module":"g:a","build":{"finishedAt":"t","buildx":"b","pushed":true,"platforms":[
          {"platform":"linux/amd64","succeeded":true,"reference":"r:1","digest":"sha256:x","error":null,"millis":5}]}}
        """);
    PlatformResult read = new RecordStore(dir).read().orElseThrow().build().platforms().get(0);

    assertThat(read).isEqualTo(new PlatformResult(Platform.parse("linux/amd64"), true, "r:1", "sha256:x", null, 5));
    assertThat(read.builder()).isNull();
    assertThat(read.cacheFrom()).isNull();
    assertThat(read.layerSizes()).isNull();
    assertThat(read.cachedSteps()).isNull();
  }

  @Test
  void recordOfAnotherSchema_isRefusedByRead_andReplacedByUpdate() throws Exception {
    Files.writeString(dir.resolve(RecordStore.FILE_NAME), """
        {"schema":1,"module":"g:a","build":{"finishedAt":"t","buildx":"b","pushed":true,"platforms":[
          {"platform":"linux/amd64","succeeded":true,"cacheFrom":["type=registry,ref=r:cache"],"millis":5}]}}
        """);
    RecordStore store = new RecordStore(dir);

    assertThatThrownBy(store::read).isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("(schema 1, written by another version of the plugin; this one reads schema 2)")
        .hasMessageEndingWith("rebuild the image with this version of the plugin, or delete the record or run 'mvn clean'");
    BuildRecord next = store.update("g:a", r -> r);
    assertThat(next).isEqualTo(BuildRecord.empty("g:a"));
    assertThat(store.read()).contains(BuildRecord.empty("g:a"));
  }
}
