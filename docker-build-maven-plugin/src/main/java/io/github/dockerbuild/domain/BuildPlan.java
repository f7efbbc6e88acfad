package io.github.dockerbuild.domain;

import java.util.List;

/**
 * What one run of the plugin does for one image module, made and checked as a whole by the first
 * goal of the run and then only executed: the goals in the order they run (or why they are
 * skipped), the metadata, and each stage's resolved part. The record and the report read it; a
 * dry run prints it.
 *
 * @param module the Maven module, {@code groupId:artifactId}
 * @param image the multi-arch repository
 * @param metadata version, tags, mode, build args and labels as computed once
 * @param goals this plugin's goals of the run, in order
 * @param verify what verify checks; null when it does not run
 * @param build the resolved build, per platform; null when no goal of the run builds
 * @param publish what publish will do; null when it does not run
 * @param sign what sign will do; null when it does not run
 */
public record BuildPlan(
    String module,
    String image,
    BuildMetadata metadata,
    List<PlannedGoal> goals,
    VerifyPlan verify,
    ImagePlan build,
    PublishPlan publish,
    SignPlan sign) {

  public BuildPlan {
    goals = List.copyOf(goals);
  }

  /** True when the goal runs in this plan (in any execution). */
  public boolean runs(String goal) {
    return goals.stream().anyMatch(g -> g.goal().equals(goal) && g.runs());
  }
}
