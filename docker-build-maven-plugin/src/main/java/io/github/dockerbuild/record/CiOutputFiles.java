package io.github.dockerbuild.record;

import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.domain.PlannedGoal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Where {@link CiOutputs} go: files beside the record, and GitHub Actions' output and summary files. */
public final class CiOutputFiles {
  public static final String DIGEST_FILE = "image.digest";
  public static final String JSON_FILE = "image.json";
  /** Goals after which the record does not change. */
  private static final Set<String> NOT_STAGES = Set.of("report", "plan", "help");

  private CiOutputFiles() {}

  /** Whether {@code goal} ({@code execution}) is the last goal of the plan that runs and changes the record. */
  public static boolean isLastGoal(BuildPlan plan, String goal, String execution) {
    if (goal == null) {
      return false;
    }
    List<PlannedGoal> running = plan.goals().stream().filter(PlannedGoal::runs)
        .filter(g -> g.goal() != null && !NOT_STAGES.contains(g.goal())).toList();
    if (running.isEmpty()) {
      return false;
    }
    PlannedGoal last = running.get(running.size() - 1);
    return goal.equals(last.goal()) && java.util.Objects.equals(execution, last.execution());
  }

  /**
   * Writes the outputs of the record in {@code store}; in GitHub Actions ({@code GITHUB_ACTIONS=true})
   * also appends to {@code $GITHUB_OUTPUT} (each output, and again prefixed with the artifactId for a
   * reactor of several images) and {@code $GITHUB_STEP_SUMMARY}.
   */
  public static void write(RecordStore store, Map<String, String> env, String artifactId, Consumer<String> log)
      throws IOException {
    Optional<BuildRecord> read = store.read();
    if (read.isEmpty()) {
      return;
    }
    BuildRecord record = read.get();
    Path dir = store.file().getParent();
    String digest = CiOutputs.digest(record);
    Path digestFile = dir.resolve(DIGEST_FILE);
    if (digest != null) {
      Files.writeString(digestFile, digest + "\n", StandardCharsets.UTF_8);
    } else {
      Files.deleteIfExists(digestFile);
    }
    Files.write(dir.resolve(JSON_FILE), io.github.dockerbuild.json.Json.writeBytes(CiOutputs.imageJson(record), io.github.dockerbuild.json.Json.Style.PRETTY));
    StringBuilder wrote = new StringBuilder(dir.resolve(JSON_FILE).toString());
    if (digest != null) {
      wrote.append(", ").append(DIGEST_FILE);
    }
    if ("true".equals(env.get("GITHUB_ACTIONS"))) {
      Map<String, String> outputs = CiOutputs.outputs(record);
      Map<String, String> all = new LinkedHashMap<>(outputs);
      outputs.forEach((name, value) -> all.put(artifactId + "-" + name, value));
      synchronized (CiOutputFiles.class) {
        if (append(env.get("GITHUB_OUTPUT"), CiOutputs.githubOutput(all))) {
          wrote.append(", the step outputs");
        }
        if (append(env.get("GITHUB_STEP_SUMMARY"), CiOutputs.summary(record))) {
          wrote.append(", the job summary");
        }
      }
    }
    log.accept("image " + (record.metadata() == null ? artifactId : record.metadata().image()) + ": CI outputs in "
        + wrote);
  }

  private static boolean append(String file, String text) throws IOException {
    if (file == null || file.isBlank()) {
      return false;
    }
    Files.writeString(Path.of(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return true;
  }
}
