package io.github.dockerbuild.record;

import static org.assertj.core.api.Assertions.assertThat;

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
        null, 1234, "context node2", List.of("type=registry,ref=r:cache"), List.of("type=inline"),
        "type=image,name=r:1-arm64,push=true,compression=zstd", 3, 2, 4096L, List.of(4000L, 50L));
    RecordStore store = new RecordStore(dir);
    store.write(BuildRecord.empty("g:a").withBuild(new BuildRecord.Build("t", "b", true, List.of(result))));

    assertThat(store.read().orElseThrow().build().platforms()).containsExactly(result);
    assertThat(Files.readString(store.file())).contains("\"cachedSteps\" : 3").contains("\"layerSizes\" : [ 4000, 50 ]");
  }

  @Test
  void recordWithoutDetails_readsWithNulls() throws Exception {
    Files.writeString(dir.resolve(RecordStore.FILE_NAME), """
        {"schema":1,"module":"g:a","build":{"finishedAt":"t","buildx":"b","pushed":true,"platforms":[
          {"platform":"linux/amd64","succeeded":true,"reference":"r:1","digest":"sha256:x","error":null,"millis":5}]}}
        """);
    PlatformResult read = new RecordStore(dir).read().orElseThrow().build().platforms().get(0);

    assertThat(read).isEqualTo(new PlatformResult(Platform.parse("linux/amd64"), true, "r:1", "sha256:x", null, 5));
    assertThat(read.builder()).isNull();
    assertThat(read.cacheFrom()).isNull();
    assertThat(read.layerSizes()).isNull();
    assertThat(read.cachedSteps()).isNull();
  }
}
