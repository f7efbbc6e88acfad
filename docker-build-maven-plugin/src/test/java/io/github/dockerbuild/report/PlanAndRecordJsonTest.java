package io.github.dockerbuild.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PublishPlan;
import io.github.dockerbuild.domain.SignPlan;
import io.github.dockerbuild.domain.SignTarget;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.domain.VerifyPlan;
import io.github.dockerbuild.json.Jackson;
import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.RecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan and the record, every kind of member filled, through the plugin's own JSON: they read
 * back equal, and they are the same JSON a general-purpose mapper (Jackson, which wrote them before)
 * writes and reads, so files of either stay readable.
 */
class PlanAndRecordJsonTest {
  private static final ObjectMapper JACKSON = Jackson.mapper();

  static BuildPlan plan() {
    BuildPlan base = ImageReportFromPlanTest.plan();
    return new BuildPlan(base.module(), base.image(), base.metadata(), base.goals(),
        new VerifyPlan(List.of(new VerifyPlan.Target(InputRole.BASE, "BASE_IMAGE", "127.0.0.1:5000/test/busybox:1")),
            "key /k.pub", null, List.of(SignatureFormat.LEGACY, SignatureFormat.BUNDLE), null),
        base.build(),
        new PublishPlan(base.image(), List.of("1.0.0", "latest"), List.of(Platform.parse("linux/amd64"),
            Platform.parse("linux/arm64")), Map.of(Platform.parse("linux/arm64"), Fixtures.ARM),
            Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z"), false, true),
        new SignPlan("key /k.key", List.of(SignTarget.INDEX, SignTarget.PLATFORMS), List.of(SignatureFormat.BUNDLE),
            Map.of("run", "1"), true));
  }

  static BuildRecord record() {
    return Fixtures.full().withBuild(new BuildRecord.Build("t", "buildx", true, List.of(Fixtures.amd64()
        .afterFailures(List.of("context amd-1: boom")), Fixtures.arm64Failed())));
  }

  /** {@code value} through this JSON and Jackson's, each way: equal, and the same JSON. */
  private static <T> void sameBothWays(T value, Class<T> type) throws Exception {
    String ours = Json.write(value, Json.Style.PRETTY);
    String jacksons = JACKSON.writeValueAsString(value);
    assertThat(Json.read(ours, type)).isEqualTo(value);
    assertThat(JACKSON.readValue(ours, type)).isEqualTo(value);
    assertThat(Json.read(jacksons, type)).isEqualTo(value);
    assertThat(JACKSON.readTree(ours)).isEqualTo(JACKSON.readTree(jacksons));
  }

  @Test
  void theRecord_readsBackEqual_andIsJacksonsJson() throws Exception {
    sameBothWays(record(), BuildRecord.class);
  }

  @Test
  void thePlan_readsBackEqual_andIsJacksonsJson() throws Exception {
    sameBothWays(plan(), BuildPlan.class);
  }

  @Test
  void theStore_writesAndReadsBoth(@TempDir Path dir) throws Exception {
    RecordStore store = new RecordStore(dir);
    store.write(record());
    store.writePlan(plan());
    assertThat(store.read()).contains(record());
    assertThat(store.readPlan()).contains(plan());
    assertThat(Files.readString(store.file())).startsWith("{\n  \"schema\": " + BuildRecord.SCHEMA + ",\n");
  }
}
