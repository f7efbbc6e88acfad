package io.github.dockerbuild.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.domain.Mode;
import io.github.dockerbuild.domain.PlannedGoal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiOutputFilesTest {
  @TempDir
  Path dir;

  private static BuildPlan plan(PlannedGoal... goals) {
    return new BuildPlan("it:app", "r/app", null, List.of(goals), null, null, null, null);
  }

  @Test
  void theLastGoalThatRuns_writesTheOutputs_notASkippedOneOrTheReport() {
    BuildPlan plan = plan(PlannedGoal.running("metadata", "default", "initialize"),
        PlannedGoal.running("build", "default", "package"),
        PlannedGoal.running("publish", "publish", "deploy"),
        PlannedGoal.skipped("sign", "sign", "deploy", "-Ddocker.sign.skip"),
        PlannedGoal.running("report", "default", null));

    assertThat(CiOutputFiles.isLastGoal(plan, "publish", "publish")).isTrue();
    assertThat(CiOutputFiles.isLastGoal(plan, "build", "default")).isFalse();
    assertThat(CiOutputFiles.isLastGoal(plan, "publish", "other")).isFalse();
    assertThat(CiOutputFiles.isLastGoal(plan(), "build", "default")).isFalse();
  }

  @Test
  void outsideGithubActions_onlyTheFilesBesideTheRecord() throws Exception {
    RecordStore store = new RecordStore(dir);
    store.write(BuildRecord.empty("it:app"));
    List<String> lines = new ArrayList<>();

    CiOutputFiles.write(store, Map.of("GITHUB_OUTPUT", dir.resolve("out").toString()), "app", lines::add);

    assertThat(dir.resolve("image.json")).exists();
    assertThat(dir.resolve("image.digest")).doesNotExist(); // nothing built: no digest
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(lines).containsExactly("image app: CI outputs in " + dir.resolve("image.json"));
  }

  @Test
  void inGithubActions_theStepOutputsAreAppended_alsoUnderTheArtifactId() throws Exception {
    RecordStore store = new RecordStore(dir);
    store.write(BuildRecord.empty("it:app").withMetadata(new BuildMetadata(Mode.LOCAL, false, "1.0.0",
        "2026-01-02T03:04:05Z", "clock", null, null, null, "r/app", "{image}", List.of("1.0.0"), Map.of(), Map.of(),
        Map.of())));
    Path out = dir.resolve("out");
    Path summary = dir.resolve("summary.md");
    Files.writeString(out, "earlier=step\n");

    CiOutputFiles.write(store, Map.of("GITHUB_ACTIONS", "true", "GITHUB_OUTPUT", out.toString(),
        "GITHUB_STEP_SUMMARY", summary.toString()), "app", line -> { });

    assertThat(Files.readString(out)).isEqualTo("earlier=step\nimage=r/app\ntags=1.0.0\nversion=1.0.0\n"
        + "app-image=r/app\napp-tags=1.0.0\napp-version=1.0.0\n");
    assertThat(Files.readString(summary)).startsWith("### `r/app`\n");
  }
}
